"""The Russian production calendar (производственный календарь), pure.

Working days are Monday to Friday, except the holidays of ТК РФ ст.112 and the days off that the
government's yearly decree moves; some Saturdays become working days by the same decree.
The decrees are data below, per year; an admin corrects a year through overrides.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

# ТК РФ ст.112: the non-working holidays of every year (month, day).
FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8),
    (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4),
)


@dataclass(frozen=True)
class YearDecree:
    """One year's decree: extra days off (transfers) and working Saturdays."""

    days_off: tuple[str, ...] = ()
    working_days: tuple[str, ...] = ()
    source: str = ""
    provisional: bool = False


DECREES: dict[int, YearDecree] = {
    2017: YearDecree(("2017-02-24", "2017-05-08", "2017-11-06"), (),
                     "Постановление Правительства РФ от 04.10.2016 № 1225"),
    2018: YearDecree(("2018-03-09", "2018-04-30", "2018-05-02", "2018-06-11", "2018-11-05",
                      "2018-12-31"), ("2018-04-28", "2018-06-09", "2018-12-29"),
                     "Постановление Правительства РФ от 14.10.2017 № 1250"),
    2019: YearDecree(("2019-05-02", "2019-05-03", "2019-05-10"), (),
                     "Постановление Правительства РФ от 01.10.2018 № 1163"),
    2020: YearDecree(("2020-02-24", "2020-03-09", "2020-05-04", "2020-05-05", "2020-05-11",
                      "2020-06-24", "2020-07-01"), (),
                     "Постановление Правительства РФ от 10.07.2019 № 875; Указы Президента РФ "
                     "от 01.06.2020 № 354 и 345"),
    2021: YearDecree(("2021-02-22", "2021-05-03", "2021-05-10", "2021-06-14", "2021-11-05",
                      "2021-12-31"), ("2021-02-20",),
                     "Постановление Правительства РФ от 10.10.2020 № 1648"),
    2022: YearDecree(("2022-03-07", "2022-05-03", "2022-05-10", "2022-06-13"), ("2022-03-05",),
                     "Постановление Правительства РФ от 29.09.2021 № 1648"),
    2023: YearDecree(("2023-02-24", "2023-05-08"), (),
                     "Постановление Правительства РФ от 29.08.2022 № 1505"),
    2024: YearDecree(("2024-04-29", "2024-04-30", "2024-05-10", "2024-12-30", "2024-12-31"),
                     ("2024-04-27", "2024-11-02", "2024-12-28"),
                     "Постановление Правительства РФ от 10.08.2023 № 1314"),
    2025: YearDecree(("2025-05-02", "2025-05-08", "2025-06-13", "2025-11-03", "2025-12-31"),
                     ("2025-11-01",),
                     "Постановление Правительства РФ от 04.10.2024 № 1335"),
    2026: YearDecree(("2026-01-09", "2026-03-09", "2026-05-11", "2026-12-31"), (),
                     "Постановление Правительства РФ от 24.09.2025 № 1466"),
    # The 2027 decree was a draft when this table was written: the weekend holidays move by
    # ТК ст.112, and the November transfer follows the published draft. An admin corrects it.
    2027: YearDecree(("2027-05-03", "2027-05-10", "2027-06-14", "2027-11-05"), ("2027-11-13",),
                     "проект постановления Правительства РФ", provisional=True),
}


@dataclass(frozen=True)
class ProductionCalendar:
    """Working-day arithmetic over the decrees plus admin overrides (date -> is working)."""

    overrides: Mapping[date, bool] = field(default_factory=dict)

    def is_holiday(self, day: date) -> bool:
        """A non-working holiday of ТК ст.112 (whatever the weekday)."""
        return (day.month, day.day) in FIXED_HOLIDAYS

    def is_working_day(self, day: date) -> bool:
        """True for a working day of the Russian five-day week in the given year."""
        if day in self.overrides:
            return self.overrides[day]
        decree = DECREES.get(day.year, YearDecree())
        iso = day.isoformat()
        if iso in decree.working_days:
            return True
        if iso in decree.days_off or self.is_holiday(day):
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (n ≥ 0; n = 0 gives the first working day on or
        after start). This is how "within 5 working days of receipt" is counted (L6)."""
        if n < 0:
            raise ValueError("n must be non-negative")
        day = start
        if n == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in the closed interval [start, end]."""
        count, day = 0, start
        while day <= end:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count

    def known_years(self) -> list[int]:
        """The years whose decrees are in the data."""
        return sorted(DECREES)
