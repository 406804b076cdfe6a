"""Class lists from CSV and XLSX (all or nothing), final marks (MRK-04), corrections (REG-07)."""
import io
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from core.errors import NotAllowed, ValidationFailed
from core.models import SchoolYear
from journal import setup_service as setup
from journal.entry_service import ColumnInput, save_column
from journal.grid_service import course_grid
from journal.models import FinalMark, Lesson, ParentLink, Student
from journal.period_service import corrections, set_final_marks
from journal.roster import read_roster
from tests.conftest import csrf_token, login
from tests.journal import school as js
from tests.journal.test_entry import TZ, at

HEADER = "Класс;Фамилия;Имя;Отчество;Дата рождения;Группа;Фамилия родителя;Имя родителя;Отчество родителя\n"
GOOD = HEADER + "5А;Новиков;Максим;Олегович;12.03.2006;1;Новикова;Ольга;Ивановна\n5а;Егорова;Дарья;;01.02.2006;2;;;\n"


def _import(session, s, school, text: bytes, name="list.csv"):
    rows, problems = read_roster(text, name)
    year = session.scalar(select(SchoolYear))
    problems += setup.check_roster(session, school.id, year, rows)
    if not problems:
        setup.import_roster(session, s.admin, school, year, rows)
    return problems


def test_a_good_csv_imports_students_with_parents(session, school):
    s = js.build(session, school, until=date(2017, 9, 2))
    before = session.scalar(select(func.count()).select_from(Student))
    assert _import(session, s, school, GOOD.encode("utf-8")) == []
    assert session.scalar(select(func.count()).select_from(Student)) == before + 2
    novikov = session.scalar(select(Student).order_by(Student.id.desc()).offset(1))
    assert novikov.birth_date == date(2006, 3, 12) and novikov.group_no == 1
    assert session.scalar(select(ParentLink).where(ParentLink.student_id == novikov.id)) is not None


def test_windows_1251_csv_and_xlsx_are_read(session, school):
    s = js.build(session, school, until=date(2017, 9, 2))
    assert _import(session, s, school, GOOD.encode("cp1251")) == []
    wb = openpyxl.Workbook()
    for line in (HEADER + "5А;Орлов;Илья;;05.05.2006;1;;;").splitlines():
        wb.active.append(line.split(";"))
    out = io.BytesIO()
    wb.save(out)
    assert _import(session, s, school, out.getvalue(), "list.xlsx") == []


@pytest.mark.parametrize("body, message", [
    ("5Я;Новиков;Максим;;12.03.2006;1;;;\n", "класса «5Я» нет"),
    ("5А;Новиков;Максим;;31.02.2006;1;;;\n", "дата рождения «31.02.2006»"),
    ("5А;Новиков;Максим;;12.03.2006;1;;;\n5А;Новиков;Максим;;12.03.2006;1;;;\n", "Строка 4: Новиков Максим повторяет строку 3"),
    ("5А;Ученик00;Иван;Петрович;;1;;;\n", "уже учится в 5А"),
    ("5А;;Максим;;;1;;;\n", "не заполнено поле «Фамилия»"),
])
def test_a_bad_row_stops_the_whole_file_with_a_line_by_line_report(session, school, body, message):
    s = js.build(session, school, until=date(2017, 9, 2))
    before = session.scalar(select(func.count()).select_from(Student))
    problems = _import(session, s, school, (HEADER + "5А;Петров;Пётр;;01.01.2006;2;;;\n" + body).encode())
    assert any(message in p for p in problems), problems
    assert session.scalar(select(func.count()).select_from(Student)) == before


def test_a_file_in_another_encoding_is_reported_clearly(session, school):
    js.build(session, school, until=date(2017, 9, 2))
    with pytest.raises(ValidationFailed, match="кодировка"):
        read_roster(GOOD.encode("utf-16"), "list.csv")


def test_roster_page_previews_and_refuses_a_bad_file(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 2))
    from core.models import User

    cl = app.test_client()
    login(cl, session.get(User, s.deputy.user_id).login)
    token = csrf_token(cl, "/journal/admin/roster")
    bad = cl.post("/journal/admin/roster", data={"csrf_token": token, "file": (io.BytesIO(
        (HEADER + "5Я;Новиков;Максим;;12.03.2006;1;;;\n").encode()), "list.csv")}, content_type="multipart/form-data")
    assert bad.status_code == 422 and "класса «5Я» нет" in bad.get_data(as_text=True)


def test_MRK_04_the_teacher_confirms_the_suggested_final_mark(session, school):
    s = js.build(session, school, until=date(2017, 9, 30))
    lessons = session.scalars(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date)).all()
    sid = s.students[0].id
    for lesson, mark in zip(lessons[:3], ("5", "4", "4"), strict=True):
        save_column(session, s.teacher, lesson.id, ColumnInput(cells={sid: (mark, "")}), at(lesson.on_date, 15), TZ)
    grid = course_grid(session, s.teacher, s.math.id, None, date(2017, 9, 30))
    assert str(grid.averages[sid]) == "4.33" and grid.suggestions[sid] == "4"
    with pytest.raises(NotAllowed):
        set_final_marks(session, s.english_teacher, s.math.id, grid.period.id, {sid: "5"}, grid.suggestions)
    with pytest.raises(ValidationFailed):
        set_final_marks(session, s.teacher, s.math.id, grid.period.id, {sid: "6"}, grid.suggestions)
    set_final_marks(session, s.teacher, s.math.id, grid.period.id, {sid: "5"}, grid.suggestions)
    final = session.scalar(select(FinalMark))
    assert (final.value, final.suggested) == ("5", "4")


def test_REG_07_late_changes_are_on_the_corrections_list(session, school):
    s = js.build(session, school, until=date(2017, 9, 8))
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    save_column(session, s.teacher, lesson.id, ColumnInput(cells={s.students[0].id: ("3", "")}),
                at(lesson.on_date, 15), TZ)
    save_column(session, s.teacher, lesson.id, ColumnInput(topic="Тема", reason="забыла"), at(date(2017, 9, 8), 9), TZ)
    rows = corrections(session, s.deputy)
    assert [(r.field, r.new, r.reason) for r in rows] == [("topic", "Тема", "забыла")]
    with pytest.raises(NotAllowed):
        corrections(session, s.teacher)


def test_removing_a_timetable_slot_keeps_lessons_with_data_and_lists_them(session, school):
    from journal.models import TimetableEntry
    from journal.timetable_service import end_timetable_entry

    s = js.build(session, school, until=date(2017, 9, 30))
    entry = session.scalar(select(TimetableEntry).where(TimetableEntry.course_id == s.math.id,
                                                        TimetableEntry.weekday == js.MON))
    mondays = session.scalars(select(Lesson).where(Lesson.course_id == s.math.id, Lesson.lesson_no == 1)
                              .order_by(Lesson.on_date)).all()
    monday_lessons = [x for x in mondays if x.on_date.weekday() == js.MON]
    save_column(session, s.teacher, monday_lessons[2].id, ColumnInput(topic="Дроби", reason="поздно"),
                at(date(2017, 9, 25), 9), TZ)
    session.commit()
    kept, removed = end_timetable_entry(session, entry, date(2017, 9, 11), confirm=False)
    assert [x.id for x in kept] == [monday_lessons[2].id] and len(removed) == len(monday_lessons) - 2  # all but 4 September and the kept one
    session.rollback()
    kept, removed = end_timetable_entry(session, entry, date(2017, 9, 11), confirm=True)
    session.commit()
    left = session.scalars(select(Lesson.id).where(Lesson.course_id == s.math.id, Lesson.on_date >= date(2017, 9, 11),
                                                   Lesson.lesson_no == 1)).all()
    assert monday_lessons[2].id in left and entry.valid_to == date(2017, 9, 10)


def test_REG_03_a_weekday_with_its_own_bells_moves_the_homework_deadline(session, school):
    from datetime import time

    s = js.build(session, school, until=date(2017, 9, 8))
    setup.set_bell(session, s.admin, 1, js.TUE, 6, time(12, 0), time(12, 40))  # a shortened Tuesday
    tuesday = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id, Lesson.on_date == date(2017, 9, 5)))
    with pytest.raises(ValidationFailed):
        save_column(session, s.teacher, tuesday.id, ColumnInput(homework="№ 4"), at(date(2017, 9, 5), 13, 45), TZ)
    assert save_column(session, s.teacher, tuesday.id, ColumnInput(homework="№ 4"), at(date(2017, 9, 5), 13, 40),
                       TZ).late == []
