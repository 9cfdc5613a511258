"""`mpm user`, `mpm token`, `mpm workspace add|delete` and `mpm audit` from the command line:
the JSON contract, one-line errors, and every change in the audit log under the local user."""

from __future__ import annotations

import getpass
import json
import subprocess
from collections.abc import Callable

CLI = Callable[..., subprocess.CompletedProcess[str]]


def test_users_tokens_and_workspaces_from_the_command_line(mpm: CLI) -> None:
    owner = mpm(
        "user",
        "add",
        "Ana@Agency.com",
        "--role",
        "owner",
        "-w",
        "acme",
        "--password-stdin",
        "-f",
        "json",
        input_text="a long enough passphrase\n",
    )
    assert owner.returncode == 0, owner.stderr
    record = json.loads(owner.stdout)
    assert record["email"] == "ana@agency.com" and record["created"] and "reset_token" not in record
    viewer = json.loads(
        mpm("user", "add", "client@acme.com", "-w", "acme", "-f", "json", check=True).stdout
    )
    assert viewer["reset_token"].startswith("mpm_reset_")  # no password: a one-time token
    short = mpm("user", "add", "x@acme.com", "--password-stdin", input_text="short\n")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    assert "Traceback" not in short.stderr
    listed = json.loads(mpm("user", "list", "-f", "json", check=True).stdout)
    assert [u["email"] for u in listed] == ["ana@agency.com", "client@acme.com"]
    mpm("user", "role", "client@acme.com", "analyst", "-w", "acme", check=True)
    token = json.loads(
        mpm(
            "token",
            "create",
            "--user",
            "client@acme.com",
            "-w",
            "acme",
            "--expires-days",
            "7",
            "-f",
            "json",
            check=True,
        ).stdout
    )
    assert token["token"].startswith("mpm_tok_") and token["role"] == "analyst"
    too_high = mpm("token", "create", "--user", "client@acme.com", "-w", "acme", "--role", "owner")
    assert too_high.returncode == 1 and "cannot be owner" in too_high.stderr
    tokens = json.loads(mpm("token", "list", "-f", "json", check=True).stdout)
    assert token["token"] not in json.dumps(tokens) and tokens[0]["active"]
    mpm("token", "revoke", str(token["id"]), check=True)
    assert not json.loads(mpm("token", "list", "-f", "json", check=True).stdout)[0]["active"]
    mpm("workspace", "add", "globex", "--name", "Globex", check=True)
    refused = mpm("workspace", "delete", "globex")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    mpm("workspace", "delete", "globex", "--yes", check=True)
    names = [
        w["slug"] for w in json.loads(mpm("workspace", "list", "-f", "json", check=True).stdout)
    ]
    assert "globex" not in names and "acme" in names
    log = json.loads(
        mpm("audit", "list", "-w", "acme", "--limit", "100", "-f", "json", check=True).stdout
    )
    assert {e["actor"] for e in log} == {f"cli:{getpass.getuser()}"}
    assert {e["entity"] for e in log} >= {"memberships", "api_tokens", "workspaces"}
    assert all("$argon2" not in json.dumps(e) for e in log)
