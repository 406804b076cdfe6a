"""The benchmark's pages run the same number of SQL queries whatever the number of students and
lessons (issue #8): the parent's diary week, the deputy's dashboard, a class's quarter printout and
the year's summary sheet. (The grid, saving a column and the nine controls: test_pages, test_controls.)"""
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from core.bulk import insert_rows
from core.models import SchoolPeriod, User
from journal.models import Absence, Course, EntryChange, Homework, Lesson, Mark, Student
from tests import factories
from tests.conftest import csrf_token, login
from tests.journal import school as js


def _signed_in(app, session, user_id: int):
    client = app.test_client()
    assert login(client, session.get(User, user_id).login).status_code == 302
    return client


def _parent_of(session, school, student) -> int:
    return js.parent_account(session, school, student).id


def _enter(session, s) -> int:
    """Marks, absences, homework and their change log on every lesson (bulk rows, as the demo does)."""
    lessons = session.execute(select(Lesson.id, Lesson.course_id, Lesson.teacher_id).join(Course)
                              .where(Course.class_id == s.klass.id)).all()
    at = datetime(2017, 9, 1, 10, tzinfo=UTC)
    marks, absences, homework, changes = [], [], [], []
    for lesson_id, _course_id, teacher in lessons:
        for i, student in enumerate(s.students):
            base = {"lesson_id": lesson_id, "student_id": student.id, "entered_at": at, "entered_by": teacher,
                    "late_minutes": 0}
            if i % 7 == 3:
                absences.append(base | {"code": "н", "reason": "", "reason_document": ""})
            elif i % 2 == 0:
                marks.append(base | {"value": "45"[i % 4 // 2], "work_kind_id": None, "comment": ""})
        homework.append({"lesson_id": lesson_id, "text": "§ 1", "due_on": None, "minutes": 20,
                         "visible_from": None, "entered_at": at, "entered_by": teacher, "late_minutes": 0})
        changes.append({"organisation_id": s.klass.organisation_id, "lesson_id": lesson_id, "student_id": None,
                        "field": "topic", "old": "", "new": "Тема", "at": at, "author_id": teacher,
                        "late_minutes": 0, "reason": "", "closed_period": False})
    for model, rows in ((Mark, marks), (Absence, absences), (Homework, homework), (EntryChange, changes)):
        insert_rows(session, model, rows)
    session.commit()
    return len(marks)


def _enter_count(session, s) -> int:
    return session.scalar(select(func.count()).select_from(Mark).join(Student).where(Student.class_id == s.klass.id))


def _costs(app, session, school, s, count_queries) -> dict[str, int]:
    """Queries of each page, measured on its second opening (as a running server sees it)."""
    q1 = session.scalar(select(SchoolPeriod).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1,
                                                   SchoolPeriod.year_id == s.klass.year_id))
    parent = _signed_in(app, session, _parent_of(session, school, s.students[0]))
    deputy = _signed_in(app, session, s.deputy.user_id)
    token = csrf_token(deputy, "/journal/admin/dashboard")
    pages = {
        "diary": (parent, "GET", f"/journal/diary/{s.students[0].id}?week=2017-09-04", None),
        "dashboard": (deputy, "GET", f"/journal/admin/dashboard?period={q1.id}", None),
        "summary": (deputy, "GET", f"/journal/admin/summary/{s.klass.id}.docx", None),
        "printout": (deputy, "POST", "/journal/admin/print",
                     {"csrf_token": token, "class_id": s.klass.id, "period_id": q1.id}),
    }
    costs = {}
    for name, (client, method, path, form) in pages.items():
        client.open(path, method=method, data=form)
        with count_queries() as counter:
            assert client.open(path, method=method, data=form).status_code == 200, name
        costs[name] = counter.count
    return costs


def test_diary_dashboard_printout_and_summary_cost_the_same_queries_for_a_small_and_a_big_class(
        app, session, school, count_queries):
    small = js.build(session, school, n_students=6, until=date(2017, 9, 8))
    _enter(session, small)
    small_costs = _costs(app, session, school, small, count_queries)
    other = factories.make_school(session, "Гимназия")
    session.commit()
    big = js.build(session, other, n_students=30, until=date(2017, 10, 27), daily_math=True)
    assert _enter(session, big) > 10 * _enter_count(session, small)
    assert _costs(app, session, other, big, count_queries) == small_costs
