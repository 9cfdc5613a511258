"""Saved views and annotations in the app database: checked queries, replacing by name,
dates and KPIs of notes, and no reach into another workspace."""

from __future__ import annotations

from datetime import date

import pytest

from mpm import explore
from mpm.config import Settings
from mpm.errors import NotFound, UserError
from mpm.metrics import UnknownMetric


def test_a_view_keeps_the_question_and_saving_the_name_again_replaces_it(
    settings: Settings,
) -> None:
    first = explore.save_view(
        "Revenue by channel",
        {"kpi": "revenue", "by": "channel", "grain": "month", "where": ["device=mobile"]},
        created_by="ana@example.com",
        settings=settings,
    )
    assert first.query == {
        "kpi": "revenue",
        "by": "channel",
        "grain": "month",
        "where": ["device=mobile"],
    }
    again = explore.save_view(
        "  Revenue   by channel ", {"kpi": "revenue", "by": "channel"}, settings=settings
    )
    assert again.id == first.id and again.query == {"kpi": "revenue", "by": "channel"}
    assert again.created_by == "ana@example.com"  # the first author stays
    explore.save_view("A first", {"kpi": "spend", "top": 5}, settings=settings)
    assert [v.name for v in explore.list_views(settings=settings)] == [
        "A first",
        "Revenue by channel",
    ]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"kpi": "revenue", "colour": "red"}, "unknown view parameter 'colour'"),
        ({"by": "channel"}, "at least one KPI"),
        ({"kpi": "revenue", "by": ["a", "b"]}, "must be text"),
        ({"kpi": "revenue", "grain": "x" * 501}, "longer than 500"),
    ],
)
def test_a_view_of_a_malformed_question_is_refused_in_words(
    settings: Settings, query: dict[str, object], words: str
) -> None:
    with pytest.raises(UserError, match=words):
        explore.save_view("Bad", query, settings=settings)
    assert explore.list_views(settings=settings) == []


def test_a_view_names_kpis_of_the_catalog_and_has_a_name(settings: Settings) -> None:
    with pytest.raises(UnknownMetric, match="revenu"):
        explore.save_view("Typo", {"kpi": "revenue,revenu"}, settings=settings)
    with pytest.raises(UserError, match="name"):
        explore.save_view("   ", {"kpi": "revenue"}, settings=settings)
    with pytest.raises(UserError, match="at most 120"):
        explore.save_view("v" * 121, {"kpi": "revenue"}, settings=settings)


def test_views_and_notes_of_another_workspace_cannot_be_deleted(settings: Settings) -> None:
    view = explore.save_view("Theirs", {"kpi": "spend"}, workspace="other", settings=settings)
    note = explore.add_annotation(date(2026, 3, 1), "x", workspace="other", settings=settings)
    with pytest.raises(NotFound, match=f"no saved view {view.id} in workspace 'default'"):
        explore.delete_view(view.id, settings=settings)
    with pytest.raises(NotFound, match=f"no annotation {note.id} in workspace 'default'"):
        explore.delete_annotation(note.id, settings=settings)
    assert explore.list_views(settings=settings) == []
    assert explore.list_annotations(settings=settings) == []
    assert explore.delete_view(view.id, workspace="other", settings=settings).name == "Theirs"
    assert explore.list_views(workspace="other", settings=settings) == []


def test_notes_are_listed_by_date_for_every_chart_or_one_kpi(settings: Settings) -> None:
    explore.add_annotation(date(2026, 5, 2), "Tracking fixed", settings=settings)
    explore.add_annotation(date(2026, 5, 1), "Price change", kpi="revenue", settings=settings)
    explore.add_annotation(date(2026, 6, 1), "New landing page", kpi="sessions", settings=settings)
    assert [a.text for a in explore.list_annotations(settings=settings)] == [
        "Price change",
        "Tracking fixed",
        "New landing page",
    ]
    revenue = explore.list_annotations(kpis=["revenue"], settings=settings)
    assert [a.text for a in revenue] == ["Price change", "Tracking fixed"]
    may = explore.list_annotations(start=date(2026, 5, 2), end=date(2026, 5, 31), settings=settings)
    assert [a.text for a in may] == ["Tracking fixed"]


@pytest.mark.parametrize(
    ("day", "text", "kpi", "words"),
    [
        (date(2026, 1, 1), "   ", None, "say what happened"),
        (date(2026, 1, 1), "x" * 201, None, "at most 200"),
        (date(1900, 1, 1), "old", None, "not a date charts show"),
        (date(2026, 1, 1), "typo", "revenu", "unknown KPI 'revenu'"),
    ],
)
def test_a_malformed_note_is_refused_in_words(
    settings: Settings, day: date, text: str, kpi: str | None, words: str
) -> None:
    with pytest.raises(UserError, match=words):
        explore.add_annotation(day, text, kpi=kpi, settings=settings)
    assert explore.list_annotations(settings=settings) == []
