"""Files attached to homework: safe names, a size limit, read by those who see the lesson."""
from __future__ import annotations

import mimetypes

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import NotAllowed, NotFound, ValidationFailed
from core.uploads import safe_name
from journal.access import lesson_for_writing, readable_courses, readable_students
from journal.models import Course, Homework, HomeworkFile, Lesson, Student

MAX_BYTES = 10 * 1024 * 1024


def attach(session: Session, actor: Actor, lesson_id: int, name: str, data: bytes) -> HomeworkFile:
    """Attach a file to the lesson's homework (the homework text must be there)."""
    lesson = lesson_for_writing(session, actor, lesson_id)
    homework = session.scalar(select(Homework).where(Homework.lesson_id == lesson.id))
    if homework is None:
        raise ValidationFailed("Сначала впишите текст домашнего задания, затем прикрепите файл.")
    if not data:
        raise ValidationFailed("Файл пустой.")
    if len(data) > MAX_BYTES:
        raise ValidationFailed("Файл больше 10 МБ.")
    clean = safe_name(name)
    row = HomeworkFile(homework_id=homework.id, name=clean, data=data, size=len(data), added_by=actor.user_id,
                       content_type=mimetypes.guess_type(clean)[0] or "application/octet-stream")
    session.add(row)
    session.flush()
    audit.record(session, actor, "homework.file", object_type="lesson", object_id=lesson.id,
                 new={"name": clean, "size": len(data)})
    return row


def readable_file(session: Session, actor: Actor, file_id: int) -> HomeworkFile:
    """A file the actor may download: staff who read the course, or a parent or student of its class."""
    row = session.get(HomeworkFile, file_id)
    if row is None:
        raise NotFound("Файл не найден.")
    lesson = session.scalar(select(Lesson).join(Homework, Homework.lesson_id == Lesson.id)
                            .where(Homework.id == row.homework_id))
    course = session.get(Course, lesson.course_id)
    staff = session.scalar(select(Course.id).where(Course.id == course.id, readable_courses(actor)))
    family_stmt = select(Student.id).where(readable_students(session, actor), Student.class_id == course.class_id)
    if course.group_no:
        family_stmt = family_stmt.where(Student.group_no == course.group_no)
    family = session.scalar(family_stmt.limit(1))
    if not (staff or family):
        raise NotAllowed("Файл вам недоступен.")
    return row


def files_of(session: Session, homework_ids: list[int]) -> dict[int, list[HomeworkFile]]:
    """Attached files per homework (names only: the content loads on download)."""
    out: dict[int, list[HomeworkFile]] = {}
    for f in session.scalars(select(HomeworkFile).where(HomeworkFile.homework_id.in_(homework_ids))):
        out.setdefault(f.homework_id, []).append(f)
    return out
