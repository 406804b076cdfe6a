"""Storage periods of the paper archive (ARC-06, settings): what is kept until when, and what may
be destroyed by an act."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.models import SchoolYear
from journal.models import SchoolClass, Snapshot


@dataclass(frozen=True)
class StoredItem:
    """A paper document of the archive with the date it is kept until."""

    title: str
    kind: str
    keep_until: date

    def due_for_destruction(self, today: date) -> bool:
        """True once the storage period has passed."""
        return today > self.keep_until


def keep_until(year_end: date, years: int) -> date:
    """Storage counts from 1 January of the year after the document's year ends (records practice)."""
    return date(year_end.year + years, 12, 31)


def archive_list(session: Session, actor: Actor, journal_years: int, summary_years: int) -> list[StoredItem]:
    """Printed journals (one per class and quarter, latest snapshot) and summary sheets (one per class)."""
    actor.require("journal.control")
    items = []
    for snap, klass, year in session.execute(
            select(Snapshot, SchoolClass, SchoolYear).join(SchoolClass, SchoolClass.id == Snapshot.class_id)
            .join(SchoolYear, SchoolYear.id == SchoolClass.year_id)
            .where(Snapshot.organisation_id == actor.organisation_id)
            .order_by(SchoolYear.start, SchoolClass.name, Snapshot.period_id, Snapshot.number)):
        items.append(StoredItem(f"Журнал {klass.name}, {snap.data['period']['number']} четверть {year.title} "
                                f"(снимок № {snap.number})", "журнал", keep_until(year.end, journal_years)))
    for klass, year in session.execute(select(SchoolClass, SchoolYear).join(SchoolYear)
                                       .where(SchoolClass.organisation_id == actor.organisation_id)
                                       .order_by(SchoolYear.start, SchoolClass.name)):
        items.append(StoredItem(f"Сводная ведомость {klass.name}, {year.title}", "сводная ведомость",
                                keep_until(year.end, summary_years)))
    return items
