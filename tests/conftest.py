"""Shared fixtures: an isolated MPM_HOME per test, warehouse snapshots, the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mpm.config import Settings


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def settings(home: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("MPM_HOME", str(home))
    return Settings(home=home)


@pytest.fixture
def mpm(home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real `mpm` command with MPM_HOME set; returns the completed process."""

    def run(
        *args: str, check: bool = False, input_text: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "MPM_HOME": str(home), "COLUMNS": "200"}
        exe = Path(sys.executable).parent / "mpm"
        result = subprocess.run(
            [str(exe), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=False,
            input=input_text,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"mpm {' '.join(args)} failed:\n{result.stderr}")
        return result

    return run


@pytest.fixture(params=["read once", "staged"])
def both_load_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on both load paths: the one that reads a valid file once, and the staged
    path that files needing exchange rates (or explanations) take. They must agree."""
    if request.param == "staged":
        from mpm.ingest import load

        def staged_only(*args: object, **kwargs: object) -> load.DirectLoad:
            raise load.NotDirect

        monkeypatch.setattr(load, "write_direct", staged_only)
    return request.param
