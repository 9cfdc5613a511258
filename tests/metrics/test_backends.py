"""The same KPI queries on Ibis's Polars backend equal DuckDB's (1e-9 relative): the compiler
uses only operations every backend translates (no window functions, no scalar subqueries)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import duckdb
import ibis
import pandas as pd
import pytest

from mpm.config import Settings
from mpm.demo import load_demo
from mpm.metrics import query

TABLES = ("ad_performance", "orders", "costs", "web_traffic", "social_performance", "leads")
QUERIES = [
    ("ctr,cpc,cpm,cpa,spend,conversion_rate", "channel", "month"),
    ("spend,revenue,roas,cac,roi", "channel", "month"),
    ("roas,cac_media,aov", "campaign", None),
    ("sessions,bounce_rate,revenue_per_session", "channel", "week"),
    ("follower_growth,social_engagement_rate", "network", "quarter"),
    ("leads,mqls,lead_to_mql_rate,cpl", None, "month"),
    ("marketing_cost,roi", None, None),
]


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, object]:
    settings = Settings(home=tmp_path_factory.mktemp("home"))
    load_demo(settings, seed=5, days=200, end=date(2026, 6, 30))
    path = settings.workspace_dir("default") / "warehouse.duckdb"
    con = duckdb.connect(str(path), read_only=True)
    polars = ibis.polars.connect()
    for name in TABLES:  # the Polars backend has no MAP type: attributes stay behind
        polars.create_table(name, con.execute(f"SELECT * EXCLUDE (attributes) FROM {name}").arrow())
    con.close()
    return settings, polars


@pytest.mark.parametrize(("kpis", "by", "grain"), QUERIES)
def test_polars_backend_equals_duckdb(
    backends: tuple[Settings, object], kpis: str, by: str | None, grain: str | None
) -> None:
    settings, polars = backends
    on_duckdb = query(kpis, by=by, grain=grain, settings=settings)
    on_polars = query(kpis, by=by, grain=grain, settings=settings, backend=polars)
    assert len(on_duckdb) > 0
    pd.testing.assert_frame_equal(on_polars, on_duckdb, rtol=1e-9, check_dtype=False)


@pytest.fixture(scope="module")
def spark(
    backends: tuple[Settings, object], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    if os.environ.get("MPM_TEST_SPARK") != "1":
        pytest.skip("Spark tests run with MPM_TEST_SPARK=1 (and the `spark` extra installed)")
    pyspark_sql = pytest.importorskip("pyspark.sql", reason="the `spark` extra is not installed")
    settings, _ = backends
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .getOrCreate()
    )
    backend = ibis.pyspark.connect(session)
    con = duckdb.connect(
        str(settings.workspace_dir("default") / "warehouse.duckdb"), read_only=True
    )
    for name in TABLES:
        frame = con.execute(f"SELECT * EXCLUDE (attributes) FROM {name}").df()
        backend.create_table(name, frame, overwrite=True)
    con.close()
    yield backend
    session.stop()


@pytest.mark.spark
@pytest.mark.parametrize(("kpis", "by", "grain"), QUERIES)
def test_pyspark_backend_equals_duckdb(
    backends: tuple[Settings, object], spark: object, kpis: str, by: str | None, grain: str | None
) -> None:
    settings, _ = backends
    on_duckdb = query(kpis, by=by, grain=grain, settings=settings)
    on_spark = query(kpis, by=by, grain=grain, settings=settings, backend=spark)
    pd.testing.assert_frame_equal(on_spark, on_duckdb, rtol=1e-9, check_dtype=False)
