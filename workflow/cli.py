"""`reglament plan import FILE [--dry-run] [--format json]`."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from core.actor import system_actor
from core.db import get_session
from core.errors import DomainError
from core.models import Organisation
from workflow.importing import read_plan_file
from workflow.plan_service import import_plan

plan_cli = AppGroup("plan", help="План-график перехода.")


def _school(session, name: str | None) -> Organisation:
    stmt = select(Organisation).where(Organisation.kind == "school")
    if name:
        stmt = stmt.where(Organisation.short_name == name)
    schools = session.scalars(stmt).all()
    if len(schools) != 1:
        click.echo("Укажите школу: --org «краткое название»." if schools else "Школа не найдена.",
                   err=True)
        sys.exit(1)
    return schools[0]


def _print_text(draft, warnings) -> None:
    click.echo(f"{draft.title}\nУчебный год: {draft.period.title}")
    for stage in draft.stages:
        click.echo(f"\n{stage.section + ' / ' if stage.section else ''}{stage.title}")
        for t in stage.tasks:
            click.echo(f"  {t.number:<4} {t.title[:70]} | {t.term.kind}: {t.term.raw}")
    for w in warnings:
        click.echo(f"Внимание: {w}")


@plan_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Только прочитать и показать, ничего не записывать.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--org", "org_name", default=None, help="Краткое название школы.")
def plan_import(file: Path, dry_run: bool, fmt: str, org_name: str | None) -> None:
    """Import a plan-schedule from a Word file or its text export."""
    data = file.read_bytes()
    session = get_session()
    try:
        draft = read_plan_file(data, file.name, date.today())
        warnings = list(draft.warnings)
        if not dry_run:
            school = _school(session, org_name)
            _plan, saved = import_plan(session, system_actor(school.id), draft, file.name, data)
            warnings += saved
            session.commit()
    except DomainError as exc:
        session.rollback()
        click.echo(f"Ошибка: {exc.message}", err=True)
        sys.exit(1)
    if fmt == "json":
        out = draft.as_json()
        out["warnings"] = warnings
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print_text(draft, warnings)
