"""mpm: Marketing Performance Manager.

`mpm.query("roas", by="channel", grain="month")` returns KPIs of a workspace as a pandas
DataFrame (see `mpm.metrics.query`).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("mpm")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"


def query(kpis: Any, **options: Any) -> Any:
    """KPIs as a DataFrame; options as `mpm.metrics.query` (by, grain, start, end, where,
    compare, top, workspace, arrow)."""
    from mpm.metrics import query as run  # imported on use: `import mpm` stays light

    return run(kpis, **options)


__all__ = ["__version__", "query"]
