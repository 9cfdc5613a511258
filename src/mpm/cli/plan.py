"""`mpm plan ...`: budgets, reallocations and the calendar of campaigns and activities."""

from __future__ import annotations

import typer

app = typer.Typer(help="Plans: budgets, reallocations, the calendar.", no_args_is_help=True)
budget_app = typer.Typer(help="Budget lines: planned, committed, actual.", no_args_is_help=True)
app.add_typer(budget_app, name="budget")
