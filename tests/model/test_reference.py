from __future__ import annotations

from mpm.model.reference import tables_markdown
from tests.helpers import ROOT


def test_data_model_doc_lists_the_current_tables() -> None:
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert tables_markdown() in text, "run `python -m mpm.model.reference` to refresh the doc"
