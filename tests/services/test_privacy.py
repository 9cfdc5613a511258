"""Forgetting a person (every table, replaced versions too, one transaction, idempotent, by
customer id or plain or hashed e-mail, owners only, audited without the identifier) and
exporting a workspace (only its rows, no secrets, every table, atomic), through the
services and the CLI."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

from mpm import auth, goals
from mpm.auth import Principal, Role, local_principal
from mpm.config import Settings
from mpm.errors import Forbidden, NotFound, UserError
from mpm.ingest import IngestOptions, ingest_file, pii, revert_load
from mpm.model.tables import TABLES
from mpm.services import privacy
from mpm.store import session_scope
from mpm.store.models import AuditRow, WorkspaceRow
from tests.helpers import TEST_DATA, query, snapshot

Run = Callable[..., subprocess.CompletedProcess[str]]
OWNER = local_principal()
EMAIL = "Pat@Example.com"  # the person's address, as one file spells it


def ingest_csv(settings: Settings, tmp_path: Path, table: str, text: str) -> int:
    path = tmp_path / f"{table}-{abs(hash(text))}.csv"
    path.write_text(text)
    return ingest_file(path, options=IngestOptions(table=table), settings=settings).load_id


def busiest_customer(settings: Settings) -> str:
    rows = query(
        settings,
        "SELECT customer_id FROM orders GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )
    return str(rows[0][0])


def person_rows(settings: Settings, customer: str) -> dict[str, int]:
    """Rows (all versions) that name the person, found without the service's code."""
    ids = f"('{customer}', 'pat@example.com', '{EMAIL}')"
    checks = {
        "customers": f"customer_id IN {ids} OR email IN {ids}",
        "orders": f"customer_id IN {ids}",
        "leads": f"customer_id IN {ids} OR email IN {ids}",
        "touchpoints": f"user_id IN {ids}",
        "conversions": f"user_id IN {ids}",
        "experiment_exposures": f"unit_id IN {ids}",
    }
    return {
        t: int(query(settings, f"SELECT count(*) FROM _rows_{t} WHERE {w}")[0][0])
        for t, w in checks.items()
    }


@pytest.fixture
def person(demo_settings: Settings, tmp_path: Path) -> dict[str, object]:
    """A demo customer with data in every table that can hold a person, replaced versions of
    an order and of their customer row, an order and a lead under their e-mail only, and
    another person's rows that must stay."""
    s = demo_settings
    customer = busiest_customer(s)
    order = query(s, f"SELECT order_id FROM orders WHERE customer_id = '{customer}' LIMIT 1")
    demo_orders = int(
        query(s, f"SELECT count(*) FROM orders WHERE customer_id = '{customer}'")[0][0]
    )
    loads = {
        "orders": ingest_csv(
            s,
            tmp_path,
            "orders",
            f"order_id,customer_id,ordered_at,revenue\n{order[0][0]},{customer},"
            "2026-11-01 10:00,99.5\nS-1,Pat@Example.com,2026-11-02 11:00,20\n"
            "S-2,someone@else.example,2026-11-02 12:00,30\n",
        ),
        "customers": ingest_csv(
            s,
            tmp_path,
            "customers",
            f"customer_id,first_order_at,email,country\n{customer},2026-10-06,{EMAIL},US\n",
        ),
    }
    ingest_csv(
        s,
        tmp_path,
        "leads",
        "lead_id,created_at,customer_id,email\nL-X,2026-10-01 09:00,"
        f"{customer},\nL-Y,2026-10-02 09:00,, pat@EXAMPLE.com \nL-Z,2026-10-03 09:00,,a@b.c\n",
    )
    ingest_csv(
        s,
        tmp_path,
        "touchpoints",
        f"user_id,ts,channel,interaction\n{customer},2026-10-01 08:00,Email,click\n"
        f"{customer},2026-10-01 08:05,Email,visit\npat@example.com,2026-10-02 08:00,Email,click\n",
    )
    ingest_csv(
        s,
        tmp_path,
        "conversions",
        f"conversion_id,user_id,ts,value\nK-1,{customer},2026-10-01 08:10,50\n",
    )
    ingest_csv(
        s,
        tmp_path,
        "experiment_exposures",
        f"experiment,unit_id,variant,exposed_at\nhero,{customer},B,2026-10-01 08:00\n",
    )
    return {"customer": customer, "demo_orders": demo_orders, "loads": loads}


def forget(settings: Settings, principal: Principal = OWNER, **kw: object) -> privacy.ForgetReport:
    return privacy.forget_customer(principal, "default", settings=settings, **kw)  # type: ignore[arg-type]


def counts(report: privacy.ForgetReport) -> dict[str, tuple[int, int]]:
    return {t.table: (t.rows, t.history) for t in report.tables}


def test_forget_deletes_the_person_from_every_table_and_their_history(
    demo_settings: Settings, person: dict[str, object]
) -> None:
    customer = str(person["customer"])
    orders = int(person["demo_orders"])  # type: ignore[call-overload]
    before = {t: int(query(demo_settings, f"SELECT count(*) FROM _rows_{t}")[0][0]) for t in TABLES}
    report = forget(demo_settings, customer_id=customer)
    assert counts(report) == {
        "customers": (1, 1),  # the customer row, and its version before the update
        "orders": (orders + 1, 1),  # the demo's and the one under the e-mail; a replaced one
        "leads": (2, 0),  # by customer id and by e-mail in another spelling
        "touchpoints": (3, 0),
        "conversions": (1, 0),
        "experiment_exposures": (1, 0),
    }
    assert report.deleted and report.total == sum(r + h for r, h in counts(report).values())
    assert all(n == 0 for n in person_rows(demo_settings, customer).values())
    after = {t: int(query(demo_settings, f"SELECT count(*) FROM _rows_{t}")[0][0]) for t in TABLES}
    gone = {t: r + h for t, (r, h) in counts(report).items()}
    assert after == {t: before[t] - gone.get(t, 0) for t in TABLES}  # nobody else's rows
    others = query(demo_settings, "SELECT order_id FROM orders WHERE order_id = 'S-2'")
    assert others == [("S-2",)]


def test_a_forgotten_person_does_not_come_back_when_loads_are_reverted(
    demo_settings: Settings, person: dict[str, object]
) -> None:
    customer = str(person["customer"])
    forget(demo_settings, customer_id=customer)
    loads: dict[str, int] = person["loads"]  # type: ignore[assignment]
    revert_load(loads["customers"], settings=demo_settings)
    revert_load(loads["orders"], settings=demo_settings)
    assert all(n == 0 for n in person_rows(demo_settings, customer).values())
    assert query(demo_settings, "SELECT count(*) FROM orders WHERE order_id = 'S-2'") == [(0,)]


def test_forgetting_twice_finds_nothing_the_second_time(
    demo_settings: Settings, person: dict[str, object]
) -> None:
    forget(demo_settings, customer_id=str(person["customer"]))
    again = forget(demo_settings, customer_id=str(person["customer"]))
    assert again.total == 0 and all(c == (0, 0) for c in counts(again).values())


def test_a_dry_run_counts_and_changes_nothing(
    demo_settings: Settings, person: dict[str, object]
) -> None:
    before = snapshot(demo_settings)
    dry = forget(demo_settings, customer_id=str(person["customer"]), dry_run=True)
    assert not dry.deleted and snapshot(demo_settings) == before
    assert counts(dry) == counts(forget(demo_settings, customer_id=str(person["customer"])))


def test_forget_by_email_finds_the_customer_behind_the_address(
    demo_settings: Settings, person: dict[str, object]
) -> None:
    report = forget(demo_settings, email=" PAT@example.COM")
    assert counts(report)["customers"] == (1, 1)
    assert counts(report)["orders"][0] == int(person["demo_orders"]) + 1  # type: ignore[call-overload]
    assert all(n == 0 for n in person_rows(demo_settings, str(person["customer"])).values())


def test_forget_by_email_finds_hashed_rows(settings: Settings, tmp_path: Path) -> None:
    ingest_file(
        TEST_DATA / "exports" / "shopify_orders_export_1.csv",
        options=IngestOptions(hash_pii=True),
        settings=settings,
    )
    report = forget(settings, email="Eva.Marsh@example.com")
    assert counts(report)["orders"] == (1, 0)
    key = pii.existing_key(settings.home_path)
    assert key is not None
    hashed = pii.digest(key, "eva.marsh@example.com")
    assert query(settings, f"SELECT count(*) FROM _rows_orders WHERE customer_id = '{hashed}'") == [
        (0,)
    ]
    assert query(settings, "SELECT count(*) FROM orders") == [(4,)]  # the other customers


def test_forget_is_one_transaction(
    demo_settings: Settings, person: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after some tables were deleted from leaves every table as it was."""
    tables = dict(privacy.PERSON_COLUMNS)
    broken = {"customers": tables["customers"], "orders": tables["orders"], "nope": ("x",)}
    monkeypatch.setattr(privacy, "PERSON_COLUMNS", {**broken, **tables})
    before = snapshot(demo_settings)
    with pytest.raises(Exception, match="nope"):
        forget(demo_settings, customer_id=str(person["customer"]))
    assert snapshot(demo_settings) == before


def test_forget_is_for_owners_and_is_audited_without_the_identifier(
    demo_settings: Settings, person: dict[str, object]
) -> None:
    with session_scope(demo_settings.app_database_url) as s:
        ws = s.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == "default"))
        assert ws is not None
        ids = {}
        for role in (Role.ANALYST, Role.OWNER):
            user = auth.add_user(s, f"{role.value}@agency.example")
            auth.set_membership(s, user.id, ws.id, role)
            ids[role] = user.id
    analyst = Principal("analyst@agency.example", user_id=ids[Role.ANALYST])
    owner = Principal("owner@agency.example", user_id=ids[Role.OWNER])
    customer = str(person["customer"])
    with pytest.raises(Forbidden):
        forget(demo_settings, analyst, customer_id=customer)
    report = forget(demo_settings, owner, customer_id=customer)
    with session_scope(demo_settings.app_database_url) as s:
        entry = s.scalars(select(AuditRow).where(AuditRow.entity == "warehouse:person")).one()
        assert entry.actor == "owner@agency.example" and entry.workspace_id == ws.id
        assert entry.after == {t.table: t.rows + t.history for t in report.tables}
        assert customer not in json.dumps([entry.before, entry.after])


def test_forget_says_clearly_what_is_wrong(demo_settings: Settings) -> None:
    with pytest.raises(UserError, match="customer id or an e-mail address"):
        forget(demo_settings)
    with pytest.raises(UserError, match="empty"):
        forget(demo_settings, customer_id="  ")
    with pytest.raises(UserError, match="not an e-mail address"):
        forget(demo_settings, email="C0001")
    with pytest.raises(NotFound, match="workspace 'nope'"):
        privacy.forget_customer(OWNER, "nope", customer_id="C1", settings=demo_settings)


def test_cli_forget_shows_first_and_deletes_with_yes(
    demo_settings: Settings, person: dict[str, object], mpm: Run
) -> None:
    customer = str(person["customer"])
    shown = mpm("privacy", "forget", "--customer", customer, "-f", "json")
    assert shown.returncode == 1 and "add --yes to delete them" in shown.stderr
    assert json.loads(shown.stdout)[0] == {"table": "customers", "rows": 1, "history": 1}
    assert person_rows(demo_settings, customer)["orders"] > 0
    done = mpm("privacy", "forget", "--customer", customer, "--yes", check=True)
    assert f"Forgot customer '{customer}' in workspace default" in done.stdout
    again = mpm("privacy", "forget", "--customer", customer, "--yes", check=True)
    assert "nothing of customer" in again.stderr


# --- export ----------------------------------------------------------------------------------

SECRET_PASSWORD = "correct horse battery staple"


@pytest.fixture
def exported(demo_settings: Settings, tmp_path: Path) -> tuple[zipfile.ZipFile, str]:
    """An export of `default`, which has a member with a password and a token, KPI and rule
    files; a second workspace with its own member and decision must not be in it."""
    s = demo_settings
    folder = s.workspace_dir("default")
    (folder / "metrics").mkdir(exist_ok=True)
    (folder / "metrics" / "mine.yml").write_text("kpis: []\n")
    (folder / "channels.yml").write_text("rules: []\n")
    pii.installation_key(s.home_path)
    with session_scope(s.app_database_url) as session:
        ws = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == "default"))
        assert ws is not None
        user = auth.add_user(session, "member@client.example", password=SECRET_PASSWORD)
        auth.set_membership(session, user.id, ws.id, Role.OWNER)
        secret, _ = auth.create_token(
            session, user=auth.user_row(session, user.email), workspace=ws
        )
    privacy_other(s)
    path = tmp_path / "export.zip"
    report = privacy.export_workspace(OWNER, "default", path, settings=s)
    assert report.file == str(path) and report.bytes == path.stat().st_size
    return zipfile.ZipFile(path), secret


def privacy_other(settings: Settings) -> None:
    from mpm.services import workspaces

    workspaces.create_workspace(OWNER, "other", settings=settings)
    goals.log_decision(
        subject_kind="other", subject="x", what="OTHER-SECRET", why="y", workspace="other",
        settings=settings,
    )  # fmt: skip
    with session_scope(settings.app_database_url) as session:
        ws = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == "other"))
        assert ws is not None
        user = auth.add_user(session, "outsider@other.example")
        auth.set_membership(session, user.id, ws.id, Role.VIEWER)


def test_export_holds_every_table_and_the_manifest_counts_them(
    demo_settings: Settings, exported: tuple[zipfile.ZipFile, str]
) -> None:
    archive, _ = exported
    names = set(archive.namelist())
    assert {
        "manifest.json",
        "README.txt",
        "config/metrics/mine.yml",
        "config/channels.yml",
    } <= names
    assert {f"warehouse/{t}.parquet" for t in TABLES} <= names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "mpm-workspace-export" and manifest["mpm_version"]
    for table in TABLES:
        live = int(query(demo_settings, f"SELECT count(*) FROM {table}")[0][0])
        rows = pq.read_metadata(io.BytesIO(archive.read(f"warehouse/{table}.parquet"))).num_rows
        assert manifest["warehouse"][table] == rows == live
    orders = pq.read_table(io.BytesIO(archive.read("warehouse/orders.parquet")))
    assert "_replaced_by" not in orders.column_names  # current rows only
    for entry in manifest["files"]:
        import hashlib

        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    for table, count in manifest["app_state"].items():
        assert len(json.loads(archive.read(f"app_state/{table}.json"))) == count
    assert manifest["app_state"]["objectives"] > 0 and manifest["app_state"]["loads"] > 0


def test_export_holds_only_this_workspace_and_no_secrets(
    exported: tuple[zipfile.ZipFile, str],
) -> None:
    archive, token = exported
    ws_id = json.loads(archive.read("app_state/workspaces.json"))[0]["id"]
    everything = b""
    for name in archive.namelist():
        data = archive.read(name)
        everything += data
        if name.startswith("app_state/"):
            for row in json.loads(data):
                assert not {"password_hash", "token_hash", "csrf_token"} & set(row)
                assert row.get("workspace_id", ws_id) == ws_id
    users = json.loads(archive.read("app_state/users.json"))
    assert [u["email"] for u in users] == ["member@client.example"]
    assert len(json.loads(archive.read("app_state/api_tokens.json"))) == 1
    assert b"$argon2" not in everything and token.encode() not in everything
    assert b"OTHER-SECRET" not in everything and b"outsider@" not in everything
    assert not any(n.endswith("pii.key") for n in archive.namelist())
    assert "sessions.json" not in {Path(n).name for n in archive.namelist()}


def test_a_failed_export_leaves_no_file(
    demo_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(privacy, "_export_warehouse", broken)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        privacy.export_workspace(OWNER, "default", out / "x.zip", settings=demo_settings)
    assert list(out.iterdir()) == []


def test_cli_workspace_export(demo_settings: Settings, tmp_path: Path, mpm: Run) -> None:
    out = tmp_path / "default.zip"
    done = mpm("workspace", "export", "default", str(out), check=True)
    assert "workspace default exported to" in done.stdout and zipfile.is_zipfile(out)
    again = mpm("workspace", "export", "default", str(out))
    assert again.returncode == 1 and "the file exists" in again.stderr
    forced = mpm("workspace", "export", "default", str(out), "--overwrite", "-f", "json")
    assert json.loads(forced.stdout)["warehouse"]["orders"] > 0
    missing = mpm("workspace", "export", "nope", str(tmp_path / "n.zip"))
    assert missing.returncode == 1 and "workspace 'nope' not found" in missing.stderr
