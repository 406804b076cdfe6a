"""The teacher's grid of a course for a period, the diary of a student, the lists of courses:
each in a constant number of queries whatever the number of students and lessons."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.errors import NotAllowed, NotFound
from core.models import SchoolPeriod
from journal.access import course_for_reading, readable_courses, readable_students
from journal.grading import Cell, cell_of, suggest_final, weighted_average
from journal.homework_files import files_of
from journal.models import Absence, Course, FinalMark, Homework, Lesson, Mark, Student, WorkKind
from journal.thematic_plan import planned_topics


@dataclass
class Grid:
    """Everything the grid page shows."""

    course: Course
    period: SchoolPeriod
    periods: list[SchoolPeriod]
    students: list[Student]
    lessons: list[Lesson]
    cells: dict[tuple[int, int], str]
    homework: dict[int, Homework]
    averages: dict[int, Decimal | None]
    suggestions: dict[int, str]
    finals: dict[int, str]
    kinds: list[WorkKind]
    late_cells: set[tuple[int, int]] = field(default_factory=set)
    planned: dict[int, str] = field(default_factory=dict)  # lesson → topic of the thematic plan

    def seen(self) -> dict[int, str]:
        """Each lesson's cells as the page shows them, "student:text;…", sent back with the column
        so that a save detects cells someone else changed meanwhile (one field per column)."""
        by_lesson: dict[int, list[str]] = {}
        for (lesson_id, student_id), text in self.cells.items():
            by_lesson.setdefault(lesson_id, []).append(f"{student_id}:{text}")
        return {lesson_id: ";".join(items) for lesson_id, items in by_lesson.items()}


def course_students(session: Session, course: Course) -> list[Student]:
    """The active students a course is for (the class, or its group), by name."""
    stmt = select(Student).where(Student.class_id == course.class_id, Student.active.is_(True))
    if course.group_no:
        stmt = stmt.where(Student.group_no == course.group_no)
    return sorted(session.scalars(stmt), key=lambda s: (s.person.surname, s.person.name))


def lesson_entries(session: Session, lesson_id: int) -> tuple[dict[int, Mark], dict[int, Absence]]:
    """A lesson's marks and absences by student."""
    marks = {m.student_id: m for m in session.scalars(select(Mark).where(Mark.lesson_id == lesson_id))}
    absences = {a.student_id: a for a in session.scalars(select(Absence).where(Absence.lesson_id == lesson_id))}
    return marks, absences


def cell_text(mark: Mark | None, absence: Absence | None) -> str:
    """A grid cell as text from its stored mark and absence."""
    return Cell(mark.value if mark else "", absence.code if absence else "").text()


def periods_of(session: Session, year_id: int) -> list[SchoolPeriod]:
    """The main periods (quarters, else trimesters) of a year."""
    rows = list(session.scalars(select(SchoolPeriod).where(SchoolPeriod.year_id == year_id)
                                .order_by(SchoolPeriod.start)))
    quarters = [p for p in rows if p.kind == "quarter"]
    return quarters or [p for p in rows if p.kind == "trimester"]


def course_grid(session: Session, actor: Actor, course_id: int, period_id: int | None, today: date) -> Grid:
    """The grid of a course for a period the actor may read (SEC-02)."""
    course = course_for_reading(session, actor, course_id)
    periods = periods_of(session, course.school_class.year_id)
    if not periods:
        raise NotFound("В календаре учебного года нет четвертей.")
    period = next((p for p in periods if p.id == period_id), None) or next(
        (p for p in periods if p.start <= today <= p.end), periods[0])
    students = course_students(session, course)
    lessons = list(session.scalars(select(Lesson).where(
        Lesson.course_id == course.id, Lesson.on_date.between(period.start, period.end))
        .order_by(Lesson.on_date, Lesson.lesson_no)))
    ids = [x.id for x in lessons]
    # plain rows, not ORM objects: a quarter's grid holds some 1,500 cells
    marks = session.execute(select(Mark.lesson_id, Mark.student_id, Mark.value, Mark.work_kind_id, Mark.late_minutes)
                            .where(Mark.lesson_id.in_(ids))).all()
    absent = {(lid, sid): code for lid, sid, code in session.execute(
        select(Absence.lesson_id, Absence.student_id, Absence.code).where(Absence.lesson_id.in_(ids)))}
    kinds = list(session.scalars(select(WorkKind).where(WorkKind.organisation_id == course.organisation_id)))
    weight = {k.id: k.weight for k in kinds}
    cells: dict[tuple[int, int], str] = dict(absent)
    per_student: dict[int, list[tuple[str, int]]] = {}
    late = set()
    for lesson_id, student_id, value, kind_id, late_minutes in marks:
        key = (lesson_id, student_id)
        cells[key] = cell_of(value, absent.get(key, ""))  # ~1,500 cells: no Cell object each
        per_student.setdefault(student_id, []).append((value, weight.get(kind_id, 1)))
        if late_minutes:
            late.add(key)
    averages = {s.id: weighted_average(per_student.get(s.id, [])) for s in students}
    finals = {f.student_id: f.value for f in session.scalars(select(FinalMark).where(
        FinalMark.course_id == course.id, FinalMark.period_id == period.id))}
    homework = {h.lesson_id: h for h in session.scalars(select(Homework).where(Homework.lesson_id.in_(ids)))}
    return Grid(course, period, periods, students, lessons, cells, homework,
                averages, {sid: suggest_final(avg) for sid, avg in averages.items()}, finals, kinds, late,
                planned_topics(session, course.id))


def my_courses(session: Session, actor: Actor) -> list[Course]:
    """The courses the actor reads, by class and subject."""
    return list(session.scalars(select(Course).where(readable_courses(actor))
                                .order_by(Course.class_id, Course.subject_id)))


@dataclass
class DiaryDay:
    """A day of the diary: lessons with topic, homework, the student's mark and absence."""

    day: date
    rows: list[tuple[Lesson, str, str, Homework | None, list]]


def diary_students(session: Session, actor: Actor) -> list[Student]:
    """The students whose diary the actor may read (a parent: their children; a student: self)."""
    return list(session.scalars(select(Student).where(readable_students(session, actor))))


def diary_week(session: Session, actor: Actor, student_id: int, monday: date, today: date) -> list[DiaryDay]:
    """The week's lessons of a student the actor may read; homework shows from its visible date."""
    student = session.scalar(select(Student).where(Student.id == student_id, readable_students(session, actor)))
    if student is None:
        raise NotAllowed("Дневник этого ученика вам недоступен.")
    lessons = session.scalars(select(Lesson).join(Course).where(
        Course.class_id == student.class_id, or_(Course.group_no.is_(None), Course.group_no == student.group_no),
        Lesson.on_date.between(monday, monday + timedelta(days=6))).order_by(Lesson.on_date, Lesson.lesson_no)).all()
    ids = [x.id for x in lessons]
    marks = {m.lesson_id: m.value for m in session.scalars(select(Mark).where(
        Mark.lesson_id.in_(ids), Mark.student_id == student.id))}
    absences = {a.lesson_id: a.code for a in session.scalars(select(Absence).where(
        Absence.lesson_id.in_(ids), Absence.student_id == student.id))}
    homework = {h.lesson_id: h for h in session.scalars(select(Homework).where(
        Homework.lesson_id.in_(ids), or_(Homework.visible_from.is_(None), Homework.visible_from <= today)))}
    files = files_of(session, [h.id for h in homework.values()])
    days: dict[date, DiaryDay] = {}
    for lesson in lessons:
        days.setdefault(lesson.on_date, DiaryDay(lesson.on_date, [])).rows.append(
            (lesson, marks.get(lesson.id, ""), absences.get(lesson.id, ""), homework.get(lesson.id),
             files.get(homework[lesson.id].id, []) if lesson.id in homework else []))
    return list(days.values())


def default_monday(session: Session, student_id: int, today: date) -> date:
    """The week the diary opens on: this week, or the last week with lessons when school is out."""
    student = session.get(Student, student_id)
    last = session.scalar(select(Lesson.on_date).join(Course).where(
        Course.class_id == student.class_id, Lesson.on_date <= today).order_by(Lesson.on_date.desc()).limit(1)) \
        if student else None
    day = today if last is None or (today - last).days < 7 else last
    return day - timedelta(days=day.weekday())


def lesson_page(session: Session, actor: Actor, lesson_id: int) -> dict:
    """A lesson the actor may read with its students, their marks (value, kind, comment) and absences."""
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise NotFound("Урок не найден.")
    course_for_reading(session, actor, lesson.course_id)
    students = course_students(session, lesson.course)
    marks, absences = lesson_entries(session, lesson.id)
    cells = {s.id: cell_text(marks.get(s.id), absences.get(s.id)) for s in students}
    homework = session.scalar(select(Homework).where(Homework.lesson_id == lesson.id))
    return {"lesson": lesson, "students": students, "marks": marks, "cells": cells, "homework": homework,
            "files": files_of(session, [homework.id]).get(homework.id, []) if homework else [],
            "kinds": list(session.scalars(select(WorkKind).where(WorkKind.organisation_id == lesson.organisation_id)))}
