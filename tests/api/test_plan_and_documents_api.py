"""The plan, the acts register, published documents and the order registers through the API."""
import io
from datetime import date

import docx
from sqlalchemy import func, select

from core.actor import Actor
from core.models import AuditEvent
from documents import publication_service as pubs
from tests import factories
from tests.api.helpers import bearer, seed_plan, token_for
from tests.documents.test_acquaintance_and_site import _in_force_act
from workflow.models import PlanTask, TaskHistory


def test_plan_tasks_paginate_filter_and_change_status_with_history(app, session, school):
    plan = seed_plan(session, school)
    total = session.scalar(select(func.count()).select_from(PlanTask))
    deputy = factories.make_user(session, school, ["deputy"])
    secret, call = token_for(session, deputy, "plan.read", "plan.write"), app.test_client()
    pages = [call.get(f"/api/v1/plans/{plan.id}/tasks?page={n}&page_size=10", headers=bearer(secret)) for n in (1, 2)]
    assert f'"total": {total}' in pages[0].headers["X-Pagination"]
    first, second = (p.get_json() for p in pages)
    assert len(first) == 10 and {t["id"] for t in first}.isdisjoint({t["id"] for t in second})
    task = first[0]
    assert task["term_raw"] and task["stage"]["title"] and task["status"] == "planned"
    url = f"/api/v1/plans/tasks/{task['id']}/status"
    done = call.post(url, json={"action": "complete", "seen_state": "planned"}, headers=bearer(secret))
    assert done.status_code == 200 and done.get_json()["status"] == "done"
    stale = call.post(url, json={"action": "complete", "seen_state": "planned"}, headers=bearer(secret))
    assert stale.status_code == 409 and stale.mimetype == "application/problem+json"
    filtered = call.get(f"/api/v1/plans/{plan.id}/tasks?status=done", headers=bearer(secret)).get_json()
    assert [t["id"] for t in filtered] == [task["id"]]
    assert session.scalar(select(TaskHistory.to_status).where(TaskHistory.task_id == task["id"])) == "done"
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "plan_task.complete")).actor_id == deputy.id


def test_SEC_02_plan_write_scope_does_not_make_a_teacher_an_editor(app, session, school):
    plan = seed_plan(session, school)
    teacher = factories.make_user(session, school, ["teacher"])
    secret = token_for(session, teacher, "plan.read", "plan.write")
    task_id = session.scalar(select(PlanTask.id).where(PlanTask.plan_id == plan.id, PlanTask.status == "planned")
                             .order_by(PlanTask.id))
    response = app.test_client().post(f"/api/v1/plans/tasks/{task_id}/status",
                                      json={"action": "cancel", "seen_state": "planned", "reason": "x"},
                                      headers=bearer(secret))
    assert response.status_code == 403


def test_acts_register_versions_word_file_orders_and_publications(app, session, school):
    director = factories.make_user(session, school, ["director"])
    session.commit()
    actor = Actor(director.id, director.login, school.id, frozenset({"director"}))
    act, version, order = _in_force_act(session, school, actor, day=date(2017, 9, 20))
    pubs.publish_act(session, Actor(director.id, director.login, school.id, frozenset({"web_admin"})), act.id)
    session.commit()
    secret, call = token_for(session, director, "acts.read"), app.test_client()
    register = call.get("/api/v1/documents/acts", headers=bearer(secret)).get_json()
    assert [(a["id"], a["status"]) for a in register] == [(act.id, act.status)]
    detail = call.get(f"/api/v1/documents/acts/{act.id}", headers=bearer(secret)).get_json()
    word = call.get(detail["versions"][-1]["docx"], headers=bearer(secret))
    assert word.status_code == 200 and "Положение" in "\n".join(p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs)
    orders = call.get("/api/v1/documents/orders?date_from=2017-09-01&date_to=2017-09-30", headers=bearer(secret)).get_json()
    assert [(o["number"], o["reg_date"]) for o in orders] == [("1-од", "2017-09-20")]
    assert call.get("/api/v1/documents/orders?date_to=2017-09-19", headers=bearer(secret)).get_json() == []
    published = call.get("/api/v1/documents/publications", headers=bearer(secret)).get_json()
    assert published[0]["object_id"] == act.id
    assert app.test_client().get(published[0]["docx"]).status_code == 200  # the public file


def test_SEC_02_acts_of_another_school_are_not_found(app, session, school):
    director = factories.make_user(session, school, ["director"])
    session.commit()
    act, _, _ = _in_force_act(session, school, Actor(director.id, director.login, school.id, frozenset({"director"})))
    session.commit()
    other = factories.make_school(session)
    stranger = token_for(session, factories.make_user(session, other, ["director"]), "acts.read")
    call = app.test_client()
    assert call.get(f"/api/v1/documents/acts/{act.id}", headers=bearer(stranger)).status_code == 404
    assert call.get("/api/v1/documents/acts", headers=bearer(stranger)).get_json() == []
