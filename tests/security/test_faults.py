"""A database failure in the middle of a save leaves nothing half-written: the marks written
before the failure are rolled back with it, and the user gets a Russian error page, not a trace.
The failure is real: a trigger makes the database refuse the save's change-log rows."""
import io
import re
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from approvals import route_service as rs
from approvals.models import RouteStep
from core.actor import system_actor
from core.demo import add_school_year_2017
from documents import service as acts
from documents.models import Act
from journal.models import EntryChange, Lesson, Mark
from tests.conftest import csrf_token, login
from tests.journal import school as js
from tests.workflow import plan_files as pf
from workflow.models import Plan, PlanStage, PlanTask


@contextmanager
def injected_trigger(db, table: str, condition: str, *, sqlite_action: str, postgres_action: str):
    """A trigger doing the action before each insert into `table` whose NEW row meets `condition`
    (SQL), for the duration of the block."""
    sqlite = db.engine.dialect.name == "sqlite"
    create = ([f"CREATE TRIGGER injected BEFORE INSERT ON {table} WHEN {condition} BEGIN {sqlite_action}; END"]
              if sqlite else
              [f"CREATE FUNCTION injected() RETURNS trigger AS $$ BEGIN IF {condition} THEN {postgres_action}; "
               "END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
               f"CREATE TRIGGER injected BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION injected()"])
    with db.engine.begin() as conn:
        for sql in create:
            conn.execute(text(sql))
    try:
        yield
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER injected" + ("" if sqlite else f" ON {table}")))
            if not sqlite:
                conn.execute(text("DROP FUNCTION injected()"))


def failing_inserts(db, table: str, condition: str = "1 = 1"):
    """The database refuses inserts into `table` whose NEW row meets `condition` (SQL)."""
    return injected_trigger(db, table, condition, sqlite_action="SELECT RAISE(ABORT, 'injected fault')",
                            postgres_action="RAISE EXCEPTION 'injected fault'")


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
    with failing_inserts(db, "entry_change", "NEW.reason = 'сбой'"):
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


def test_a_database_failure_mid_import_leaves_no_half_imported_plan(app, db, session, school, client_as):
    """The 15th task of the seed plan fails to insert: no plan, stage or task remains."""
    add_school_year_2017(session, system_actor(school.id), school)
    session.commit()
    cl = client_as("working_group")
    token = csrf_token(cl, "/plan/import")
    preview = cl.post("/plan/import", data={"csrf_token": token, "file": (io.BytesIO(pf.SEED_DOCX.read_bytes()),
                                                                          "plan.docx")},
                      content_type="multipart/form-data").get_data(as_text=True)
    b64 = re.search(r'name="file_b64" type="hidden" value="([^"]+)"', preview).group(1)
    with failing_inserts(db, "plan_task", "NEW.position = 3"):
        response = cl.post("/plan/import/confirm", data={"csrf_token": token, "file_b64": b64, "filename": "plan.docx"})
    assert response.status_code == 500
    for model in (Plan, PlanStage, PlanTask):
        assert session.scalar(select(func.count()).select_from(model)) == 0


def test_a_database_failure_mid_route_leaves_the_act_a_draft(db, session, school):
    """Building an act's route fails on its third step: the act stays a draft with no steps."""
    actor = system_actor(school.id)
    act = acts.create_from_template(session, actor, "ejournal")
    session.commit()
    with failing_inserts(db, "route_step", "NEW.position = 3"), pytest.raises(DBAPIError):
        rs.start_route(session, actor, act.id, "draft", [], False, date(2017, 9, 1))
        session.commit()
    session.rollback()
    assert session.get(Act, act.id).status == "draft"
    assert session.scalar(select(func.count()).select_from(RouteStep)) == 0
