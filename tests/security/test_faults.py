"""A database failure in the middle of a save leaves nothing half-written: the marks written
before the failure are rolled back with it, and the user gets a Russian error page, not a trace.
The failure is real: a trigger makes the database refuse the save's change-log rows."""
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import func, select, text

from journal.models import EntryChange, Lesson, Mark
from tests.conftest import csrf_token, login
from tests.journal import school as js

SQLITE = ["CREATE TRIGGER injected_fault BEFORE INSERT ON entry_change WHEN NEW.reason = 'сбой' "
          "BEGIN SELECT RAISE(ABORT, 'injected fault'); END"]
POSTGRES = ["CREATE FUNCTION injected_fault() RETURNS trigger AS $$ BEGIN "
            "IF NEW.reason = 'сбой' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER injected_fault BEFORE INSERT ON entry_change FOR EACH ROW EXECUTE FUNCTION injected_fault()"]


@contextmanager
def failing_change_log(db):
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.begin() as conn:
        for sql in SQLITE if sqlite else POSTGRES:
            conn.execute(text(sql))
    try:
        yield
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER injected_fault" + ("" if sqlite else " ON entry_change")))
            if not sqlite:
                conn.execute(text("DROP FUNCTION injected_fault()"))


@pytest.fixture
def s(session, school):
    return js.build(session, school, until=date(2017, 9, 8))


def test_a_database_failure_mid_save_leaves_no_half_written_column(app, db, session, s):
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    teacher = app.test_client()
    login(teacher, s.teacher.login)
    token = csrf_token(teacher, f"/journal/course/{s.math.id}")
    form = {"csrf_token": token, "seen": "", "topic": "Дроби", "back": "/journal/"}
    form |= {f"c_{st.id}": "5" for st in s.students}
    with failing_change_log(db):
        response = teacher.post(f"/journal/lesson/{lesson.id}", data=form | {"reason": "сбой"})
    assert response.status_code == 500
    assert "Внутренняя ошибка сервера" in response.get_data(as_text=True) and "Traceback" not in response.get_data(as_text=True)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Mark)) == 0
    assert session.scalar(select(func.count()).select_from(EntryChange)) == 0
    assert session.get(Lesson, lesson.id).topic == ""
    again = teacher.post(f"/journal/lesson/{lesson.id}", data=form | {"reason": "после сбоя"})
    assert again.status_code == 302
    assert session.scalar(select(func.count()).select_from(Mark)) == len(s.students)
