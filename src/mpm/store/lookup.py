"""Finding a named row of a workspace, with "did you mean" suggestions when there is none."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.errors import NotFound
from mpm.store.workspaces import WorkspaceSettings

Row = TypeVar("Row")


def find_by_name(
    session: Session, model: type[Row], workspace: WorkspaceSettings, name: str, what: str
) -> Row:
    """The row of `model` called `name` in `workspace`; NotFound naming `what` otherwise."""
    table: Any = model
    row = session.scalar(
        select(model).where(table.workspace_id == workspace.id, table.name == name)
    )
    if row is None:
        names = session.scalars(select(table.name).where(table.workspace_id == workspace.id)).all()
        close = get_close_matches(name, list(names), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise NotFound(f"no {what} {name!r} in workspace {workspace.slug!r}{hint}")
    return row
