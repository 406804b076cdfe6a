"""Journal rules: cells, averages, suggestions (MRK, ATT) and entry deadlines (REG)."""
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.deadlines import (
    DayLesson,
    homework_due,
    last_lesson_no,
    late_minutes,
    record_due,
    written_mark_due,
)
from journal.grading import BadCell, Cell, numeric_values, parse_cell, suggest_final, weighted_average

TZ = "Asia/Yekaterinburg"


@pytest.mark.parametrize("text, cell", [
    ("5", Cell("5")), (" 4 ", Cell("4")), ("5/4", Cell("5/4")), ("зч", Cell("зч")), ("нз", Cell("нз")),
    ("осв", Cell("осв")), ("н/а", Cell("н/а")), ("н", Cell("", "н")), ("о", Cell("", "о")),
    ("о 4", Cell("4", "о")), ("", Cell()),
])
def test_MRK_01_MRK_02_ATT_01_cells_the_journal_accepts(text, cell):
    assert parse_cell(text) == cell


@pytest.mark.parametrize("text", ["6", "0", "5+", "отл", "н 5", "5 4", "б"])
def test_MRK_01_other_cells_are_refused_in_russian(text):
    with pytest.raises(BadCell):
        parse_cell(text)


def test_MRK_02_double_mark_counts_twice_and_non_numeric_do_not_count():
    assert numeric_values("5/4") == [5, 4] and numeric_values("зч") == [] and numeric_values("н/а") == []
    assert weighted_average([("5/4", 1), ("зч", 1), ("осв", 1)]) == Decimal("4.50")


def test_MRK_03_weighted_average_example():
    """MRK-03: 5 (weight 2) and 3 (weight 1) give 4.33; all weights 1 give the plain mean."""
    assert weighted_average([("5", 2), ("3", 1)]) == Decimal("4.33")
    assert weighted_average([("5", 1), ("3", 1), ("4", 1)]) == Decimal("4.00")
    assert weighted_average([("нз", 1)]) is None


def test_MRK_04_suggested_final_mark_rounds_half_up_by_default():
    assert suggest_final(Decimal("3.50")) == "4" and suggest_final(Decimal("3.49")) == "3"
    assert suggest_final(Decimal("2.50"), "half_even") == "2" and suggest_final(None) == ""


def test_REG_01_REG_02_record_due_by_the_end_of_the_lesson_day_in_school_time():
    due = record_due(date(2017, 9, 4), TZ)
    assert due.astimezone(UTC) == datetime(2017, 9, 4, 18, 59, 59, 999999, tzinfo=UTC)  # UTC+5
    assert late_minutes(datetime(2017, 9, 4, 18, 0, tzinfo=UTC), due) == 0
    assert late_minutes(datetime(2017, 9, 4, 20, 0, tzinfo=UTC), due) == 61


def test_REG_03_homework_an_hour_after_the_last_lesson_of_those_students():
    due = homework_due(date(2017, 9, 4), time(13, 25), TZ)
    assert due.strftime("%H:%M") == "14:25" and due.utcoffset().total_seconds() == 5 * 3600


def test_REG_03_last_lesson_of_a_group_and_after_a_cancellation():
    day = [DayLesson(1, None), DayLesson(5, None), DayLesson(6, 1), DayLesson(7, 2)]
    assert last_lesson_no(day, 1) == 6 and last_lesson_no(day, 2) == 7 and last_lesson_no(day, None) == 7
    assert last_lesson_no([DayLesson(5, None), DayLesson(6, None, cancelled=True)], None) == 5


def test_REG_05_written_work_marks_within_seven_days():
    assert written_mark_due(date(2017, 9, 4), TZ).date() == date(2017, 9, 11)


@given(st.text(max_size=20))
def test_any_cell_text_is_read_or_refused_never_crashes(text):
    try:
        cell = parse_cell(text)
    except BadCell as exc:
        assert str(exc)  # a message for the teacher, never an unexpected error
    else:
        assert parse_cell(cell.text()) == cell
