"""The `mpm` command: thin Typer commands over the domain layer, one module per noun."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from mpm.auth import local_principal
from mpm.cli import (
    activity,
    audit,
    campaign,
    decision,
    loads,
    metrics,
    objective,
    plan,
    privacy,
    review,
    token,
    user,
    workspace,
)
from mpm.cli.backup import BACKUP_EXAMPLES, RESTORE_EXAMPLES, backup, restore
from mpm.cli.config import config
from mpm.cli.demo import demo
from mpm.cli.ingest import EXAMPLES, ingest
from mpm.cli.kpi import EXAMPLES as KPI_EXAMPLES
from mpm.cli.kpi import kpi
from mpm.cli.serve import EXAMPLES as SERVE_EXAMPLES
from mpm.cli.serve import serve
from mpm.cli.tables import tables
from mpm.errors import IngestError, UserError
from mpm.store import acting_as

app = typer.Typer(
    name="mpm",
    help="Marketing Performance Manager: objectives, budgets, KPIs and analysis in one tool.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    add_completion=False,
)
app.command(help="Build the demo world (synthetic company + truth.json) and load it.")(demo)
app.command(epilog=EXAMPLES)(ingest)
app.command()(tables)
app.command()(config)
app.command(epilog=KPI_EXAMPLES)(kpi)
app.command(epilog=SERVE_EXAMPLES)(serve)
app.add_typer(metrics.app, name="metrics")
app.add_typer(objective.app, name="objective")
app.add_typer(plan.app, name="plan")
app.add_typer(campaign.app, name="campaign")
app.add_typer(activity.app, name="activity")
app.add_typer(decision.app, name="decision")
app.add_typer(review.app, name="review")
app.add_typer(loads.app, name="loads")
app.add_typer(workspace.app, name="workspace")
app.add_typer(user.app, name="user")
app.add_typer(token.app, name="token")
app.add_typer(audit.app, name="audit")
app.add_typer(privacy.app, name="privacy")
app.command(epilog=BACKUP_EXAMPLES)(backup)
app.command(epilog=RESTORE_EXAMPLES)(restore)

STATE = {"debug": False}


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """mpm — run `mpm COMMAND --help` for the options and examples of a command."""
    STATE["debug"] = debug


def run() -> None:
    """Entry point: one clear line per error on stderr, tracebacks only with --debug."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    debug = "--debug" in sys.argv
    try:
        with acting_as(local_principal().actor()):  # the audit log names the local user
            code = app(standalone_mode=False)  # typer.Exit(n) comes back as n
        if isinstance(code, int) and code:
            sys.exit(code)
    except IngestError as exc:
        if debug:
            raise
        err.print(f"[red]error:[/red] {exc.summary()}", markup=True)
        if exc.total > 1 or len(exc.problems) > 1:
            for line in exc.details():
                err.print(f"  {line}", markup=False)
        sys.exit(1)
    except UserError as exc:
        if debug:
            raise
        err.print(f"[red]error:[/red] {exc}", markup=True)
        sys.exit(1)
    except (typer.Abort, KeyboardInterrupt):
        err.print("aborted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:
        # usage errors of the command-line parser (unknown command or option, bad value)
        if callable(getattr(exc, "show", None)) and isinstance(
            getattr(exc, "exit_code", None), int
        ):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        if debug:
            raise
        err.print(
            f"[red]internal error:[/red] {type(exc).__name__}: {exc} "
            "(run again with --debug for the traceback)"
        )
        sys.exit(2)
