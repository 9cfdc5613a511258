"""Objectives: created with a SMART check that explains weaknesses, refused under --strict,
bad input refused with nothing stored; listed and shown from the CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from mpm.config import Settings
from mpm.demo import load_demo
from mpm.errors import NotFound, UserError
from mpm.goals import SmartCheckFailed, add_objective, get_objective, list_objectives
from mpm.metrics import UnknownMetric, query

TODAY = date.today()
START = (TODAY + timedelta(days=40)).replace(day=1)  # a period that has not begun
Q3 = {"start": START, "end": START + timedelta(days=89)}
LAST_YEAR = {"start": START - timedelta(days=365), "end": START + timedelta(days=89 - 365)}


@pytest.fixture(scope="module")
def shared_demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("shared-home"))
    load_demo(settings, seed=3, days=400)
    return settings


def test_a_realistic_objective_has_only_the_warnings_it_earns(shared_demo: Settings) -> None:
    last_year = query("revenue", settings=shared_demo, **LAST_YEAR)["revenue"][0]
    objective = add_objective(
        "Q3 revenue",
        kpi="revenue",
        target=round(last_year * 1.2),
        goal="revenue_growth",
        owner="cmo@example.com",
        settings=shared_demo,
        **Q3,
    )
    assert objective.warnings == ()
    assert get_objective("Q3 revenue", settings=shared_demo) == objective


def test_the_smart_check_explains_each_weakness(shared_demo: Settings) -> None:
    objective = add_objective(
        "Impressions", kpi="impressions", target=1e12, settings=shared_demo, **Q3
    )
    text = " | ".join(objective.warnings)
    assert "no business goal" in text
    assert "vanity KPI" in text
    assert "no owner" in text
    assert "× the best comparable period (last year:" in text


def test_a_lower_is_better_target_beyond_history_is_flagged(shared_demo: Settings) -> None:
    history = query("cpa", settings=shared_demo, **LAST_YEAR)
    objective = add_objective(
        "Cheap CPA",
        kpi="cpa",
        target=history["cpa"][0] / 10,
        goal="customer_acquisition",
        owner="sem@example.com",
        filters=("channel=Paid Search",),
        settings=shared_demo,
        **Q3,
    )
    assert any("lower than the best comparable period" in w for w in objective.warnings)


def test_strict_refuses_a_weak_objective_and_stores_nothing(settings: Settings) -> None:
    with pytest.raises(SmartCheckFailed, match="not SMART: no business goal"):
        add_objective("Clicks", kpi="clicks", target=10, strict=True, settings=settings, **Q3)
    assert list_objectives(settings=settings) == []


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"kpi": "revenu"}, UnknownMetric, "did you mean revenue"),
        ({"start": Q3["end"], "end": Q3["start"]}, UserError, "ends .* before"),
        ({"goal": "fame"}, UserError, "unknown goal 'fame'"),
        ({"cadence": "hourly"}, UserError, "unknown cadence"),
        ({"target": float("nan")}, UserError, "must be a number"),
        ({"filters": ("channel",)}, UserError, "DIM=VALUE"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    settings: Settings, change: dict[str, object], error: type[Exception], message: str
) -> None:
    options: dict[str, object] = {"kpi": "revenue", "target": 100.0, **Q3, **change}
    with pytest.raises(error, match=message):
        add_objective("Bad", settings=settings, **options)  # type: ignore[arg-type]
    assert list_objectives(settings=settings) == []


def test_names_are_unique_per_workspace(settings: Settings) -> None:
    add_objective("Q3 revenue", kpi="revenue", target=1.0, settings=settings, **Q3)
    with pytest.raises(UserError, match="already exists"):
        add_objective("Q3 revenue", kpi="orders", target=1.0, settings=settings, **Q3)
    add_objective(
        "Q3 revenue", kpi="orders", target=1.0, workspace="client-b", settings=settings, **Q3
    )
    assert [o.kpi for o in list_objectives(settings=settings)] == ["revenue"]
    with pytest.raises(NotFound, match="did you mean Q3 revenue"):
        get_objective("Q3 revenu", settings=settings)


def test_cli_add_list_show(mpm, home: Path) -> None:
    mpm("demo", "--days", "120", "--no-plans", check=True)
    added = mpm(
        "objective",
        "add",
        "Search leads",
        "--kpi",
        "leads",
        "--target",
        "400",
        "--from",
        str(Q3["start"]),
        "--to",
        str(Q3["end"]),
        "--where",
        "channel=Paid Search",
        "--goal",
        "lead_generation",
        "--owner",
        "sem@example.com",
        "--format",
        "json",
    )
    assert added.returncode == 0, added.stderr
    created = json.loads(added.stdout)
    assert created["filters"] == ["channel=Paid Search"] and created["kpi"] == "leads"
    listed = json.loads(mpm("objective", "list", "--format", "json", check=True).stdout)
    assert [o["name"] for o in listed] == ["Search leads"]
    assert listed[0]["start"] == str(Q3["start"])
    shown = json.loads(mpm("objective", "show", "Search leads", "-f", "json", check=True).stdout)
    assert shown == {**listed[0], "reviews": [], "decisions": []}
    refused = mpm(
        "objective",
        "add",
        "X",
        "--kpi",
        "leads",
        "--target",
        "1",
        "--from",
        str(Q3["end"]),
        "--to",
        str(Q3["start"]),
    )
    assert refused.returncode == 1 and "before it starts" in refused.stderr
    warned = mpm(
        "objective",
        "add",
        "Y",
        "--kpi",
        "clicks",
        "--target",
        "1",
        "--from",
        str(Q3["start"]),
        "--to",
        str(Q3["end"]),
    )
    assert warned.returncode == 0 and "SMART check: no business goal" in warned.stderr
