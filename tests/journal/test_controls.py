"""The deputy director's nine controls on a school with planted lateness and gaps (CTL-01…09, HW-01)."""
from datetime import date

import pytest
from sqlalchemy import select

from journal import controls
from journal.control_rules import homework_norm
from journal.controls import Scope
from journal.entry_service import ColumnInput, save_column
from journal.models import Lesson, WorkKind
from tests.journal import school as js
from tests.journal.test_entry import TZ, at

SEPT = Scope(date(2017, 9, 1), date(2017, 9, 30))
TODAY = date(2017, 9, 30)
NOW = at(TODAY, 20)


@pytest.fixture
def s(session, school):
    s = js.build(session, school, until=date(2017, 9, 30))
    lessons = session.scalars(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date)).all()
    for lesson in lessons:
        if lesson.on_date == date(2017, 9, 5):
            continue  # a gap: nothing entered
        when = at(date(2017, 9, 8), 9) if lesson.on_date == date(2017, 9, 6) else at(lesson.on_date, 15)
        save_column(session, s.teacher, lesson.id, ColumnInput(
            topic=f"Тема {lesson.on_date:%d.%m}", homework="№ 1", homework_minutes=40, homework_due=date(2017, 9, 20),
            attendance_taken=lesson.on_date != date(2017, 9, 4), reason="сбой"), when, TZ)
    session.commit()
    s.lessons = lessons
    return s


def _run(session, s, code):
    return controls.run(code, session, s.deputy, SEPT, TODAY, TZ, NOW)


def _math(findings):
    return [(f.on, f.what) for f in findings if f.subject == "Математика"]


def test_CTL_01_unrecorded_and_late_lessons(session, s):
    found = _math(_run(session, s, "CTL-01"))
    assert (date(2017, 9, 5), "урок не записан") in found
    assert any(on == date(2017, 9, 6) and what.startswith("записан позже на 1 дн.") for on, what in found)
    assert len(found) == 2


def test_CTL_02_written_works_without_marks_after_seven_days(session, s):
    kinds = {k.code: k.id for k in session.scalars(select(WorkKind))}
    lesson = s.lessons[0]
    save_column(session, s.teacher, lesson.id, ColumnInput(work_kind_id=kinds["test"]), at(lesson.on_date, 16), TZ)
    session.commit()
    found = _math(_run(session, s, "CTL-02"))
    assert found == [(lesson.on_date, "«Контрольная работа» без отметок после 7 дней")]


def test_CTL_03_students_below_the_mark_minimum_are_flagged(session, s):
    sid = s.students[0].id
    for lesson in s.lessons[1:4]:
        save_column(session, s.teacher, lesson.id, ColumnInput(cells={sid: ("5", "")}, reason="x"), NOW, TZ)
    session.commit()
    found = [f.what for f in _run(session, s, "CTL-03") if f.subject == "Математика"]
    assert len(found) == len(s.students) - 1 and all("риск «н/а»" in w for w in found)


def test_CTL_04_lessons_without_attendance_taken(session, s):
    assert _math(_run(session, s, "CTL-04")) == [(date(2017, 9, 4), "посещаемость не отмечена"),
                                                 (date(2017, 9, 5), "посещаемость не отмечена")]


def test_CTL_05_programme_completion(session, s):
    """5 hours a week planned over 4 weeks; the timetable gives 17 lessons in September."""
    found = [f.what for f in _run(session, s, "CTL-05") if f.subject == "Математика"]
    assert found == ["проведено 17 из 20 ч (отменено 0)"]


def test_CTL_06_lessons_without_homework(session, s):
    found = _math(_run(session, s, "CTL-06"))
    assert (date(2017, 9, 5), "домашнее задание не задано") in found


def test_CTL_07_HW_01_homework_load_against_the_age_norm(session, s):
    """HW-01: grade 5 may get 120 minutes a day; 40 minutes × every math lesson due 20.09 is over."""
    assert homework_norm(1) == 60 and homework_norm(5) == 120 and homework_norm(9) == 210
    found = _run(session, s, "CTL-07")
    assert [(f.class_name, f.on) for f in found] == [("5А", date(2017, 9, 20))]
    assert "при норме 120 мин" in found[0].what


def test_CTL_08_replaced_and_missed_lessons(session, school):
    s = js.build(session, school, until=date(2017, 9, 30), substitutions=[
        ("russian", date(2017, 9, 5), 6, "cancel", {"reason": "болезнь учителя"}),
        ("math", date(2017, 9, 6), 2, "replace", {})])
    found = [(f.on, f.what) for f in controls.run("CTL-08", session, s.deputy, SEPT, TODAY, TZ, NOW)]
    assert found == [(date(2017, 9, 5), "6 урок: отмена (болезнь учителя)"), (date(2017, 9, 6), "2 урок: замена учителя")]


def test_CTL_09_timesheet_counts_lessons_actually_given(session, s):
    found = [(f.on, f.what) for f in _run(session, s, "CTL-09")]
    assert (date(2017, 9, 5), "уроков: 1") not in found  # the unrecorded lesson is not counted
    assert (date(2017, 9, 4), "уроков: 1") in found


def test_controls_need_the_deputy(session, s):
    from core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        controls.run("CTL-01", session, s.teacher, SEPT, TODAY, TZ, NOW)


def _report_queries(app, session, s, count_queries) -> list[int]:
    from core.models import User
    from tests.conftest import login

    cl = app.test_client()
    login(cl, session.get(User, s.deputy.user_id).login)
    q1 = controls.period_scope(session, s.deputy, None, TODAY)[1][0]
    counts = []
    for code in controls.CONTROLS:
        with count_queries() as counter:
            assert cl.get(f"/journal/admin/controls?control={code}&period={q1.id}").status_code == 200
        counts.append(counter.count)
    assert cl.get(f"/journal/admin/controls?control=CTL-01&period={q1.id}&format=xlsx").status_code == 200
    assert "<svg" in cl.get("/journal/admin/dashboard").get_data(as_text=True)
    return counts


def test_report_query_counts_do_not_grow_with_the_number_of_lessons(app, session, school, count_queries):
    from tests import factories

    small = js.build(session, school, until=date(2017, 9, 8))
    other = factories.make_school(session, "Гимназия")
    session.commit()
    big = js.build(session, other, until=date(2017, 10, 27), daily_math=True, n_students=20)
    assert _report_queries(app, session, small, count_queries) == _report_queries(app, session, big, count_queries)


def _ktp_xlsx(rows) -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["№", "Тема урока", "Часы"])
    for row in rows:
        wb.active.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_CTL_05_against_the_thematic_plan_and_its_topics_prefill_the_grid(app, session, school):
    import io

    from core.models import User
    from tests.conftest import csrf_token, login

    s = js.build(session, school, until=date(2017, 9, 30),
                 substitutions=[("math", date(2017, 9, 4), 1, "cancel", {"reason": "карантин"})])
    cl = app.test_client()
    login(cl, session.get(User, s.teacher.user_id).login)
    token = csrf_token(cl, f"/journal/course/{s.math.id}")
    bad = cl.post(f"/journal/course/{s.math.id}/ktp", data={"csrf_token": token, "file": (io.BytesIO(
        _ktp_xlsx([(1, "Натуральные числа", "два")])), "ktp.xlsx")}, content_type="multipart/form-data")
    assert bad.status_code == 422 and "Строка 2" in bad.get_data(as_text=True)
    ok = cl.post(f"/journal/course/{s.math.id}/ktp", data={"csrf_token": token, "file": (io.BytesIO(
        _ktp_xlsx([(1, "Натуральные числа", 2), (2, "Дроби", 30)])), "ktp.xlsx")}, content_type="multipart/form-data")
    assert ok.status_code == 302
    assert 'placeholder="Натуральные числа"' in cl.get(f"/journal/course/{s.math.id}?period=").get_data(as_text=True)
    found = [f.what for f in controls.run("CTL-05", session, s.deputy, SEPT, TODAY, TZ, NOW) if f.subject == "Математика"]
    assert found == ["по КТП к этой дате 17 ч, проведено 16 (отменено 1, всего по КТП 32 ч)"]
