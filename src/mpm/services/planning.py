"""Services of objectives, reviews, decisions, budgets, campaigns, activities and reviews of
results: the domain functions of `mpm.goals` and `mpm.plans`, each behind its permission.
Reading needs a viewer, changing needs an editor."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from mpm import goals, plans
from mpm.auth import Permission
from mpm.services.access import Context, delegate, name_of, requires
from mpm.services.cache import FingerprintCache
from mpm.services.versions import data_version
from mpm.store import session_scope
from mpm.store.models import BudgetLineRow, CampaignPlanRow, ObjectiveRow

READ, PLAN = Permission.READ, Permission.PLAN

list_objectives = delegate(goals.list_objectives, READ)
add_objective = delegate(goals.add_objective, PLAN)
due_reviews = delegate(goals.due_reviews, READ)
list_decisions = delegate(goals.list_decisions, READ)
log_decision = delegate(goals.log_decision, PLAN)

list_budgets = delegate(plans.list_budgets, READ)
set_budget = delegate(plans.set_budget, PLAN)
reallocate = delegate(plans.reallocate, PLAN)

list_campaigns = delegate(plans.list_campaigns, READ)
add_campaign = delegate(plans.add_campaign, PLAN)
list_activities = delegate(plans.list_activities, READ)
add_activity = delegate(plans.add_activity, PLAN)
update_activity = delegate(plans.update_activity, PLAN)
complete_activity = delegate(plans.complete_activity, PLAN)
plan_calendar = delegate(plans.plan_calendar, READ)

annual_review = delegate(plans.annual_review, READ)
campaign_review = delegate(plans.campaign_review, READ)


_budget_status: FingerprintCache[list[plans.BudgetStatus]] = FingerprintCache()


@requires(READ)
def budget_status(
    ctx: Context, *, period: str | None = None, today: date | None = None
) -> list[plans.BudgetStatus]:
    """Planned against actual spend of every budget line, cached until data loads, a line
    changes or the day turns (the actuals take a KPI query per line)."""
    with session_scope(ctx.settings.app_database_url) as session:
        lines = session.execute(
            select(BudgetLineRow.id, BudgetLineRow.updated_at)
            .where(BudgetLineRow.workspace_id == ctx.workspace.id)
            .order_by(BudgetLineRow.id)
        ).all()
    fingerprint = (data_version(ctx.settings, ctx.workspace), tuple(lines))
    return _budget_status.get(
        (ctx.settings.app_database_url, ctx.workspace.id, period, today),
        fingerprint,
        lambda: plans.budget_status(
            period=period, today=today, workspace=ctx.slug, settings=ctx.settings
        ),
    )


def objective_name(ctx: Context, objective_id: int) -> str:
    return name_of(ctx, ObjectiveRow, objective_id, "objective")


def campaign_name(ctx: Context, campaign_id: int) -> str:
    return name_of(ctx, CampaignPlanRow, campaign_id, "campaign")


@requires(READ)
def get_objective(ctx: Context, objective_id: int) -> goals.Objective:
    return goals.get_objective(
        objective_name(ctx, objective_id), workspace=ctx.slug, settings=ctx.settings
    )


@requires(PLAN)
def update_objective(ctx: Context, objective_id: int, **changes: Any) -> Any:
    return goals.update_objective(
        objective_name(ctx, objective_id), workspace=ctx.slug, settings=ctx.settings, **changes
    )


@requires(READ)
def objective_progress(ctx: Context, objective_id: int, **options: Any) -> goals.Progress:
    objective = goals.get_objective(
        objective_name(ctx, objective_id), workspace=ctx.slug, settings=ctx.settings
    )
    return goals.objective_progress(objective, workspace=ctx.slug, settings=ctx.settings, **options)


@requires(READ)
def objective_trajectory(ctx: Context, objective_id: int, *, today: date) -> goals.Trajectory:
    objective = goals.get_objective(
        objective_name(ctx, objective_id), workspace=ctx.slug, settings=ctx.settings
    )
    return goals.objective_trajectory(
        objective, today=today, workspace=ctx.slug, settings=ctx.settings
    )


@requires(READ)
def list_reviews(ctx: Context, objective_id: int) -> list[goals.Review]:
    return goals.list_reviews(
        objective_name(ctx, objective_id), workspace=ctx.slug, settings=ctx.settings
    )


@requires(PLAN)
def add_review(ctx: Context, objective_id: int, note: str, **options: Any) -> goals.Review:
    return goals.add_review(
        objective_name(ctx, objective_id),
        note,
        workspace=ctx.slug,
        settings=ctx.settings,
        **options,
    )


@requires(READ)
def get_campaign(ctx: Context, campaign_id: int, **options: Any) -> plans.Campaign:
    return plans.get_campaign(
        campaign_name(ctx, campaign_id), workspace=ctx.slug, settings=ctx.settings, **options
    )


@requires(READ)
def campaign_status(ctx: Context, campaign_id: int, **options: Any) -> Any:
    return plans.campaign_status(
        campaign_name(ctx, campaign_id), workspace=ctx.slug, settings=ctx.settings, **options
    )


@requires(PLAN)
def update_campaign(ctx: Context, campaign_id: int, **changes: Any) -> Any:
    return plans.update_campaign(
        campaign_name(ctx, campaign_id), workspace=ctx.slug, settings=ctx.settings, **changes
    )
