"""Russian deadline cells → structured terms; every form the plans use, and no input ever raises."""
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.terms import AcademicPeriod, parse_term

P = AcademicPeriod(2017)
D = date.fromisoformat


@pytest.mark.parametrize("raw, kind, start, end", [
    ("5.06.2017", "date", "2017-06-05", "2017-06-05"),
    ("05.06.2017 г.", "date", "2017-06-05", "2017-06-05"),
    ("31 августа 2018 г.", "date", "2018-08-31", "2018-08-31"),
    ("до 01.09.2018", "date", None, "2018-09-01"),
    ("не позднее 15 сентября", "date", None, "2017-09-15"),
    ("август 2017", "window", "2017-08-01", "2017-08-31"),
    ("Июнь 2017", "window", "2017-06-01", "2017-06-30"),
    ("август – сентябрь 2017", "window", "2017-08-01", "2017-09-30"),
    ("август - сентябрь 2017", "window", "2017-08-01", "2017-09-30"),
    ("август — сентябрь 2017", "window", "2017-08-01", "2017-09-30"),
    ("Август – сентябрь 2017", "window", "2017-08-01", "2017-09-30"),
    ("Сентябрь 2017 – июнь 2018", "window", "2017-09-01", "2018-06-30"),
    ("с 03.09.2018 по 14.09.2018", "window", "2018-09-03", "2018-09-14"),
    ("1-я неделя сентября 2018", "window", "2018-09-03", "2018-09-09"),
    ("IV квартал 2018 г.", "window", "2018-10-01", "2018-12-31"),
    ("I полугодие", "window", "2017-09-01", "2017-12-31"),
    ("2017-2018 учебный год", "window", "2017-09-01", "2018-08-31"),
    ("Май 2018", "window", "2018-05-01", "2018-05-31"),
    ("сентябрь", "window", "2017-09-01", "2017-09-30"),
    ("март", "window", "2018-03-01", "2018-03-31"),
])
def test_dated_terms(raw, kind, start, end):
    term = parse_term(raw, P)
    assert (term.kind, term.start, term.end) == (kind, start and D(start), D(end))
    assert term.raw == raw


@pytest.mark.parametrize("raw, recurrence", [
    ("еженедельно", ("weekly",)),
    ("ежемесячно", ("monthly",)),
    ("ежедневно", ("daily",)),
    ("1 раз в четверть", ("quarterly",)),
    ("В конце каждой четверти", ("end_of_quarter",)),
    ("по окончании четверти и полугодий и года", ("end_of_quarter", "end_of_half_year", "end_of_year")),
    ("В конце учебного года", ("end_of_year",)),
])
def test_recurring_terms(raw, recurrence):
    term = parse_term(raw, P)
    assert term.kind == "recurring" and term.recurrence == recurrence
    assert (term.start, term.end) == (P.start, P.end)


@pytest.mark.parametrize("raw, kind", [
    ("в течение года", "continuous"),
    ("постоянно", "continuous"),
    ("По мере необходимости", "event"),
    ("По плану ВШК", "reference"),
    ("в течение 10 рабочих дней после утверждения", "event"),
    ("когда-нибудь потом", "unparsed"),
    ("", "unparsed"),
    ("31.02.2018", "unparsed"),
])
def test_open_and_unreadable_terms(raw, kind):
    term = parse_term(raw, P)
    assert term.kind == kind and term.raw == raw
    assert term.needs_attention == (kind == "unparsed")


def test_reference_keeps_the_other_plan_and_offset_is_structured():
    assert parse_term("По плану ВШК", P).reference == "ВШК"
    term = parse_term("в течение 10 рабочих дней после утверждения", P)
    assert term.offset_working_days == 10 and term.details["after"] == "утверждения"


def test_month_without_year_takes_the_plans_academic_period():
    assert parse_term("август – сентябрь", AcademicPeriod(2020)).start == date(2020, 8, 1)
    assert parse_term("май", AcademicPeriod(2020)).end == date(2021, 5, 31)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_text_never_raises_and_keeps_its_raw_text(text):
    term = parse_term(text, P)
    assert term.raw == text
    assert term.kind in ("date", "window", "recurring", "event", "continuous", "reference", "unparsed")


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(до |с )?\d{1,2}\.\d{1,2}\.\d{2,4}( по \d{1,2}\.\d{1,2}\.\d{4})?", fullmatch=True))
def test_date_like_text_never_raises(text):
    assert parse_term(text, P).raw == text
