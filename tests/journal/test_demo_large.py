"""The large demo school's generator (issue #8), on a small shape of it: a consistent school, a
timetable without clashes, realistic entries, and the planted faults where the deputy's controls
find them."""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, text

from core.actor import Actor
from core.demo import DemoOptions, load_demo
from core.models import AuditEvent, User
from journal import controls
from journal.demo_large import SchoolShape
from journal.models import (
    Absence,
    Course,
    FinalMark,
    Lesson,
    Mark,
    SchoolClass,
    Student,
    Subject,
    Substitution,
)
from tests import factories

SHAPE = SchoolShape(parallels=4, grades=(6, 7, 9), students_per_class=(3, 4), until=date(2018, 1, 31))
TZ = "Asia/Yekaterinburg"
NOW = datetime(2018, 2, 1, 12, tzinfo=UTC)


@pytest.fixture
def generated(session):
    messages: list[str] = []
    load_demo(session, factories.FAST_HASH, DemoOptions("large", 7, messages.append, SHAPE))
    session.commit()
    return messages


def _deputy(session) -> Actor:
    user = session.scalar(select(User).where(User.login == "fedorova"))
    return Actor(user.id, user.login, user.organisation_id, user.roles)


def _count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_generated_school_is_whole_and_reports_what_it_made(session, generated):
    classes = session.scalars(select(SchoolClass)).all()
    assert sorted(c.name for c in classes) == sorted(f"{g}{x}" for g in (6, 7, 9) for x in "АБВГ")
    assert all(c.class_teacher_id for c in classes)
    for klass in classes:
        assert 3 <= _count(session, Student, Student.class_id == klass.id) <= 4
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "demo.large_school"))
    assert event.new["classes"] == 12 and event.new["timetable_clashes"] == 0
    assert event.new["marks"] == _count(session, Mark) > 1000
    assert any(m.startswith("Итого:") for m in generated)
    # the seed's teachers teach their subjects; English is taught in two groups
    russian = session.scalar(select(Subject.id).where(Subject.name == "Русский язык"))
    ivanova = session.scalar(select(User.id).where(User.login == "ivanova"))
    assert _count(session, Course, Course.subject_id == russian, Course.teacher_id == ivanova) >= 1
    english = session.scalar(select(Subject.id).where(Subject.name == "Английский язык"))
    assert {c.group_no for c in session.scalars(select(Course).where(Course.subject_id == english))} == {1, 2}


def test_no_teacher_and_no_class_has_two_lessons_at_once(session, generated):
    rows = session.execute(select(Lesson.teacher_id, Lesson.on_date, Lesson.lesson_no, Course.class_id, Course.group_no)
                           .join(Course).where(Lesson.state == "scheduled")).all()
    teacher_slots = [(t, d, n) for t, d, n, _, _ in rows]
    assert len(teacher_slots) == len(set(teacher_slots))
    class_slots = [(c, d, n, g) for _, d, n, c, g in rows]
    assert len(class_slots) == len(set(class_slots))


def test_entries_look_like_a_school_year(session, generated):
    held = _count(session, Lesson, Lesson.state.in_(("held", "replaced")))
    lessons = _count(session, Lesson)
    assert 0.85 < held / lessons < 0.97  # about 3 % never recorded, 1.5 % cancelled
    assert _count(session, Substitution) > 0
    assert _count(session, Lesson, Lesson.state == "cancelled") == _count(session, Substitution,
                                                                          Substitution.kind == "cancel")
    ill = _count(session, Absence, Absence.reason == "б")
    assert ill > _count(session, Absence, Absence.reason == "") > 0  # most absences are illnesses
    values = dict(session.execute(select(Mark.value, func.count()).group_by(Mark.value)).all())
    assert set(values) <= {"2", "3", "4", "5"} and values["4"] > values["2"]
    assert _count(session, FinalMark) > 0


def _findings(session, code: str, start: date, end: date) -> list:
    return controls.run(code, session, _deputy(session), controls.Scope(start, end), end, TZ, NOW)


def test_planted_faults_are_where_the_deputys_controls_find_them(session, generated):
    gap = [f for f in _findings(session, "CTL-01", date(2017, 11, 13), date(2017, 11, 17))
           if f.class_name == "7Б" and f.subject == "История"]
    assert gap and all(f.what == "урок не записан" for f in gap)
    late = [f for f in _findings(session, "CTL-02", date(2018, 1, 11), date(2018, 1, 31))
            if f.class_name == "9В" and f.subject == "Физика"]
    assert late and all("позже срока" in f.what for f in late)
    sparse = [f for f in _findings(session, "CTL-03", date(2017, 11, 7), date(2017, 12, 28))
              if f.class_name == "6Г" and f.subject == "Английский язык"]
    assert sparse and all("отметок 0 из" in f.what for f in sparse)


def test_the_planner_knows_the_loaded_tables_when_the_generator_ends(session, generated):
    """Right after a bulk load the planner would take the journal's tables for empty and scan the
    whole mark table for one course's grid; the generator leaves statistics behind."""
    if session.get_bind().dialect.name == "postgresql":
        estimated = session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'mark'"))
        assert estimated == _count(session, Mark)
    else:
        stats = session.scalar(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'mark' AND idx = 'ix_mark_lesson_id'"))
        assert int(stats.split()[0]) == _count(session, Mark)
