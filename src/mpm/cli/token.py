"""`mpm token create|list|revoke`: API tokens for scripts and other tools."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from mpm import auth
from mpm.auth import Role
from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.store import acting_as, ensure_workspace, session_scope
from mpm.store.models import WorkspaceRow

app = typer.Typer(help="API tokens: create (shown once), list, revoke.")

EXAMPLES = """\
Examples:

  mpm token create --user analyst@agency.com -w acme --role analyst --expires-days 30 -f json
  mpm token list --workspace acme
  mpm token revoke 3
"""


@app.command("create", epilog=EXAMPLES)
def create(
    user: Annotated[str, typer.Option("--user", help="E-mail of a member of the workspace.")],
    workspace: WorkspaceOption = "default",
    role: Annotated[
        str | None, typer.Option(help="At most the member's role (default: theirs).")
    ] = None,
    expires_days: Annotated[int, typer.Option(help="Days until it expires (1-366).")] = 90,
    name: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """A new token, printed once: send it as 'Authorization: Bearer <token>'."""
    settings = get_settings()
    with acting_as(auth.local_principal().actor()), session_scope(settings.app_database_url) as s:
        ws = ensure_workspace(s, workspace)
        row = s.get(WorkspaceRow, ws.id)
        assert row is not None
        secret, token = auth.create_token(
            s,
            user=auth.user_row(s, user),
            workspace=row,
            role=Role.parse(role) if role else None,
            expires_days=expires_days,
            name=name,
        )
    if fmt is Format.table:
        typer.echo(
            f"token {token.id} for {token.user} ({token.role} in {token.workspace}, "
            f"expires {token.expires_at:%Y-%m-%d}):"
        )
        typer.echo(secret)
        typer.echo("it is shown only now; keep it in a secret store", err=True)
        return
    emit_one({"token": secret, **asdict(token)}, fmt)


@app.command("list")
def list_(
    workspace: Annotated[
        str | None, typer.Option("--workspace", "-w", help="Only this workspace's tokens.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Tokens (never the tokens themselves): user, role, expiry, revocation, last use."""
    with session_scope(get_settings().app_database_url) as s:
        ids = None
        if workspace is not None:
            ids = {ensure_workspace(s, workspace).id}
        tokens = [{**asdict(t), "active": t.active} for t in auth.list_tokens(s, ids)]
    emit(tokens, fmt, title="API tokens", empty="no API tokens")


@app.command("revoke")
def revoke(
    token_id: Annotated[int, typer.Argument(help="The token's id (see `mpm token list`).")],
    fmt: FormatOption = Format.table,
) -> None:
    """Revoke a token: it stops working at once."""
    with (
        acting_as(auth.local_principal().actor()),
        session_scope(get_settings().app_database_url) as s,
    ):
        token = auth.revoke_token(s, token_id)
    if fmt is Format.table:
        typer.echo(f"token {token.id} ({token.user} in {token.workspace}) revoked")
        return
    emit_one(asdict(token), fmt)
