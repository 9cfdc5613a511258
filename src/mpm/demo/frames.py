"""Turn numpy columns into Arrow tables typed by the canonical model (mpm.model.tables)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.model.tables import TABLES, Kind

Column = NDArray[np.generic] | Sequence[object]


def _arrow_column(kind: Kind, values: Column) -> pa.Array:
    """One column in the Arrow type the importer expects for `kind` (money: float64 cents)."""
    if kind is Kind.DATE:
        return pa.array(np.asarray(values, dtype="datetime64[D]"), type=pa.date32())
    if kind is Kind.TIMESTAMP:
        stamps = np.asarray(values, dtype="datetime64[us]")
        return pa.array(stamps, type=pa.timestamp("us"), mask=np.isnat(stamps))
    if kind is Kind.COUNT:
        return pa.array(np.asarray(values, dtype=np.int64), type=pa.int64())
    if kind is Kind.MONEY:
        money = np.round(np.asarray(values, dtype=np.float64), 2)
        return pa.array(money, type=pa.float64(), from_pandas=True)
    if kind is Kind.NUMBER:
        return pa.array(np.asarray(values, dtype=np.float64), type=pa.float64(), from_pandas=True)
    if kind is Kind.BOOLEAN:
        return pa.array(np.asarray(values, dtype=bool), type=pa.bool_())
    if isinstance(values, np.ndarray) and values.dtype.kind == "U":
        return pa.array(values.tolist(), type=pa.string())
    return pa.array(list(values), type=pa.string())


def canonical_table(name: str, columns: Mapping[str, Column]) -> pa.Table:
    """An Arrow table of canonical table `name`, columns in model order; NaN counts become null."""
    table = TABLES[name]
    unknown = sorted(set(columns) - set(table.column_names))
    if unknown:
        raise KeyError(f"{name}: not canonical columns: {unknown}")
    missing = [c.name for c in table.columns if c.required and c.name not in columns]
    if missing:
        raise KeyError(f"{name}: required columns missing: {missing}")
    fields: list[pa.Array] = []
    names: list[str] = []
    for col in table.columns:
        if col.name not in columns:
            continue
        values = columns[col.name]
        if col.kind is Kind.COUNT and isinstance(values, np.ndarray) and values.dtype.kind == "f":
            fields.append(nullable_counts(values.astype(np.float64)))
        else:
            fields.append(_arrow_column(col.kind, values))
        names.append(col.name)
    return pa.Table.from_arrays(fields, names=names)


def nullable_counts(values: NDArray[np.float64]) -> pa.Array:
    """Counts given as floats with NaN for 'not reported' (e.g. reach of a search campaign)."""
    mask = np.isnan(values)
    return pa.array(np.where(mask, 0, values).astype(np.int64), type=pa.int64(), mask=mask)


def day_stamps(start: np.datetime64, days: NDArray[np.int64]) -> NDArray[np.datetime64]:
    """Dates `start + days` as datetime64[D]."""
    return np.asarray(start, dtype="datetime64[D]") + days.astype("timedelta64[D]")


def time_stamps(start: np.datetime64, times: NDArray[np.float64]) -> NDArray[np.datetime64]:
    """Naive UTC timestamps, second resolution, of fractional days after `start`; NaN → NaT."""
    finite = np.isfinite(times)
    seconds = np.where(finite, np.floor(np.where(finite, times, 0.0) * 86400.0), 0).astype(np.int64)
    origin = np.asarray(start, dtype="datetime64[us]")
    stamps = origin + (seconds * 1_000_000).astype("timedelta64[us]")
    return np.where(finite, stamps, np.datetime64("NaT", "us"))
