"""`mpm plan ...`: budgets, reallocations and the calendar of campaigns and activities."""

from __future__ import annotations

import typer

from mpm.cli import budget, calendar

app = typer.Typer(help="Plans: budgets, reallocations, the calendar.", no_args_is_help=True)
app.command("calendar", epilog=calendar.EXAMPLES)(calendar.calendar)
budget_app = typer.Typer(help="Budget lines: planned, committed, actual.", no_args_is_help=True)
app.add_typer(budget_app, name="budget")
budget_app.command("set", epilog=budget.SET_EXAMPLES)(budget.set_command)
budget_app.command("list", epilog=budget.LIST_EXAMPLES)(budget.list_command)
budget_app.command("status", epilog=budget.STATUS_EXAMPLES)(budget.status_command)
app.command("reallocate", epilog=budget.REALLOCATE_EXAMPLES)(budget.reallocate_command)
