"""School structure for the journal: classes, students and parents, subjects, courses, bells,
the timetable and the day's substitutions."""
from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base
from core.models import Person


class SchoolClass(Base):
    """A class of an academic year, e.g. "5А", with its class teacher and shift."""

    __tablename__ = "school_class"
    __table_args__ = (UniqueConstraint("year_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id"), index=True)
    grade: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(10))
    shift: Mapped[int] = mapped_column(Integer, default=1)
    class_teacher_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)


class Student(Base):
    """A student in a class; `group_no` is the half of the class for split lessons (1 or 2)."""

    __tablename__ = "student"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id"), index=True)
    group_no: Mapped[int] = mapped_column(Integer, default=1)
    birth_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)


class ParentLink(Base):
    """A parent (legal representative) of a student."""

    __tablename__ = "parent_link"
    __table_args__ = (UniqueConstraint("parent_person_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)


class Subject(Base):
    """A school subject."""

    __tablename__ = "subject"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))


class Course(Base):
    """A subject taught to a class (or to one group of it) by a teacher, with weekly hours."""

    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id"), index=True)
    group_no: Mapped[int | None] = mapped_column(Integer)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    hours_per_week: Mapped[int] = mapped_column(Integer, default=1)

    school_class: Mapped[SchoolClass] = relationship(lazy="joined", innerjoin=True)
    subject: Mapped[Subject] = relationship(lazy="joined", innerjoin=True)


class BellSlot(Base):
    """When lesson N starts and ends for a shift (on one weekday, or on every day when null)."""

    __tablename__ = "bell_slot"
    __table_args__ = (UniqueConstraint("organisation_id", "shift", "weekday", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    shift: Mapped[int] = mapped_column(Integer, default=1)
    weekday: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)


class TimetableEntry(Base):
    """A course's lesson on a weekday at a lesson number, valid for a period."""

    __tablename__ = "timetable_entry"
    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    lesson_no: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)


SUBSTITUTION_KINDS = {"cancel": "отмена", "replace": "замена учителя", "combine": "объединение",
                      "move": "перенос на другой урок"}


class Substitution(Base):
    """A change of one day's timetable: a cancellation, a substitute teacher, a combination of
    groups, or a move to another lesson number."""

    __tablename__ = "substitution"
    __table_args__ = (CheckConstraint("kind IN ('cancel', 'replace', 'combine', 'move')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    lesson_no: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    substitute_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    new_lesson_no: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(300), default="")


class ThematicPlanItem(Base):
    """A line of a course's thematic plan (КТП): lesson number, topic, hours."""

    __tablename__ = "thematic_plan_item"
    __table_args__ = (UniqueConstraint("course_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(500))
    hours: Mapped[int] = mapped_column(Integer, default=1)
