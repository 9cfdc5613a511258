"""`mpm privacy forget`: delete one person from a workspace's warehouse."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from mpm.auth import local_principal
from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit
from mpm.config import get_settings
from mpm.errors import UserError
from mpm.services import privacy

app = typer.Typer(help="Data protection: forget a person (see also `mpm workspace export`).")

EXAMPLES = """\
Examples:

  mpm privacy forget --customer C10042 -w shop            # shows what would go
  mpm privacy forget --customer C10042 -w shop --yes      # deletes it
  mpm privacy forget --email ana.lopez@example.com --yes  # plain or hashed (--hash-pii) data
"""


@app.command(epilog=EXAMPLES)
def forget(
    customer: Annotated[
        str | None, typer.Option("--customer", help="The person's customer id.")
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help="Or their e-mail address (plain or hashed data).")
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: delete the rows (without it, only count).")
    ] = False,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Delete a person from every table of the workspace's warehouse (customers, orders,
    leads, touchpoints, conversions, experiment exposures), replaced versions included, so
    no revert brings them back. Without --yes, show what would be deleted."""
    report = privacy.forget_customer(
        local_principal(),
        workspace,
        customer_id=customer,
        email=email,
        dry_run=not yes,
        settings=get_settings(),
    )
    who = f"customer {customer!r}" if customer is not None else f"e-mail {email!r}"
    records = [{"table": t.table, "rows": t.rows, "history": t.history} for t in report.tables]
    if fmt is not Format.table:
        emit(records, fmt)
    if report.total == 0:
        typer.echo(
            f"nothing of {who} in workspace {workspace} (never imported, or forgotten already)",
            err=True,
        )
        return
    rows = f"{report.total:,} row{'s' if report.total != 1 else ''}"
    console = Console(highlight=False, soft_wrap=True)
    if fmt is Format.table:
        console.print(f"{'Deleted' if yes else 'Would delete'} {who} in workspace {workspace}:")
        emit([r for r in records if r["rows"] or r["history"]], fmt)
    if not yes:
        raise UserError(f"{rows} of {who} would be deleted: add --yes to delete them")
    if fmt is Format.table:
        console.print(
            f"[green]Forgot[/green] {who} in workspace {workspace}: {rows} "
            "(replaced versions included)"
        )
