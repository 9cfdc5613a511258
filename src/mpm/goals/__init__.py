"""Objectives and targets: what a team wants a KPI to reach, by when, checked to be SMART."""

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
)

__all__ = [
    "Cadence",
    "Goal",
    "Objective",
    "SmartCheckFailed",
    "add_objective",
    "get_objective",
    "list_objectives",
    "shown",
    "smart_check",
]
