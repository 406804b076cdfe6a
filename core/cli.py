"""The `reglament` command: Flask's CLI for this app plus the project's own commands."""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup
from sqlalchemy import select

from core import accounts, audit, migrate
from core.actor import system_actor
from core.db import get_session
from core.errors import DomainError
from core.models import Organisation, User

db_cli = AppGroup("db", help="Схема базы данных (миграции Alembic).")
users_cli = AppGroup("users", help="Пользователи и роли.")
audit_cli = AppGroup("audit", help="Журнал событий.")


@db_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply migrations to the configured database."""
    migrate.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo("База данных обновлена.")


@db_cli.command("check")
def db_check() -> None:
    """Fail when the models and the migrations differ."""
    migrate.check(current_app.config["DATABASE_URL"])
    click.echo("Модели и миграции совпадают.")


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


@users_cli.command("create")
@click.argument("login")
@click.option("--org", "org_name", required=True, help="Краткое название организации.")
@click.option("--role", "roles", multiple=True, help="Роль (можно несколько раз).")
@click.option("--surname", default="")
@click.option("--name", default="")
@click.password_option()
def users_create(login, org_name, roles, surname, name, password) -> None:
    """Create an account in an organisation."""
    from core import people

    session = get_session()
    org = session.scalar(select(Organisation).where(Organisation.short_name == org_name))
    if org is None:
        _fail(f"Организация «{org_name}» не найдена.")
    actor = system_actor(org.id)
    try:
        person = (people.create_person(session, actor, org, surname=surname, name=name)
                  if surname and name else None)
        accounts.create_user(session, actor, login=login, password=password, organisation=org,
                             person=person, roles=list(roles),
                             hash_method=current_app.config["PASSWORD_HASH_METHOD"])
    except DomainError as exc:
        session.rollback()
        _fail(exc.message)
    session.commit()
    click.echo(f"Пользователь {login} создан.")


def _user(session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login.lower()))
    if user is None:
        _fail(f"Пользователь «{login}» не найден.")
    return user


@users_cli.command("grant")
@click.argument("login")
@click.argument("roles", nargs=-1, required=True)
def users_grant(login, roles) -> None:
    """Grant roles to an account (keeps the roles it has)."""
    session = get_session()
    user = _user(session, login)
    try:
        accounts.set_roles(session, system_actor(user.organisation_id), user,
                           sorted(user.roles | set(roles)))
    except DomainError as exc:
        session.rollback()
        _fail(exc.message)
    session.commit()
    click.echo(f"Роли пользователя {login}: {', '.join(sorted(user.roles))}.")


@users_cli.command("deactivate")
@click.argument("login")
def users_deactivate(login) -> None:
    """Deactivate an account (it stays, with its history)."""
    session = get_session()
    user = _user(session, login)
    accounts.set_active(session, system_actor(user.organisation_id), user, False)
    session.commit()
    click.echo(f"Пользователь {login} отключён.")


@audit_cli.command("verify")
def audit_verify() -> None:
    """Walk every hash chain; exit 1 naming the first broken event."""
    report = audit.verify(get_session())
    if not report.ok:
        where = f"событие id={report.broken_event_id}: " if report.broken_event_id else ""
        _fail(f"Цепочка нарушена: {where}{report.problem}. Проверено до этого: {report.verified}.")
    click.echo(f"Цепочка цела: проверено событий: {report.verified}.")


jobs_cli = AppGroup("jobs", help="Фоновые задания.")


@jobs_cli.command("daily")
def jobs_daily() -> None:
    """Run the daily jobs now (reminders, e-mail), as the scheduler does every morning."""
    from core.registry import run_daily_jobs

    for name, count in run_daily_jobs().items():
        click.echo(f"{name}: {count}")


def _create_app():
    from core.app import create_app

    return create_app()


def build_cli() -> FlaskGroup:
    """The command group: Flask's run/shell/routes plus db, users, audit, demo."""
    from core.backup_cli import backup_cli
    from core.demo import demo_command
    from core.registry import CLI_GROUPS, resolve

    group = FlaskGroup(create_app=_create_app, help="Регламент: переход на электронный журнал.")
    for cmd in (db_cli, users_cli, audit_cli, backup_cli, demo_command, jobs_cli, *map(resolve, CLI_GROUPS)):
        group.add_command(cmd)
    return group


def main() -> None:
    """Entry point of the `reglament` console script."""
    build_cli().main(prog_name="reglament")
