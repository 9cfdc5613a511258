"""Server load test: 20 concurrent clients for 2 minutes on loopback against `mpm serve` with the
demo workspace; latency of KPI queries and objective status through the API, or with `--pages`
of the overview and explore pages (target: p95 under 300 ms, no errors; for pages the server
time, from the `Server-Timing` header, and the page weight of the overview).

    python bench/server_bench.py                    # API: 20 clients, 120 s, print
    python bench/server_bench.py --pages            # web pages
    python bench/server_bench.py --write            # ... and update docs/benchmarks.md
    python bench/server_bench.py --seconds 10 --clients 4    # smoke test

Set-up (not timed): a fresh MPM_HOME with `mpm demo` (730 days, the demo plans: 6
objectives), a user with an API token, and `mpm serve` in its own process. Each client is a
thread of this process with its own HTTP connection; it sends requests back to back, each
picked at random (fixed seed per client) from the mix below, the way a team's dashboards and
scripts ask: the same questions many times between two loads. Clients use the standard
library's `http.client` (one keep-alive connection each), so that on a small machine the load
generator takes as little as it can of the CPU the server also needs. Before the timed run, each
request is sent once on its own: the "first" column is that cold latency (the KPI cache
empty; the objective status computed unless the server's start-up warming finished first).
Latency is measured by the client, from sending to the last byte.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
from ingest_bench import machine, snapshot_src, verdict

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
SECTIONS = {"api": "## Server under load", "pages": "## Pages under load"}
TARGET_MS = 300.0


def markers(kind: str) -> tuple[str, str]:
    suffix = "" if kind == "api" else " --pages"
    return (
        f"<!-- written by bench/server_bench.py{suffix} --write: begin -->",
        f"<!-- written by bench/server_bench.py{suffix} --write: end -->",
    )


W = "/api/v1/workspaces/default"
MIX: list[tuple[str, str, dict[str, str]]] = [  # (kind, path, query)
    ("kpi", f"{W}/kpis", {"kpi": "spend,revenue,roas,cac", "by": "channel"}),
    ("kpi", f"{W}/kpis", {"kpi": "spend,clicks,ctr,cpc", "by": "channel", "grain": "month"}),
    ("kpi", f"{W}/kpis", {"kpi": "revenue,orders,aov", "grain": "week", "from": "last_quarter"}),
    ("kpi", f"{W}/kpis", {"kpi": "roas", "by": "campaign", "from": "last_30_days", "top": "10"}),
    ("kpi", f"{W}/kpis", {"kpi": "sessions,engagement_rate", "by": "channel", "grain": "month"}),
    (
        "kpi",
        f"{W}/kpis",
        {
            "kpi": "spend,conversions,cpa",
            "grain": "day",
            "from": "last_30_days",
            "where": "channel=Paid Search",
        },
    ),
    (
        "kpi",
        f"{W}/kpis",
        {
            "kpi": "leads,cpl",
            "by": "channel",
            "from": "ytd",
            "to": "yesterday",
            "compare": "previous_year",
        },
    ),
    ("status", f"{W}/objectives/status", {}),
]
P = "/w/default"
PAGES: list[tuple[str, str, dict[str, str]]] = [  # what a team's browsers ask for
    ("overview", f"{P}/", {}),
    ("overview", f"{P}/", {"range": "last_7_days"}),
    ("overview", f"{P}/", {"range": "this_quarter"}),
    ("explore", f"{P}/explore", {"kpi": "revenue", "by": "channel", "grain": "month"}),
    (
        "explore",
        f"{P}/explore",
        {"kpi": "spend,roas", "grain": "week", "from": "last_quarter", "to": "last_quarter"},
    ),
    (
        "explore",
        f"{P}/explore",
        {
            "kpi": "cpa",
            "by": "campaign",
            "from": "last_30_days",
            "to": "last_30_days",
            "compare": "previous_period",
        },
    ),
    (
        "explore",
        f"{P}/explore",
        {
            "kpi": "sessions",
            "by": "device",
            "grain": "day",
            "from": "last_90_days",
            "to": "last_90_days",
        },
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


MPM = [sys.executable, "-c", "import sys; from mpm.cli.main import run; sys.argv[0] = 'mpm'; run()"]


def mpm(home: Path, src: Path, *args: str, stdin: str | None = None) -> str:
    """Run an mpm command from the snapshot of src/ on MPM_HOME `home`."""
    env = {**os.environ, "MPM_HOME": str(home), "PYTHONPATH": str(src)}
    done = subprocess.run(
        [*MPM, *args], env=env, input=stdin, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"mpm {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def page_weight(base: str, headers: dict[str, str], path: str) -> dict[str, int]:
    """Bytes of a page and the scripts and style sheets it loads: as sent, and gzip-encoded."""
    import gzip
    import re

    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        html = client.get(path).text
        assets = re.findall(r'<(?:script[^>]+src|link[^>]+href)="(/static/[^"]+)"', html)
        weight = {"html": len(html.encode()), "js": 0, "css": 0, "other": 0}
        packed = len(gzip.compress(html.encode()))
        for asset in sorted(set(assets)):
            body = client.get(asset, headers={"Accept-Encoding": "identity"}).content
            kind = asset.split("?")[0].rsplit(".", 1)[-1]
            weight[kind if kind in ("js", "css") else "other"] += len(body)
            packed += len(gzip.compress(body))
        weight["total"] = weight["html"] + weight["js"] + weight["css"] + weight["other"]
        weight["gzip"] = packed
    return weight


def run(clients: int, seconds: float, kind: str = "api") -> dict[str, object]:
    src = snapshot_src()
    home = Path(tempfile.mkdtemp(prefix="mpm-server-bench-"))
    server = None
    try:
        print("building the demo world ...", file=sys.stderr)
        mpm(home, src[0], "demo", "--seed", "42", "--days", "730")
        mpm(
            home,
            src[0],
            "user",
            "add",
            "bench@example.com",
            "--role",
            "owner",
            "--password-stdin",
            stdin="a benchmark passphrase\n",
        )
        token = json.loads(
            mpm(home, src[0], "token", "create", "--user", "bench@example.com", "-f", "json")
        )["token"]
        port = free_port()
        env = {**os.environ, "MPM_HOME": str(home), "PYTHONPATH": str(src[0])}
        server = subprocess.Popen(
            [*MPM, "serve", "--port", str(port), "--quiet"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {token}"}
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        mix = MIX if kind == "api" else PAGES
        first: dict[str, float] = {}
        with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
            for i, (_kind, path, params) in enumerate(mix):
                started = time.perf_counter()
                response = client.get(path, params=params)
                first[f"{i}"] = (time.perf_counter() - started) * 1000
                response.raise_for_status()
        latencies: dict[str, list[float]] = {k: [] for k, _, _ in mix}
        server_ms: dict[str, list[float]] = {k: [] for k, _, _ in mix}
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def client_loop(n: int) -> None:
            rng = random.Random(n)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            paths = [
                (kind, f"{path}?{urlencode(params)}" if params else path)
                for kind, path, params in mix
            ]
            while time.monotonic() < stop:
                kind, target = rng.choice(paths)
                spent = None
                started = time.perf_counter()
                try:
                    connection.request("GET", target, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    ok, detail = response.status == 200, f"{response.status} {target}"
                    timing = response.getheader("server-timing") or ""
                    if "dur=" in timing:
                        spent = float(timing.split("dur=")[1].split(";")[0])
                except (OSError, http.client.HTTPException) as exc:
                    ok, detail = False, f"{type(exc).__name__} {target}"
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies[kind].append(elapsed)
                    if spent is not None:
                        server_ms[kind].append(spent)
                    if not ok:
                        errors.append(detail)
            connection.close()

        print(f"{clients} clients for {seconds:.0f} s ...", file=sys.stderr)
        threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - began
        weight = page_weight(base, headers, f"{P}/") if kind == "pages" else None
        return {
            "kind": kind,
            "weight": weight,
            "server_ms": server_ms,
            "clients": clients,
            "seconds": wall,
            "first": first,
            "latencies": latencies,
            "errors": errors,
            "src_hash": src[1],
        }
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(home, ignore_errors=True)


LABELS = {
    "kpi": "KPI queries (7 kinds)",
    "status": "objective status",
    "overview": "overview page (3 ranges)",
    "explore": "explore page (4 questions)",
}


def markdown(result: dict[str, object]) -> str:
    kind = str(result["kind"])
    latencies: dict[str, list[float]] = result["latencies"]  # type: ignore[assignment]
    server_ms: dict[str, list[float]] = result["server_ms"]  # type: ignore[assignment]
    errors: list[str] = result["errors"]  # type: ignore[assignment]
    first: dict[str, float] = result["first"]  # type: ignore[assignment]
    wall = float(result["seconds"])  # type: ignore[arg-type]
    total = sum(len(v) for v in latencies.values())
    measured = "client latency" if kind == "api" else "server time (Server-Timing)"
    lines = [
        f"{result['clients']} concurrent clients for {wall:.0f} s on loopback, demo workspace "
        f"(730 days, 6 objectives): {total:,} requests ({total / wall:,.0f}/s), "
        f"{len(errors)} errors. The verdict is on the p95 of the {measured}.",
        "",
        "| requests | count | min ms | median ms | p95 ms | p99 ms | max ms "
        "| server p95 ms | p95 < 300 ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, values in latencies.items():
        if not values:
            continue
        spent = server_ms.get(name) or [float("nan")]
        judged = percentile(values if kind == "api" else spent, 95)
        lines.append(
            f"| {LABELS.get(name, name)} | {len(values):,} | {min(values):.1f} | "
            f"{statistics.median(values):.1f} | {percentile(values, 95):.1f} | "
            f"{percentile(values, 99):.1f} | {max(values):.1f} | {percentile(spent, 95):.1f} | "
            f"{verdict(judged < TARGET_MS and not errors)} |"
        )
    weight: dict[str, int] | None = result.get("weight")  # type: ignore[assignment]
    if weight:
        lines += [
            "",
            f"Page weight of the overview: {weight['total'] / 1024:,.0f} KiB "
            f"(HTML {weight['html'] / 1024:,.0f} KiB, JavaScript {weight['js'] / 1024:,.0f} KiB, "
            f"CSS {weight['css'] / 1024:,.0f} KiB); {weight['gzip'] / 1024:,.0f} KiB gzip-encoded "
            "as the server sends it to browsers that accept gzip. Static files are cached by the "
            "browser (a day, versioned URLs), so later pages load only their HTML.",
        ]
    lines += ["", "First request of each kind, alone, before the run (cold caches):", ""]
    for i, (name, _path, params) in enumerate(MIX if kind == "api" else PAGES):
        query = "&".join(f"{k}={v}" for k, v in params.items()) or "(defaults)"
        lines.append(f"- {name} `{query}`: {first[str(i)]:,.0f} ms")
    if errors:
        lines += ["", "Errors (first 10):", "", *[f"- {e}" for e in errors[:10]]]
    lines += ["", "Machine:", ""]
    lines += [f"- {k}: {v}" for k, v in machine(str(result["src_hash"])).items()]
    return "\n".join(lines) + "\n"


def write_docs(body: str, kind: str) -> None:
    begin, end = markers(kind)
    text = DOCS.read_text(encoding="utf-8")
    block = f"{begin}\n\n{body.strip()}\n\n{end}"
    if begin in text and end in text:
        before, rest = text.split(begin, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{SECTIONS[kind]}\n\n{block}\n"
    DOCS.write_text(text, encoding="utf-8")
    print(f"updated {DOCS.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--pages", action="store_true", help="the web pages, not the API")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    kind = "pages" if args.pages else "api"
    result = run(args.clients, args.seconds, kind)
    body = markdown(result)
    print(body)
    if args.write:
        write_docs(body, kind)
    return 0


if __name__ == "__main__":
    sys.exit(main())
