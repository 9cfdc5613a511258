"""`mpm user add|list|role|disable|enable|reset-password`: the people who sign in to the server
and their roles. The command line acts as owner of every workspace in MPM_HOME."""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Annotated, Any

import typer

from mpm import auth
from mpm.auth import Role
from mpm.auth.users import RESET_HOURS
from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.errors import UserError
from mpm.store import acting_as, ensure_workspace, session_scope

app = typer.Typer(help="Users of the server: add, list, roles, disable, password reset.")

EXAMPLES = """\
Examples:

  echo 'a long passphrase' | mpm user add ana@agency.com --role owner -w acme --password-stdin
  mpm user add client@acme.com --role viewer --workspace acme     # prints a one-time reset token
  mpm user role client@acme.com analyst --workspace acme
  mpm user reset-password client@acme.com
  mpm user list --format json
"""


def _record(user: auth.User) -> dict[str, Any]:
    record = asdict(user)
    record["memberships"] = ", ".join(f"{m.workspace}:{m.role}" for m in user.memberships)
    return record


def _password(from_stdin: bool) -> str | None:
    if not from_stdin:
        return None
    text = sys.stdin.readline().rstrip("\r\n")
    if not text:
        raise UserError("--password-stdin: no password on standard input")
    return text


@app.command("add", epilog=EXAMPLES)
def add(
    email: Annotated[str, typer.Argument(help="The user's e-mail address (their sign-in name).")],
    role: Annotated[str, typer.Option(help="viewer, analyst, editor or owner.")] = "viewer",
    workspace: WorkspaceOption = "default",
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Add a user with a role in a workspace (or give an existing user the role). Without a
    password, a one-time reset token is printed for them to choose one."""
    password = _password(password_stdin)
    granted = Role.parse(role)
    settings = get_settings()
    with acting_as(auth.local_principal().actor()), session_scope(settings.app_database_url) as s:
        ws = ensure_workspace(s, workspace)
        address = auth.check_email(email)
        try:
            auth.user_row(s, address)
            created = False
        except UserError:
            auth.add_user(s, address, password=password, name=name)
            created = True
        user = auth.user_row(s, address)
        if not created and password is not None:
            raise UserError(
                f"{address} exists already: change a password with `mpm user reset-password`"
            )
        auth.set_membership(s, user.id, ws.id, granted)
        token = auth.reset_token(s, address) if created and password is None else None
        record = _record(auth.get_user(s, address))
    record["created"] = created
    if token:
        record["reset_token"] = token
    if fmt is Format.table:
        typer.echo(
            f"{address} is {granted.value} in workspace {workspace}"
            + (" (new user)" if created else "")
        )
        if token:
            typer.echo(f"one-time reset token (valid {RESET_HOURS} h): {token}")
        return
    emit_one(record, fmt)


@app.command("list")
def list_(fmt: FormatOption = Format.table) -> None:
    """Every user with their memberships."""
    with session_scope(get_settings().app_database_url) as s:
        users = [_record(u) for u in auth.list_users(s)]
    if fmt is Format.table:
        users = [
            {k: u[k] for k in ("id", "email", "name", "is_active", "memberships", "last_login_at")}
            for u in users
        ]
    emit(
        users,
        fmt,
        title="Users",
        empty="no users yet: add one with `mpm user add EMAIL --role owner`",
    )


@app.command("role")
def role(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    new_role: Annotated[
        str, typer.Argument(metavar="ROLE", help="viewer, analyst, editor, owner or none.")
    ],
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Change a user's role in a workspace; `none` takes them out (their tokens there stop)."""
    settings = get_settings()
    with acting_as(auth.local_principal().actor()), session_scope(settings.app_database_url) as s:
        ws = ensure_workspace(s, workspace)
        user = auth.user_row(s, email)
        if new_role.strip().lower() == "none":
            auth.remove_membership(s, user.id, ws.id)
        else:
            auth.set_membership(s, user.id, ws.id, Role.parse(new_role))
        record = _record(auth.get_user(s, email))
    emit_one(record, fmt)


@app.command("disable")
def disable(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    fmt: FormatOption = Format.table,
) -> None:
    """Stop a user from signing in: their sessions end and their API tokens stop working."""
    with (
        acting_as(auth.local_principal().actor()),
        session_scope(get_settings().app_database_url) as s,
    ):
        emit_one(_record(auth.disable_user(s, email)), fmt)


@app.command("enable")
def enable(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    fmt: FormatOption = Format.table,
) -> None:
    """Let a disabled or locked-out user sign in again."""
    with (
        acting_as(auth.local_principal().actor()),
        session_scope(get_settings().app_database_url) as s,
    ):
        emit_one(_record(auth.enable_user(s, email)), fmt)


@app.command("reset-password")
def reset_password(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    fmt: FormatOption = Format.table,
) -> None:
    """Print a one-time token with which the user chooses a new password (POST
    /api/v1/auth/password-reset, or the sign-in page). No e-mail is sent."""
    with (
        acting_as(auth.local_principal().actor()),
        session_scope(get_settings().app_database_url) as s,
    ):
        token = auth.reset_token(s, email)
    if fmt is Format.table:
        typer.echo(
            f"one-time reset token for {email.strip().lower()} (valid {RESET_HOURS} h): {token}"
        )
        return
    emit_one({"email": email.strip().lower(), "reset_token": token}, fmt)
