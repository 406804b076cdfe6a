"""Thresholds of the deputy director's controls (pure): mark density (CTL-03) and homework load
by age (HW-01, CTL-07)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DENSITY_MIN = 3  # marks per quarter (a setting)
DENSITY_MIN_ONE_HOUR = 2  # for a subject with 1 hour a week

# HW-01: the most homework per day, in minutes, by grade.
HOMEWORK_NORM = {1: 60, 2: 90, 3: 90, 4: 120, 5: 120, 6: 150, 7: 150, 8: 150, 9: 210, 10: 210, 11: 210}


def density_minimum(hours_per_week: int) -> int:
    """How many marks a student needs in a quarter (CTL-03)."""
    return DENSITY_MIN_ONE_HOUR if hours_per_week <= 1 else DENSITY_MIN


def homework_norm(grade: int) -> int:
    """Minutes of homework a day the grade may get (HW-01)."""
    return HOMEWORK_NORM.get(grade, HOMEWORK_NORM[11])


@dataclass(frozen=True)
class Finding:
    """One finding of a control: where, when, what, and the page to fix it on."""

    control: str
    class_name: str
    subject: str
    teacher: str
    on: date | None
    what: str
    link: str
