"""`reglament journal print|print-school|export|import`: the journal from the command line."""
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
from core.models import Organisation, SchoolPeriod, SchoolYear
from journal.archive import print_quarter
from journal.exchange import export_period, import_period
from journal.models import SchoolClass
from journal.school_print import queue_school_print, run_school_print

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


@journal_cli.command("print-school")
@click.option("--period", "period_no", type=int, required=True, help="Номер четверти.")
@click.option("--org", "org_name", required=True, help="Краткое название школы.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
def print_school_cmd(period_no: int, org_name: str, out_dir: Path) -> None:
    """Print every class of the school for a quarter into one zip (what the background job does)."""
    session = get_session()
    org = session.scalar(select(Organisation).where(Organisation.short_name == org_name))
    period = org and session.scalar(select(SchoolPeriod).join(SchoolYear).where(
        SchoolYear.organisation_id == org.id, SchoolPeriod.kind == "quarter", SchoolPeriod.number == period_no)
        .order_by(SchoolYear.start.desc()))
    if period is None:
        click.echo(f"Школа «{org_name}» или её четверть {period_no} не найдены.", err=True)
        sys.exit(1)
    actor = system_actor(org.id)
    job = queue_school_print(session, actor, period.id)
    session.commit()
    path = run_school_print(session, actor, job.id, out_dir, current_app.config["SCHOOL_TIMEZONE"])
    click.echo(f"{path}: {job.done} классов")
