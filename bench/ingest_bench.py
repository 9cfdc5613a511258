"""Import benchmark: mpm's CSV import against DuckDB's bare `read_csv`, side by side.

    python bench/ingest_bench.py                 # 5,000,000 rows, 3 repeats, print results
    python bench/ingest_bench.py --write         # ... and update docs/benchmarks.md (`make bench`)
    python bench/ingest_bench.py --rows 50000 --repeats 1     # smoke test
    python bench/ingest_bench.py --profile       # where the time goes inside one mpm import
    python bench/ingest_bench.py --profile --write   # ... and update its section of the docs

The generated file is cached in bench/.data/ (git-ignored). Every measured run is a fresh child
process, so its peak RSS (`ru_maxrss` of that process) belongs to that run alone. Per repeat:

  baseline   fresh DuckDB file, CREATE TABLE t AS SELECT * FROM read_csv(file)  (auto-detect)
  first      `ingest_file` into a fresh MPM_HOME (validation included)
  re-import  the same file again into that home; the row count must not change

Seconds are measured inside the child around the work itself (DuckDB connect + CREATE for the
baseline, the `ingest_file` call for mpm), so interpreter start-up and imports are excluded on
both sides. The CPU time of that span, and the CPU other processes used meanwhile (a shared
machine skews times), are reported too. Children import mpm from a snapshot of src/ taken at
start, so edits made while the benchmark runs do not mix into one session.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Import"

# targets from the issue
MIN_ROWS_PER_S = 500_000
MAX_BASELINE_RATIO = 3.0
MAX_REIMPORT_RATIO = 1.5
MAX_RSS_MB = 2048

DAYS = 730  # ~2 years of daily rows
CAMPAIGNS = 300
WARMUP_ROWS = 20_000


# ---------------------------------------------------------------------------------------------
# data


def generate_sql(rows: int, target: Path) -> str:
    """A COPY statement writing `rows` realistic ad_performance rows with canonical headers.

    Rows are ordered by day like a real export. Within a day, the slot number decides campaign,
    ad group and ad, so the natural key (date, platform, account, campaign_id, campaign, ad_group,
    ad) is unique; platform and account (30 accounts, each on one platform) follow the campaign.
    """
    per_day = max(1, -(-rows // DAYS))
    platforms = [
        "google_ads",
        "google_ads",
        "google_ads",
        "google_ads",
        "meta_ads",
        "meta_ads",
        "meta_ads",
        "microsoft_ads",
        "linkedin_ads",
        "tiktok_ads",
    ]
    themes = [
        "Brand",
        "Generic",
        "Competitor",
        "Retargeting",
        "Prospecting",
        "Shopping",
        "Video",
        "Display",
        "Performance Max",
        "Lead Gen",
    ]
    regions = ["US", "UK", "DE", "FR", "ES", "IT", "NL", "Nordics", "CA", "AU"]
    topics = [
        "shoes",
        "running",
        "trail",
        "kids",
        "sale",
        "new arrivals",
        "outdoor",
        "socks",
        "jackets",
        "accessories",
        "gift ideas",
        "premium",
    ]
    variants = [
        "headline A",
        "headline B",
        "image 1",
        "image 2",
        "video 15s",
        "carousel",
        "responsive",
        "dynamic",
    ]

    def arr(values: list[str]) -> str:
        return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"

    return f"""
COPY (
  WITH k AS (
    SELECT i,
           i // {per_day} AS d,
           (i % {per_day}) % {CAMPAIGNS} AS c,
           (i % {per_day}) // {CAMPAIGNS} AS rest,
           hash(i) AS h1,
           hash(i + 1000000007) AS h2
    FROM range({rows}) r(i)
  ), m AS (
    SELECT *,
           CAST(h1 % 20000 AS BIGINT) AS imp,
           (h2 % 800) / 10000.0 AS ctr,
           0.2 + (h2 // 800 % 300) / 100.0 AS cpc,
           (h1 // 20000 % 100) / 1000.0 AS cvr,
           20 + h2 // 240000 % 180 AS aov
    FROM k
  ), n AS (
    SELECT *, CAST(floor(imp * ctr) AS BIGINT) AS clk FROM m
  )
  SELECT
    DATE '2023-01-01' + CAST(d AS INTEGER) AS date,
    {arr(platforms)}[1 + c % {len(platforms)}] AS platform,
    printf('%03d-%03d-%04d', 100 + c % 10, 200 + c // 10 % 3, 1000 + c % 10 * 7) AS account,
    CAST(20000000000 + c * 7919 AS VARCHAR) AS campaign_id,
    {arr(themes)}[1 + c % {len(themes)}] || ' | ' || {arr(regions)}[1 + c // 10 % {len(regions)}]
      || ' | ' || printf('C%03d', c) AS campaign,
    printf('AG %02d - ', rest // 5 + 1) || {arr(topics)}[1 + (c + rest // 5) % {len(topics)}]
      AS ad_group,
    printf('Ad %d - ', rest % 5 + 1) || {arr(variants)}[1 + (c + rest) % {len(variants)}] AS ad,
    'USD' AS currency,
    CAST(clk * cpc AS DECIMAL(14,2)) AS spend,
    imp AS impressions,
    clk AS clicks,
    round(clk * cvr, 2) AS conversions,
    CAST(round(clk * cvr, 2) * aov AS DECIMAL(14,2)) AS conversion_value
  FROM n
  ORDER BY i
) TO '{target}' (HEADER, DELIMITER ',')
"""


def dataset(rows: int) -> Path:
    """The cached CSV of `rows` rows; generated once."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"ad_performance_{rows}.csv"
    if path.exists():
        return path
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    started = time.perf_counter()
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(generate_sql(rows, partial))
    finally:
        con.close()
    partial.replace(path)
    size = path.stat().st_size / 1e6
    print(
        f"generated {path.name}: {rows:,} rows, {size:,.0f} MB in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return path


def warm_cache(path: Path) -> None:
    """Read the file once so every run starts with it in the page cache."""
    with path.open("rb") as fh:
        while fh.read(16 * 1024 * 1024):
            pass


# ---------------------------------------------------------------------------------------------
# measured children: each prints one JSON line


BASELINE_CHILD = r"""
import json, resource, sys, time
import duckdb
csv, db = sys.argv[1], sys.argv[2]
start, cpu = time.perf_counter(), time.process_time()
con = duckdb.connect(db)
con.execute("CREATE TABLE t AS SELECT * FROM read_csv('" + csv.replace("'", "''") + "')")
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
con.close()
print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": rows,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

MPM_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import duckdb
import mpm
from mpm.config import Settings
from mpm.ingest import IngestOptions, ingest_file, workspace_paths
csv, home = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(home=home)
start, cpu = time.perf_counter(), time.process_time()
report = ingest_file(csv, workspace="default",
                     options=IngestOptions(table="ad_performance", source_name="bench"),
                     settings=settings)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
con = duckdb.connect(str(workspace_paths(settings, "default")[0]), read_only=True)
count = con.execute("SELECT count(*) FROM ad_performance").fetchone()[0]
con.close()
print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": report.rows, "table_rows": count,
                  "inserted": report.inserted, "replaced": report.replaced,
                  "deleted": report.deleted, "maxrss_kb": maxrss, "mpm": mpm.__file__}))
"""


@dataclass
class Run:
    seconds: float  # measured inside the child around the work
    wall: float  # the child process, start to exit
    cpu: float  # CPU seconds of the child (all threads) while `seconds` ran
    rss_mb: float  # peak resident memory of the child
    other: float  # CPU used by other processes meanwhile, in cores (a busy machine skews times)
    info: dict


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
BUSY_MACHINE = 0.25  # cores of other work that make a measurement suspect


def cpu_busy() -> float:
    """CPU seconds spent by the whole machine so far (0 where /proc/stat is missing)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(x) for x in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / CLOCK_TICKS


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_for_idle(limit: float) -> float:
    """Wait (up to `limit` s) until other processes use < BUSY_MACHINE cores; return their load."""
    deadline = time.monotonic() + limit
    while True:
        before, started = cpu_busy(), time.monotonic()
        time.sleep(1.0)
        load = (cpu_busy() - before) / (time.monotonic() - started)
        if load < BUSY_MACHINE or time.monotonic() >= deadline:
            return load


def snapshot_src() -> tuple[Path, str]:
    """A copy of src/ that every run of this session imports (the tree may change meanwhile)."""
    digest = hashlib.blake2b(digest_size=6)
    files = sorted(
        p for p in (ROOT / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    for f in files:
        digest.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    target = DATA / "src" / digest.hexdigest()
    if not target.exists():
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        shutil.copytree(ROOT / "src", partial, ignore=shutil.ignore_patterns("__pycache__"))
        try:
            partial.rename(target)
        except OSError:  # another bench process made the same snapshot meanwhile
            shutil.rmtree(partial, ignore_errors=True)
    os.utime(target)
    for old in target.parent.iterdir():  # snapshots unused for a day
        if old != target and time.time() - old.stat().st_mtime > 86400:
            shutil.rmtree(old, ignore_errors=True)
    return target, digest.hexdigest()


SRC: Path | None = None  # set by main(): the snapshot children import mpm from
IDLE_WAIT = 0.0  # set by main(): seconds to wait for a quiet machine before each run


def run_child(code: str, *args: str, home: Path | None = None) -> Run:
    env = dict(os.environ)
    if SRC is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    # compiled bytecode in a cache of our own: no start-up recompiles, nothing written to src/
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    if home is not None:
        env["MPM_HOME"] = str(home)
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
    return Run(info["seconds"], wall, info["cpu"], info["maxrss_kb"] / 1024, other, info)


# ---------------------------------------------------------------------------------------------
# the side-by-side measurement


def warmup() -> None:
    """One untimed round on a small file: bytecode compiled, caches and memory touched."""
    small = dataset(WARMUP_ROWS)
    work = DATA / "runs"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        run_child(BASELINE_CHILD, str(small), str(Path(tmp) / "baseline.duckdb"))
        for _ in range(2):
            run_child(MPM_CHILD, str(small), str(Path(tmp) / "home"), home=Path(tmp) / "home")


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
    def rss(self) -> float:
        return max(r.rss_mb for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def other(self) -> float:
        return max(r.other for r in self.runs)


def measure(path: Path, rows: int, repeats: int) -> tuple[Series, Series, Series]:
    baseline = Series("DuckDB read_csv")
    first, again = Series("mpm import"), Series("mpm re-import")
    warmup()
    warm_cache(path)
    work = DATA / "runs"
    work.mkdir(parents=True, exist_ok=True)
    for repeat in range(repeats):
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            home = Path(tmp) / "home"

            def do_baseline(tmp: str = tmp) -> None:
                run = run_child(BASELINE_CHILD, str(path), str(Path(tmp) / "baseline.duckdb"))
                assert run.info["rows"] == rows, run.info
                baseline.runs.append(run)

            def do_mpm(home: Path = home) -> None:
                run = run_child(MPM_CHILD, str(path), str(home), home=home)
                assert run.info["rows"] == rows and run.info["table_rows"] == rows, run.info
                first.runs.append(run)
                run = run_child(MPM_CHILD, str(path), str(home), home=home)
                assert run.info["table_rows"] == rows, f"re-import changed the rows: {run.info}"
                assert run.info["replaced"] == rows and run.info["inserted"] == 0, run.info
                again.runs.append(run)

            # alternate which side goes first, so neither always runs on a warmer machine
            steps = [do_baseline, do_mpm] if repeat % 2 == 0 else [do_mpm, do_baseline]
            for step in steps:
                step()
        print(
            f"repeat {repeat + 1}/{repeats}: "
            + ", ".join(
                f"{s.name} {s.runs[-1].seconds:.2f}s (other load {s.runs[-1].other:.2f} cores)"
                for s in (baseline, first, again)
            ),
            file=sys.stderr,
        )
    return baseline, first, again


# ---------------------------------------------------------------------------------------------
# phase profile (instrumentation from outside src/: wrap functions and time every statement)


PROFILE_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import duckdb
import mpm.ingest.service as service
import mpm.warehouse.connection as connection
from mpm.config import Settings
from mpm.ingest import IngestOptions

events = []  # (phase, label, seconds)
phase = ["setup"]

class TimedConnection:
    def __init__(self, con):
        self._con = con
    def execute(self, sql, *args):
        t = time.perf_counter()
        result = self._con.execute(sql, *args)
        events.append((phase[0], " ".join(sql.split())[:110], time.perf_counter() - t))
        return result
    def __getattr__(self, name):
        return getattr(self._con, name)

real_connect = duckdb.connect
class PatchedDuckDB:
    def __getattr__(self, name):
        return getattr(duckdb, name)
    @staticmethod
    def connect(*a, **kw):
        return TimedConnection(real_connect(*a, **kw))
connection.duckdb = PatchedDuckDB()

def timed(name, fn):
    def wrapper(*a, **kw):
        previous, phase[0] = phase[0], name
        t = time.perf_counter()
        try:
            return fn(*a, **kw)
        finally:
            events.append((name, "(total)", time.perf_counter() - t))
            phase[0] = previous
    return wrapper

for name in ("_resolve", "_hash", "load_raw", "install_macros", "_record_start",
             "_record_end", "open_warehouse"):
    setattr(service, name, timed(name, getattr(service, name)))
for module, name in ((service.staging, "plan"), (service.staging, "stage"),
                     (service.loader, "write_direct"), (service.loader, "write")):
    setattr(module, name, timed(name, getattr(module, name)))

csv, home = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(home=home)
t, cpu = time.perf_counter(), time.process_time()
report = service.ingest_file(csv, workspace="default",
                             options=IngestOptions(table="ad_performance", source_name="bench"),
                             settings=settings)
total, cpu = time.perf_counter() - t, time.process_time() - cpu
print(json.dumps({"seconds": total, "cpu": cpu, "events": events,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

PHASES = (
    "_resolve",
    "_hash",
    "open_warehouse",
    "install_macros",
    "load_raw",
    "plan",
    "_record_start",
    "write_direct",
    "stage",
    "write",
    "_record_end",
)


PROFILE_SECTION = "## Import profile"


def profile(path: Path, rows: int, src_hash: str) -> str:
    """Markdown: phases and slowest statements of one import and one re-import."""
    warmup()
    warm_cache(path)
    work = DATA / "runs"
    work.mkdir(parents=True, exist_ok=True)
    out = [
        PROFILE_SECTION,
        "",
        f"`bench/ingest_bench.py --profile`: one import and one re-import of the {rows:,}-row "
        "file, with `ingest_file`'s steps and every DuckDB statement timed from outside (wall "
        f"seconds; src/ content hash {src_hash}, "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}).",
        "",
    ]
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        home = Path(tmp) / "home"
        for label in ("First import", "Re-import"):
            run = run_child(PROFILE_CHILD, str(path), str(home), home=home)
            events = run.info["events"]
            totals = {name: s for name, what, s in events if what == "(total)"}
            out.append(
                f"### {label}: {run.seconds:.2f} s, {rows / run.seconds:,.0f} rows/s, "
                f"CPU {run.cpu:.1f} s, peak RSS {run.rss_mb:,.0f} MB, other load "
                f"{run.other:.2f} cores\n"
            )
            out.append("| step | seconds | share |\n|---|---:|---:|")
            for name in PHASES:
                if name in totals:
                    share = totals[name] / run.seconds
                    out.append(f"| `{name}` | {totals[name]:.2f} | {share:.0%} |")
            out.append("\nSlowest statements (≥ 0.05 s):\n")
            out.append("| step | seconds | statement (start) |\n|---|---:|---|")
            slow = sorted(
                (e for e in events if e[1] != "(total)" and e[2] >= 0.05), key=lambda e: -e[2]
            )
            for name, sql, s in slow[:15]:
                out.append(f"| `{name}` | {s:.2f} | `{sql.replace('|', '¦')}` |")
            out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# reporting


def machine(src_hash: str) -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    commit = "?"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()
        commit += " + uncommitted changes in src/" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "DuckDB": duckdb.__version__,
        "mpm": f"commit {commit}; src/ content hash {src_hash}",
    }


def verdict(ok: bool) -> str:
    return "✅ met" if ok else "❌ missed"


def results_markdown(
    path: Path,
    rows: int,
    repeats: int,
    baseline: Series,
    first: Series,
    again: Series,
    src_hash: str,
) -> str:
    size = path.stat().st_size / 1e6
    rate = rows / first.median
    ratio, best_ratio = first.median / baseline.median, first.best / baseline.best
    reimport, best_reimport = again.median / first.median, again.best / first.best
    rss = max(first.rss, again.rss)
    lines = [
        SECTION,
        "",
        f"Generated `ad_performance` CSV ({rows:,} rows, {size:,.0f} MB, canonical columns), "
        f"{repeats} repeat{'s' if repeats != 1 else ''} of each run, alternated in one session, "
        "every run a fresh process with the file in the page cache. Seconds are timed inside "
        "the process around the work (interpreter start-up excluded on both sides); *CPU s* "
        "is the process's CPU time over all threads in that span; *other load* is the CPU that "
        "other processes used meanwhile (cores; above "
        f"{BUSY_MACHINE:g} the times are inflated by a busy machine).",
        "",
        "| run | min s | median s | rows/s (median) | CPU s (median) | peak RSS MB "
        "| other load (max) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in (baseline, first, again):
        lines.append(
            f"| {s.name} | {s.best:.2f} | {s.median:.2f} | {rows / s.median:,.0f} | "
            f"{s.cpu:.1f} | {s.rss:,.0f} | {s.other:.2f} |"
        )
    lines += [
        "",
        "| target | measured (median; min/min) | |",
        "|---|---:|---|",
        f"| import ≥ {MIN_ROWS_PER_S:,} rows/s | {rate:,.0f} rows/s; "
        f"{rows / first.best:,.0f} | {verdict(rate >= MIN_ROWS_PER_S)} |",
        f"| import ≤ {MAX_BASELINE_RATIO:g}× DuckDB `read_csv` | {ratio:.2f}×; "
        f"{best_ratio:.2f}× | {verdict(ratio <= MAX_BASELINE_RATIO)} |",
        f"| re-import ≤ {MAX_REIMPORT_RATIO:g}× first import | {reimport:.2f}×; "
        f"{best_reimport:.2f}× | {verdict(reimport <= MAX_REIMPORT_RATIO)} |",
        f"| peak memory < {MAX_RSS_MB:,} MB (max RSS, import and re-import) | "
        f"{rss:,.0f} MB | {verdict(rss < MAX_RSS_MB)} |",
        f"| re-import keeps the row count | {rows:,} rows | ✅ asserted |",
        "",
    ]
    busiest = max(s.other for s in (baseline, first, again))
    if busiest >= BUSY_MACHINE:
        lines += [
            f"⚠️ Other processes used up to {busiest:.2f} cores during some runs: those times "
            "are inflated, the min column is the least disturbed.",
            "",
        ]
    lines += ["Machine:", ""]
    lines += [f"- {k}: {v}" for k, v in machine(src_hash).items()]
    lines.append("")
    return "\n".join(lines)


HEADER = """# Benchmarks

Run them with `make bench` (or `.venv/bin/python bench/ingest_bench.py --write`), which
generates the test data once into `bench/.data/` (git-ignored), measures, and rewrites the
sections below with the numbers of this machine. `--rows 50000 --repeats 1` is a quick smoke
test; `--profile` shows where the time of one import goes. See `bench/README.md`.

"""


def write_docs(section: str) -> None:
    """Replace the section (its first line is the heading) in docs/benchmarks.md, or add it."""
    heading = section.split("\n", 1)[0].rstrip()
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else HEADER
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.rstrip() == heading), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        tail = "".join(lines[end:])
        new = "".join(lines[:start]) + section.rstrip("\n") + "\n" + ("\n" + tail if tail else "")
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(new, encoding="utf-8")
    print(f"updated {DOCS.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=5_000_000, help="rows of the generated CSV")
    parser.add_argument("--repeats", type=int, default=3, help="measured repeats of each run")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time the phases and statements of one import and re-import",
    )
    parser.add_argument(
        "--idle-wait",
        type=float,
        default=60.0,
        help="before each run, wait up to this many seconds for other processes "
        f"to use < {BUSY_MACHINE:g} cores (0: don't wait)",
    )
    parser.add_argument("--clean", action="store_true", help="delete bench/.data and exit")
    args = parser.parse_args(argv)
    if args.clean:
        shutil.rmtree(DATA, ignore_errors=True)
        return 0
    global SRC, IDLE_WAIT
    IDLE_WAIT = args.idle_wait
    SRC, src_hash = snapshot_src()
    print(f"measuring src/ as of now (content hash {src_hash})", file=sys.stderr)
    path = dataset(args.rows)
    if args.profile:
        section = profile(path, args.rows, src_hash)
        print(section)
        if args.write:
            write_docs(section)
        return 0
    baseline, first, again = measure(path, args.rows, args.repeats)
    section = results_markdown(path, args.rows, args.repeats, baseline, first, again, src_hash)
    print(section)
    if args.write:
        write_docs(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
