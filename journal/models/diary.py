"""Who opened the diary, parents' weekly confirmations, and consents to process personal data."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UTCDateTime, utcnow


class DiaryView(Base):
    """One opening of a student's diary by a user (for the weekly activity report)."""

    __tablename__ = "diary_view"
    __table_args__ = (Index("ix_diary_view_student_at", "student_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DiaryConfirmation(Base):
    """A parent's "ознакомлен" for one week of the diary."""

    __tablename__ = "diary_confirmation"
    __table_args__ = (UniqueConstraint("user_id", "student_id", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Consent(Base):
    """A parent's consent to process the child's personal data: its date and text version (PD-02)."""

    __tablename__ = "pd_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    parent_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    text_version: Mapped[str] = mapped_column(String(40))
    given_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SummarySignoff(Base):
    """The year's summary sheet of a class: prepared by the class teacher, checked and signed by the
    deputy director, for the data whose hash it carries (ARC-05)."""

    __tablename__ = "summary_signoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id"), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    prepared_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    prepared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
