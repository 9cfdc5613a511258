"""Services of the data: KPI queries and their SQL, the KPI catalog, the tables of the
warehouse, imports, load history and reverts. Reading needs a viewer; imports and reverts an
analyst."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from mpm import ingest, metrics
from mpm.auth import Permission
from mpm.metrics import Kpi
from mpm.metrics.reference import definition
from mpm.services.access import Context, delegate, requires
from mpm.services.cache import FingerprintCache, LruCache
from mpm.services.versions import data_version
from mpm.warehouse import connect_query_only, table_stats

READ, ANALYZE = Permission.READ, Permission.ANALYZE

kpi_sql = delegate(metrics.compiled_sql, READ)
list_loads = delegate(ingest.list_loads, READ)
revert_load = delegate(ingest.revert_load, ANALYZE)


def kpi_record(kpi: Kpi) -> dict[str, Any]:
    """A KPI of the catalog: name, label, unit, direction of good, definition, origin."""
    return {
        "name": kpi.name,
        "label": kpi.label,
        "unit": str(kpi.unit),
        "direction": str(kpi.direction),
        "definition": definition(kpi, code=str),
        "description": kpi.description,
        "origin": kpi.origin,
    }


CACHE_SIZE = 512  # KPI results kept per server process
_results: LruCache[Any] = LruCache(CACHE_SIZE)


def _key(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_key(v) for v in value)
    return value


@requires(READ)
def kpi_query(ctx: Context, kpis: Any, **options: Any) -> Any:
    """KPIs as `mpm.metrics.query` returns them, cached on the workspace's data version (a
    dashboard asks the same questions many times between two loads). The frame is shared:
    copy it before changing it."""
    key = (
        ctx.settings.app_database_url,
        ctx.workspace.id,
        _key(kpis),
        _key(options),
        data_version(ctx.settings, ctx.workspace),
    )
    return _results.get(
        key, lambda: metrics.query(kpis, workspace=ctx.slug, settings=ctx.settings, **options)
    )


_catalogs: FingerprintCache[list[dict[str, Any]]] = FingerprintCache()


@requires(READ)
def list_metrics(ctx: Context) -> list[dict[str, Any]]:
    """The KPI catalog, read again only when its definition files change (every page that
    shows KPIs asks for it)."""

    def read() -> list[dict[str, Any]]:
        catalog = metrics.workspace_catalog(ctx.settings, ctx.slug)
        return [kpi_record(k) for k in catalog.kpis.values()]

    key = (ctx.settings.app_database_url, ctx.workspace.id)
    return _catalogs.get(key, data_version(ctx.settings, ctx.workspace), read)


@requires(READ)
def get_metric(ctx: Context, name: str) -> dict[str, Any]:
    catalog = metrics.workspace_catalog(ctx.settings, ctx.slug)
    record = kpi_record(catalog.get(name))  # UnknownMetric with suggestions
    record["measures"] = list(catalog.measures_of(name))
    return record


_tables: FingerprintCache[list[Any]] = FingerprintCache()


@requires(READ)
def list_tables(ctx: Context) -> list[Any]:
    """Rows, dates and last load of every table, counted again only when the data changes
    (explore and the overview ask whether there is any data at all)."""

    def count() -> list[Any]:
        if ctx.settings.warehouse_url:
            return table_stats(connect_query_only(ctx.settings.warehouse_url))
        warehouse = ingest.open_workspace_warehouse(ctx.settings, ctx.slug)
        try:
            return table_stats(warehouse.ibis())
        finally:
            warehouse.close()

    key = (ctx.settings.app_database_url, ctx.workspace.id)
    return _tables.get(key, data_version(ctx.settings, ctx.workspace), count)


@requires(ANALYZE)
def import_upload(
    ctx: Context, name: str, upload: BinaryIO, options: ingest.IngestOptions
) -> ingest.LoadReport:
    """Validate and load an uploaded file (the import validator is the only parser of
    uploads). It is written to a private temporary folder under its own name, which presets
    and the load report read, and removed after the load."""
    with tempfile.TemporaryDirectory(prefix="mpm-upload-") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            shutil.copyfileobj(upload, out, length=1 << 20)
        return ingest.ingest_file(path, workspace=ctx.slug, options=options, settings=ctx.settings)
