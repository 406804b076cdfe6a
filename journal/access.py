"""Who reads and writes what in the journal, enforced in the queries (SEC-02)."""
from __future__ import annotations

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.errors import NotAllowed
from core.models import User
from journal.models import Course, Lesson, ParentLink, SchoolClass, Student

ALL_READERS = frozenset({"deputy", "director"})


def person_of(session: Session, actor: Actor) -> int | None:
    """The actor's person id (looked up only when the actor was built without it)."""
    if actor.person_id is not None:
        return actor.person_id
    return session.scalar(select(User.person_id).where(User.id == actor.user_id))


def readable_courses(actor: Actor):
    """A filter on Course: the deputy and director read all; a class teacher reads every subject of
    their class; a teacher reads their own courses."""
    if actor.roles & ALL_READERS:
        return Course.organisation_id == actor.organisation_id
    own = Course.teacher_id == actor.user_id
    if "class_teacher" in actor.roles:
        mine = select(SchoolClass.id).where(SchoolClass.class_teacher_id == actor.user_id)
        own = or_(own, Course.class_id.in_(mine))
    return (Course.organisation_id == actor.organisation_id) & own


def readable_students(session: Session, actor: Actor):
    """A filter on Student: a parent reads only their children, a student only themself; staff by
    their courses' classes (SEC-02)."""
    base = Student.organisation_id == actor.organisation_id
    if actor.roles & ALL_READERS:
        return base
    clauses = []
    person = person_of(session, actor)
    if "parent" in actor.roles and person:
        clauses.append(Student.id.in_(select(ParentLink.student_id).where(ParentLink.parent_person_id == person)))
    if "student" in actor.roles and person:
        clauses.append(Student.person_id == person)
    if actor.roles & {"teacher", "class_teacher"}:
        clauses.append(Student.class_id.in_(select(Course.class_id).where(readable_courses(actor))))
    return base & (or_(*clauses) if clauses else false())


def course_for_reading(session: Session, actor: Actor, course_id: int) -> Course:
    """A course the actor may read (NotAllowed otherwise, even for a crafted request)."""
    course = session.scalar(select(Course).where(Course.id == course_id, readable_courses(actor)))
    if course is None:
        raise NotAllowed("Этот журнал вам недоступен.")
    return course


def can_write(actor: Actor, lesson: Lesson) -> bool:
    """The course's teacher, the lesson's substitute teacher, or the deputy director."""
    return lesson.course.teacher_id == actor.user_id or lesson.teacher_id == actor.user_id or "deputy" in actor.roles


def lesson_for_writing(session: Session, actor: Actor, lesson_id: int) -> Lesson:
    """A lesson the actor may write to; anybody else gets NotAllowed and nothing is written."""
    if "deputy" not in actor.roles:
        actor.require("journal.write")
    lesson = session.scalar(select(Lesson).where(Lesson.id == lesson_id,
                                                 Lesson.organisation_id == actor.organisation_id)
                            .with_for_update(of=Lesson))
    if lesson is None or not can_write(actor, lesson):
        raise NotAllowed("Вносить записи в этот журнал может только его учитель.")
    return lesson
