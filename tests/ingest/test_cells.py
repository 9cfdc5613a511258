"""Cell cleaning: the text macro's fast path agrees with the full rule on any string."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from mpm.ingest.sql import NULL_TOKENS, install_macros


def expected(cell: str) -> str | None:
    text = cell.strip(" \u00a0")
    return None if text.lower() in NULL_TOKENS else text


CON = duckdb.connect()
install_macros(CON)

PIECES = st.sampled_from([" ", "\u00a0", "\t", "n/a", "NA", "-", "--", "None", "é", "=", "ab"])
CELLS = st.one_of(st.text(max_size=12), st.lists(PIECES, max_size=5).map("".join))


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=20))
def test_text_cells_are_trimmed_and_empty_tokens_are_null(cells: list[str]) -> None:
    cells = [c.replace("\x00", "") for c in cells]
    got = [
        r[0]
        for r in CON.execute(
            "SELECT mpm_text(x) FROM unnest(?) WITH ORDINALITY AS t(x, i) ORDER BY i", [cells]
        ).fetchall()
    ]
    assert got == [expected(c) for c in cells]


def test_examples() -> None:
    rows = CON.execute(
        "SELECT mpm_text(' Brand | US '), mpm_text('\u00a0N/A '), mpm_text('Search\u00a0'), "
        "mpm_text('\tx'), mpm_text('--')"
    ).fetchone()
    assert rows == ("Brand | US", None, "Search", "\tx", None)
