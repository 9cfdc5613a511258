"""App-state tables (SQLAlchemy 2): workspaces, load history, objectives, reviews, decisions,
budgets, campaign plans and activities, saved views and annotations, users, memberships, API
tokens, sessions and the audit log; later capabilities add theirs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class WorkspaceRow(Base):
    """A workspace: one client or company, with its own warehouse and settings."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    base_currency: Mapped[str] = mapped_column(String(3), default="USD")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=1)
    week_start: Mapped[str] = mapped_column(String(9), default="monday")
    locale: Mapped[str] = mapped_column(String(35), default="en_US", server_default="en_US")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class LoadRow(Base):
    """One import into a workspace's warehouse: what came in, what it replaced, how it went."""

    __tablename__ = "loads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64))
    file_bytes: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    rows_in_file: Mapped[int] = mapped_column(Integer, default=0)
    rows_inserted: Mapped[int] = mapped_column(Integer, default=0)
    rows_replaced: Mapped[int] = mapped_column(Integer, default=0)
    rows_deleted: Mapped[int] = mapped_column(Integer, default=0)
    min_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    max_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    duration_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    reverted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ObjectiveRow(Base):
    """A SMART objective: a KPI (with filters) to bring to a target over a period."""

    __tablename__ = "objectives"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str | None] = mapped_column(String(32), nullable=True)
    kpi: Mapped[str] = mapped_column(String(64))
    filters: Mapped[list[str]] = mapped_column(JSON, default=list)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    target: Mapped[float] = mapped_column(Float)
    owner: Mapped[str | None] = mapped_column(String(320), nullable=True)
    cadence: Mapped[str] = mapped_column(String(16), default="weekly")
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    phasing: Mapped[str] = mapped_column(String(16), default="even")
    monthly_targets: Mapped[dict[str, float] | None] = mapped_column(JSON, nullable=True)


class ReviewRow(Base):
    """A review of an objective: what the reviewer saw (status snapshot) and what they noted."""

    __tablename__ = "objective_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), index=True
    )
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)
    reviewer: Mapped[str | None] = mapped_column(String(320), nullable=True)
    note: Mapped[str] = mapped_column(Text)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DecisionRow(Base):
    """The decision log: what changed, why, on which evidence, who decided, when."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    subject_kind: Mapped[str] = mapped_column(String(32))  # objective, budget, campaign, ...
    subject: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text, nullable=True)
    who: Mapped[str | None] = mapped_column(String(320), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class BudgetLineRow(Base):
    """Money planned (and committed) for a channel, optionally one campaign, over a period."""

    __tablename__ = "budget_lines"
    __table_args__ = (UniqueConstraint("workspace_id", "period", "channel", "campaign"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    period: Mapped[str] = mapped_column(String(16))  # 2026, 2026-Q1, 2026-03
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(200))
    campaign: Mapped[str] = mapped_column(String(200), default="")  # "" for the whole channel
    planned: Mapped[float] = mapped_column(Float)
    committed: Mapped[float] = mapped_column(Float, default=0.0)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ReallocationRow(Base):
    """Money moved from one budget line to another (each move is also a decision)."""

    __tablename__ = "reallocations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    from_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"))
    to_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"))
    amount: Mapped[float] = mapped_column(Float)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))
    moved_at: Mapped[datetime] = mapped_column(DateTime)


class CampaignPlanRow(Base):
    """A campaign as planned and run: objective, channel, flight dates, budget, owner, status."""

    __tablename__ = "campaign_plans"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))  # as in the data (campaign dimension)
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objectives.id", ondelete="SET NULL"), nullable=True
    )
    channel: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    budget: Mapped[float] = mapped_column(Float)
    owner: Mapped[str | None] = mapped_column(String(320), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ActivityRow(Base):
    """A task under a campaign (or on its own): owner, due date, status."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign_plans.id", ondelete="CASCADE"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str | None] = mapped_column(String(320), nullable=True)
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="todo")
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SavedViewRow(Base):
    """A question of the explore page kept under a name: its query string is the view."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    query: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AnnotationRow(Base):
    """A note on a date that charts show ("price change", "tracking fixed"), for every KPI
    or one."""

    __tablename__ = "annotations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(String(200))
    kpi: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


# --- people, access and the audit log ------------------------------------------------------


class UserRow(Base):
    """A person who signs in: e-mail, argon2 password hash, active or disabled, lockout."""

    __tablename__ = "users"
    __audit_ignore__ = ("last_login_at", "failed_logins", "locked_until")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)  # lower case
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class MembershipRow(Base):
    """A user's role in one workspace: viewer, analyst, editor or owner."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "workspace_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ApiTokenRow(Base):
    """An API token: stored as a SHA-256 hash, scoped to a workspace and a role, expiring."""

    __tablename__ = "api_tokens"
    __audit_ignore__ = ("last_used_at",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))  # shown in lists; not enough to use it
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SessionRow(Base):
    """A signed-in browser session: the cookie holds a random id, stored here as a hash."""

    __tablename__ = "sessions"
    __audit_ignore__ = ("last_seen_at",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    client: Mapped[str | None] = mapped_column(String(200), nullable=True)


class PasswordResetRow(Base):
    """A one-time password-reset token (as a hash): used once, expiring."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AuditRow(Base):
    """One change to the app state: who (user or local command), what (table, row, action),
    when, and the values before and after (secrets redacted)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(320))  # e-mail, "cli:<os user>" or "system"
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    via: Mapped[str] = mapped_column(String(16))  # api, web, cli, system
    action: Mapped[str] = mapped_column(String(16))  # create, update, delete
    entity: Mapped[str] = mapped_column(String(64))  # table name
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    request_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
