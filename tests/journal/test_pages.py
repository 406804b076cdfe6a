"""The grid and the diary in the browser: SEC-02 by crafted requests, constant query counts."""
from datetime import date

from sqlalchemy import func, select

from core.accounts import create_user
from core.actor import system_actor
from journal.models import Course, Lesson, Mark, ParentLink
from tests import factories
from tests.conftest import csrf_token, login
from tests.journal import school as js


def _client(app, session, user_actor):
    from core.models import User

    user = session.get(User, user_actor.user_id)
    cl = app.test_client()
    assert login(cl, user.login).status_code == 302
    return cl


def _first_lesson(session, course):
    return session.scalar(select(Lesson).where(Lesson.course_id == course.id).order_by(Lesson.on_date))


def test_teacher_saves_a_column_from_the_grid(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 8))
    cl = _client(app, session, s.teacher)
    page = cl.get(f"/journal/course/{s.math.id}?period=")
    assert page.status_code == 200 and "Ученик00" in page.get_data(as_text=True)
    lesson = _first_lesson(session, s.math)
    data = {"csrf_token": csrf_token(cl, f"/journal/course/{s.math.id}"), "topic": "Числа", "seen_topic": "",
            "reason": "ввод задним числом", "back": f"/journal/course/{s.math.id}"}
    for st in s.students:
        data[f"c_{st.id}"], data[f"s_{st.id}"] = "5", ""
    response = cl.post(f"/journal/lesson/{lesson.id}", data=data, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Сохранено изменений: 7" in text and "с опозданием" in text
    assert session.scalar(select(func.count()).select_from(Mark)) == len(s.students)


def test_SEC_02_crafted_post_to_another_teachers_course_is_refused(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 8))
    cl = _client(app, session, s.english_teacher)
    lesson = _first_lesson(session, s.math)
    response = cl.post(f"/journal/lesson/{lesson.id}", data={
        "csrf_token": csrf_token(cl, "/journal/"), f"c_{s.students[0].id}": "2", f"s_{s.students[0].id}": ""})
    assert response.status_code == 403
    assert session.scalar(select(func.count()).select_from(Mark)) == 0
    assert cl.get(f"/journal/course/{s.math.id}").status_code == 403


def test_SEC_02_class_teacher_reads_every_subject_of_the_class(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 8))
    cl = _client(app, session, s.class_teacher)
    for course in (s.math, s.russian, s.english1):
        assert cl.get(f"/journal/course/{course.id}").status_code == 200


def test_SEC_02_a_parent_sees_only_their_child(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 8))
    link = session.scalar(select(ParentLink).where(ParentLink.student_id == s.students[0].id))
    from core.models import Person

    parent_person = session.get(Person, link.parent_person_id)
    parent = create_user(session, system_actor(school.id), login="parent0", password=factories.PASSWORD,
                         organisation=school, person=parent_person, roles=["parent"], hash_method=factories.FAST_HASH)
    session.commit()
    cl = app.test_client()
    login(cl, parent.login)
    own = cl.get(f"/journal/diary/{s.students[0].id}?week=2017-09-04")
    assert own.status_code == 200 and "Математика" in own.get_data(as_text=True)
    assert cl.get(f"/journal/diary/{s.students[1].id}?week=2017-09-04").status_code == 403
    assert cl.get(f"/journal/course/{s.math.id}").status_code == 403
    assert cl.get("/journal/").headers["Location"].endswith(f"/journal/diary/{s.students[0].id}")


def _grid_queries(app, session, s, count_queries):
    cl = _client(app, session, s.teacher)
    with count_queries() as counter:
        assert cl.get(f"/journal/course/{s.math.id}").status_code == 200
    return counter.count


def test_grid_query_count_is_the_same_for_10_and_35_students_and_10_and_60_lessons(app, session, school,
                                                                                    count_queries):
    small = js.build(session, school, n_students=10, until=date(2017, 9, 15))
    counts = [_grid_queries(app, session, small, count_queries)]
    other = factories.make_school(session, "Гимназия")
    session.commit()
    big = js.build(session, other, n_students=35, until=date(2017, 10, 27), daily_math=True)
    lessons = session.scalar(select(func.count()).select_from(Lesson).where(Lesson.course_id == big.math.id))
    assert lessons >= 60
    counts.append(_grid_queries(app, session, big, count_queries))
    assert counts[0] == counts[1], counts


def _save_queries(app, session, s, count_queries):
    cl = _client(app, session, s.teacher)
    lesson = _first_lesson(session, s.math)
    data = {"csrf_token": csrf_token(cl, "/journal/"), "topic": "Тема", "seen_topic": "", "reason": "задним числом"}
    for i, st in enumerate(s.students):
        data[f"c_{st.id}"], data[f"s_{st.id}"] = ("н" if i % 5 == 0 else "4"), ""
    with count_queries() as counter:
        assert cl.post(f"/journal/lesson/{lesson.id}", data=data).status_code == 302
    return counter.count


def test_saving_a_column_costs_the_same_queries_for_10_and_35_students(app, session, school, count_queries):
    small = js.build(session, school, n_students=10, until=date(2017, 9, 8))
    counts = [_save_queries(app, session, small, count_queries)]
    other = factories.make_school(session, "Лицей")
    session.commit()
    counts.append(_save_queries(app, session, js.build(session, other, n_students=35, until=date(2017, 9, 8)),
                                count_queries))
    assert counts[0] == counts[1], counts


def test_demo_school_has_a_quarter_of_entries_and_the_parent_sees_only_their_child(app, session):
    from core.demo import demo_command

    assert app.test_cli_runner().invoke(demo_command).exit_code == 0
    assert session.scalar(select(func.count()).select_from(Mark)) > 500
    parent = app.test_client()
    login(parent, "popov", "reglament-demo")
    diary = parent.get("/journal/", follow_redirects=True).get_data(as_text=True)
    assert "Математика" in diary and "Тема урока" in diary
    teacher = app.test_client()
    login(teacher, "kuznetsova", "reglament-demo")
    courses = teacher.get("/journal/").get_data(as_text=True)
    assert courses.count("/journal/course/") == 2  # mathematics in 5А and 5Б


def test_deputy_builds_a_class_its_course_and_timetable_in_the_browser(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 2))
    cl = _client(app, session, s.deputy)
    token = csrf_token(cl, "/journal/admin/structure")
    assert cl.post("/journal/admin/structure", data={"csrf_token": token, "what": "class", "name": "6в",
                                                      "class_teacher": str(s.class_teacher.user_id)}).status_code == 302
    from journal.models import SchoolClass, TimetableEntry

    klass = session.scalar(select(SchoolClass).where(SchoolClass.name == "6В"))
    assert cl.post("/journal/admin/structure", data={"csrf_token": token, "what": "course", "class_id": str(klass.id),
                                                      "subject": "География", "teacher": str(s.teacher.user_id),
                                                      "hours": "1"}).status_code == 302
    page = cl.get(f"/journal/admin/class/{klass.id}/timetable").get_data(as_text=True)
    assert "География" in page
    course_id = session.scalar(select(Course.id).where(Course.class_id == klass.id))
    cl.post(f"/journal/admin/class/{klass.id}/timetable", data={"csrf_token": token, "what": "add", "course": str(course_id),
                                                               "weekday": "2", "lesson_no": "3", "from": "2017-09-01"})
    assert session.scalar(select(TimetableEntry).where(TimetableEntry.course_id == course_id)).lesson_no == 3
    bad = cl.post("/journal/admin/structure", data={"csrf_token": token, "what": "class", "name": "пятый"})
    assert bad.status_code == 422 and "номер параллели" in bad.get_data(as_text=True)


def test_the_lesson_page_edits_one_lesson_with_kinds_and_comments(app, session, school):
    s = js.build(session, school, until=date(2017, 9, 8))
    cl = _client(app, session, s.teacher)
    lesson = _first_lesson(session, s.math)
    page = cl.get(f"/journal/lesson/{lesson.id}").get_data(as_text=True)
    assert "Вид работы" in page and "Комментарий" in page
    sid = s.students[0].id
    response = cl.post(f"/journal/lesson/{lesson.id}", data={
        "csrf_token": csrf_token(cl, f"/journal/lesson/{lesson.id}"), f"c_{sid}": "4", f"s_{sid}": "",
        f"m_{sid}": "у доски", "reason": "задним числом", "back": f"/journal/lesson/{lesson.id}"}, follow_redirects=True)
    assert "Сохранено изменений: 1" in response.get_data(as_text=True)
    assert session.scalar(select(Mark.comment)) == "у доски"
    assert _client(app, session, s.english_teacher).get(f"/journal/lesson/{lesson.id}").status_code == 403


def test_ATT_02_the_class_teacher_records_reasons_on_the_absences_page(app, session, school):
    from journal.entry_service import ColumnInput, save_column
    from journal.models import Absence
    from tests.journal.test_entry import TZ, at

    s = js.build(session, school, until=date(2017, 9, 8))
    lesson = _first_lesson(session, s.math)
    save_column(session, s.teacher, lesson.id, ColumnInput(cells={s.students[0].id: ("н", "")}),
                at(lesson.on_date, 10), TZ)
    session.commit()
    cl = _client(app, session, s.class_teacher)
    page = cl.get(f"/journal/absences/{s.klass.id}").get_data(as_text=True)
    absence = session.scalar(select(Absence))
    assert "Ученик00" in page
    cl.post(f"/journal/absence/{absence.id}/reason", data={
        "csrf_token": csrf_token(cl, f"/journal/absences/{s.klass.id}"), "reason": "б", "document": "справка № 7"})
    session.expire_all()
    assert session.get(Absence, absence.id).reason == "б"
    assert _client(app, session, s.teacher).get(f"/journal/absences/{s.klass.id}").status_code == 403


def test_save_messages_name_students_and_fields_in_russian(app, session, school):
    """A conflict names the student, lateness names the kind of entry and reads in days."""
    from datetime import date

    from sqlalchemy import select

    from journal.models import Lesson
    from tests.conftest import csrf_token, login
    from tests.journal import school as js

    s = js.build(session, school, until=date(2017, 9, 8))
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    teacher = app.test_client()
    login(teacher, s.teacher.login)
    token = csrf_token(teacher, f"/journal/course/{s.math.id}")
    first = s.students[0]
    form = {"csrf_token": token, "seen": "", "reason": "болел", "back": f"/journal/course/{s.math.id}"}
    page = teacher.post(f"/journal/lesson/{lesson.id}", data=form | {f"c_{first.id}": "н"}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Внесено с опозданием: посещаемость; наибольшее опоздание" in text and " дн. " in text
    stale = teacher.post(f"/journal/lesson/{lesson.id}", data=form | {f"c_{first.id}": "5"}, follow_redirects=True)
    assert f"{first.person.short_name}: сейчас «н»" in stale.get_data(as_text=True)
