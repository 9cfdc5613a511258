"""mpm: Marketing Performance Manager.

`mpm.query("roas", by="channel", grain="month")` returns KPIs of a workspace as a pandas
DataFrame (see `mpm.metrics.query`).
"""

from __future__ import annotations

from typing import Any


def query(kpis: Any, **options: Any) -> Any:
    """KPIs as a DataFrame; options as `mpm.metrics.query` (by, grain, start, end, where,
    compare, top, workspace, arrow)."""
    from mpm.metrics import query as run  # imported on use: `import mpm` stays light

    return run(kpis, **options)


__all__ = ["query"]
