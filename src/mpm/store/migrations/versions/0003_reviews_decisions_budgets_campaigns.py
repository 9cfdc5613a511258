"""Objective phasing, reviews, the decision log, budget lines and reallocations, campaign plans
and activities.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column(
        "workspace_id", sa.Integer, sa.ForeignKey("workspaces.id"), nullable=False, index=True
    )


def upgrade() -> None:
    with op.batch_alter_table("objectives") as batch:
        batch.add_column(sa.Column("phasing", sa.String(16), nullable=False, server_default="even"))
        batch.add_column(sa.Column("monthly_targets", sa.JSON))
    op.create_table(
        "objective_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column(
            "objective_id",
            sa.Integer,
            sa.ForeignKey("objectives.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
        sa.Column("reviewer", sa.String(320)),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("snapshot", sa.JSON, nullable=False),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("subject_kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text),
        sa.Column("who", sa.String(320)),
        sa.Column("decided_at", sa.DateTime, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
    )
    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("channel", sa.String(200), nullable=False),
        sa.Column("campaign", sa.String(200), nullable=False),
        sa.Column("planned", sa.Float, nullable=False),
        sa.Column("committed", sa.Float, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint(
            "workspace_id", "period", "channel", "campaign", name="uq_budget_lines_scope"
        ),
    )
    op.create_table(
        "reallocations",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("from_line_id", sa.Integer, sa.ForeignKey("budget_lines.id"), nullable=False),
        sa.Column("to_line_id", sa.Integer, sa.ForeignKey("budget_lines.id"), nullable=False),
        sa.Column("amount", sa.Float, nullable=False),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decisions.id"), nullable=False),
        sa.Column("moved_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "campaign_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("objective_id", sa.Integer, sa.ForeignKey("objectives.id", ondelete="SET NULL")),
        sa.Column("channel", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("budget", sa.Float, nullable=False),
        sa.Column("owner", sa.String(320)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("workspace_id", "name", name="uq_campaign_plans_workspace_name"),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column(
            "campaign_id",
            sa.Integer,
            sa.ForeignKey("campaign_plans.id", ondelete="CASCADE"),
            index=True,
        ),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("owner", sa.String(320)),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("done_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "activities",
        "campaign_plans",
        "reallocations",
        "budget_lines",
        "decisions",
        "objective_reviews",
    ):
        op.drop_table(table)
    with op.batch_alter_table("objectives") as batch:
        batch.drop_column("monthly_targets")
        batch.drop_column("phasing")
