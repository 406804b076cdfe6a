"""Executor cells split into people, roles, groups, councils; recurring terms expand to dates."""
from datetime import date

import pytest

from core.calendar.school import Period, SchoolCalendar
from workflow.assignees import parse_assignees
from workflow.schedule import occurrences
from workflow.terms import AcademicPeriod, parse_term


def _kinds(cell):
    found, _ = parse_assignees(cell)
    return [(a.kind, a.name) for a in found]


@pytest.mark.parametrize("cell, expected", [
    ("Фаерберг Е.И. Федорова Л.Ю. Винтер Г.Б. Кл. руководители",
     [("person", "Фаерберг Е.И."), ("person", "Федорова Л.Ю."), ("person", "Винтер Г.Б."),
      ("role", "class_teacher")]),
    ("Администрация ОУ и рабочая группа", [("group", "administration"), ("group", "working_group")]),
    ("педагогический совет ОУ; управляющий совет ОУ", [("council", "pedagogical"), ("council", "governing")]),
    ("Зам. директора по УВР, Классные руководители", [("role", "deputy"), ("role", "class_teacher")]),
    ("Директор Зам.директора по УВР", [("role", "director"), ("role", "deputy")]),
    ("Федорова Л.Ю., члены рабочей группы", [("person", "Федорова Л.Ю."), ("group", "working_group")]),
    ("Администрация секретарь", [("group", "administration"), ("role", "secretary")]),
    ("Е.И. Фаерберг", [("person", "Фаерберг Е.И.")]),
    ("", []),
])
def test_executor_cells(cell, expected):
    assert _kinds(cell) == expected


def test_place_is_a_note_not_an_assignee():
    found, note = parse_assignees("Классные руководители в виртуальной учительской")
    assert [(a.kind, a.name) for a in found] == [("role", "class_teacher")]
    assert note == "в виртуальной учительской"


def test_unknown_words_are_kept_for_a_person_to_decide():
    found, _ = parse_assignees("Завхоз, Фаерберг Е.И.")
    assert [(a.kind, a.raw) for a in found] == [("unknown", "Завхоз"), ("person", "Фаерберг Е.И.")]


def _calendar():
    d = date
    return SchoolCalendar("2017/2018", d(2017, 9, 1), d(2018, 8, 31), (
        Period("quarter", 1, d(2017, 9, 1), d(2017, 10, 28)),
        Period("quarter", 2, d(2017, 11, 7), d(2017, 12, 28)),
        Period("quarter", 3, d(2018, 1, 11), d(2018, 3, 23)),
        Period("quarter", 4, d(2018, 4, 2), d(2018, 5, 31)),
    ))


def test_end_of_quarter_expands_to_each_quarter_end():
    term = parse_term("В конце каждой четверти", AcademicPeriod(2017))
    assert occurrences(term, _calendar()) == [date(2017, 10, 28), date(2017, 12, 28),
                                              date(2018, 3, 23), date(2018, 5, 31)]


def test_combined_recurrence_is_the_union_without_repeats():
    term = parse_term("по окончании четверти и полугодий и года", AcademicPeriod(2017))
    assert occurrences(term, _calendar()) == [date(2017, 10, 28), date(2017, 12, 28),
                                              date(2018, 3, 23), date(2018, 5, 31)]


def test_weekly_is_the_last_school_day_of_each_week():
    days = occurrences(parse_term("еженедельно", AcademicPeriod(2017)), _calendar())
    assert days[0] == date(2017, 9, 1)  # Friday of the first week
    assert date(2017, 11, 3) not in days  # autumn holidays
    assert date(2017, 11, 10) in days
    assert date(2018, 4, 28) in days  # a Saturday that the 2018 decree made a working day
    assert all(_calendar().is_school_day(d) for d in days) and len(days) == len(set(days))


def test_monthly_skips_months_without_school_days():
    days = occurrences(parse_term("ежемесячно", AcademicPeriod(2017)), _calendar())
    assert date(2017, 9, 29) in days and all(d.month not in (6, 7, 8) for d in days)
