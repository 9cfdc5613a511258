"""KPI query benchmark: mpm's `query()` against hand-written DuckDB SQL and pandas, side by side.

    python bench/kpi_bench.py                     # 10,000,000 rows a table, 5 repeats, print
    python bench/kpi_bench.py --write             # ... and update docs/benchmarks.md (`make bench`)
    python bench/kpi_bench.py --large             # ... and mpm against SQL at 50,000,000 rows
    python bench/kpi_bench.py --rows 200000 --repeats 1     # smoke test

The query: spend, clicks, CTR, CPC and ROAS (order revenue / ad spend, a cross-table KPI) by
month × channel over two years of generated `ad_performance`, `web_traffic` and `orders` rows
(`--rows` each). The data is generated once with DuckDB into bench/.data/kpi_<rows>/ (git-ignored):
one Parquet file a table, and a warehouse with mpm's schema loaded from them. Per repeat, in an
order that rotates:

  SQL      the fastest DuckDB SQL we could write for the same result (aggregate each table by
           day, then month × channel, full join, divide), on the warehouse's canonical views
  mpm      `mpm.metrics.query("spend,clicks,ctr,cpc,roas", by="channel", grain="month")` on an
           Ibis backend over the same warehouse
  pandas   what an analyst would write: read the Parquet files, groupby, merge, divide

Every run is a fresh child process with the files in the page cache. Seconds are timed inside
the child around the work: opening the warehouse and the query into a pandas DataFrame for SQL
and mpm, reading the Parquet files and computing for pandas; interpreter start-up and imports
are excluded. SQL and mpm also time a second query in the same process (DuckDB's buffers warm,
mpm's lazy set-up done). Peak RSS is the high-water mark of the child's own memory (VmHWM: a
child's `ru_maxrss` starts at its parent's peak, several GB after generating the data here).
The three results must be equal to 1e-9 (relative) or the benchmark fails. Children import mpm
from a snapshot of src/ taken at start.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from ingest_bench import (
    BUSY_MACHINE,
    children_cpu,
    cpu_busy,
    machine,
    snapshot_src,
    verdict,
    wait_for_idle,
    warm_cache,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## KPI queries"
BEGIN = "<!-- written by bench/kpi_bench.py --write: begin -->"
END = "<!-- written by bench/kpi_bench.py --write: end -->"

# targets from the issue
MAX_SQL_RATIO = 1.3  # mpm / hand-written SQL
MIN_PANDAS_RATIO = 5.0  # pandas / mpm
REL_TOL = 1e-9

DAYS = 730  # 2023-01-01 .. 2024-12-30
CAMPAIGNS = 300
KPIS = "spend,clicks,ctr,cpc,roas"
COLUMNS = ["period", "channel", "spend", "clicks", "ctr", "cpc", "roas"]


# ---------------------------------------------------------------------------------------------
# data


def sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v + "'" for v in values) + "]"


PAID = ["Paid Search", "Paid Social", "Display", "Video", "Cross-network", "Paid Shopping"]
PAID += ["Affiliates", "Paid Search"]  # eight campaign types, search twice as common
ALL = [*dict.fromkeys(PAID), "Organic Search", "Organic Social", "Email", "Referral", "Direct"]
PLATFORMS = ["google_ads", "meta_ads", "google_ads", "google_ads", "google_ads", "google_ads"]
PLATFORMS += ["other", "microsoft_ads"]  # by campaign type, like PAID


# two independent pseudo-random numbers ≥ 0 per row number i
HASHES = "CAST(hash(i) >> 1 AS BIGINT) AS h1, CAST(hash(i + 1000000007) >> 1 AS BIGINT) AS h2"


def generate_sql(rows: int, folder: Path) -> list[str]:
    """COPY statements writing the three tables as Parquet, `rows` rows each, ordered by day.

    Values are pseudo-random (hashes of the row number) but fixed. Campaigns decide platform and
    channel of ad rows; 1.3% of campaigns have no channel, 5% spend in EUR (`spend_base` is then
    the amount in USD, otherwise empty as in the warehouse). Orders come from 12 channels, 2%
    without one, so the ROAS join has keys on one side only. Money is DOUBLE in the files, the
    type an analyst's pandas works with (DECIMAL would become Python objects).
    """
    per_day = -(-rows // DAYS)
    return [
        f"""
COPY (
  WITH k AS (
    SELECT i // {per_day} AS d, (i % {per_day}) % {CAMPAIGNS} AS c,
           (i % {per_day}) // {CAMPAIGNS} AS slot, {HASHES}
    FROM range({rows}) r(i)
  ), m AS (
    SELECT *, CAST(h1 % 20000 AS BIGINT) AS imp, (h2 % 800) / 10000.0 AS rate,
           0.2 + (h2 // 800 % 300) / 100.0 AS cpc, c % 20 = 7 AS eur
    FROM k
  ), n AS (
    SELECT *, CAST(floor(imp * rate) AS BIGINT) AS clk FROM m
  )
  SELECT DATE '2023-01-01' + CAST(d AS INTEGER) AS date,
         {sql_list(PLATFORMS)}[1 + c % 8] AS platform,
         printf('acct-%02d', c % 30) AS account,
         CASE WHEN c % 97 <> 0 THEN {sql_list(PAID)}[1 + c % 8] END AS channel,
         CAST(20000000000 + c * 7919 AS VARCHAR) AS campaign_id,
         printf('Campaign %03d', c) AS campaign,
         printf('AG %02d', slot // 5 + 1) AS ad_group,
         printf('Ad %d', slot % 5 + 1) AS ad,
         CASE WHEN eur THEN 'EUR' ELSE 'USD' END AS currency,
         round(clk * cpc, 2) AS spend,
         CASE WHEN eur THEN round(clk * cpc * 1.08, 2) END AS spend_base,
         imp AS impressions,
         clk AS clicks,
         round(clk * (h1 // 20000 % 100) / 1000.0, 2) AS conversions,
         round(clk * (h1 // 20000 % 100) / 1000.0 * (20 + h2 // 240000 % 180), 2)
           AS conversion_value,
         CASE WHEN eur THEN round(clk * (h1 // 20000 % 100) / 1000.0
                                  * (20 + h2 // 240000 % 180) * 1.08, 2) END
           AS conversion_value_base
  FROM n
) TO '{folder / "ad_performance.parquet"}' (FORMAT parquet)
""",
        f"""
COPY (
  WITH k AS (
    SELECT i // {per_day} AS d, i % {per_day} AS slot, {HASHES}
    FROM range({rows}) r(i)
  ), m AS (
    SELECT *, CAST(1 + h1 % 400 AS BIGINT) AS sessions, slot % {len(ALL) + 1} AS ch FROM k
  )
  SELECT DATE '2023-01-01' + CAST(d AS INTEGER) AS date,
         CASE WHEN ch < {len(ALL)} THEN {sql_list(ALL)}[1 + ch] END AS channel,
         {sql_list(["google", "facebook", "bing", "newsletter", "(direct)", "partner"])}
           [1 + slot // 13 % 6] AS source,
         {sql_list(["cpc", "paid_social", "email", "organic", "(none)", "referral"])}
           [1 + slot // 13 % 6] AS medium,
         printf('Campaign %03d', slot // 78 % {CAMPAIGNS}) AS campaign,
         printf('/page/%d', h2 % 500) AS landing_page,
         {sql_list(["desktop", "mobile", "tablet"])}[1 + h2 // 500 % 3] AS device,
         {sql_list(["US", "UK", "DE", "FR", "CA", "AU"])}[1 + h2 // 1500 % 6] AS country,
         sessions,
         CAST(sessions * 0.85 AS BIGINT) AS users,
         CAST(sessions * 0.4 AS BIGINT) AS new_users,
         CAST(sessions * 0.6 AS BIGINT) AS engaged_sessions,
         sessions - CAST(sessions * 0.6 AS BIGINT) AS bounces,
         sessions * (1 + h2 // 9000 % 5) AS pageviews,
         sessions * (10 + h2 // 45000 % 200) * 1.0 AS engagement_seconds,
         round(sessions * (h1 // 400 % 50) / 1000.0, 2) AS conversions
  FROM m
) TO '{folder / "web_traffic.parquet"}' (FORMAT parquet)
""",
        f"""
COPY (
  WITH k AS (
    SELECT i, {HASHES} FROM range({rows}) r(i)
  )
  SELECT printf('O%010d', i) AS order_id,
         printf('C%09d', h1 % {max(1, rows // 3)}) AS customer_id,
         TIMESTAMP '2023-01-01' + to_seconds(i * {DAYS * 86400} // {rows} + h2 % 60) AS ordered_at,
         CASE WHEN h2 % 20 = 3 THEN 'EUR' ELSE 'USD' END AS currency,
         round(15 + (h1 // 1000 % 30000) / 100.0, 2) AS revenue,
         CASE WHEN h2 % 20 = 3 THEN round((15 + (h1 // 1000 % 30000) / 100.0) * 1.08, 2) END
           AS revenue_base,
         CASE WHEN h2 // 20 % 50 <> 0 THEN {sql_list(ALL)}[1 + h2 // 1000 % {len(ALL)}] END
           AS channel,
         printf('Campaign %03d', h2 // 7 % {CAMPAIGNS}) AS campaign,
         h1 % 3 = 0 AS is_first_order
  FROM k
) TO '{folder / "orders.parquet"}' (FORMAT parquet)
""",
    ]


LOAD = {  # the columns each table takes from its file; the rest stay NULL
    "ad_performance": "date, platform, account, channel, campaign_id, campaign, ad_group, ad, "
    "currency, spend, spend_base, impressions, clicks, conversions, conversion_value, "
    "conversion_value_base",
    "web_traffic": "date, channel, source, medium, campaign, landing_page, device, country, "
    "sessions, users, new_users, engaged_sessions, bounces, pageviews, engagement_seconds, "
    "conversions",
    "orders": "order_id, customer_id, ordered_at, currency, revenue, revenue_base, channel, "
    "campaign, is_first_order",
}


def build(rows: int, folder: Path) -> None:
    """The Parquet files, then a warehouse with mpm's schema loaded from them."""
    from mpm.warehouse.schema import all_ddl

    con = duckdb.connect(str(folder / "warehouse.duckdb"))
    try:
        con.execute("SET enable_progress_bar = false")
        for statement in generate_sql(rows, folder):
            con.execute(statement)
        for statement in all_ddl():
            con.execute(statement)
        for table, columns in LOAD.items():
            con.execute(
                f"INSERT INTO _rows_{table} ({columns}, _source, _load_id) "
                f"SELECT {columns}, 'kpi_bench', 1 "
                f"FROM read_parquet('{folder / (table + '.parquet')}')"
            )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def dataset(rows: int) -> Path:
    """bench/.data/kpi_<rows>/: the three Parquet files and warehouse.duckdb; made once."""
    folder = DATA / f"kpi_{rows}"
    if folder.exists():
        return folder
    partial = DATA / f"kpi_{rows}.{os.getpid()}.partial"
    partial.mkdir(parents=True)
    started = time.perf_counter()
    try:
        build(rows, partial)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(folder)
    size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
    print(
        f"generated {folder.name}: {rows:,} rows a table, {size:,.0f} MB in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return folder


# ---------------------------------------------------------------------------------------------
# measured children: each prints one JSON line with its timings and its result rows

# The fastest SQL we found for the result (10M rows, DuckDB 1.5, several variants timed): each
# table is summed by day and raw channel first, so the per-row work is a plain hash aggregate;
# months and '(none)' are computed on the few thousand daily rows, and the join sees a few
# hundred. Exact DECIMAL sums were faster than summing DOUBLE casts.
SQL = """
WITH ads AS (
  SELECT date_trunc('month', date) AS period, coalesce(channel, '(none)') AS channel,
         sum(spend) AS spend, sum(clicks) AS clicks, sum(impressions) AS impressions
  FROM (
    SELECT date, channel, sum(spend_base) AS spend, sum(clicks) AS clicks,
           sum(impressions) AS impressions
    FROM ad_performance
    GROUP BY ALL
  )
  GROUP BY ALL
), revenue AS (
  SELECT date_trunc('month', day) AS period, coalesce(channel, '(none)') AS channel,
         sum(revenue) AS revenue
  FROM (
    SELECT CAST(ordered_at AS DATE) AS day, channel, sum(revenue_base) AS revenue
    FROM orders
    GROUP BY ALL
  )
  GROUP BY ALL
)
SELECT CAST(period AS DATE) AS period, channel,
       CAST(coalesce(spend, 0) AS DOUBLE) AS spend,
       CAST(coalesce(clicks, 0) AS DOUBLE) AS clicks,
       clicks / nullif(impressions, 0) AS ctr,
       CAST(spend AS DOUBLE) / nullif(clicks, 0) AS cpc,
       CAST(coalesce(revenue, 0) AS DOUBLE) / nullif(CAST(spend AS DOUBLE), 0) AS roas
FROM ads FULL JOIN revenue USING (period, channel)
ORDER BY period, channel
"""

PRELUDE = r"""
import json, sys, time
from datetime import date
from pathlib import Path

def status_kb(name):  # VmRSS now, VmHWM peak, of this process's own memory
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(name + ":"))

def report(frame, seconds, cpu, **extra):
    # not ru_maxrss: Linux starts a child's at its parent's peak RSS when it is spawned
    maxrss = status_kb("VmHWM")
    rows = []
    for row in frame[["period", "channel", "spend", "clicks", "ctr", "cpc", "roas"]].itertuples(
        index=False
    ):
        period = row[0].to_timestamp() if hasattr(row[0], "to_timestamp") else row[0]
        period = date(period.year, period.month, period.day).isoformat()
        values = [float("nan") if v is None or v != v else float(v) for v in row[2:]]
        rows.append([period, str(row[1]), *values])
    print(json.dumps({"seconds": seconds, "cpu": cpu, "maxrss_kb": maxrss,
                      "period_type": type(frame["period"].iloc[0]).__name__,
                      "rows": sorted(rows), **extra}))
"""

SQL_CHILD = (
    PRELUDE
    + r"""
import duckdb, pandas
db, sql = sys.argv[1], sys.argv[2]
start_rss = status_kb("VmRSS")
start, cpu = time.perf_counter(), time.process_time()
con = duckdb.connect(db, read_only=True)
frame = con.execute(sql).df()
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
again = time.perf_counter()
con.execute(sql).df()
again = time.perf_counter() - again
report(frame, seconds, cpu, again=again, start_rss_kb=start_rss)
"""
)

MPM_CHILD = (
    PRELUDE
    + r"""
import duckdb, ibis, mpm
import ibis.backends.duckdb  # what `ibis.duckdb` would import on first use
from mpm.config import Settings
from mpm.metrics import query
db, home, kpis = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
settings = Settings(home=home)
start_rss = status_kb("VmRSS")
start, cpu = time.perf_counter(), time.process_time()
con = duckdb.connect(db, read_only=True)
backend = ibis.duckdb.from_connection(con)
frame = query(kpis, by="channel", grain="month", backend=backend, settings=settings)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
again = time.perf_counter()
query(kpis, by="channel", grain="month", backend=backend, settings=settings)
again = time.perf_counter() - again
report(frame, seconds, cpu, again=again, start_rss_kb=start_rss, mpm=mpm.__file__)
"""
)

PANDAS_CHILD = (
    PRELUDE
    + r"""
import numpy as np
import pandas as pd
folder = Path(sys.argv[1])
start_rss = status_kb("VmRSS")
start, cpu = time.perf_counter(), time.process_time()

ads = pd.read_parquet(
    folder / "ad_performance.parquet",
    columns=["date", "channel", "spend", "spend_base", "impressions", "clicks"],
)
ads["period"] = pd.to_datetime(ads["date"]).dt.to_period("M")
ads["channel"] = ads["channel"].fillna("(none)")
ads["spend"] = ads["spend_base"].fillna(ads["spend"])  # amounts in USD
ads = ads.groupby(["period", "channel"])[["spend", "clicks", "impressions"]].sum()

orders = pd.read_parquet(
    folder / "orders.parquet", columns=["ordered_at", "channel", "revenue", "revenue_base"]
)
orders["period"] = orders["ordered_at"].dt.to_period("M")
orders["channel"] = orders["channel"].fillna("(none)")
orders["revenue"] = orders["revenue_base"].fillna(orders["revenue"])
orders = orders.groupby(["period", "channel"])[["revenue"]].sum()

df = ads.merge(orders, on=["period", "channel"], how="outer").fillna(0).reset_index()
df["ctr"] = df["clicks"] / df["impressions"].replace(0, np.nan)
df["cpc"] = df["spend"] / df["clicks"].replace(0, np.nan)
df["roas"] = df["revenue"] / df["spend"].replace(0, np.nan)

seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
report(df, seconds, cpu, start_rss_kb=start_rss)
"""
)


@dataclass
class Run:
    seconds: float  # measured inside the child around the work
    cpu: float  # CPU seconds of the child (all threads) while `seconds` ran
    rss_mb: float  # peak resident memory of the child
    start_rss_mb: float  # resident memory before the work (interpreter and imports)
    again: float | None  # a second query in the same process
    other: float  # CPU used by other processes meanwhile, in cores
    info: dict


SRC: Path | None = None  # set by main(): the snapshot children import mpm from
IDLE_WAIT = 0.0  # set by main(): seconds to wait for a quiet machine before each run


def run_child(code: str, *args: str) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MPM_")}
    if SRC is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    if IDLE_WAIT > 0:
        wait_for_idle(IDLE_WAIT)
    busy, own = cpu_busy(), children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    wall = time.perf_counter() - started
    other = max(0.0, (cpu_busy() - busy - (children_cpu() - own)) / wall)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"benchmark child failed with exit code {proc.returncode}")
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    if SRC is not None and "mpm" in info:
        assert info["mpm"].startswith(str(SRC)), f"child imported mpm from {info['mpm']}"
    return Run(
        info["seconds"],
        info["cpu"],
        info["maxrss_kb"] / 1024,
        info["start_rss_kb"] / 1024,
        info.get("again"),
        other,
        info,
    )


# ---------------------------------------------------------------------------------------------
# the side-by-side measurement


@dataclass
class Series:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def again(self) -> float | None:
        times = [r.again for r in self.runs if r.again is not None]
        return statistics.median(times) if times else None

    @property
    def rss(self) -> float:
        return max(r.rss_mb for r in self.runs)

    @property
    def start_rss(self) -> float:
        return max(r.start_rss_mb for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def other(self) -> float:
        return max(r.other for r in self.runs)


def check_equal(expected: Run, name: str, got: Run) -> None:
    """The same keys and the same values to REL_TOL (NaN where the other has NaN)."""
    a, b = expected.info["rows"], got.info["rows"]
    assert [r[:2] for r in a] == [r[:2] for r in b], f"{name}: other (period, channel) keys"
    for ra, rb in zip(a, b, strict=True):
        for column, x, y in zip(COLUMNS[2:], ra[2:], rb[2:], strict=True):
            same = (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, rel_tol=REL_TOL)
            assert same, f"{name}: {column} at {ra[:2]} is {y!r}, SQL gives {x!r}"


def measure(
    folder: Path, repeats: int, with_pandas: bool, home: Path
) -> tuple[Series, Series, Series | None]:
    db = str(folder / "warehouse.duckdb")
    sql, mpm = Series("DuckDB SQL"), Series("mpm `query()`")
    pandas = Series("pandas") if with_pandas else None
    for f in folder.iterdir():
        warm_cache(f)
    # untimed: bytecode compiled, mpm's app state created in `home`
    run_child(SQL_CHILD, db, SQL)
    run_child(MPM_CHILD, db, str(home), KPIS)
    steps = [
        (sql, lambda: run_child(SQL_CHILD, db, SQL)),
        (mpm, lambda: run_child(MPM_CHILD, db, str(home), KPIS)),
    ]
    if pandas is not None:
        steps.append((pandas, lambda: run_child(PANDAS_CHILD, str(folder))))
    for repeat in range(repeats):
        # rotate the order, so no variant always runs first or after the same one
        shift = repeat % len(steps)
        for series, step in steps[shift:] + steps[:shift]:
            series.runs.append(step())
        check_equal(sql.runs[-1], "mpm", mpm.runs[-1])
        assert mpm.runs[-1].info["period_type"] == "date", mpm.runs[-1].info["period_type"]
        if pandas is not None:
            check_equal(sql.runs[-1], "pandas", pandas.runs[-1])
        done = [s for s in (sql, mpm, pandas) if s is not None]
        print(
            f"{folder.name} repeat {repeat + 1}/{repeats}: "
            + ", ".join(
                f"{s.name} {s.runs[-1].seconds:.2f}s ({s.runs[-1].rss_mb:,.0f} MB)" for s in done
            )
            + f"; other load up to {max(s.runs[-1].other for s in done):.2f} cores",
            file=sys.stderr,
        )
    return sql, mpm, pandas


# ---------------------------------------------------------------------------------------------
# reporting


def variants_table(series: list[Series]) -> list[str]:
    lines = [
        "| variant | min s | median s | 2nd query in process (median s) | CPU s (median) "
        "| peak RSS MB | RSS before the work MB | other load (max) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in series:
        again = f"{s.again:.2f}" if s.again is not None else "–"
        lines.append(
            f"| {s.name} | {s.best:.2f} | {s.median:.2f} | {again} | {s.cpu:.1f} | "
            f"{s.rss:,.0f} | {s.start_rss:,.0f} | {s.other:.2f} |"
        )
    return lines


def sql_target(rows: int, sql: Series, mpm: Series) -> str:
    ratio, best = mpm.median / sql.median, mpm.best / sql.best
    return (
        f"| {rows:,} rows: mpm ≤ {MAX_SQL_RATIO:g}× DuckDB SQL | {ratio:.2f}×; {best:.2f}× "
        f"| {verdict(ratio <= MAX_SQL_RATIO)} |"
    )


def results_markdown(
    rows: int,
    repeats: int,
    main: tuple[Series, Series, Series | None],
    large: tuple[int, Series, Series] | None,
    src_hash: str,
) -> str:
    sql, mpm, pandas = main
    assert pandas is not None
    groups = len(sql.runs[0].info["rows"])
    lines = [
        f"Generated `ad_performance`, `web_traffic` and `orders` tables, {rows:,} rows each "
        f"over two years, {CAMPAIGNS} campaigns; {repeats} repeat{'s' if repeats != 1 else ''} "
        "of each variant, alternated in one session, every run a fresh process with the files "
        "in the page cache. The query: `spend,clicks,ctr,cpc,roas` by month × channel "
        f"({groups} rows; ROAS is order revenue over ad spend). *DuckDB SQL* is the fastest "
        "hand-written SQL for the same result on the same warehouse; *pandas* reads the "
        "Parquet files and groups, merges and divides. Seconds are timed inside the process "
        "around the work (connect and query into a DataFrame; for pandas, reading included), "
        "interpreter start-up and imports excluded; *2nd query* repeats it in the same "
        "process. *Peak RSS* is the process's high-water mark (VmHWM). *Other load* is the "
        "CPU other processes used meanwhile (cores; above "
        f"{BUSY_MACHINE:g} the times are inflated by a busy machine).",
        "",
        *variants_table([sql, mpm, pandas]),
        "",
        "| target | measured (median; min/min) | |",
        "|---|---:|---|",
        sql_target(rows, sql, mpm),
        f"| {rows:,} rows: pandas ≥ {MIN_PANDAS_RATIO:g}× mpm | "
        f"{pandas.median / mpm.median:.1f}×; {pandas.best / mpm.best:.1f}× "
        f"| {verdict(pandas.median / mpm.median >= MIN_PANDAS_RATIO)} |",
    ]
    if large is not None:
        large_rows, large_sql, large_mpm = large
        lines.append(sql_target(large_rows, large_sql, large_mpm))
    lines += [
        "| results equal (1e-9 relative) | SQL = mpm = pandas"
        + (f"; SQL = mpm at {large[0]:,} rows" if large else "")
        + " | ✅ asserted |",
        "",
    ]
    if large is not None:
        large_rows, large_sql, large_mpm = large
        lines += [
            f"At {large_rows:,} rows a table (mpm against SQL only, "
            f"{len(large_sql.runs)} repeat{'s' if len(large_sql.runs) != 1 else ''}):",
            "",
            *variants_table([large_sql, large_mpm]),
            "",
        ]
    every = [sql, mpm, pandas, *(large[1:] if large else ())]
    busiest = max(s.other for s in every)
    if busiest >= BUSY_MACHINE:
        lines += [
            f"⚠️ Other processes used up to {busiest:.2f} cores during some runs: those times "
            "are inflated, the min column is the least disturbed.",
            "",
        ]
    lines += ["The SQL:", "", "```sql", SQL.strip(), "```", "", "Machine:", ""]
    lines += [f"- {k}: {v}" for k, v in machine(src_hash).items()]
    lines.append("")
    return "\n".join(lines)


def write_docs(body: str) -> None:
    """Replace what is between our markers in docs/benchmarks.md, or add the section."""
    text = DOCS.read_text(encoding="utf-8")
    block = f"{BEGIN}\n\n{body.strip()}\n\n{END}"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{block}\n"
    DOCS.write_text(text, encoding="utf-8")
    print(f"updated {DOCS.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of each table")
    parser.add_argument("--repeats", type=int, default=5, help="measured repeats of each run")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument(
        "--large", action="store_true", help="also compare mpm with SQL at --large-rows"
    )
    parser.add_argument("--large-rows", type=int, default=50_000_000, help=argparse.SUPPRESS)
    parser.add_argument(
        "--idle-wait",
        type=float,
        default=60.0,
        help="before each run, wait up to this many seconds for other processes "
        f"to use < {BUSY_MACHINE:g} cores (0: don't wait)",
    )
    parser.add_argument("--clean", action="store_true", help="delete bench/.data/kpi_* and exit")
    args = parser.parse_args(argv)
    if args.clean:
        for folder in DATA.glob("kpi_*"):
            shutil.rmtree(folder, ignore_errors=True)
        return 0
    global SRC, IDLE_WAIT
    IDLE_WAIT = args.idle_wait
    SRC, src_hash = snapshot_src()
    print(f"measuring src/ as of now (content hash {src_hash})", file=sys.stderr)
    sys.path.insert(0, str(SRC))  # dataset() takes the warehouse DDL from the snapshot
    work = DATA / "runs"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        home = Path(tmp) / "home"
        main = measure(dataset(args.rows), args.repeats, True, home)
        large = None
        if args.large:
            large_sql, large_mpm, _ = measure(dataset(args.large_rows), args.repeats, False, home)
            large = (args.large_rows, large_sql, large_mpm)
    body = results_markdown(args.rows, args.repeats, main, large, src_hash)
    print(f"{SECTION}\n\n{body}")
    if args.write:
        write_docs(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
