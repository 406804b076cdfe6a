"""ARC-01: a class's period exported to the machine format, imported into an empty database and
exported again gives identical bytes."""
from datetime import date

import pytest
from sqlalchemy import select

from core import people
from core.actor import system_actor
from core.errors import ValidationFailed
from core.models import SchoolPeriod
from journal.entry_service import ColumnInput, save_column
from journal.exchange import export_period, import_period
from journal.models import Lesson, SchoolClass
from journal.period_service import set_final_marks
from tests.conftest import _wipe
from tests.journal import school as js
from tests.journal.test_entry import TZ, at


def test_ARC_01_export_import_into_an_empty_database_export_is_identical(db, session, school):
    s = js.build(session, school, until=date(2017, 9, 15))
    q1 = session.scalar(select(SchoolPeriod).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1))
    for i, lesson in enumerate(session.scalars(select(Lesson).where(Lesson.course_id == s.math.id)
                                               .order_by(Lesson.on_date)).all()[:4]):
        save_column(session, s.teacher, lesson.id, ColumnInput(
            cells={s.students[0].id: ("5/4", ""), s.students[1].id: ("н", "")}, topic=f"Тема {i}",
            homework=f"№ {i}", homework_minutes=20, attendance_taken=True, reason="ввод"), at(date(2017, 9, 20), 9), TZ)
    set_final_marks(session, s.teacher, s.math.id, q1.id, {s.students[0].id: "5"}, {})
    session.commit()
    first = export_period(session, s.deputy, s.klass.id, q1.id)
    name = school.name
    session.close()
    _wipe(db.engine)
    fresh = people.create_organisation(session, system_actor(), kind="school", name=name, short_name="Школа")
    session.commit()
    klass = import_period(session, system_actor(fresh.id), first)
    session.commit()
    period = session.scalar(select(SchoolPeriod).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1))
    again = export_period(session, system_actor(fresh.id), klass.id, period.id)
    assert again == first
    assert '"value": "5/4"' in first.decode() and '"schema": "reglament.journal/1"' in first.decode()
    assert session.scalar(select(SchoolClass.name)) == "5А"


@pytest.mark.parametrize("data", [b"not json", b'{"schema": "other"}', "{}".encode("utf-16")])
def test_a_file_that_is_not_an_export_is_refused(session, school, data):
    with pytest.raises(ValidationFailed):
        import_period(session, system_actor(school.id), data)
