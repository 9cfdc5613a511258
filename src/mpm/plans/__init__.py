"""Plans and their execution: budget lines (planned, committed, actual) and reallocations,
campaign plans and their activities, and the reviews that compare them with results."""

from mpm.plans.activities import (
    Activity,
    add_activity,
    complete_activity,
    list_activities,
    plan_calendar,
    update_activity,
)
from mpm.plans.budgets import (
    BudgetLine,
    BudgetStatus,
    Flag,
    Reallocation,
    budget_status,
    list_budgets,
    parse_period,
    reallocate,
    set_budget,
)
from mpm.plans.campaigns import (
    OPEN_ACTIVITY,
    ActivityStatus,
    Campaign,
    CampaignStatus,
    add_campaign,
    campaign_status,
    get_campaign,
    list_campaigns,
    update_campaign,
)
from mpm.plans.review import annual_review, campaign_review

__all__ = [
    "OPEN_ACTIVITY",
    "Activity",
    "ActivityStatus",
    "BudgetLine",
    "BudgetStatus",
    "Campaign",
    "CampaignStatus",
    "Flag",
    "Reallocation",
    "add_activity",
    "add_campaign",
    "annual_review",
    "budget_status",
    "campaign_review",
    "campaign_status",
    "complete_activity",
    "get_campaign",
    "list_activities",
    "list_budgets",
    "list_campaigns",
    "parse_period",
    "plan_calendar",
    "reallocate",
    "set_budget",
    "update_activity",
    "update_campaign",
]
