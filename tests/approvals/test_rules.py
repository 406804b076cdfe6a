"""The law as rules: routes (L1, L3, L6, L16), deadlines (L6, L7), silence (L9), quorum (L17)."""
from datetime import date
from fractions import Fraction

import pytest

from approvals.council_rules import VoteCount, check_count, is_adopted, is_quorate
from approvals.route_rules import (
    Flags,
    SchoolBodies,
    StepState,
    build_route,
    consultation_due,
    counts_as_done,
    missing_before,
    opinion_due,
)
from core.calendar.production import ProductionCalendar

CAL = ProductionCalendar()


def _kinds(steps):
    return [s.kind for s in steps]


def test_L3_act_affecting_students_needs_both_councils():
    steps = build_route(Flags(affects_students=True), SchoolBodies(), "pedagogical")
    assert _kinds(steps) == ["opinion_students", "opinion_parents", "adoption", "order"]
    assert all(s.required for s in steps if s.kind.startswith("opinion"))
    assert "30 ч. 3" in steps[0].citation


def test_L3_a_council_not_formed_gives_no_opinion():
    steps = build_route(Flags(affects_students=True), SchoolBodies(students_council=False), "pedagogical")
    assert _kinds(steps) == ["opinion_parents", "adoption", "order"]


def test_L6_labour_norms_need_the_union_and_L16_founder_and_L1_adopting_body():
    steps = build_route(Flags(labour_norms=True, needs_founder=True), SchoolBodies(), "director",
                        discussions=["staff_meeting"], legal_review=True)
    assert _kinds(steps) == ["discussion", "legal_review", "opinion_union", "adoption", "founder", "order"]
    assert steps[3].title == "Принятие директором" and not steps[0].required


def test_L6_union_opinion_received_on_friday_is_due_after_the_february_holidays():
    """L6: received Friday 2017-02-17 → due 2017-02-28 (23 Feb holiday, 24 Feb transferred)."""
    assert opinion_due(date(2017, 2, 17), CAL) == date(2017, 2, 28)


def test_L7_consultations_within_three_days():
    assert consultation_due(date(2017, 2, 22), False, CAL) == date(2017, 2, 25)
    assert consultation_due(date(2017, 2, 22), True, CAL) == date(2017, 3, 1)


def _step(kind="opinion_students", status="waiting", due=date(2017, 9, 20), silence=False):
    return StepState(kind, "Мнение", "L3", 1, True, status, due, silence)


def test_L9_silence_counts_as_consent_only_when_the_council_says_so_and_after_the_due_date():
    today = date(2017, 9, 21)
    assert not counts_as_done(_step(), today)
    assert counts_as_done(_step(silence=True), today)
    assert not counts_as_done(_step(silence=True), date(2017, 9, 20))
    assert not counts_as_done(_step(silence=True, status="stale"), today)


def test_L4_missing_steps_before_adoption_include_stale_ones_L18():
    steps = [_step(status="done"), _step("opinion_parents", status="stale"),
             StepState("discussion", "Обсуждение", "", 0, False, "pending"),
             StepState("adoption", "Принятие", "", 2, True, "pending")]
    assert [s.kind for s in missing_before(2, steps, date(2017, 9, 21))] == ["opinion_parents"]


@pytest.mark.parametrize("present, members, quorate", [(5, 9, False), (6, 9, True), (9, 9, True), (0, 0, False)])
def test_L17_quorum_of_two_thirds(present, members, quorate):
    """L17: 9 members, 5 present under a 2/3 quorum cannot decide; 6 can."""
    assert is_quorate(present, members, Fraction(2, 3)) is quorate


def test_L17_majority_rules():
    assert is_adopted(VoteCount(4, 2, 0), 6, 9, "simple")
    assert not is_adopted(VoteCount(3, 2, 1), 6, 9, "simple")
    assert not is_adopted(VoteCount(3, 3, 0), 6, 9, "two_thirds")
    assert not is_adopted(VoteCount(4, 2, 0), 6, 9, "members")
    assert check_count(VoteCount(5, 2, 0), 6) and not check_count(VoteCount(4, 2, 0), 6)
