"""What people keep of their exploring: saved views (a KPI question under a name) and
annotations (a note on a date that charts show)."""

from mpm.explore.annotations import (
    Annotation,
    add_annotation,
    delete_annotation,
    list_annotations,
)
from mpm.explore.views import QUERY_KEYS, SavedView, delete_view, list_views, save_view

__all__ = [
    "QUERY_KEYS",
    "Annotation",
    "SavedView",
    "add_annotation",
    "delete_annotation",
    "delete_view",
    "list_annotations",
    "list_views",
    "save_view",
]
