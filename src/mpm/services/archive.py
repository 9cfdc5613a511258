"""Zip archives written atomically, with SHA-256 checksums: the format of workspace exports
and of backups."""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from mpm.errors import UserError


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_destination(destination: Path, overwrite: bool) -> None:
    """Refuse to write over a folder, or over a file unless told to."""
    if destination.is_dir():
        raise UserError(f"{destination}: is a folder; name the archive file to write")
    if destination.exists() and not overwrite:
        raise UserError(f"{destination}: the file exists; choose another name or overwrite it")


def write_archive(
    destination: Path, entries: Iterable[tuple[str, Path]], texts: dict[str, str]
) -> int:
    """Write a zip of `texts` (name → content) and `entries` (name in the archive, file) to
    `destination` atomically: a temp file beside it, renamed into place when complete and
    on disk, readable by its owner only (it holds personal data). Returns its size in bytes."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
                for name, text in texts.items():
                    archive.writestr(name, text)
                for name, path in entries:
                    archive.write(path, name)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temp, destination)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return destination.stat().st_size
