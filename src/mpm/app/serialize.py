"""Domain results as JSON: dataclasses to objects, KPI frames to flat records (the same
contract as `mpm kpi --format json`: rates as fractions, null for undefined values, ISO
dates), and pages of lists."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import numpy as np

MAX_LIMIT = 1000
MAX_ID = 2**31 - 1  # ids fit every database's integer
DEFAULT_LIMIT = 100


def plain(value: Any) -> Any:
    """A value JSON can carry: dataclasses, enums, dates, numpy and decimals converted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    isoformat = getattr(value, "isoformat", None)  # pandas Timestamp
    return isoformat() if callable(isoformat) else value


def records(frame: Any) -> list[dict[str, Any]]:
    """A KPI frame as flat records: the period as an ISO date, missing values as null."""
    import pandas as pd

    out = []
    for row in frame.to_dict("records"):
        record: dict[str, Any] = {}
        for key, value in row.items():
            if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
                record[str(key)] = None
            elif key == "period" and isinstance(value, datetime):
                record[str(key)] = value.date().isoformat()
            else:
                record[str(key)] = plain(value)
        out.append(record)
    return out


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list: {items, total, limit, offset}."""
    return page_of(items[offset : offset + limit], len(items), limit, offset)


def page_of(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """A page fetched already: {items, total, limit, offset}."""
    return {"items": plain(items), "total": total, "limit": limit, "offset": offset}


def json_response(body: Any, status_code: int = 200) -> Any:
    """A JSON response of a body that is plain already (skips FastAPI's generic encoder)."""
    from fastapi.responses import JSONResponse

    return JSONResponse(body, status_code=status_code)
