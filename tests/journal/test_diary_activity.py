"""Diary views are logged, parents confirm weeks, the class teacher sees who never opened the
diary (the seed's weekly "анализ активности"), consents are kept with their version (PD-02)."""
from datetime import date

import pytest
from sqlalchemy import func, select

from core.accounts import create_user
from core.actor import system_actor
from core.errors import NotAllowed, ValidationFailed
from core.models import Person, User
from journal.diary_service import record_consent
from journal.entry_service import ColumnInput, save_column
from journal.homework_files import attach, safe_name
from journal.models import Consent, DiaryView, Lesson, ParentLink
from tests import factories
from tests.conftest import csrf_token, login
from tests.journal import school as js
from tests.journal.test_entry import TZ, at


def _parent_user(session, school, student):
    link = session.scalar(select(ParentLink).where(ParentLink.student_id == student.id))
    person = session.get(Person, link.parent_person_id)
    return create_user(session, system_actor(school.id), login=f"parent{student.id}", password=factories.PASSWORD,
                       organisation=school, person=person, roles=["parent"], hash_method=factories.FAST_HASH), person


def test_views_are_logged_weeks_confirmed_and_silent_parents_visible(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 8))
    active, _ = _parent_user(session, school, s.students[0])
    _parent_user(session, school, s.students[1])
    session.commit()
    cl = app.test_client()
    login(cl, active.login)
    assert cl.get(f"/journal/diary/{s.students[0].id}?week=2017-09-04").status_code == 200
    monday = date.today().toordinal() - date.today().weekday()
    cl.post(f"/journal/diary/{s.students[0].id}/confirm",
            data={"csrf_token": csrf_token(cl, f"/journal/diary/{s.students[0].id}"),
                  "week": date.fromordinal(monday).isoformat()})
    assert session.scalar(select(func.count()).select_from(DiaryView)) == 2
    teacher = app.test_client()
    login(teacher, session.get(User, s.class_teacher.user_id).login)
    page = teacher.get(f"/journal/activity/{s.klass.id}").get_data(as_text=True)
    assert page.count("ни разу") == len(s.students) - 1  # every parent but the active one
    assert "✓" in page
    stranger = app.test_client()
    login(stranger, session.get(User, s.english_teacher.user_id).login)
    assert stranger.get(f"/journal/activity/{s.klass.id}").status_code == 403


def test_PD_02_consent_is_stored_with_its_date_and_text_version(session, school):
    s = js.build(session, school, until=date(2017, 9, 2))
    link = session.scalar(select(ParentLink).where(ParentLink.student_id == s.students[0].id))
    consent = record_consent(session, s.class_teacher, s.students[0].id, link.parent_person_id, "v2017-1",
                             date(2017, 9, 1))
    assert (consent.text_version, consent.given_on) == ("v2017-1", date(2017, 9, 1))
    with pytest.raises(ValidationFailed):
        record_consent(session, s.class_teacher, s.students[1].id, link.parent_person_id, "v2017-1", date(2017, 9, 1))
    with pytest.raises(NotAllowed):
        record_consent(session, s.english_teacher, s.students[0].id, link.parent_person_id, "v1", date(2017, 9, 1))
    assert session.scalar(select(func.count()).select_from(Consent)) == 1


def test_homework_files_are_safe_limited_and_reach_only_the_class(app, session, school):
    assert safe_name("../../etc/passwd") == "passwd" and safe_name("C:\\x\\work\x07sheet.pdf") == "worksheet.pdf"
    s = js.build(session, school, until=date(2017, 9, 8))
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    with pytest.raises(ValidationFailed, match="текст домашнего задания"):
        attach(session, s.teacher, lesson.id, "a.pdf", b"%PDF")
    save_column(session, s.teacher, lesson.id, ColumnInput(homework="Задачи"), at(lesson.on_date, 9), TZ)
    with pytest.raises(NotAllowed):
        attach(session, s.english_teacher, lesson.id, "a.pdf", b"%PDF")
    with pytest.raises(ValidationFailed, match="10 МБ"):
        attach(session, s.teacher, lesson.id, "big.pdf", b"0" * (10 * 1024 * 1024 + 1))
    row = attach(session, s.teacher, lesson.id, "листок.pdf", b"%PDF-1.4 worksheet")
    session.commit()
    own, _ = _parent_user(session, school, s.students[0])
    session.commit()
    parent = app.test_client()
    login(parent, own.login)
    got = parent.get(f"/journal/homework-file/{row.id}")
    assert got.status_code == 200 and got.data == b"%PDF-1.4 worksheet"
    other = factories.make_school(session, "Лицей")
    stranger = factories.make_user(session, other, ["parent"])
    session.commit()
    cl = app.test_client()
    login(cl, stranger.login)
    assert cl.get(f"/journal/homework-file/{row.id}").status_code == 403
