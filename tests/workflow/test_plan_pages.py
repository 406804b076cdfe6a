"""The plan in the browser: import with preview, the paper table, tracking, outputs, my tasks."""
import base64
import io
import re
from datetime import date

import docx
import icalendar
import openpyxl
import pytest
from sqlalchemy import func, select

from core.actor import system_actor
from core.demo import add_school_year_2017
from core.models import AuditEvent
from tests import factories
from tests.conftest import csrf_token
from tests.workflow import plan_files as pf
from workflow.importing import read_plan_file
from workflow.models import Plan, PlanTask, TaskHistory, TaskOccurrence
from workflow.plan_service import import_plan


def _import_via_web(cl, data: bytes, name: str):
    token = csrf_token(cl, "/plan/import")
    preview = cl.post("/plan/import", data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                      content_type="multipart/form-data")
    return preview


def _confirm(cl, preview):
    page = preview.get_data(as_text=True)
    b64 = re.search(r'name="file_b64" type="hidden" value="([^"]+)"', page).group(1)
    name = re.search(r'name="filename" type="hidden" value="([^"]+)"', page).group(1)
    return cl.post("/plan/import/confirm", data={"csrf_token": csrf_token(cl, "/plan/import"),
                                                  "file_b64": b64, "filename": name})


def _count(session, model):
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def test_working_group_imports_seed_plan_with_preview(client_as, session, school):
    add_school_year_2017(session, system_actor(school.id), school)
    session.commit()
    cl = client_as("working_group")
    preview = _import_via_web(cl, pf.SEED_DOCX.read_bytes(), "plan-grafik.docx")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Проверьте прочитанное" in page
    assert "мероприятий: 23" in page and _count(session, Plan) == 0  # nothing saved yet
    response = _confirm(cl, preview)
    assert response.status_code == 302
    plan = session.scalar(select(Plan))
    assert _count(session, PlanTask) == 23
    assert _count(session, TaskOccurrence) > 30  # weekly, quarterly and yearly dates of 2017/2018
    table = cl.get(f"/plan/{plan.id}").get_data(as_text=True)
    assert "Отметка о выполнении" in table and "Подготовительный этап" in table
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.import")) is not None


def test_bad_file_is_refused_with_message_and_nothing_written(client_as, session):
    cl = client_as("working_group")
    response = _import_via_web(cl, pf.macro_docm(), "plan.docx")
    assert response.status_code == 422 and "макрос" in response.get_data(as_text=True)
    assert _count(session, Plan) == 0


def test_tampered_confirmation_is_read_again_and_refused(client_as, session):
    cl = client_as("working_group")
    response = cl.post("/plan/import/confirm", data={
        "csrf_token": csrf_token(cl, "/plan/import"),
        "file_b64": base64.b64encode(b"garbage").decode(), "filename": "x.docx"})
    assert response.status_code == 422 and _count(session, Plan) == 0


def _seed_plan(session, school, copies: int = 1):
    draft = read_plan_file(pf.SEED_DOCX.read_bytes(), "p.docx", date(2017, 6, 1))
    for stage in draft.stages:
        stage.tasks = stage.tasks * copies
    plan, _ = import_plan(session, system_actor(school.id), draft, "p.docx", b"x")
    session.commit()
    return plan


def test_plan_page_query_count_does_not_grow_with_tasks(client_as, session, school, count_queries):
    cl = client_as("deputy")
    small, big = _seed_plan(session, school), _seed_plan(session, school, copies=4)
    counts = []
    for plan in (small, big):
        with count_queries() as counter:
            assert cl.get(f"/plan/{plan.id}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_status_change_with_history_stale_form_and_reason(client_as, session, school):
    plan = _seed_plan(session, school)
    task = session.scalars(select(PlanTask).where(PlanTask.plan_id == plan.id)).first()
    cl = client_as("working_group")
    token = csrf_token(cl, f"/plan/task/{task.id}")
    url = f"/plan/task/{task.id}/status"
    assert cl.post(url, data={"csrf_token": token, "action": "complete", "state": "planned"}).status_code == 302
    stale = cl.post(url, data={"csrf_token": token, "action": "start", "state": "planned"})
    assert stale.status_code == 409 and "Состояние изменилось" in stale.get_data(as_text=True)
    no_reason = cl.post(url, data={"csrf_token": token, "action": "reopen", "state": "done"})
    assert no_reason.status_code == 409
    session.expire_all()
    assert session.get(PlanTask, task.id).status == "done"
    assert [h.to_status for h in session.scalars(select(TaskHistory))] == ["done"]


def test_teacher_may_not_change_a_task_that_is_not_theirs(client_as, session, school):
    plan = _seed_plan(session, school)
    task = session.scalars(select(PlanTask).where(PlanTask.plan_id == plan.id)).first()
    cl = client_as("teacher")
    token = csrf_token(cl, f"/plan/task/{task.id}")
    response = cl.post(f"/plan/task/{task.id}/status",
                       data={"csrf_token": token, "action": "complete", "state": "planned"})
    assert response.status_code == 403
    session.expire_all()
    assert session.get(PlanTask, task.id).status == "planned"


def test_my_tasks_reach_by_role_and_the_task_can_be_closed_with_evidence(client_as, session, school):
    plan = _seed_plan(session, school)
    cl = client_as("web_admin")  # "Винтер Г.Б." is a person; web admin reaches nothing by role
    deputy = client_as("deputy")
    page = deputy.get("/plan/my").get_data(as_text=True)
    assert "Выгрузка данных на бумажные носители" in page  # "Заместители директора по УВР"
    assert "Информационное совещание" not in page
    task = session.scalar(select(PlanTask).where(PlanTask.plan_id == plan.id,
                                                 PlanTask.title.startswith("Выгрузка данных")))
    token = csrf_token(deputy, f"/plan/task/{task.id}")
    response = deputy.post(f"/plan/task/{task.id}/evidence", data={
        "csrf_token": token, "kind": "link", "title": "Архив четверти", "url": "https://school.example/a"})
    assert response.status_code == 302
    assert "Архив четверти" in deputy.get(f"/plan/task/{task.id}").get_data(as_text=True)
    assert cl.get("/plan/my").status_code == 200


def test_outputs_word_excel_calendar_and_timeline(client_as, session, school):
    plan = _seed_plan(session, school)
    task = session.scalars(select(PlanTask).where(PlanTask.plan_id == plan.id)).first()
    cl = client_as("working_group")
    token = csrf_token(cl, f"/plan/task/{task.id}")
    cl.post(f"/plan/task/{task.id}/status", data={"csrf_token": token, "action": "complete", "state": "planned"})
    document = docx.Document(io.BytesIO(cl.get(f"/plan/{plan.id}/export.docx").data))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][-1] == "Отметка о выполнении"
    assert any(r.cells[-1].text.startswith("Выполнено") for r in table.rows)
    sheet = openpyxl.load_workbook(io.BytesIO(cl.get(f"/plan/{plan.id}/export.xlsx").data)).active
    assert sheet.max_row == 2 + 23
    feed = cl.get(f"/plan/feed/{plan.feed_token}.ics")
    cal = icalendar.Calendar.from_ical(feed.data)
    assert feed.mimetype == "text/calendar" and len(cal.walk("VEVENT")) >= 15
    assert cl.application.test_client().get("/plan/feed/wrong-token.ics").status_code == 404
    svg = cl.get(f"/plan/{plan.id}/gantt").get_data(as_text=True)
    assert "<svg" in svg and "Информационное совещание" in svg


@pytest.mark.parametrize("path", ["/plan/", "/plan/import", "/plan/1", "/plan/1/dashboard"])
def test_parent_has_no_access_to_the_plan(client_as, path):
    assert client_as("parent").get(path).status_code == 403


def test_another_schools_plan_is_not_found(client_as, session, school):
    other = factories.make_school(session, "Лицей")
    session.commit()
    plan = _seed_plan(session, other)
    assert client_as("deputy").get(f"/plan/{plan.id}").status_code == 404
