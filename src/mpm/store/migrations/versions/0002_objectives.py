"""Objectives.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "objectives",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("goal", sa.String(32)),
        sa.Column("kpi", sa.String(64), nullable=False),
        sa.Column("filters", sa.JSON, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("target", sa.Float, nullable=False),
        sa.Column("owner", sa.String(320)),
        sa.Column("cadence", sa.String(16), nullable=False),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("workspace_id", "name", name="uq_objectives_workspace_name"),
    )
    op.create_index("ix_objectives_workspace_id", "objectives", ["workspace_id"])


def downgrade() -> None:
    op.drop_table("objectives")
