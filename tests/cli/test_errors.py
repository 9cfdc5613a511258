"""The command line reports usage errors and user errors plainly, tracebacks only on --debug."""

from __future__ import annotations


def test_unknown_command_is_a_usage_error(mpm) -> None:  # type: ignore[no-untyped-def]
    result = mpm("nosuch")
    assert result.returncode == 2
    assert "No such command 'nosuch'" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_bad_option_value_names_the_allowed_values(mpm) -> None:  # type: ignore[no-untyped-def]
    result = mpm("tables", "--format", "xml")
    assert result.returncode == 2
    assert "'table', 'json', 'csv'" in result.stderr


def test_user_error_is_one_line_and_debug_shows_the_traceback(mpm) -> None:  # type: ignore[no-untyped-def]
    plain = mpm("loads", "revert", "99")
    assert plain.returncode == 1
    assert plain.stderr.strip() == "error: no load 99 in workspace 'default'"
    debug = mpm("--debug", "loads", "revert", "99")
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_a_locked_warehouse_gives_a_clear_message(mpm, home) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    import time

    mpm("tables", check=True)  # creates the workspace and its warehouse
    path = home / "workspaces" / "default" / "warehouse.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
            "print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        result = mpm("tables")
        assert result.returncode == 1
        assert f"is in use by process {holder.pid}" in result.stderr  # after waiting for it
        assert "Traceback" not in result.stderr and time.monotonic() - started < 20
    finally:
        holder.kill()
        holder.wait()
