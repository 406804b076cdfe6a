"""Calendar services: the production calendar with the admin's corrections, school calendars."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.calendar.production import ProductionCalendar
from core.calendar.school import Holiday, Period, SchoolCalendar
from core.errors import NotFound
from core.models import CalendarOverride, SchoolYear


def production_calendar(session: Session) -> ProductionCalendar:
    """The production calendar: decrees in code plus the corrections stored by admins."""
    rows = session.execute(select(CalendarOverride.day, CalendarOverride.is_working)).all()
    return ProductionCalendar({day: working for day, working in rows})


def list_overrides(session: Session, year: int) -> list[CalendarOverride]:
    """The admin's corrections of one year, by date."""
    return list(session.scalars(
        select(CalendarOverride)
        .where(CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31))
        .order_by(CalendarOverride.day)))


def set_override(session: Session, actor: Actor, day: date, is_working: bool, note: str) -> None:
    """Correct one day of the production calendar (a new decree, an error in the data)."""
    actor.require("admin.calendar")
    row = session.get(CalendarOverride, day)
    old = {"is_working": row.is_working, "note": row.note} if row else None
    if row is None:
        row = CalendarOverride(day=day, is_working=is_working, note=note)
        session.add(row)
    else:
        row.is_working, row.note = is_working, note
    session.flush()
    audit.record(session, actor, "calendar.override", object_type="calendar_day",
                 object_id=day.isoformat(), old=old, new={"is_working": is_working, "note": note})


def remove_override(session: Session, actor: Actor, day: date) -> None:
    """Drop a correction: the day follows the decree again."""
    actor.require("admin.calendar")
    row = session.get(CalendarOverride, day)
    if row is None:
        raise NotFound("Такой поправки нет.")
    audit.record(session, actor, "calendar.override_removed", object_type="calendar_day",
                 object_id=day.isoformat(), old={"is_working": row.is_working, "note": row.note})
    session.delete(row)
    session.flush()


def school_calendar(session: Session, organisation_id: int, on: date | None = None,
                    title: str | None = None) -> SchoolCalendar:
    """The school calendar of the academic year that contains `on` (or is named `title`)."""
    stmt = select(SchoolYear).where(SchoolYear.organisation_id == organisation_id)
    if title:
        stmt = stmt.where(SchoolYear.title == title)
    elif on:
        stmt = stmt.where(SchoolYear.start <= on, SchoolYear.end >= on)
    year = session.scalars(stmt.order_by(SchoolYear.start.desc())).first()
    if year is None:
        raise NotFound("Учебный год не найден в календаре школы.")
    return SchoolCalendar(
        year.title, year.start, year.end,
        tuple(Period(p.kind, p.number, p.start, p.end) for p in year.periods),
        tuple(Holiday(h.title, h.start, h.end) for h in year.holidays),
        production_calendar(session),
    )
