"""A small school for journal tests: 5А with two groups, a teacher of mathematics and Russian, an
English teacher per group, a class teacher, parents; lessons of September 2017 from the timetable."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from core.accounts import create_user
from core.actor import Actor, system_actor
from core.calendar_service import school_calendar
from core.demo import add_school_year_2017
from core.models import Person
from journal import setup_service as setup
from journal.models import Course, ParentLink, SchoolClass, Student
from journal.timetable_service import generate_lessons
from tests import factories

BELLS = ((1, time(8, 0), time(8, 45)), (2, time(8, 55), time(9, 40)), (3, time(9, 55), time(10, 40)),
         (4, time(11, 0), time(11, 45)), (5, time(11, 55), time(12, 40)), (6, time(12, 40), time(13, 25)),
         (7, time(13, 35), time(14, 20)), (8, time(14, 30), time(15, 15)))
MON, TUE = 0, 1


@dataclass
class JournalSchool:
    """Handles on what the builder made."""

    klass: SchoolClass
    students: list[Student]
    math: Course
    russian: Course
    english1: Course
    english2: Course
    teacher: Actor
    english_teacher: Actor
    class_teacher: Actor
    deputy: Actor
    admin: Actor


def parent_account(session, school, student):
    """A login for the student's parent (the person the builder linked), committed."""
    link = session.scalar(select(ParentLink).where(ParentLink.student_id == student.id))
    user = create_user(session, system_actor(school.id), login=f"parent{student.id}", password=factories.PASSWORD,
                       organisation=school, person=session.get(Person, link.parent_person_id), roles=["parent"],
                       hash_method=factories.FAST_HASH)
    session.commit()
    return user


def _actor(user) -> Actor:
    return Actor(user.id, user.login, user.organisation_id, user.roles)


def build(session, school, n_students: int = 6, until: date = date(2017, 9, 30), substitutions=(),
          daily_math: bool = False) -> JournalSchool:
    """Build the school and generate lessons up to `until` (substitutions: (course attr, date, no, kind, kw));
    `daily_math` adds a 5th-lesson mathematics every weekday (for a grid of about 70 lessons)."""
    admin = system_actor(school.id)
    year = add_school_year_2017(session, admin, school)
    teacher = factories.make_user(session, school, ["teacher"], surname="Кузнецова")
    english = factories.make_user(session, school, ["teacher"], surname="Смирнова")
    class_teacher = factories.make_user(session, school, ["teacher", "class_teacher"], surname="Иванова")
    deputy = factories.make_user(session, school, ["deputy"], surname="Федорова")
    setup.set_bells(session, admin, slots=BELLS)
    setup.ensure_work_kinds(session, school.id)
    klass = setup.add_class(session, admin, year, "5А", class_teacher.id)
    students = [setup.add_student(session, admin, school, klass, f"Ученик{i:02d}", "Иван", "Петрович",
                                  group_no=1 + i % 2, parent=(f"Ученик{i:02d}", "Пётр", "Иванович"))
                for i in range(n_students)]
    math = setup.add_course(session, admin, klass, setup.add_subject(session, admin, "Математика"), teacher.id, 5)
    russian = setup.add_course(session, admin, klass, setup.add_subject(session, admin, "Русский язык"), teacher.id, 5)
    eng = setup.add_subject(session, admin, "Английский язык")
    english1 = setup.add_course(session, admin, klass, eng, english.id, 3, group_no=1)
    english2 = setup.add_course(session, admin, klass, eng, english.id, 3, group_no=2)
    courses = {"math": math, "russian": russian, "english1": english1, "english2": english2}
    slots = [(math, MON, 1), (english1, MON, 6), (english2, MON, 7), (math, TUE, 1), (russian, TUE, 6),
             (math, 2, 2), (russian, 3, 3), (math, 4, 4)] + [(math, d, 5) for d in range(5) if daily_math]
    for course, weekday, no in slots:
        setup.add_timetable(session, admin, course, weekday, no, year.start, year.end)
    for name, on, no, kind, extra in substitutions:
        setup.add_substitution(session, admin, courses[name], on, no, kind, **extra)
    generate_lessons(session, school.id, school_calendar(session, school.id, title="2017/2018"), year.start, until)
    session.commit()
    return JournalSchool(klass, students, math, russian, english1, english2, _actor(teacher), _actor(english),
                         _actor(class_teacher), _actor(deputy), admin)
