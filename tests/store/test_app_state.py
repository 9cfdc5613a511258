"""App state: migrations, workspace settings and load history on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from mpm.config import Settings
from mpm.errors import UserError
from mpm.ingest import IngestOptions, ingest_file, list_loads, revert_load
from mpm.store import ensure_workspace, list_workspaces, session_scope, update_workspace
from mpm.store.db import engine_for

POSTGRES = os.environ.get("MPM_TEST_POSTGRES_URL")
PLAN_TABLES = {
    "workspaces",
    "loads",
    "objectives",
    "objective_reviews",
    "decisions",
    "budget_lines",
    "reallocations",
    "campaign_plans",
    "activities",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def app_settings(request: pytest.FixtureRequest, home: Path) -> Iterator[Settings]:
    if request.param == "sqlite":
        yield Settings(home=home)
        return
    if not POSTGRES:
        pytest.skip("MPM_TEST_POSTGRES_URL is not set (make test starts a server when it can)")
    name = f"mpm_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES.replace("/postgres?", f"/{name}?")
    yield Settings(home=home, database_url=url)
    engine_for(url).dispose()
    with admin.connect() as con:
        con.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_create_the_app_tables(app_settings: Settings) -> None:
    engine = engine_for(app_settings.app_database_url)
    tables = set(inspect(engine).get_table_names())
    assert PLAN_TABLES | {"alembic_version"} <= tables


def test_migrations_go_down_and_up_again(app_settings: Settings) -> None:
    from alembic import command

    from mpm.store.db import alembic_config

    engine = engine_for(app_settings.app_database_url)
    config = alembic_config(engine)
    command.downgrade(config, "0002")
    assert "decisions" not in set(inspect(engine).get_table_names())
    assert "phasing" not in {c["name"] for c in inspect(engine).get_columns("objectives")}
    command.downgrade(config, "0001")
    assert "objectives" not in set(inspect(engine).get_table_names())
    command.downgrade(config, "base")
    assert "workspaces" not in set(inspect(engine).get_table_names())
    command.upgrade(config, "head")
    assert set(inspect(engine).get_table_names()) >= PLAN_TABLES


def test_workspace_settings_are_kept_and_checked(app_settings: Settings) -> None:
    url = app_settings.app_database_url
    with session_scope(url) as session:
        ws = ensure_workspace(session, "client-a")
        assert (ws.base_currency, ws.timezone, ws.fiscal_year_start_month, ws.week_start) == (
            "USD",
            "UTC",
            1,
            "monday",
        )
        update_workspace(
            session,
            "client-a",
            base_currency="eur",
            timezone="Europe/Berlin",
            fiscal_year_start_month=4,
            week_start="Sunday",
        )
    with session_scope(url) as session:
        [ws] = list_workspaces(session)
        assert (ws.base_currency, ws.timezone, ws.fiscal_year_start_month, ws.week_start) == (
            "EUR",
            "Europe/Berlin",
            4,
            "sunday",
        )
        for bad in (
            {"base_currency": "EURO"},
            {"timezone": "Mars/Olympus"},
            {"fiscal_year_start_month": 13},
            {"week_start": "funday"},
        ):
            with pytest.raises(UserError):
                update_workspace(session, "client-a", **bad)  # type: ignore[arg-type]
        with pytest.raises(UserError, match="invalid workspace name"):
            ensure_workspace(session, "../etc")


def test_load_history_and_revert_work_on_the_app_database(
    app_settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "ads.csv"
    path.write_text("date,platform,campaign,spend\n2025-09-01,google_ads,A,1.5\n")
    first = ingest_file(path, options=IngestOptions(table="ad_performance"), settings=app_settings)
    second = ingest_file(path, options=IngestOptions(table="ad_performance"), settings=app_settings)
    revert_load(second.load_id, settings=app_settings)
    loads = list_loads(settings=app_settings)
    assert [(i.load_id, i.status) for i in loads] == [
        (second.load_id, "reverted"),
        (first.load_id, "committed"),
    ]
    assert loads[1].rows_inserted == 1 and loads[1].min_date == "2025-09-01"


def test_the_migrations_build_exactly_the_tables_the_models_describe(
    app_settings: Settings,
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from mpm.store.models import Base

    engine = engine_for(app_settings.app_database_url)
    with engine.connect() as con:
        differences = compare_metadata(MigrationContext.configure(con), Base.metadata)
    assert differences == []
