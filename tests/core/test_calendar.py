"""Production calendar and school calendar arithmetic, checked against known years."""
from datetime import date

import pytest

from core.calendar.production import DECREES, ProductionCalendar
from core.calendar.school import Period, SchoolCalendar

cal = ProductionCalendar()


@pytest.mark.parametrize("day", ["2017-02-23", "2017-02-24", "2017-05-08", "2017-11-06",
                                 "2024-04-29", "2024-12-31", "2025-06-13", "2026-01-09",
                                 "2026-03-09", "2018-05-02", "2024-11-04"])
def test_days_off_from_decrees_and_holidays(day):
    assert not cal.is_working_day(date.fromisoformat(day))


@pytest.mark.parametrize("day", ["2024-04-27", "2024-11-02", "2024-12-28", "2025-11-01",
                                 "2018-04-28", "2017-02-22"])
def test_working_saturdays_and_ordinary_days(day):
    assert cal.is_working_day(date.fromisoformat(day))


def test_2017_and_2026_have_no_working_saturdays():
    for year in (2017, 2026):
        assert DECREES[year].working_days == ()


def test_every_year_2017_to_2027_is_in_the_data():
    assert set(range(2017, 2028)) <= set(cal.known_years())


def test_L6_union_opinion_due_five_working_days_after_friday_receipt():
    """L6: received Friday 2017-02-17, due 2017-02-28 (23 Feb holiday, 24 Feb transferred)."""
    assert cal.add_working_days(date(2017, 2, 17), 5) == date(2017, 2, 28)


def test_add_working_days_zero_gives_next_working_day():
    assert cal.add_working_days(date(2017, 2, 23), 0) == date(2017, 2, 27)
    with pytest.raises(ValueError):
        cal.add_working_days(date(2017, 2, 23), -1)


def test_override_of_an_admin_wins_over_the_decree():
    corrected = ProductionCalendar({date(2027, 11, 13): False})
    assert not corrected.is_working_day(date(2027, 11, 13))
    assert cal.is_working_day(date(2027, 11, 13))


def test_working_days_between_counts_closed_interval():
    # May 2017: 1 and 8, 9 off; 31 days, 8 weekend days → 20 working days
    assert cal.working_days_between(date(2017, 5, 1), date(2017, 5, 31)) == 20


def _year() -> SchoolCalendar:
    d = date
    return SchoolCalendar("2017/2018", d(2017, 9, 1), d(2018, 8, 31), (
        Period("quarter", 1, d(2017, 9, 1), d(2017, 10, 28)),
        Period("quarter", 2, d(2017, 11, 7), d(2017, 12, 28)),
        Period("quarter", 3, d(2018, 1, 11), d(2018, 3, 23)),
        Period("quarter", 4, d(2018, 4, 2), d(2018, 5, 31)),
    ))


def test_school_calendar_periods_and_derived_half_years():
    year = _year()
    assert year.period_of(date(2017, 11, 10)).number == 2
    assert year.period_of(date(2017, 11, 1)) is None  # autumn holidays
    assert year.half_year_ends() == [date(2017, 12, 28), date(2018, 5, 31)]
    assert year.year_end() == date(2018, 5, 31)
    assert not year.is_school_day(date(2017, 11, 6))  # transferred day off
    assert year.is_school_day(date(2017, 11, 7))


def test_period_outside_the_year_is_refused():
    with pytest.raises(ValueError):
        SchoolCalendar("2017/2018", date(2017, 9, 1), date(2018, 8, 31),
                       (Period("quarter", 1, date(2017, 8, 1), date(2017, 10, 1)),))
