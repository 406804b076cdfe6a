"""What the API reads of the journal: courses, lessons with their entries, a student's record;
each filtered by who may read it (SEC-02), each page in a constant number of queries."""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.db import within
from core.errors import NotAllowed, ValidationFailed
from core.models import SchoolPeriod, SchoolYear
from core.people import user_names
from journal.access import can_write, course_for_reading, readable_courses, readable_students
from journal.entry_service import ColumnInput
from journal.grid_service import lesson_page
from journal.models import Absence, Course, Homework, Lesson, Mark, Student, WorkKind


def courses_query(actor: Actor, class_id: int | None = None):
    """The courses the actor reads, by class and subject."""
    stmt = select(Course).where(readable_courses(actor)).order_by(Course.class_id, Course.subject_id, Course.id)
    return stmt.where(Course.class_id == class_id) if class_id else stmt


def teacher_names(session: Session, courses: list[Course]) -> dict[int, str]:
    """Teachers' short names of the courses (one query)."""
    return user_names(session, courses[0].organisation_id, {c.teacher_id for c in courses}) if courses else {}


def _dated(stmt, date_from: date | None, date_to: date | None):
    return within(stmt, Lesson.on_date, date_from, date_to).order_by(Lesson.on_date, Lesson.lesson_no, Lesson.id)


def course_lessons_query(session: Session, actor: Actor, course_id: int, date_from=None, date_to=None):
    """A course's lessons the actor may read, by date."""
    course = course_for_reading(session, actor, course_id)
    return _dated(select(Lesson).where(Lesson.course_id == course.id), date_from, date_to)


def readable_student(session: Session, actor: Actor, student_id: int) -> Student:
    """A student the actor may read: a parent's own child, the student themself, staff by course."""
    student = session.scalar(select(Student).where(Student.id == student_id, readable_students(session, actor)))
    if student is None:
        raise NotAllowed("Сведения об этом ученике вам недоступны.")
    return student


def students_query(session: Session, actor: Actor, class_id: int | None = None):
    """The students the actor may read, by class and name."""
    stmt = select(Student).where(readable_students(session, actor)).order_by(Student.class_id, Student.id)
    return stmt.where(Student.class_id == class_id) if class_id else stmt


def student_lessons_query(session: Session, actor: Actor, student_id: int, date_from=None, date_to=None):
    """The lessons of a student's class (and group) the actor may read, by date."""
    student = readable_student(session, actor, student_id)
    stmt = select(Lesson).join(Course).where(
        Course.class_id == student.class_id,
        or_(Course.group_no.is_(None), Course.group_no == student.group_no))
    return _dated(stmt, date_from, date_to)


def lesson_records(session: Session, lessons: list[Lesson], today: date, student_id: int | None = None) -> list[dict]:
    """Lessons with topic, homework (from its visible date), marks and absences; only one
    student's entries when `student_id` is given. Four queries whatever the page's size."""
    if not lessons:
        return []
    ids = [x.id for x in lessons]
    kinds = {k.id: k.code for k in session.scalars(select(WorkKind).where(
        WorkKind.organisation_id == lessons[0].organisation_id))}
    entries: dict[int, dict[str, list]] = {i: {"marks": [], "absences": []} for i in ids}
    for m in session.scalars(_entries(Mark, ids, student_id)):
        entries[m.lesson_id]["marks"].append({"student_id": m.student_id, "value": m.value, "comment": m.comment,
                                              "kind": kinds.get(m.work_kind_id), "late_minutes": m.late_minutes})
    for a in session.scalars(_entries(Absence, ids, student_id)):
        entries[a.lesson_id]["absences"].append({"student_id": a.student_id, "code": a.code, "reason": a.reason})
    homework = {h.lesson_id: h for h in session.scalars(select(Homework).where(
        Homework.lesson_id.in_(ids), or_(Homework.visible_from.is_(None), Homework.visible_from <= today)))}
    return [{"id": x.id, "course_id": x.course_id, "date": x.on_date, "lesson_no": x.lesson_no, "state": x.state,
             "topic": x.topic, "work_kind": kinds.get(x.work_kind_id), "attendance_taken": x.attendance_taken_at is not None,
             "homework": _homework(homework.get(x.id)), **entries[x.id]} for x in lessons]


def _entries(model, lesson_ids: list[int], student_id: int | None):
    stmt = select(model).where(model.lesson_id.in_(lesson_ids)).order_by(model.lesson_id, model.student_id)
    return stmt.where(model.student_id == student_id) if student_id else stmt


def _homework(h: Homework | None) -> dict | None:
    if h is None:
        return None
    return {"text": h.text, "due_on": h.due_on, "minutes": h.minutes}


def periods(session: Session, actor: Actor) -> list[tuple[SchoolPeriod, str]]:
    """The school's periods with their year's title, by year and number."""
    return list(session.execute(select(SchoolPeriod, SchoolYear.title).join(SchoolYear)
                                .where(SchoolYear.organisation_id == actor.organisation_id)
                                .order_by(SchoolYear.start, SchoolPeriod.kind, SchoolPeriod.number)).all())


def lesson_column(session: Session, actor: Actor, lesson_id: int, today: date) -> dict:
    """A lesson the actor may read with each student's cell as the grid shows it."""
    page = lesson_page(session, actor, lesson_id)
    lesson = page["lesson"]
    record = lesson_records(session, [lesson], today)[0]
    return record | {"students": [{"id": s.id, "name": s.person.short_name, "cell": page["cells"][s.id]}
                                  for s in page["students"]],
                     "writable": can_write(actor, lesson)}


def column_input(session: Session, actor: Actor, data: dict) -> ColumnInput:
    """The API's column (work kinds by code) as the entry service takes it."""
    codes = {data.get("work_kind")} | {c.get("kind") for c in data["cells"]}
    codes.discard(None)
    kinds = {k.code: k.id for k in session.scalars(select(WorkKind).where(
        WorkKind.organisation_id == actor.organisation_id, WorkKind.code.in_(codes)))} if codes else {}
    unknown = sorted(codes - set(kinds))
    if unknown:
        raise ValidationFailed("Неизвестный вид работы.", [f"Нет вида работы с кодом «{c}»." for c in unknown])
    cells = {c["student_id"]: (c["value"], c["seen"]) for c in data["cells"]}
    if len(cells) != len(data["cells"]):
        raise ValidationFailed("Ученик указан в колонке дважды.")
    return ColumnInput(
        cells=cells, cell_kinds={c["student_id"]: kinds[c["kind"]] for c in data["cells"] if c.get("kind")},
        cell_comments={c["student_id"]: c["comment"] for c in data["cells"] if "comment" in c},
        topic=data.get("topic"), seen_topic=data["seen_topic"], homework=data.get("homework"),
        seen_homework=data["seen_homework"], homework_due=data.get("homework_due"),
        homework_minutes=data.get("homework_minutes"), attendance_taken=data["attendance_taken"],
        work_kind_id=kinds.get(data.get("work_kind")), reason=data["reason"])
