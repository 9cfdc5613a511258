"""Demo world: a reproducible synthetic marketing data set with its ground truth, and the
demo company's objectives, budgets, campaigns and activities (`mpm demo`)."""

from __future__ import annotations

from mpm.demo.loader import DemoResult, load_demo
from mpm.demo.logins import DemoLogin, demo_logins
from mpm.demo.plans import DemoPlans, plan_demo
from mpm.demo.world import World, generate_world, write_truth

__all__ = [
    "DemoLogin",
    "DemoPlans",
    "DemoResult",
    "World",
    "demo_logins",
    "generate_world",
    "load_demo",
    "plan_demo",
    "write_truth",
]
