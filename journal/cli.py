"""`reglament journal print --class 5А --period 1 --out FILE.docx`."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from core.actor import system_actor
from core.db import get_session
from core.errors import DomainError
from core.models import Organisation, SchoolPeriod
from journal.archive import print_quarter
from journal.exchange import export_period, import_period
from journal.models import SchoolClass

journal_cli = AppGroup("journal", help="Электронный журнал.")


def _class_and_period(session, class_name: str, period_no: int):
    klass = session.scalars(select(SchoolClass).where(SchoolClass.name == class_name.upper())
                            .order_by(SchoolClass.id.desc())).first()
    if klass is None:
        click.echo(f"Класс «{class_name}» не найден.", err=True)
        sys.exit(1)
    period = session.scalar(select(SchoolPeriod).where(SchoolPeriod.year_id == klass.year_id,
                                                       SchoolPeriod.kind == "quarter", SchoolPeriod.number == period_no))
    if period is None:
        click.echo(f"Четверть {period_no} не найдена.", err=True)
        sys.exit(1)
    return klass, period


@journal_cli.command("print")
@click.option("--class", "class_name", required=True, help="Класс, например 5А.")
@click.option("--period", "period_no", type=int, required=True, help="Номер четверти.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def print_cmd(class_name: str, period_no: int, out: Path) -> None:
    """Print a class's quarter (a new snapshot) to a Word file."""
    session = get_session()
    klass, period = _class_and_period(session, class_name, period_no)
    try:
        snap, data = print_quarter(session, system_actor(klass.organisation_id), klass.id, period.id,
                                   current_app.config["SCHOOL_TIMEZONE"])
    except DomainError as exc:
        session.rollback()
        click.echo(exc.message, err=True)
        sys.exit(1)
    out.write_bytes(data)
    session.commit()
    click.echo(f"{out}: снимок № {snap.number}, SHA-256 {snap.sha256}")


@journal_cli.command("export")
@click.option("--class", "class_name", required=True)
@click.option("--period", "period_no", type=int, required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_cmd(class_name: str, period_no: int, out: Path) -> None:
    """Write a class's period in the machine format (JSON, schema reglament.journal/1)."""
    session = get_session()
    klass, period = _class_and_period(session, class_name, period_no)
    out.write_bytes(export_period(session, system_actor(klass.organisation_id), klass.id, period.id))
    click.echo(f"{out}: выгрузка {klass.name}, {period_no} четверть")


@journal_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--org", "org_name", required=True, help="Краткое название школы.")
def import_cmd(file: Path, org_name: str) -> None:
    """Restore a class's period from the machine format into a school."""
    session = get_session()
    org = session.scalar(select(Organisation).where(Organisation.short_name == org_name))
    if org is None:
        click.echo(f"Школа «{org_name}» не найдена.", err=True)
        sys.exit(1)
    try:
        klass = import_period(session, system_actor(org.id), file.read_bytes())
    except DomainError as exc:
        session.rollback()
        click.echo(exc.message, err=True)
        sys.exit(1)
    session.commit()
    click.echo(f"Восстановлен журнал {klass.name}.")
