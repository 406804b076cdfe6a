"""Bells, the timetable and lessons: lessons are made from the timetable for each school day with
the day's substitutions and cancellations applied (bulk inserts, no ORM object per lesson)."""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core.calendar.school import SchoolCalendar
from journal.deadlines import DayLesson, last_lesson_no
from journal.models import (
    Absence,
    BellSlot,
    Course,
    Homework,
    Lesson,
    Mark,
    SchoolClass,
    Substitution,
    TimetableEntry,
)


def bell_end(session: Session, organisation_id: int, shift: int, day: date, number: int) -> time | None:
    """When lesson `number` ends on that day for the shift (a weekday's own bells win)."""
    slots = session.execute(select(BellSlot.weekday, BellSlot.end).where(
        BellSlot.organisation_id == organisation_id, BellSlot.shift == shift, BellSlot.number == number)).all()
    own = [end for weekday, end in slots if weekday == day.weekday()]
    generic = [end for weekday, end in slots if weekday is None]
    return (own or generic or [None])[0]


def class_day(session: Session, class_id: int, day: date) -> list[DayLesson]:
    """The class's lessons on a day, with their groups and whether they take place."""
    rows = session.execute(select(Lesson.lesson_no, Course.group_no, Lesson.state).join(Course)
                           .where(Course.class_id == class_id, Lesson.on_date == day)).all()
    return [DayLesson(no, group, state == "cancelled") for no, group, state in rows]


def last_lesson_end(session: Session, course: Course, day: date) -> time | None:
    """When the last lesson of this course's students ends that day (REG-03)."""
    school_class = session.get(SchoolClass, course.class_id)
    number = last_lesson_no(class_day(session, course.class_id, day), course.group_no)
    return bell_end(session, course.organisation_id, school_class.shift, day, number) if number else None


def generate_lessons(session: Session, organisation_id: int, calendar: SchoolCalendar, start: date,
                     end: date) -> int:
    """Create the lessons of every school day in [start, end] that do not exist yet; returns how many."""
    rows = lesson_rows(session, organisation_id, calendar, start, end)
    if rows:
        session.execute(insert(Lesson), rows)
    return len(rows)


def lesson_rows(session: Session, organisation_id: int, calendar: SchoolCalendar, start: date,
                end: date) -> list[dict]:
    """The rows of the lessons the timetable gives for every school day in [start, end], with the
    day's substitutions applied, leaving out lessons that exist already (nothing is written)."""
    entries = session.execute(select(TimetableEntry, Course.teacher_id).join(Course).where(
        TimetableEntry.organisation_id == organisation_id, TimetableEntry.valid_from <= end,
        TimetableEntry.valid_to >= start)).all()
    subs = {(s.on_date, s.course_id, s.lesson_no): s for s in session.scalars(select(Substitution).where(
        Substitution.organisation_id == organisation_id, Substitution.on_date.between(start, end)))}
    existing = set(session.execute(select(Lesson.course_id, Lesson.on_date, Lesson.lesson_no).where(
        Lesson.organisation_id == organisation_id, Lesson.on_date.between(start, end))).all())
    by_weekday: dict[int, list] = {}
    for entry, teacher_id in entries:
        by_weekday.setdefault(entry.weekday, []).append((entry, teacher_id))
    rows, day = [], start
    while day <= end:
        if calendar.is_school_day(day):
            for entry, teacher_id in by_weekday.get(day.weekday(), ()):
                if entry.valid_from <= day <= entry.valid_to:
                    row = _lesson_row(organisation_id, entry, teacher_id, day, subs.get((day, entry.course_id,
                                                                                          entry.lesson_no)))
                    if (row["course_id"], day, row["lesson_no"]) not in existing:
                        rows.append(row)
                        existing.add((row["course_id"], day, row["lesson_no"]))
        day += timedelta(days=1)
    return rows


def _lesson_row(organisation_id: int, entry: TimetableEntry, teacher_id: int, day: date,
                sub: Substitution | None) -> dict:
    row = {"organisation_id": organisation_id, "course_id": entry.course_id, "on_date": day,
           "lesson_no": entry.lesson_no, "state": "scheduled", "teacher_id": teacher_id, "topic": "",
           "version": 0}
    if sub is None:
        return row
    if sub.kind == "cancel":
        row["state"] = "cancelled"
    elif sub.kind == "move":
        row["lesson_no"] = sub.new_lesson_no or entry.lesson_no
    else:
        row["state"] = "replaced" if sub.kind == "replace" else "combined"
        row["teacher_id"] = sub.substitute_id or teacher_id
    return row


def apply_substitution(session: Session, sub: Substitution) -> Lesson | None:
    """Bring an already generated lesson in line with a new substitution; its entries stay."""
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == sub.course_id, Lesson.on_date == sub.on_date,
                                                 Lesson.lesson_no == sub.lesson_no))
    if lesson is None:
        return None
    if sub.kind == "cancel":
        lesson.state = "cancelled"
    elif sub.kind == "move":
        lesson.lesson_no = sub.new_lesson_no or lesson.lesson_no
    else:
        lesson.state = "replaced" if sub.kind == "replace" else "combined"
        lesson.teacher_id = sub.substitute_id or lesson.teacher_id
    session.flush()
    return lesson


def lessons_with_data(session: Session, lesson_ids: list[int]) -> set[int]:
    """The lessons among these that have any entry: a topic, attendance, a mark, an absence or homework."""
    if not lesson_ids:
        return set()
    with_topic = set(session.scalars(select(Lesson.id).where(
        Lesson.id.in_(lesson_ids), (Lesson.topic != "") | Lesson.attendance_taken_at.is_not(None))))
    for model in (Mark, Absence, Homework):
        with_topic |= set(session.scalars(select(model.lesson_id).where(model.lesson_id.in_(lesson_ids))))
    return with_topic


def end_timetable_entry(session: Session, entry: TimetableEntry, from_day: date, confirm: bool
                        ) -> tuple[list[Lesson], list[Lesson]]:
    """Stop a timetable slot from a day on. Future lessons without data go; lessons with data are
    never deleted: they are returned so the page can list them, and kept. Without `confirm`
    nothing changes (the page asks first)."""
    future = list(session.scalars(select(Lesson).where(
        Lesson.course_id == entry.course_id, Lesson.lesson_no == entry.lesson_no, Lesson.on_date >= from_day)))
    future = [x for x in future if x.on_date.weekday() == entry.weekday]
    keep_ids = lessons_with_data(session, [x.id for x in future])
    kept = [x for x in future if x.id in keep_ids]
    removed = [x for x in future if x.id not in keep_ids]
    if confirm:
        for lesson in removed:
            session.delete(lesson)
        entry.valid_to = from_day - timedelta(days=1)
        session.flush()
    return kept, removed
