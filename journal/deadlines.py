"""Entry deadlines of the journal regulation (pure), in the school's local time (REG-01…05)."""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

HOMEWORK_GRACE = timedelta(hours=1)  # REG-03
WRITTEN_MARK_DAYS = 7  # REG-05 (a setting)


def end_of_day(day: date, tz: str) -> datetime:
    """The last moment of a school-local day, as an aware datetime."""
    return datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(tz)) - timedelta(microseconds=1)


def record_due(lesson_day: date, tz: str) -> datetime:
    """The lesson record and attendance are due by the end of the lesson's day (REG-01, REG-02)."""
    return end_of_day(lesson_day, tz)


@dataclass(frozen=True)
class DayLesson:
    """A lesson of a class that day: its number, group (None: the whole class), whether it takes place."""

    lesson_no: int
    group_no: int | None
    cancelled: bool = False


def last_lesson_no(lessons: Iterable[DayLesson], group_no: int | None) -> int | None:
    """The last lesson that day of the students of a group (or of the whole class): lessons of the
    whole class and of that group count, cancelled ones do not."""
    numbers = [x.lesson_no for x in lessons if not x.cancelled and
               (x.group_no is None or group_no is None or x.group_no == group_no)]
    return max(numbers) if numbers else None


def homework_due(lesson_day: date, last_lesson_end: time | None, tz: str) -> datetime:
    """Homework is due one hour after the end of those students' last lesson that day (REG-03);
    without a timetable for the day it falls back to the end of the day."""
    if last_lesson_end is None:
        return end_of_day(lesson_day, tz)
    return datetime.combine(lesson_day, last_lesson_end, ZoneInfo(tz)) + HOMEWORK_GRACE


def written_mark_due(work_day: date, tz: str, days: int = WRITTEN_MARK_DAYS) -> datetime:
    """A mark for a written work is due within 7 days of the work (REG-05)."""
    return end_of_day(work_day + timedelta(days=days), tz)


def late_minutes(entered_at: datetime, due: datetime | None) -> int:
    """How late an entry is, in whole minutes (0 when on time); server time only (REG-06)."""
    if due is None or entered_at <= due:
        return 0
    return math.ceil((entered_at - due).total_seconds() / 60)
