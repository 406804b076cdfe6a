"""The year-end summary sheet (ARC-05) and whole days missed (ATT-03)."""
import io
from datetime import date

import docx
import openpyxl
from sqlalchemy import select

from core.models import SchoolPeriod, User
from journal.entry_service import ColumnInput, save_column
from journal.models import Lesson
from journal.period_service import set_final_marks
from journal.summary import whole_days_missed, year_mark
from tests.conftest import login
from tests.journal import school as js
from tests.journal.test_entry import TZ, at


def test_ATT_03_a_day_counts_only_when_every_lesson_was_missed():
    lessons = {date(2017, 9, 4): 3, date(2017, 9, 5): 2}
    assert whole_days_missed(lessons, {date(2017, 9, 4): 3, date(2017, 9, 5): 1}) == 1
    assert whole_days_missed(lessons, {}) == 0


def test_year_mark_from_the_quarters():
    assert year_mark(["4", "5", "4", "5"]) == "5" and year_mark(["3", "4", "", ""]) == "4" and year_mark(["", ""]) == ""


def test_ARC_05_summary_sheet_in_word_and_excel(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 30))
    q1 = session.scalar(select(SchoolPeriod).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1))
    sid = s.students[0].id
    set_final_marks(session, s.teacher, s.math.id, q1.id, {sid: "5"}, {})
    monday = date(2017, 9, 4)  # Monday: mathematics (1st) and English for the group (6th)
    for course in (s.math, s.english1):
        lesson = session.scalar(select(Lesson).where(Lesson.course_id == course.id, Lesson.on_date == monday))
        actor = s.teacher if course is s.math else s.english_teacher
        save_column(session, actor, lesson.id, ColumnInput(cells={sid: ("н", "")}), at(monday, 12), TZ)
    session.commit()
    cl = app.test_client()
    login(cl, session.get(User, s.class_teacher.user_id).login)
    sheet = openpyxl.load_workbook(io.BytesIO(cl.get(f"/journal/admin/summary/{s.klass.id}.xlsx").data)).active
    header = [c.value for c in sheet[1]]
    first = [c.value for c in sheet[2]]
    assert first[header.index("Математика 1")] == "5"
    assert first[header.index("Дней пропущено")] == 1 and first[header.index("Уроков пропущено")] == 2
    document = docx.Document(io.BytesIO(cl.get(f"/journal/admin/summary/{s.klass.id}.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Сводная ведомость успеваемости и посещаемости 5А класса" in text and "25 лет" in text
    other = app.test_client()
    login(other, session.get(User, s.english_teacher.user_id).login)
    assert other.get(f"/journal/admin/summary/{s.klass.id}.xlsx").status_code == 403


def test_ARC_05_the_class_teacher_prepares_and_the_deputy_signs_the_same_figures(session, school):
    import pytest

    from core.errors import NotAllowed, ValidationFailed
    from journal.summary import prepare, sign

    s = js.build(session, school, until=date(2017, 9, 8))
    with pytest.raises(ValidationFailed, match="ещё не подготовил"):
        sign(session, s.deputy, s.klass.id)
    with pytest.raises(NotAllowed):
        prepare(session, s.deputy, s.klass.id)
    prepare(session, s.class_teacher, s.klass.id)
    q1 = session.scalar(select(SchoolPeriod).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1))
    set_final_marks(session, s.teacher, s.math.id, q1.id, {s.students[0].id: "4"}, {})
    with pytest.raises(ValidationFailed, match="Данные изменились"):
        sign(session, s.deputy, s.klass.id)
    prepare(session, s.class_teacher, s.klass.id)
    signed = sign(session, s.deputy, s.klass.id)
    assert signed.signed_by == s.deputy.user_id
