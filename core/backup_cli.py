"""`reglament backup create|restore`: the responsible person's backup and its restore (ARC-02)."""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from core import audit, backup
from core.accounts import actor_of
from core.db import get_database, get_session
from core.errors import DomainError, NotAllowed
from core.models import User

backup_cli = AppGroup("backup", help="Резервные копии базы данных (ARC-02).")
RESPONSIBLE_ROLES = frozenset({"admin", "director"})


def _responsible(login: str):
    """The named person making or restoring the backup: an active admin or director."""
    user = get_session().scalar(select(User).where(User.login == login.strip().lower()))
    if user is None or not user.active or not user.roles & RESPONSIBLE_ROLES:
        raise NotAllowed(f"«{login}» не может отвечать за резервные копии: нужен действующий администратор или директор.")
    return actor_of(user, "cli")


def _fail(exc: DomainError):
    raise click.ClickException(" ".join([exc.message, *getattr(exc, "errors", [])]))


@backup_cli.command("create")
@click.option("--by", "login", required=True, help="Логин ответственного (администратор или директор).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Файл копии.")
def create_command(login: str, out: Path | None) -> None:
    """Make a backup; the event is logged first, so the copy holds its own record."""
    session, url = get_session(), current_app.config["DATABASE_URL"]
    try:
        actor = _responsible(login)
        out = out or Path(current_app.instance_path) / "backups" / f"reglament-{datetime.now(UTC):%Y%m%d-%H%M%S}.backup"
        audit.record(session, actor, "backup.create", object_type="backup", object_id=out.name,
                     new={"file": str(out)})
        session.commit()
        info = backup.create(url, out)
    except DomainError as exc:
        session.rollback()
        _fail(exc)
    click.echo(f"Копия: {info.path} ({info.size} байт), SHA-256 {info.sha256}")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", "login", required=True, help="Логин ответственного (администратор или директор).")
@click.option("--yes", is_flag=True, help="Не спрашивать подтверждения.")
def restore_command(path: Path, login: str, yes: bool) -> None:
    """Replace the database with a backup (stop the application first), then log the restore."""
    session, url = get_session(), current_app.config["DATABASE_URL"]
    try:
        _responsible(login)
        backup.check_kind(url, path)
        if not yes:
            click.confirm("Все текущие данные будут заменены данными копии. Продолжить?", abort=True)
        session.close()
        get_database().engine.dispose()  # no pooled connection may hold the old database
        info = backup.restore(url, path)
        actor = _responsible(login)  # the person again, as the restored database knows them
        audit.record(session, actor, "backup.restore", object_type="backup", object_id=path.name,
                     new={"sha256": info.sha256, "size": info.size})
        session.commit()
    except DomainError as exc:
        session.rollback()
        _fail(exc)
    click.echo(f"Восстановлено из {info.path} (SHA-256 {info.sha256}). Проверьте: reglament audit verify")
