"""Backup and restore of a whole installation (MPM_HOME), consistent while a server runs.

A backup is a zip: `manifest.json` (format, mpm version, every file with its size, mode and
SHA-256, row counts) and the files of MPM_HOME under `home/`. Each piece is copied the way
that is consistent for it while it is being written:

- the app-state SQLite database through SQLite's online backup API (one snapshot);
- each DuckDB warehouse by `COPY FROM DATABASE` into a new file (one snapshot, while other
  connections of the same process keep writing; a file held by another process is waited for);
- every other file (KPI definitions, rule files, the personal-data key) as it is.

The warehouses are copied before the app state, so every load a warehouse holds is in the
app state; a load the app state records that finished after its warehouse was copied is marked
failed in the backup (import its file again after a restore), so the restored installation
agrees with itself. PostgreSQL app state is not in the backup: back it up with `pg_dump`.

A restore unpacks into a folder inside MPM_HOME, checks every checksum and that the databases
open, and only then swaps the contents of MPM_HOME: a damaged archive changes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import duckdb

from mpm import __version__
from mpm.config import Settings
from mpm.errors import Conflict, UserError
from mpm.ingest.sql import literal
from mpm.model.tables import TABLES
from mpm.services.archive import check_destination, sha256_of, write_archive
from mpm.store import engine_for
from mpm.warehouse import quote, transaction

FORMAT = "mpm-backup"
VERSION = 1
MANIFEST = "manifest.json"
PREFIX = "home/"  # MPM_HOME's files in the archive
APP_DB = "mpm.db"
SQLITE_FILES = frozenset({APP_DB, f"{APP_DB}-wal", f"{APP_DB}-shm", f"{APP_DB}-journal"})
DUCKDB_SUFFIX = ".duckdb"
SKIPPED_SUFFIXES = (".duckdb.wal", ".duckdb.tmp")  # folded into the snapshot
WORK_PREFIXES = (".mpm-backup-", ".mpm-restore-", ".mpm-replaced-")
LOCK_WAIT_SECONDS = 30.0
SQLITE_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class BackupReport:
    file: str
    bytes: int
    home: str
    workspaces: tuple[str, ...]
    files: int
    app_state: str  # "included (SQLite)" or why not
    notes: tuple[str, ...]


@dataclass(frozen=True)
class RestoreReport:
    home: str
    archive: str
    created_at: str  # when the backup was taken
    mpm_version: str  # of the installation that took it
    workspaces: tuple[str, ...]
    files: int
    replaced: bool  # MPM_HOME held something that is now gone
    notes: tuple[str, ...]


# --- backup ----------------------------------------------------------------------------------


def _app_state(settings: Settings) -> tuple[Path | None, str]:
    """The app-state SQLite file to back up (None: not in MPM_HOME) and how the manifest
    describes it; a database URL is never shown (it may hold a password)."""
    default = settings.home_path / APP_DB
    url = settings.app_database_url
    if url == f"sqlite:///{default}":
        return default, "included (SQLite)"
    dialect = url.split(":", 1)[0].split("+", 1)[0]
    if dialect == "postgresql":
        return None, (
            "not included: the app state is in PostgreSQL (MPM_DATABASE_URL); back it up "
            "with pg_dump and restore it with pg_restore"
        )
    return None, (
        f"not included: the app state ({dialect}, MPM_DATABASE_URL) is outside MPM_HOME; "
        "back it up with its own tool"
    )


def _busy(exc: duckdb.Error) -> bool:
    """Another process holds the file, or this process has it open with other settings."""
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


def _connect(path: Path, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to a DuckDB file as it is (no schema changes), waiting up to `wait`
    seconds while another process holds it. In a process that has it open already (a
    server), this is a connection to the same database."""
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path))
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _busy(exc):
                raise
            if time.monotonic() >= deadline:
                raise Conflict(
                    f"{path}: in use by another process (a busy `mpm serve` or an import) "
                    f"for more than {wait:.0f} s; try the backup again, or stop it"
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


def snapshot_duckdb(source: Path, target: Path, *, wait: float = LOCK_WAIT_SECONDS) -> None:
    """Copy a DuckDB database into a new file from one snapshot (one transaction): what was
    committed when the copy started, whatever other connections write meanwhile. Returns
    when the copy is complete in its file and closed."""
    con = _connect(source, wait)
    try:
        name = con.execute("SELECT current_database()").fetchone()
        assert name is not None
        alias = f"mpm_backup_{secrets.token_hex(6)}"
        con.execute(f"ATTACH {literal(str(target))} AS {alias}")
        try:
            with transaction(con):
                con.execute(f"COPY FROM DATABASE {quote(str(name[0]))} TO {alias}")
        finally:
            con.execute(f"DETACH {alias}")
    finally:
        con.close()
    _seal(target, wait)


def _seal(path: Path, wait: float) -> None:
    """Open the copy on its own and checkpoint it, so all of it is in the file and none in a
    write-ahead log. Waits while this process still holds the detached file: DuckDB keeps
    it open until transactions that began before the detach (a server's requests) end."""
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.BinderException as exc:
            if "already attached" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()


def snapshot_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite database with the online backup API (one consistent snapshot; writers
    in WAL mode are not held up)."""
    src = sqlite3.connect(source, timeout=SQLITE_TIMEOUT_SECONDS)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one file (mpm sets WAL again on use)
        finally:
            dst.close()
    finally:
        src.close()


def _files(home: Path, skip: set[Path]) -> Iterator[Path]:
    """Every file of MPM_HOME, except `skip`, backup and restore work folders, and
    temporary archives."""
    for folder, dirs, names in os.walk(home):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(WORK_PREFIXES)
            and not d.endswith(SKIPPED_SUFFIXES)  # DuckDB's spill folders
            and here / d not in skip
        )
        for name in sorted(names):
            path = here / name
            if path not in skip and path.is_file():
                yield path


def _warehouse_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
        counts = {}
        for name in TABLES:
            if name in views:
                row = con.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()
                counts[name] = int(row[0]) if row else 0
        return counts
    finally:
        con.close()


def _commits(path: Path) -> dict[int, str | None]:
    """load id → reverted_at (ISO) of the loads a warehouse copy holds."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "_load_commits" not in tables:
            return {}
        rows = con.execute("SELECT load_id, reverted_at FROM _load_commits").fetchall()
        return {int(i): (_stamp(r) if r is not None else None) for i, r in rows}
    finally:
        con.close()


def _stamp(moment: datetime) -> str:
    """A time as SQLAlchemy stores it in SQLite."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def reconcile_loads(app_db: Path, warehouses: dict[str, Path]) -> list[str]:
    """Make the load history of a copied app state agree with the copied warehouses (slug →
    file): a load a warehouse does not hold is failed, a pending one it holds is committed,
    and reverts follow the warehouse. Returns what was changed, one line per load."""
    con = sqlite3.connect(app_db)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"loads", "workspaces"} <= names:
            return []
        notes = []
        for ws_id, slug in con.execute("SELECT id, slug FROM workspaces").fetchall():
            file = warehouses.get(slug)
            commits = _commits(file) if file is not None else {}
            loads = con.execute(
                "SELECT id, status, reverted_at FROM loads WHERE workspace_id = ?", [ws_id]
            ).fetchall()
            for load_id, status, reverted_at in loads:
                if load_id not in commits:
                    if status in ("committed", "pending"):
                        con.execute(
                            "UPDATE loads SET status = 'failed', reverted_at = NULL, "
                            "finished_at = coalesce(finished_at, ?) WHERE id = ?",
                            [_stamp(datetime.now(UTC).replace(tzinfo=None)), load_id],
                        )
                        notes.append(
                            f"load {load_id} of {slug} finished after its warehouse was "
                            "copied: marked failed in the backup (import its file again)"
                        )
                    continue
                if status == "pending":
                    con.execute("UPDATE loads SET status = 'committed' WHERE id = ?", [load_id])
                    notes.append(f"load {load_id} of {slug}: committed (it was finishing)")
                if (reverted_at is None) != (commits[load_id] is None):
                    con.execute(
                        "UPDATE loads SET reverted_at = ? WHERE id = ?", [commits[load_id], load_id]
                    )
                    notes.append(f"load {load_id} of {slug}: revert state as in its warehouse")
        con.commit()
        return notes
    finally:
        con.close()


def _table_counts(app_db: Path) -> dict[str, int]:
    con = sqlite3.connect(app_db)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return {
            n: int(con.execute(f"SELECT count(*) FROM {quote(n)}").fetchone()[0]) for n in names
        }
    finally:
        con.close()


def backup_home(
    settings: Settings,
    destination: Path,
    *,
    overwrite: bool = False,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> BackupReport:
    """Back up MPM_HOME into the zip `destination` (written atomically), consistent while a
    server or an import runs; see the module."""
    home = settings.home_path
    if not home.is_dir():
        raise UserError(f"MPM_HOME {home} does not exist: nothing to back up")
    destination = destination.expanduser().resolve()
    check_destination(destination, overwrite)
    app_db, app_state = _app_state(settings)
    notes: list[str] = [] if app_db is not None else [f"app state {app_state}"]
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIXES[0], dir=destination.parent) as temp:
        staged = Path(temp)
        skip = {staged, destination}
        copies: list[tuple[str, Path, int]] = []  # (name in home, staged file, mode)
        warehouses: dict[str, Path] = {}
        for path in _files(home, skip):
            rel = path.relative_to(home)
            if len(rel.parts) == 1 and rel.name in SQLITE_FILES:
                continue  # the app state: copied last, through SQLite
            if rel.name.endswith(SKIPPED_SUFFIXES) or rel.name.startswith(f".{destination.name}."):
                continue
            target = staged / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel.name.endswith(DUCKDB_SUFFIX):
                snapshot_duckdb(path, target, wait=lock_wait)
                if rel.parts[0] == "workspaces" and len(rel.parts) == 3:
                    warehouses[rel.parts[1]] = target
            else:
                shutil.copyfile(path, target)
            copies.append((rel.as_posix(), target, path.stat().st_mode & 0o777))
        app_tables: dict[str, int] = {}
        if app_db is not None and app_db.exists():
            target = staged / APP_DB
            snapshot_sqlite(app_db, target)
            notes += reconcile_loads(target, warehouses)
            app_tables = _table_counts(target)
            copies.append((APP_DB, target, app_db.stat().st_mode & 0o777))
        elif app_db is not None:
            notes.append("no app-state database yet (nothing has used this MPM_HOME)")
        manifest = {
            "format": FORMAT,
            "format_version": VERSION,
            "mpm_version": __version__,
            "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "home": str(home),
            "app_state": {"included": bool(app_tables), "note": app_state, "tables": app_tables},
            "workspaces": {slug: _warehouse_counts(p) for slug, p in sorted(warehouses.items())},
            "notes": notes,
            "files": [
                {
                    "path": PREFIX + name,
                    "bytes": p.stat().st_size,
                    "mode": mode,
                    "sha256": sha256_of(p),
                }
                for name, p, mode in copies
            ],
        }
        size = write_archive(
            destination,
            [(PREFIX + name, p) for name, p, _ in copies],
            {MANIFEST: json.dumps(manifest, indent=1)},
        )
    return BackupReport(
        file=str(destination),
        bytes=size,
        home=str(home),
        workspaces=tuple(sorted(warehouses)),
        files=len(copies),
        app_state=app_state,
        notes=tuple(notes),
    )


# --- restore ---------------------------------------------------------------------------------


def _damaged(archive: Path, what: str) -> UserError:
    return UserError(f"{archive}: {what}; nothing was changed")


def read_manifest(archive: Path, zf: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest of a backup, checked: format, version, and that the archive holds exactly
    the files it lists, at safe paths."""
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise _damaged(archive, "not an mpm backup (no manifest.json)") from None
    except (ValueError, zipfile.BadZipFile) as exc:
        raise _damaged(archive, f"the manifest is damaged ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(archive, "not an mpm backup (its manifest is of another format)")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > VERSION:
        raise _damaged(
            archive, f"made by a newer mpm (backup format {version}); upgrade mpm to restore it"
        )
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
        isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str)
        for f in files
    ):
        raise _damaged(archive, "the manifest's file list is damaged")
    listed = {str(f["path"]) for f in files}
    for name in listed:
        parts = PurePosixPath(name).parts
        if not name.startswith(PREFIX) or ".." in parts or name.startswith("/") or len(parts) < 2:
            raise _damaged(archive, f"unsafe path {name!r} in the manifest")
    present = set(zf.namelist()) - {MANIFEST}
    if missing := sorted(listed - present):
        raise _damaged(archive, f"{missing[0]} is missing ({len(missing)} file(s) in all)")
    if extra := sorted(present - listed):
        raise _damaged(archive, f"{extra[0]} is not in the manifest")
    return manifest


def _unpack(archive: Path, zf: zipfile.ZipFile, manifest: dict[str, Any], folder: Path) -> None:
    """Extract every file into `folder`, checking its size and SHA-256 on the way."""
    for entry in manifest["files"]:
        name = str(entry["path"])
        target = folder / name.removeprefix(PREFIX)
        digest, size = hashlib.sha256(), 0
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(name) as src, target.open("wb") as dst:
                while chunk := _read(archive, name, src):
                    digest.update(chunk)
                    size += len(chunk)
                    dst.write(chunk)
        except (zipfile.BadZipFile, zlib.error) as exc:  # a damaged local header
            raise _damaged(archive, f"{name} is damaged ({exc})") from exc
        except OSError as exc:  # disk full, permissions: the archive may be fine
            raise UserError(f"cannot unpack {name}: {exc}; nothing was changed") from exc
        if digest.hexdigest() != entry["sha256"] or size != entry.get("bytes", size):
            raise _damaged(archive, f"{name} is damaged (its checksum does not match)")
        mode = entry.get("mode")
        if isinstance(mode, int):
            target.chmod(mode & 0o777)


def _read(archive: Path, name: str, src: IO[bytes]) -> bytes:
    try:
        return src.read(1 << 20)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:  # bad CRC, truncated
        raise _damaged(archive, f"{name} is damaged ({exc})") from exc


def _check_databases(archive: Path, folder: Path) -> None:
    """The unpacked databases open and are intact."""
    app_db = folder / APP_DB
    if app_db.exists():
        try:
            con = sqlite3.connect(app_db)
            try:
                result = con.execute("PRAGMA integrity_check").fetchone()
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise _damaged(archive, f"{PREFIX}{APP_DB} does not open ({exc})") from exc
        if not result or result[0] != "ok":
            raise _damaged(archive, f"{PREFIX}{APP_DB} is damaged ({result})")
    for path in sorted(folder.rglob(f"*{DUCKDB_SUFFIX}")):
        try:
            _commits(path)
        except duckdb.Error as exc:
            rel = path.relative_to(folder).as_posix()
            raise _damaged(archive, f"{PREFIX}{rel} does not open ({exc})") from exc


def _in_use(home: Path) -> None:
    """Refuse while another process holds a warehouse of MPM_HOME (a server, an import)."""
    for path in sorted((home / "workspaces").glob(f"*/*{DUCKDB_SUFFIX}")):
        try:
            duckdb.connect(str(path)).close()
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if _busy(exc):
                raise Conflict(
                    f"{path} is in use (a running `mpm serve` or import): stop it before "
                    "restoring; nothing was changed"
                ) from exc
            raise


def _swap(home: Path, staged: Path) -> bool:
    """Replace the contents of `home` by those of `staged` (both on one file system): the old
    entries move aside, the new ones in, then the old ones are deleted; on an error midway
    every move is undone. True when there was something to replace."""
    aside = home / f"{WORK_PREFIXES[2]}{secrets.token_hex(6)}"
    aside.mkdir()
    moves: list[tuple[Path, Path]] = []
    try:
        for entry in sorted(home.iterdir()):
            if entry not in (staged, aside):
                os.rename(entry, aside / entry.name)
                moves.append((entry, aside / entry.name))
        replaced = bool(moves)
        for entry in sorted(staged.iterdir()):
            os.rename(entry, home / entry.name)
            moves.append((entry, home / entry.name))
    except BaseException:
        for origin, moved in reversed(moves):
            with contextlib.suppress(OSError):
                os.rename(moved, origin)
        with contextlib.suppress(OSError):
            aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)
    return replaced


def restore_home(settings: Settings, archive: Path, *, replace: bool = False) -> RestoreReport:
    """Restore a backup into MPM_HOME: empty (or missing), or any content when `replace`.
    The archive is checked completely (checksums, databases) before anything is replaced."""
    archive = archive.expanduser()
    if not archive.is_file():
        raise UserError(f"{archive}: file not found")
    home = settings.home_path
    existing = sorted(p.name for p in home.iterdir()) if home.is_dir() else []
    if existing and not replace:
        shown = ", ".join(existing[:5]) + (", ..." if len(existing) > 5 else "")
        raise UserError(
            f"MPM_HOME {home} is not empty ({shown}): add --yes to replace everything in it "
            "with the backup"
        )
    if existing:
        _in_use(home)
    created = not home.exists()
    home.mkdir(parents=True, exist_ok=True)
    staged = home / f"{WORK_PREFIXES[1]}{secrets.token_hex(6)}"
    try:
        try:
            zf = zipfile.ZipFile(archive)
        except (zipfile.BadZipFile, OSError) as exc:
            raise _damaged(archive, f"not a zip archive, or a damaged one ({exc})") from exc
        with zf:
            manifest = read_manifest(archive, zf)
            staged.mkdir(mode=0o700)
            _unpack(archive, zf, manifest, staged)
        _check_databases(archive, staged)
        replaced = _swap(home, staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        if created:
            shutil.rmtree(home, ignore_errors=True)
        raise
    shutil.rmtree(staged, ignore_errors=True)
    notes = list(manifest.get("notes") or [])
    app_db, _ = _app_state(settings)
    included = bool((manifest.get("app_state") or {}).get("included"))
    if app_db is not None:
        engine_for(settings.app_database_url).dispose()  # no pooled handle on the old file
        if not included:
            notes.append(
                "the backup holds no app-state database; restore it from its own backup "
                "(pg_restore for PostgreSQL)"
            )
    elif included:
        notes.append(
            f"the backup's SQLite app state is now {home / APP_DB}, but this installation "
            "keeps its app state elsewhere (MPM_DATABASE_URL), which was not changed"
        )
    return RestoreReport(
        home=str(home),
        archive=str(archive),
        created_at=str(manifest.get("created_at", "")),
        mpm_version=str(manifest.get("mpm_version", "")),
        workspaces=tuple(sorted(manifest.get("workspaces") or {})),
        files=len(manifest["files"]),
        replaced=replaced,
        notes=tuple(notes),
    )
