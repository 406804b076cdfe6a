"""Calendar data in the database: admin corrections of the production calendar and the
school calendar (academic years, their periods and holidays)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base


class CalendarOverride(Base):
    """An admin's correction of one day of the production calendar (a new decree, a typo)."""

    __tablename__ = "calendar_override"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(300), default="")


class SchoolYear(Base):
    """An academic year of a school, e.g. "2017/2018"."""

    __tablename__ = "school_year"
    __table_args__ = (UniqueConstraint("organisation_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(20))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)

    periods: Mapped[list[SchoolPeriod]] = relationship(
        order_by="SchoolPeriod.start", cascade="all, delete-orphan", lazy="selectin"
    )
    holidays: Mapped[list[SchoolHoliday]] = relationship(
        order_by="SchoolHoliday.start", cascade="all, delete-orphan", lazy="selectin"
    )


class SchoolPeriod(Base):
    """A quarter, trimester or half-year of an academic year."""

    __tablename__ = "school_period"
    __table_args__ = (
        CheckConstraint("kind IN ('quarter', 'trimester', 'half')", name="kind"),
        UniqueConstraint("year_id", "kind", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)


class SchoolHoliday(Base):
    """School holidays (каникулы) within an academic year."""

    __tablename__ = "school_holiday"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
