"""docs/server.md lists every endpoint as the OpenAPI document has it."""

from __future__ import annotations

from pathlib import Path

from mpm.app import create_app
from mpm.app.main import schema
from mpm.app.reference import BEGIN, END, endpoint_table
from mpm.config import Settings
from tests.helpers import ROOT


def test_the_endpoint_table_of_the_docs_is_the_apps(tmp_path: Path) -> None:
    document = schema(create_app(Settings(home=tmp_path), warm=False))
    text = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")
    documented = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert documented == endpoint_table(document), (
        "docs/server.md is out of date: paste endpoint_table(schema(app)) between its markers"
    )
