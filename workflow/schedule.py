"""Expanding recurring terms into dated occurrences through the school calendar (pure)."""
from __future__ import annotations

from datetime import date, timedelta

from core.calendar.school import SchoolCalendar
from workflow.terms import Term


def _school_days(cal: SchoolCalendar, start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if cal.is_school_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _last_per(days: list[date], key) -> list[date]:
    last: dict[object, date] = {}
    for d in days:
        last[key(d)] = d
    return sorted(last.values())


def occurrences(term: Term, cal: SchoolCalendar) -> list[date]:
    """The due dates of a recurring term within its window and the school year.

    daily: every school day; weekly: the last school day of each week; monthly: the last school day
    of each month; quarterly and end_of_quarter: the end of each quarter; end_of_half_year and
    end_of_year: the ends of the half-years and of the year. A combination is the union."""
    if term.kind != "recurring":
        return []
    start = max(term.start or cal.start, cal.start)
    end = min(term.end or cal.end, cal.year_end())
    due: set[date] = set()
    rec = set(term.recurrence)
    if rec & {"daily", "weekly", "monthly"}:
        days = _school_days(cal, start, end)
        if "daily" in rec:
            due.update(days)
        if "weekly" in rec:
            due.update(_last_per(days, lambda d: d.isocalendar()[:2]))
        if "monthly" in rec:
            due.update(_last_per(days, lambda d: (d.year, d.month)))
    if rec & {"quarterly", "end_of_quarter"}:
        due.update(cal.quarter_ends())
    if "end_of_half_year" in rec:
        due.update(cal.half_year_ends())
    if "end_of_year" in rec:
        due.add(cal.year_end())
    return sorted(d for d in due if start <= d <= end)
