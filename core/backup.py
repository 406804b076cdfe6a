"""Backups of the whole database and their restore (ARC-02): SQLite through its online backup
API, PostgreSQL through pg_dump/pg_restore in one transaction. A backup is made by a named
responsible person and logged; so is a restore, which `reglament audit verify` then checks."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from core.errors import ValidationFailed

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class BackupFile:
    """A backup on disk."""

    path: Path
    size: int
    sha256: str


def _describe(path: Path) -> BackupFile:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return BackupFile(path, path.stat().st_size, digest.hexdigest())


def _sqlite_path(url: str) -> str:
    return make_url(url).database or ""


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore take it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ValidationFailed(f"Не найдена программа {name}: установите клиент PostgreSQL той же версии, что и сервер.")
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise ValidationFailed(f"{Path(args[0]).name} завершился с ошибкой: {done.stderr.strip()[-800:]}")


def create(url: str, out: Path) -> BackupFile:
    """Write a consistent copy of the live database to `out` (the app may keep running)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if make_url(url).get_backend_name() == "sqlite":
        source, target = sqlite3.connect(_sqlite_path(url)), sqlite3.connect(out)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={out}", _libpq(url)])
    return _describe(out)


def check_kind(url: str, path: Path) -> BackupFile:
    """The backup, described, after checking it is a backup of this kind of database."""
    if not path.is_file():
        raise ValidationFailed(f"Файл копии не найден: {path}")
    with path.open("rb") as f:
        head = f.read(16)
    sqlite = make_url(url).get_backend_name() == "sqlite"
    if (sqlite and head != SQLITE_MAGIC) or (not sqlite and not head.startswith(PG_DUMP_MAGIC)):
        kind = "SQLite" if sqlite else "PostgreSQL (pg_dump -Fc)"
        raise ValidationFailed(f"Это не резервная копия базы {kind}: восстановление не начато.")
    return _describe(path)


def restore(url: str, path: Path) -> BackupFile:
    """Replace the database's contents with the backup's, all or nothing. Stop the application
    first: sessions open during a restore would see the old data."""
    info = check_kind(url, path)
    if make_url(url).get_backend_name() == "sqlite":
        source, target = sqlite3.connect(path), sqlite3.connect(_sqlite_path(url))
        try:
            source.backup(target)  # page by page under one lock: readers see all or nothing
        finally:
            target.close()
            source.close()
    else:
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              f"--dbname={_libpq(url)}", str(path)])
    return info
