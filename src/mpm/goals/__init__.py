"""Objectives and targets: what a team wants a KPI to reach, by when, checked to be SMART; their
progress and forecast, reviews, and the decision log."""

from mpm.goals.decisions import Decision, list_decisions, log_decision, record_decision
from mpm.goals.objectives import (
    Cadence,
    Goal,
    Objective,
    SmartCheckFailed,
    add_objective,
    get_objective,
    list_objectives,
    shown,
    smart_check,
    update_objective,
    year_back,
)
from mpm.goals.phasing import Phasing
from mpm.goals.progress import (
    Progress,
    Status,
    Thresholds,
    Trajectory,
    objective_progress,
    objective_trajectory,
    objectives_progress,
)
from mpm.goals.reviews import DueReview, Review, add_review, due_reviews, list_reviews

__all__ = [
    "Cadence",
    "Decision",
    "DueReview",
    "Goal",
    "Objective",
    "Phasing",
    "Progress",
    "Review",
    "SmartCheckFailed",
    "Status",
    "Thresholds",
    "Trajectory",
    "add_objective",
    "add_review",
    "due_reviews",
    "get_objective",
    "list_decisions",
    "list_objectives",
    "list_reviews",
    "log_decision",
    "objective_progress",
    "objective_trajectory",
    "objectives_progress",
    "record_decision",
    "shown",
    "smart_check",
    "update_objective",
    "year_back",
]
