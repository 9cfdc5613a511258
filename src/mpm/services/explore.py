"""Services of the explore page's keepsakes: saved views and annotations. Anyone who can read
the workspace sees them; analysts and up save, annotate and delete."""

from __future__ import annotations

from datetime import date
from typing import Any

from mpm import explore
from mpm.auth import Permission
from mpm.metrics import dimensions_of, workspace_catalog
from mpm.services.access import Context, delegate, requires
from mpm.services.cache import FingerprintCache
from mpm.services.versions import data_version

READ, ANALYZE = Permission.READ, Permission.ANALYZE

list_views = delegate(explore.list_views, READ)
delete_view = delegate(explore.delete_view, ANALYZE)
list_annotations = delegate(explore.list_annotations, READ)
delete_annotation = delegate(explore.delete_annotation, ANALYZE)


@requires(ANALYZE)
def save_view(ctx: Context, name: str, query: dict[str, Any]) -> explore.SavedView:
    return explore.save_view(
        name, query, created_by=ctx.principal.label, workspace=ctx.slug, settings=ctx.settings
    )


@requires(ANALYZE)
def add_annotation(
    ctx: Context, day: date, text: str, *, kpi: str | None = None
) -> explore.Annotation:
    return explore.add_annotation(
        day,
        text,
        kpi=kpi,
        created_by=ctx.principal.label,
        workspace=ctx.slug,
        settings=ctx.settings,
    )


_dimensions: FingerprintCache[list[str]] = FingerprintCache()


@requires(READ)
def dimensions(ctx: Context, kpis: list[str]) -> list[str]:
    """The dimensions all of `kpis` can be split by; worked out again only when the KPI
    definitions change (the explore page asks on every request)."""

    def work_out() -> list[str]:
        catalog = workspace_catalog(ctx.settings, ctx.slug)
        common: set[str] | None = None
        for kpi in kpis:
            dims = set(dimensions_of(catalog, kpi))
            common = dims if common is None else common & dims
        return sorted(common or ())

    key = (ctx.settings.app_database_url, ctx.workspace.id, tuple(kpis))
    return _dimensions.get(key, data_version(ctx.settings, ctx.workspace), work_out)
