"""The journal through the API: who reads what (SEC-02), and writing a lesson's column by exactly
the grid's rules (REG-01…07, MRK, conflicts, change log, audit) through the same service."""
from datetime import date

import pytest
from sqlalchemy import func, select

from core.db import utcnow
from core.models import AuditEvent, SchoolPeriod
from journal import exchange
from journal.entry_service import ColumnInput, save_column
from journal.models import EntryChange, Lesson, Mark
from tests.api.helpers import bearer, token_for
from tests.journal import school as js

MONDAY = date(2017, 9, 4)


@pytest.fixture
def s(session, school):
    return js.build(session, school)


def _lesson(session, course, day=MONDAY) -> Lesson:
    return session.scalar(select(Lesson).where(Lesson.course_id == course.id, Lesson.on_date == day))


def _parent_token(session, school, student) -> str:
    return token_for(session, js.parent_account(session, school, student), "journal.read")


def test_SEC_02_a_teacher_reads_own_courses_only(app, session, s):
    secret = token_for(session, s.english_teacher, "journal.read")
    call = app.test_client()
    courses = call.get("/api/v1/journal/courses", headers=bearer(secret)).get_json()
    assert {c["id"] for c in courses} == {s.english1.id, s.english2.id}
    assert courses[0]["subject"] == "Английский язык" and courses[0]["teacher"].startswith("Смирнова")
    assert call.get(f"/api/v1/journal/courses/{s.math.id}/lessons", headers=bearer(secret)).status_code == 403
    lessons = call.get(f"/api/v1/journal/courses/{s.english1.id}/lessons?date_from=2017-09-01&date_to=2017-09-10",
                       headers=bearer(secret)).get_json()
    assert [x["date"] for x in lessons] == ["2017-09-04"]


def test_SEC_02_a_parents_token_reads_only_their_child(app, session, s, school):
    child, other = s.students[0], s.students[1]
    save_column(session, s.teacher, _lesson(session, s.math).id,
                ColumnInput(cells={child.id: ("5", ""), other.id: ("2", "")}, reason="тест"),
                utcnow(), "Asia/Yekaterinburg")
    session.commit()
    secret, call = _parent_token(session, school, child), app.test_client()
    assert [x["id"] for x in call.get("/api/v1/journal/students", headers=bearer(secret)).get_json()] == [child.id]
    days = call.get(f"/api/v1/journal/students/{child.id}/lessons?date_to=2017-09-04", headers=bearer(secret)).get_json()
    marks = [m for d in days for m in d["marks"]]
    assert marks == [{"student_id": child.id, "value": "5", "kind": None, "comment": "", "late_minutes": marks[0]["late_minutes"]}]
    assert call.get(f"/api/v1/journal/students/{other.id}/lessons", headers=bearer(secret)).status_code == 403
    assert call.get("/api/v1/journal/courses", headers=bearer(secret)).get_json() == []
    assert call.get(f"/api/v1/journal/courses/{s.math.id}/lessons", headers=bearer(secret)).status_code == 403


def _column(call, secret, lesson_id):
    return call.get(f"/api/v1/journal/lessons/{lesson_id}", headers=bearer(secret)).get_json()


def test_REG_07_writing_late_needs_a_reason_exactly_as_on_the_grid(app, session, s):
    lesson = _lesson(session, s.math)
    secret, call = token_for(session, s.teacher, "journal.read", "marks.write"), app.test_client()
    column = _column(call, secret, lesson.id)
    assert column["writable"] and len(column["students"]) == len(s.students)
    body = {"cells": [{"student_id": st["id"], "value": "5", "seen": st["cell"]} for st in column["students"][:3]],
            "topic": "Натуральные числа", "attendance_taken": True}
    refused = call.post(f"/api/v1/journal/lessons/{lesson.id}/entries", json=body, headers=bearer(secret))
    assert refused.status_code == 422 and "причину" in refused.get_json()["detail"]
    assert session.scalar(select(func.count()).select_from(Mark)) == 0
    saved = call.post(f"/api/v1/journal/lessons/{lesson.id}/entries", json=body | {"reason": "не было сети"},
                      headers=bearer(secret))
    result = saved.get_json()
    assert saved.status_code == 200 and result["saved"] == 5 and result["conflicts"] == []
    # the record of the lesson was due the same day (REG-01/02); oral marks have no deadline of their own
    assert {x["field"] for x in result["late"]} == {"topic", "attendance_taken"}
    changes = session.scalars(select(EntryChange).where(EntryChange.lesson_id == lesson.id)).all()
    assert len(changes) == 5 and all(c.reason == "не было сети" for c in changes)
    assert {c.field for c in changes if c.late_minutes} == {"topic", "attendance_taken"}
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "journal.save_column"))
    assert event.actor_id == s.teacher.user_id and event.object_id == str(lesson.id)


def test_control_characters_in_a_json_body_are_dropped_as_on_the_pages(app, session, s):
    """webargs reads the body past the request's own cleaning; a NUL byte reached PostgreSQL (500)."""
    lesson = _lesson(session, s.math)
    secret, call = token_for(session, s.teacher, "marks.write"), app.test_client()
    url = f"/api/v1/journal/lessons/{lesson.id}/entries"
    odd_kind = call.post(url, json={"cells": [{"student_id": s.students[0].id, "value": "5", "kind": "\x0e\x00"}],
                                    "reason": "р"}, headers=bearer(secret))
    assert odd_kind.status_code == 422  # no such kind of work, said in Russian
    body = {"cells": [{"student_id": s.students[0].id, "value": "5"}], "topic": "Дро\x00би", "reason": "сбой\x07 сети"}
    saved = call.post(url, json=body, headers=bearer(secret))
    assert saved.status_code == 200
    session.expire_all()
    assert session.get(Lesson, lesson.id).topic == "Дроби"
    assert {c.reason for c in session.scalars(select(EntryChange))} == {"сбой сети"}


def test_a_stale_cell_is_reported_not_overwritten_and_bad_cells_write_nothing(app, session, s):
    lesson, first = _lesson(session, s.math), s.students[0]
    secret, call = token_for(session, s.teacher, "marks.write"), app.test_client()
    url = f"/api/v1/journal/lessons/{lesson.id}/entries"
    assert call.post(url, json={"cells": [{"student_id": first.id, "value": "4"}], "reason": "р"},
                     headers=bearer(secret)).status_code == 200
    stale = call.post(url, json={"cells": [{"student_id": first.id, "value": "3", "seen": ""}], "reason": "р"},
                      headers=bearer(secret)).get_json()
    assert stale["saved"] == 0 and stale["conflicts"][0]["current"] == "4"
    bad = call.post(url, json={"cells": [{"student_id": s.students[1].id, "value": "7"},
                                         {"student_id": s.students[2].id, "value": "5"}], "reason": "р"},
                    headers=bearer(secret))
    assert bad.status_code == 422 and bad.get_json()["errors"]
    assert session.scalar(select(func.count()).select_from(Mark)) == 1


def test_SEC_02_writing_needs_the_lessons_teacher_and_the_scope(app, session, s):
    lesson = _lesson(session, s.math)
    call, url = app.test_client(), f"/api/v1/journal/lessons/{lesson.id}/entries"
    body = {"cells": [{"student_id": s.students[0].id, "value": "5"}], "reason": "р"}
    other = token_for(session, s.english_teacher, "marks.write")
    assert call.post(url, json=body, headers=bearer(other)).status_code == 403
    read_only = token_for(session, s.teacher, "journal.read")
    assert call.post(url, json=body, headers=bearer(read_only)).status_code == 403
    unknown_kind = token_for(session, s.teacher, "marks.write")
    response = call.post(url, json=body | {"work_kind": "нет"}, headers=bearer(unknown_kind))
    assert response.status_code == 422 and "нет" in response.get_json()["errors"][0]
    assert session.scalar(select(func.count()).select_from(Mark)) == 0


def test_ARC_01_the_exchange_format_through_the_api_is_the_export_byte_for_byte(app, session, s):
    period = session.scalar(select(SchoolPeriod).where(SchoolPeriod.number == 1, SchoolPeriod.kind == "quarter"))
    secret, call = token_for(session, s.deputy, "journal.read"), app.test_client()
    periods = call.get("/api/v1/journal/periods", headers=bearer(secret)).get_json()
    assert {"id": period.id, "kind": "quarter", "number": 1}.items() <= next(p for p in periods if p["id"] == period.id).items()
    response = call.get(f"/api/v1/journal/classes/{s.klass.id}/periods/{period.id}/exchange", headers=bearer(secret))
    assert response.data == exchange.export_period(session, s.deputy, s.klass.id, period.id)
    assert call.get(response.request.path, headers=bearer(secret, **{"If-None-Match": response.headers["ETag"]})
                    ).status_code == 304
    teacher = token_for(session, s.teacher, "journal.read")
    assert call.get(response.request.path, headers=bearer(teacher)).status_code == 403


def test_lessons_page_costs_the_same_queries_for_5_or_50_lessons(app, session, s, count_queries):
    secret, call = token_for(session, s.teacher, "journal.read"), app.test_client()
    url = f"/api/v1/journal/courses/{s.math.id}/lessons?page_size="
    call.get(url + "1", headers=bearer(secret))  # the token's first use is written once
    counts = []
    for size in (5, 50):
        with count_queries() as counter:
            assert call.get(url + str(size), headers=bearer(secret)).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
