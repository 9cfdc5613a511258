"""Backup and restore of a whole MPM_HOME: identical data after a round trip, the key's mode
kept, a damaged archive changing nothing, a non-empty MPM_HOME replaced only when confirmed,
loads finishing during a backup reconciled, a held warehouse waited for, PostgreSQL app
state left to pg_dump, and the CLI."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mpm.config import Settings
from mpm.errors import Conflict, UserError
from mpm.ingest import ingest_file, list_loads, pii
from mpm.services import backup
from mpm.services.backup import backup_home, restore_home
from tests.helpers import TEST_DATA
from tests.services.conftest import installation, warehouse_rows

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def full(demo_settings: Settings) -> Settings:
    """The demo world plus a KPI file, a rule file and the personal-data key."""
    folder = demo_settings.workspace_dir("default")
    (folder / "metrics").mkdir(exist_ok=True)
    (folder / "metrics" / "mine.yml").write_text("kpis: []\n")
    (folder / "channels.yml").write_text("rules: []\n")
    pii.installation_key(demo_settings.home_path)
    return demo_settings


def test_restore_of_a_backup_gives_identical_data(full: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    report = backup_home(full, archive)
    assert report.workspaces == ("default",) and report.app_state == "included (SQLite)"
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # it holds personal data
    target = Settings(home=tmp_path / "restored")
    restored = restore_home(target, archive)
    assert not restored.replaced and restored.workspaces == ("default",)
    assert installation(target) == installation(full)
    assert stat.S_IMODE((target.home_path / "pii.key").stat().st_mode) == 0o600
    assert list_loads(settings=target) == list_loads(settings=full)
    ingest_file(  # the restored installation works: a new load after the restored ones
        TEST_DATA / "exports" / "shopify_orders_export_1.csv", settings=target
    )


def test_the_manifest_lists_every_file_with_its_checksum(full: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    backup_home(full, archive)
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist())
    paths = {f["path"] for f in manifest["files"]}
    assert names == paths | {"manifest.json"}
    assert {
        "home/mpm.db",
        "home/pii.key",
        "home/workspaces/default/warehouse.duckdb",
        "home/workspaces/default/metrics/mine.yml",
        "home/workspaces/default/channels.yml",
    } <= paths
    assert manifest["format"] == "mpm-backup" and manifest["mpm_version"]
    assert manifest["workspaces"]["default"]["orders"] > 0
    assert manifest["app_state"]["tables"]["loads"] == len(list_loads(settings=full))


DAMAGE = ["flipped byte", "wrong checksum", "missing file", "extra file", "unsafe path",
          "no manifest", "not a zip", "truncated"]  # fmt: skip


def damage(archive: Path, how: str, out: Path) -> Path:
    """A copy of `archive` damaged in one way."""
    if how == "not a zip":
        out.write_bytes(b"hello")
        return out
    if how == "truncated":
        out.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
        return out
    with zipfile.ZipFile(archive) as src:
        manifest = json.loads(src.read("manifest.json"))
        members = {n: src.read(n) for n in src.namelist() if n != "manifest.json"}
    db = "home/workspaces/default/warehouse.duckdb"
    if how == "flipped byte":
        data = bytearray(members[db])
        data[len(data) // 2] ^= 0xFF
        members[db] = bytes(data)
    elif how == "wrong checksum":
        manifest["files"][0]["sha256"] = "0" * 64
    elif how == "missing file":
        del members[db]
    elif how == "extra file":
        members["home/stray.txt"] = b"?"
    elif how == "unsafe path":
        manifest["files"].append({"path": "home/../escape.txt", "sha256": "0" * 64, "bytes": 1})
        members["home/../escape.txt"] = b"x"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        if how != "no manifest":
            dst.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            dst.writestr(name, data)
    return out


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_archive_changes_nothing(full: Settings, tmp_path: Path, how: str) -> None:
    archive = tmp_path / "backup.zip"
    backup_home(full, archive)
    broken = damage(archive, how, tmp_path / "broken.zip")
    other = Settings(home=tmp_path / "other")
    ingest_file(TEST_DATA / "exports" / "shopify_orders_export_1.csv", settings=other)
    before = installation(other)
    names = sorted(p.name for p in other.home_path.iterdir())
    with pytest.raises(UserError, match=r"broken\.zip: .*nothing was changed"):
        restore_home(other, broken, replace=True)
    assert installation(other) == before
    assert sorted(p.name for p in other.home_path.iterdir()) == names  # no work folder left
    missing = Settings(home=tmp_path / "never")
    with pytest.raises(UserError):
        restore_home(missing, broken)
    assert not missing.home_path.exists()
    assert not (tmp_path / "escape.txt").exists()


def test_restore_replaces_a_non_empty_home_only_when_confirmed(
    full: Settings, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    backup_home(full, archive)
    other = Settings(home=tmp_path / "other")
    ingest_file(TEST_DATA / "exports" / "shopify_orders_export_1.csv", settings=other)
    (other.home_path / "notes.txt").write_text("mine")
    with pytest.raises(UserError, match=r"is not empty \(mpm\.db.*notes\.txt.*\): add --yes"):
        restore_home(other, archive)
    report = restore_home(other, archive, replace=True)
    assert report.replaced
    assert installation(other) == installation(full)  # nothing of the old contents is left
    assert not (other.home_path / "notes.txt").exists()
    assert not [p for p in other.home_path.iterdir() if p.name.startswith(".mpm-")]


def test_backup_refuses_to_overwrite_and_leaves_no_partial_file(
    full: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "backup.zip"
    archive.write_text("an older backup")
    with pytest.raises(UserError, match=r"backup\.zip: the file exists"):
        backup_home(full, archive)

    def broken(source: Path, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(backup, "snapshot_sqlite", broken)
    with pytest.raises(OSError, match="disk full"):
        backup_home(full, archive, overwrite=True)
    assert archive.read_text() == "an older backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.zip", "home"]


def test_a_backup_inside_mpm_home_does_not_contain_itself(full: Settings) -> None:
    archive = full.home_path / "backups" / "b.zip"
    backup_home(full, archive)
    backup_home(full, archive, overwrite=True)
    with zipfile.ZipFile(archive) as zf:
        assert not [n for n in zf.namelist() if "backups" in n or "mpm-backup" in n]


def test_loads_that_finish_while_the_backup_runs_are_reconciled(
    full: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warehouses are copied first: a load that commits between that copy and the app
    state's is failed in the backup, so every committed load of a restore has its rows."""
    original = backup.snapshot_sqlite
    late: list[int] = []

    def import_first(source: Path, target: Path) -> None:
        report = ingest_file(TEST_DATA / "exports" / "shopify_orders_export_1.csv", settings=full)
        late.append(report.load_id)
        original(source, target)

    monkeypatch.setattr(backup, "snapshot_sqlite", import_first)
    archive = tmp_path / "backup.zip"
    report = backup_home(full, archive)
    assert any(f"load {late[0]} of default" in n for n in report.notes)
    target = Settings(home=tmp_path / "restored")
    restore_home(target, archive)
    loads = {i.load_id: i for i in list_loads(settings=target)}
    assert loads[late[0]].status == "failed"
    path = target.workspace_dir("default") / "warehouse.duckdb"
    rows = warehouse_rows(path)
    commits = {int(r[0]) for r in rows["_load_commits"]}
    for info in loads.values():
        assert (info.status in ("committed", "reverted")) == (info.load_id in commits)
    again = ingest_file(TEST_DATA / "exports" / "shopify_orders_export_1.csv", settings=target)
    assert again.load_id > late[0] and again.inserted == 5  # no clash with the failed load's id


def test_backup_waits_for_a_warehouse_held_by_another_process(
    full: Settings, tmp_path: Path
) -> None:
    path = full.workspace_dir("default") / "warehouse.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(float(sys.argv[2])); c.close()",
            str(path),
            "1.5",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(Conflict, match=r"warehouse\.duckdb: in use by another process"):
            backup_home(full, tmp_path / "quick.zip", lock_wait=0.3)
        assert not (tmp_path / "quick.zip").exists()
        backup_home(full, tmp_path / "patient.zip", lock_wait=20)  # the holder lets go
    finally:
        holder.wait(timeout=20)
    target = Settings(home=tmp_path / "restored")
    restore_home(target, tmp_path / "patient.zip")
    assert installation(target) == installation(full)


def test_restore_refuses_while_a_warehouse_is_in_use(full: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    backup_home(full, archive)
    path = full.workspace_dir("default") / "warehouse.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); sys.stdin.read()", str(path)],
        stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(Conflict, match="stop it before restoring"):
            restore_home(full, archive, replace=True)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=20)


def test_postgres_app_state_is_left_to_pg_dump(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "workspaces" / "w").mkdir(parents=True)
    (home / "workspaces" / "w" / "channels.yml").write_text("rules: []\n")
    settings = Settings(home=home, database_url="postgresql+psycopg://mpm:s3cret@db/mpm")
    report = backup_home(settings, tmp_path / "b.zip")
    assert "pg_dump" in report.app_state and report.files == 1
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        text = zf.read("manifest.json").decode()
    assert "s3cret" not in text and "pg_dump" in text
    restored = restore_home(Settings(home=tmp_path / "r"), tmp_path / "b.zip")
    assert any("pg_restore" in n for n in restored.notes)


def test_cli_backup_and_restore(full: Settings, tmp_path: Path, mpm: Run) -> None:
    archive = tmp_path / "b.zip"
    done = mpm("backup", str(archive), check=True)
    assert "Backed up" in done.stdout and "keep it safe" in done.stderr
    refused = mpm("restore", str(archive))
    assert refused.returncode == 1 and "add --yes" in refused.stderr
    env = {**os.environ, "MPM_HOME": str(tmp_path / "new")}
    exe = Path(sys.executable).parent / "mpm"
    fresh = subprocess.run(
        [str(exe), "restore", str(archive), "-f", "json"], env=env, capture_output=True, text=True
    )
    assert fresh.returncode == 0, fresh.stderr
    assert json.loads(fresh.stdout)["workspaces"] == ["default"]
    assert installation(Settings(home=tmp_path / "new")) == installation(full)
    bad = tmp_path / "bad.zip"
    shutil.copyfile(archive, bad)
    with bad.open("r+b") as fh:
        fh.truncate(bad.stat().st_size // 3)
    broken = mpm("restore", str(bad), "--yes")
    assert broken.returncode == 1 and "nothing was changed" in broken.stderr
    assert "Traceback" not in broken.stderr
