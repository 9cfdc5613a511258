"""Saved views of the explore page and annotations of chart dates.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column(
        "workspace_id", sa.Integer, sa.ForeignKey("workspaces.id"), nullable=False, index=True
    )


def upgrade() -> None:
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("query", sa.JSON, nullable=False),
        sa.Column("created_by", sa.String(320)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("workspace_id", "name"),
    )
    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("day", sa.Date, nullable=False, index=True),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("kpi", sa.String(64)),
        sa.Column("created_by", sa.String(320)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("annotations")
    op.drop_table("saved_views")
