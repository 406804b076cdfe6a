"""The school calendar (pure): an academic year, its quarters and half-years, its holidays."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.calendar.production import ProductionCalendar

PERIOD_KINDS = ("quarter", "trimester", "half")


@dataclass(frozen=True)
class Period:
    """A quarter, trimester or half-year: kind, number and closed date range."""

    kind: str
    number: int
    start: date
    end: date

    def contains(self, day: date) -> bool:
        """True when the day falls within the period."""
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """The period's Russian name, e.g. "2 четверть"."""
        names = {"quarter": "четверть", "trimester": "триместр", "half": "полугодие"}
        return f"{self.number} {names[self.kind]}"


@dataclass(frozen=True)
class Holiday:
    """School holidays (каникулы): title and closed date range."""

    title: str
    start: date
    end: date


@dataclass(frozen=True)
class SchoolCalendar:
    """One academic year with its periods and holidays."""

    title: str
    start: date
    end: date
    periods: tuple[Period, ...] = ()
    holidays: tuple[Holiday, ...] = ()
    production: ProductionCalendar = field(default_factory=ProductionCalendar)

    def __post_init__(self):
        for p in self.periods:
            if not (self.start <= p.start <= p.end <= self.end):
                raise ValueError(f"{p.label}: даты вне учебного года {self.title}")

    def of_kind(self, kind: str) -> list[Period]:
        """The periods of one kind in order."""
        return sorted((p for p in self.periods if p.kind == kind), key=lambda p: p.start)

    def main_periods(self) -> list[Period]:
        """The periods marks are given for: quarters, or trimesters where the school has them."""
        return self.of_kind("quarter") or self.of_kind("trimester")

    def period_of(self, day: date, kind: str | None = None) -> Period | None:
        """The (main, or given kind of) period containing the day, or None in holidays."""
        candidates = self.of_kind(kind) if kind else self.main_periods()
        return next((p for p in candidates if p.contains(day)), None)

    def is_holiday(self, day: date) -> bool:
        """True during school holidays."""
        return any(h.start <= day <= h.end for h in self.holidays)

    def is_school_day(self, day: date) -> bool:
        """A working day of the production calendar inside a period and outside holidays."""
        return (
            self.production.is_working_day(day)
            and not self.is_holiday(day)
            and self.period_of(day) is not None
        )

    def quarter_ends(self) -> list[date]:
        """The last days of the main periods."""
        return [p.end for p in self.main_periods()]

    def half_year_ends(self) -> list[date]:
        """The last days of the half-years (derived from the quarters when none are set)."""
        halves = self.of_kind("half")
        if halves:
            return [p.end for p in halves]
        quarters = self.of_kind("quarter")
        return [quarters[1].end, quarters[-1].end] if len(quarters) == 4 else []

    def year_end(self) -> date:
        """The last day of the academic year's teaching (end of the last main period)."""
        mains = self.main_periods()
        return mains[-1].end if mains else self.end
