"""`mpm decision add | list`: the decision log (what changed, why, on which evidence, who)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.goals import list_decisions, log_decision

app = typer.Typer(help="The decision log: what changed, why, who, when.", no_args_is_help=True)

EXAMPLES = """\
Examples:

  mpm decision add --about campaign --subject "Spring Sale" --what "paused TikTok ads" \\
      --why "CPA twice the target for three weeks" --evidence "mpm review campaign 'Spring Sale'"
  mpm decision list --about budget --format json
"""


@app.command("add", epilog=EXAMPLES)
def add(
    subject: Annotated[str, typer.Option("--subject", help="What it is about (a name).")],
    what: Annotated[str, typer.Option("--what", help="What was decided or changed.")],
    why: Annotated[str, typer.Option("--why", help="The reason.")],
    about: Annotated[
        str, typer.Option("--about", help="Kind: objective, budget, campaign, channel, other.")
    ] = "other",
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="What the decision rests on.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who decided.")] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Record a decision taken outside mpm's own commands."""
    decision = log_decision(
        subject_kind=about,
        subject=subject,
        what=what,
        why=why,
        evidence=evidence,
        who=by,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit_one(asdict(decision), fmt)
        return
    typer.echo(f"decision #{decision.id} recorded")


@app.command("list")
def list_command(
    about: Annotated[str | None, typer.Option("--about", help="Only this kind.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="Only this subject.")] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """The decisions of the workspace, oldest first."""
    decisions = list_decisions(
        subject_kind=about, subject=subject, workspace=workspace, settings=get_settings()
    )
    records = [asdict(d) for d in decisions]
    if fmt is Format.table:
        records = [
            {
                "#": d.id,
                "when": d.decided_at,
                "about": f"{d.subject_kind}: {d.subject}",
                "what": d.what,
                "why": d.why,
                "evidence": d.evidence,
                "who": d.who,
            }
            for d in decisions
        ]
    emit(records, fmt, title="Decision log", empty="no decisions recorded yet")
