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
from core.models import SchoolPeriod
from journal.archive import print_quarter
from journal.models import SchoolClass

journal_cli = AppGroup("journal", help="Электронный журнал.")


@journal_cli.command("print")
@click.option("--class", "class_name", required=True, help="Класс, например 5А.")
@click.option("--period", "period_no", type=int, required=True, help="Номер четверти.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def print_cmd(class_name: str, period_no: int, out: Path) -> None:
    """Print a class's quarter (a new snapshot) to a Word file."""
    session = get_session()
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
