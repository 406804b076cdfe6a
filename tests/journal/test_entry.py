"""Entering the journal: deadlines (REG-01…07), marks (MRK), attendance (ATT), access (SEC-02)."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from core.errors import NotAllowed, ValidationFailed
from core.models import SchoolPeriod
from journal.entry_service import ColumnInput, save_column
from journal.models import Absence, EntryChange, Homework, Lesson, Mark, WorkKind
from journal.period_service import set_absence_reason
from tests.journal import school as js

TZ = "Asia/Yekaterinburg"


def at(day: date, hh: int, mm: int = 0) -> datetime:
    """A school-local moment (Perm, UTC+5) as the server's UTC time."""
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=ZoneInfo(TZ)).astimezone(UTC)


def lesson(session, course, day, no=None):
    stmt = select(Lesson).where(Lesson.course_id == course.id, Lesson.on_date == day)
    if no:
        stmt = stmt.where(Lesson.lesson_no == no)
    return session.scalar(stmt)


@pytest.fixture
def s(session, school):
    return js.build(session, school)


def cells(s, **values):
    return {st.id: (values.get(f"s{i}", ""), "") for i, st in enumerate(s.students)}


def test_REG_01_REG_02_on_the_day_is_on_time_and_the_next_day_needs_a_reason(session, s):
    monday = date(2017, 9, 4)
    first = lesson(session, s.math, monday)
    result = save_column(session, s.teacher, first.id, ColumnInput(cells=cells(s, s0="н"), topic="Натуральные числа",
                         attendance_taken=True), at(monday, 20), TZ)
    assert result.saved == 3 and result.late == []
    tuesday = date(2017, 9, 5)
    late = lesson(session, s.math, tuesday)
    with pytest.raises(ValidationFailed, match="причину"):
        save_column(session, s.teacher, late.id, ColumnInput(topic="Сложение"), at(date(2017, 9, 6), 9), TZ)
    result = save_column(session, s.teacher, late.id, ColumnInput(topic="Сложение", reason="болел"),
                         at(date(2017, 9, 6), 9), TZ)
    assert result.late == [("topic", 9 * 60 + 1)]
    change = session.scalar(select(EntryChange).where(EntryChange.lesson_id == late.id))
    assert change.late_minutes == 541 and change.reason == "болел"


def test_REG_03_homework_an_hour_after_the_classes_last_lesson_at_1325(session, s):
    """Tuesday: the class's last lesson (6th) ends 13:25 → homework due 14:25."""
    tuesday = date(2017, 9, 5)
    first = lesson(session, s.math, tuesday)
    assert save_column(session, s.teacher, first.id, ColumnInput(homework="№ 12"), at(tuesday, 14, 25), TZ).late == []
    second = lesson(session, s.math, date(2017, 9, 12))
    result = save_column(session, s.teacher, second.id, ColumnInput(homework="№ 15", reason="сбой сети"),
                         at(date(2017, 9, 12), 14, 27), TZ)
    assert result.late == [("homework", 2)]


def test_REG_03_a_cancelled_last_lesson_moves_the_deadline(session, school):
    tuesday = date(2017, 9, 5)
    s = js.build(session, school, substitutions=[("russian", tuesday, 6, "cancel", {})])
    first = lesson(session, s.math, tuesday)  # now the last lesson: 1st, ends 08:45
    result = save_column(session, s.teacher, first.id, ColumnInput(homework="№ 3", reason="после уроков"),
                         at(tuesday, 10, 0), TZ)
    assert result.late == [("homework", 15)]


def test_REG_03_split_group_with_a_seventh_lesson_has_its_own_deadline(session, s):
    """Monday: group 1 ends with the 6th lesson (13:25), group 2 with the 7th (14:20)."""
    monday = date(2017, 9, 4)
    g1, g2 = lesson(session, s.english1, monday), lesson(session, s.english2, monday)
    at_1500 = at(monday, 15, 0)
    assert save_column(session, s.english_teacher, g2.id, ColumnInput(homework="Ex. 2"), at_1500, TZ).late == []
    with pytest.raises(ValidationFailed):
        save_column(session, s.english_teacher, g1.id, ColumnInput(homework="Ex. 1"), at_1500, TZ)


def test_REG_03_a_substitution_moving_a_lesson_moves_the_deadline(session, school):
    tuesday = date(2017, 9, 5)
    s = js.build(session, school, substitutions=[("math", tuesday, 1, "move", {"new_lesson_no": 8})])
    moved = lesson(session, s.math, tuesday)
    assert moved.lesson_no == 8
    assert save_column(session, s.teacher, moved.id, ColumnInput(homework="№ 7"), at(tuesday, 16, 10), TZ).late == []


def test_REG_04_homework_in_advance_is_on_time_and_visible_from_its_date(session, s):
    future = lesson(session, s.math, date(2017, 9, 25))
    result = save_column(session, s.teacher, future.id, ColumnInput(
        homework="Проект", homework_visible_from=date(2017, 9, 20)), at(date(2017, 9, 4), 16), TZ)
    assert result.late == [] and session.scalar(select(Homework)).visible_from == date(2017, 9, 20)


def test_REG_05_written_work_marks_within_seven_days(session, s):
    monday = date(2017, 9, 4)
    test_lesson = lesson(session, s.math, monday)
    kind = {k.code: k.id for k in session.scalars(select(WorkKind))}
    ok = save_column(session, s.teacher, test_lesson.id, ColumnInput(cells=cells(s, s1="4"), work_kind_id=kind["test"]),
                     at(date(2017, 9, 11), 20), TZ)
    assert ok.late == []
    with pytest.raises(ValidationFailed):
        save_column(session, s.teacher, test_lesson.id, ColumnInput(cells=cells(s, s2="5"), work_kind_id=kind["test"]),
                    at(date(2017, 9, 12), 9), TZ)


def test_REG_06_every_change_keeps_old_value_author_and_server_time(session, s):
    monday = date(2017, 9, 4)
    first = lesson(session, s.math, monday)
    save_column(session, s.teacher, first.id, ColumnInput(cells=cells(s, s0="3")), at(monday, 12), TZ)
    save_column(session, s.teacher, first.id, ColumnInput(cells={s.students[0].id: ("4", "3")}), at(monday, 13), TZ)
    changes = session.scalars(select(EntryChange).where(EntryChange.student_id == s.students[0].id)
                              .order_by(EntryChange.id)).all()
    assert [(c.old, c.new, c.author_id) for c in changes] == [("", "3", s.teacher.user_id), ("3", "4", s.teacher.user_id)]
    assert changes[1].at == at(monday, 13)


def test_REG_07_a_closed_period_is_changed_only_by_the_deputy(session, s, school):
    from journal.period_service import close_period

    q1 = session.scalar(select(SchoolPeriod).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1))
    with pytest.raises(NotAllowed):
        close_period(session, s.teacher, q1.id)
    close_period(session, s.deputy, q1.id)
    session.commit()
    first = lesson(session, s.math, date(2017, 9, 4))
    with pytest.raises(NotAllowed, match="Период закрыт"):
        save_column(session, s.teacher, first.id, ColumnInput(topic="Исправление", reason="ошибка"),
                    at(date(2017, 11, 1), 9), TZ)
    save_column(session, s.deputy, first.id, ColumnInput(topic="Исправление", reason="приказ № 5"),
                at(date(2017, 11, 1), 9), TZ)
    change = session.scalar(select(EntryChange).where(EntryChange.field == "topic"))
    assert change.closed_period and change.reason == "приказ № 5"


def test_a_conflicting_edit_is_shown_not_overwritten(session, s):
    monday = date(2017, 9, 4)
    first = lesson(session, s.math, monday)
    sid = s.students[0].id
    save_column(session, s.teacher, first.id, ColumnInput(cells={sid: ("5", "")}), at(monday, 12), TZ)
    result = save_column(session, s.teacher, first.id, ColumnInput(cells={sid: ("3", "")}), at(monday, 13), TZ)
    assert result.conflicts == [(str(sid), "5")] and result.saved == 0
    assert session.scalar(select(Mark.value).where(Mark.student_id == sid)) == "5"


def test_bad_cells_save_nothing(session, s):
    first = lesson(session, s.math, date(2017, 9, 4))
    with pytest.raises(ValidationFailed) as err:
        save_column(session, s.teacher, first.id, ColumnInput(cells=cells(s, s0="5", s1="7"), topic="Тема"),
                    at(date(2017, 9, 4), 12), TZ)
    assert "допустимы отметки" in err.value.errors[0]
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Mark)) == 0


def test_SEC_02_a_teacher_cannot_write_to_another_teachers_course(session, s):
    first = lesson(session, s.math, date(2017, 9, 4))
    with pytest.raises(NotAllowed):
        save_column(session, s.english_teacher, first.id, ColumnInput(cells=cells(s, s0="2")), at(date(2017, 9, 4), 12), TZ)
    other_class_student = 10 ** 6
    with pytest.raises(NotAllowed):
        save_column(session, s.teacher, first.id, ColumnInput(cells={other_class_student: ("5", "")}),
                    at(date(2017, 9, 4), 12), TZ)


def test_ATT_02_the_teacher_marks_absence_the_class_teacher_sets_the_reason(session, s):
    monday = date(2017, 9, 4)
    first = lesson(session, s.math, monday)
    save_column(session, s.teacher, first.id, ColumnInput(cells=cells(s, s0="н")), at(monday, 12), TZ)
    absence = session.scalar(select(Absence))
    with pytest.raises(NotAllowed):
        set_absence_reason(session, s.teacher, absence.id, "б", "справка № 12")
    with pytest.raises(ValidationFailed):
        set_absence_reason(session, s.class_teacher, absence.id, "б", "")
    set_absence_reason(session, s.class_teacher, absence.id, "б", "справка № 12 от 05.09.2017")
    assert absence.reason == "б" and absence.code == "н"


def test_a_cell_carries_its_kind_of_work_and_a_comment_and_weights_count(session, s):
    from decimal import Decimal

    from journal.grid_service import course_grid

    kinds = {k.code: k.id for k in session.scalars(select(WorkKind))}
    first = lesson(session, s.math, date(2017, 9, 4))
    second = lesson(session, s.math, date(2017, 9, 5))
    sid = s.students[0].id
    save_column(session, s.teacher, first.id, ColumnInput(cells={sid: ("5", "")}, cell_kinds={sid: kinds["test"]},
                cell_comments={sid: "контрольная по дробям"}), at(date(2017, 9, 4), 12), TZ)
    save_column(session, s.teacher, second.id, ColumnInput(cells={sid: ("3", "")}), at(date(2017, 9, 5), 12), TZ)
    mark = session.scalar(select(Mark).where(Mark.lesson_id == first.id))
    assert (mark.work_kind_id, mark.comment) == (kinds["test"], "контрольная по дробям")
    assert course_grid(session, s.teacher, s.math.id, None, date(2017, 9, 5)).averages[sid] == Decimal("4.33")
    save_column(session, s.teacher, first.id, ColumnInput(cells={sid: ("5", "5")}, cell_comments={sid: "пересдача"}),
                at(date(2017, 9, 4), 13), TZ)
    session.expire_all()
    assert session.scalar(select(Mark.comment).where(Mark.lesson_id == first.id)) == "пересдача"
