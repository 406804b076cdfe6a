"""Lessons and what is entered on them: topic, attendance, marks, homework, every change kept."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime, utcnow
from journal.models.structure import Course

LESSON_STATES = {"scheduled": "по расписанию", "held": "проведён", "cancelled": "отменён",
                 "replaced": "замена", "combined": "объединён"}


class Lesson(Base):
    """A lesson of a course on a date at a lesson number, with its actual state and teacher."""

    __tablename__ = "lesson"
    __table_args__ = (UniqueConstraint("course_id", "on_date", "lesson_no"),
                      CheckConstraint("state IN ('scheduled', 'held', 'cancelled', 'replaced', 'combined')",
                                      name="state"),
                      Index("ix_lesson_course_date", "course_id", "on_date"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    on_date: Mapped[date] = mapped_column(Date, index=True)
    lesson_no: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="scheduled")
    teacher_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    topic: Mapped[str] = mapped_column(Text, default="")
    topic_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    work_kind_id: Mapped[int | None] = mapped_column(ForeignKey("work_kind.id"))
    attendance_taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=0)

    course: Mapped[Course] = relationship(lazy="joined", innerjoin=True)


class WorkKind(Base):
    """A kind of work with its weight in the average (answer 1, test 2…); written works have the
    REG-05 deadline for their marks."""

    __tablename__ = "work_kind"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    weight: Mapped[int] = mapped_column(Integer, default=1)
    written: Mapped[bool] = mapped_column(Boolean, default=False)


class Mark(Base):
    """The mark of a student on a lesson ("5", "5/4", "зч", "нз", "осв", "н/а")."""

    __tablename__ = "mark"
    __table_args__ = (UniqueConstraint("lesson_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    value: Mapped[str] = mapped_column(String(8))
    work_kind_id: Mapped[int | None] = mapped_column(ForeignKey("work_kind.id"))
    comment: Mapped[str] = mapped_column(String(500), default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)


class Absence(Base):
    """A student's absence ("н") or lateness ("о") on a lesson; the reason ("б", "у") is the class
    teacher's, on a document (ATT-01, ATT-02)."""

    __tablename__ = "absence"
    __table_args__ = (UniqueConstraint("lesson_id", "student_id"),
                      CheckConstraint("code IN ('н', 'о')", name="code"),
                      CheckConstraint("reason IN ('', 'б', 'у')", name="reason"))

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    code: Mapped[str] = mapped_column(String(2))
    reason: Mapped[str] = mapped_column(String(2), default="")
    reason_document: Mapped[str] = mapped_column(String(300), default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)


class Homework(Base):
    """Homework given on a lesson: text, due date, estimated minutes, visible-from date."""

    __tablename__ = "homework"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    minutes: Mapped[int | None] = mapped_column(Integer)
    visible_from: Mapped[date | None] = mapped_column(Date)
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)


class EntryChange(Base):
    """Every entry and change, with server time, author, old and new value and, when late, the
    reason and the delay (REG-06, REG-07)."""

    __tablename__ = "entry_change"
    # the school's changes of a period (dashboard, corrections) read by a range of the index, not by
    # scanning a log that only grows: 519,000 rows in one large school's year
    __table_args__ = (Index("ix_entry_change_lesson", "lesson_id", "at"),
                      Index("ix_entry_change_organisation_at", "organisation_id", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"))
    student_id: Mapped[int | None] = mapped_column(ForeignKey("student.id"))
    field: Mapped[str] = mapped_column(String(20))
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(Text, default="")
    closed_period: Mapped[bool] = mapped_column(Boolean, default=False)


class PeriodClosure(Base):
    """A closed period: only the deputy director changes it afterwards (REG-07, a soft lock)."""

    __tablename__ = "period_closure"
    __table_args__ = (UniqueConstraint("organisation_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("school_period.id"))
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class FinalMark(Base):
    """A period's final mark set by the teacher, with the suggestion it started from (MRK-04)."""

    __tablename__ = "final_mark"
    __table_args__ = (UniqueConstraint("course_id", "student_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("school_period.id"))
    value: Mapped[str] = mapped_column(String(8))
    suggested: Mapped[str] = mapped_column(String(8), default="")
    details: Mapped[dict | None] = mapped_column(JSON)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    set_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Snapshot(Base):
    """A frozen quarter of a class, printed on paper; its SHA-256 is on every printed page (ARC-03)."""

    __tablename__ = "journal_snapshot"
    __table_args__ = (UniqueConstraint("class_id", "period_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("school_period.id"))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict] = mapped_column(JSON)
    last_change_id: Mapped[int] = mapped_column(Integer, default=0)  # corrections come after it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class HomeworkFile(Base):
    """A file attached to homework (a worksheet, a text)."""

    __tablename__ = "homework_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    homework_id: Mapped[int] = mapped_column(ForeignKey("homework.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
