"""Server load test: 20 concurrent clients for 2 minutes on loopback against `mpm serve` with the
demo workspace; latency of KPI queries and objective status (target: p95 under 300 ms, no
errors).

    python bench/server_bench.py                    # 20 clients, 120 s, print
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
SECTION = "## Server under load"
BEGIN = "<!-- written by bench/server_bench.py --write: begin -->"
END = "<!-- written by bench/server_bench.py --write: end -->"
TARGET_MS = 300.0

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


def run(clients: int, seconds: float) -> dict[str, object]:
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
        first: dict[str, float] = {}
        with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
            for i, (_kind, path, params) in enumerate(MIX):
                started = time.perf_counter()
                response = client.get(path, params=params)
                first[f"{i}"] = (time.perf_counter() - started) * 1000
                response.raise_for_status()
        latencies: dict[str, list[float]] = {"kpi": [], "status": []}
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def client_loop(n: int) -> None:
            rng = random.Random(n)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            paths = [
                (kind, f"{path}?{urlencode(params)}" if params else path)
                for kind, path, params in MIX
            ]
            while time.monotonic() < stop:
                kind, target = rng.choice(paths)
                started = time.perf_counter()
                try:
                    connection.request("GET", target, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    ok, detail = response.status == 200, f"{response.status} {target}"
                except (OSError, http.client.HTTPException) as exc:
                    ok, detail = False, f"{type(exc).__name__} {target}"
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies[kind].append(elapsed)
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
        return {
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


def markdown(result: dict[str, object]) -> str:
    latencies: dict[str, list[float]] = result["latencies"]  # type: ignore[assignment]
    errors: list[str] = result["errors"]  # type: ignore[assignment]
    first: dict[str, float] = result["first"]  # type: ignore[assignment]
    wall = float(result["seconds"])  # type: ignore[arg-type]
    total = sum(len(v) for v in latencies.values())
    lines = [
        f"{result['clients']} concurrent clients for {wall:.0f} s on loopback, demo workspace "
        f"(730 days, 6 objectives): {total:,} requests ({total / wall:,.0f}/s), "
        f"{len(errors)} errors.",
        "",
        "| requests | count | min ms | median ms | p95 ms | p99 ms | max ms | p95 < 300 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, label in (("kpi", "KPI queries (7 kinds)"), ("status", "objective status")):
        values = latencies[kind]
        if not values:
            continue
        p95 = percentile(values, 95)
        lines.append(
            f"| {label} | {len(values):,} | {min(values):.1f} | {statistics.median(values):.1f} | "
            f"{p95:.1f} | {percentile(values, 99):.1f} | {max(values):.1f} | "
            f"{verdict(p95 < TARGET_MS and not errors)} |"
        )
    lines += ["", "First request of each kind, alone, before the run (cold caches):", ""]
    for i, (kind, _path, params) in enumerate(MIX):
        query = "&".join(f"{k}={v}" for k, v in params.items()) or "(all objectives)"
        lines.append(f"- {kind} `{query}`: {first[str(i)]:,.0f} ms")
    if errors:
        lines += ["", "Errors (first 10):", "", *[f"- {e}" for e in errors[:10]]]
    lines += ["", "Machine:", ""]
    lines += [f"- {k}: {v}" for k, v in machine(str(result["src_hash"])).items()]
    return "\n".join(lines) + "\n"


def write_docs(body: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = f"{BEGIN}\n\n{body.strip()}\n\n{END}"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{block}\n"
    DOCS.write_text(text, encoding="utf-8")
    print(f"updated {DOCS.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    result = run(args.clients, args.seconds)
    body = markdown(result)
    print(body)
    if args.write:
        write_docs(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
