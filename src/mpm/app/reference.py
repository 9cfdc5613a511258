"""The endpoint table of docs/server.md, made from the app's OpenAPI document (a test keeps
the docs equal to it)."""

from __future__ import annotations

from typing import Any

from mpm.app.deps import ACCESS

BEGIN = "<!-- endpoints: generated from the OpenAPI document; tests/app/test_reference.py -->"
END = "<!-- endpoints: end -->"
ACCESS_WORDS = {"public": "anyone", "signed-in": "signed in"}


def endpoint_table(document: dict[str, Any]) -> str:
    """Markdown: method, path under /api/v1, who may call it, what it does."""
    lines = ["| method | path | who | what |", "|---|---|---|---|"]
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            who = op.get(ACCESS, "?")
            what = (op.get("description") or op.get("summary") or "").strip().split("\n\n")[0]
            what = " ".join(what.split())
            lines.append(
                f"| {method.upper()} | `{path.removeprefix('/api/v1')}` | "
                f"{ACCESS_WORDS.get(who, who)} | {what} |"
            )
    return "\n".join(lines)
