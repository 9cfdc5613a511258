"""Demo world: a reproducible synthetic marketing data set with its ground truth (`mpm demo`)."""

from __future__ import annotations

from mpm.demo.loader import DemoResult, load_demo
from mpm.demo.world import World, generate_world, write_truth

__all__ = ["DemoResult", "World", "generate_world", "load_demo", "write_truth"]
