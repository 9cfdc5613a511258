"""Report the progress of a long DuckDB statement to a callback, from a polling thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

ProgressCallback = Callable[[str, float], None]


@contextmanager
def watch(
    con: duckdb.DuckDBPyConnection, step: str, callback: ProgressCallback | None
) -> Iterator[None]:
    """While the block runs, call `callback(step, fraction)` about five times a second."""
    if callback is None:
        yield
        return
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.2):
            try:
                value = con.query_progress()
            except duckdb.Error:
                continue
            if value is not None and value >= 0:
                callback(step, min(float(value) / 100.0, 1.0))

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        callback(step, 1.0)
