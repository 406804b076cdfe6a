"""After the lessons: absence reasons set by the class teacher (ATT-02), final marks confirmed by
the teacher (MRK-04), and the list of late and closed-period changes (REG-07)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import NotAllowed, ValidationFailed
from core.models import Person, SchoolPeriod
from journal.access import course_for_reading
from journal.models import (
    Absence,
    Course,
    EntryChange,
    FinalMark,
    Lesson,
    PeriodClosure,
    SchoolClass,
    Student,
    Subject,
)


def set_absence_reason(session: Session, actor: Actor, absence_id: int, reason: str, document: str) -> Absence:
    """The class teacher sets the reason of an absence ("б", "у") on a document (ATT-02)."""
    absence = session.get(Absence, absence_id)
    if absence is None:
        raise NotAllowed("Запись не найдена.")
    lesson = session.get(Lesson, absence.lesson_id)
    klass = session.get(SchoolClass, session.get(Course, lesson.course_id).class_id)
    if klass.class_teacher_id != actor.user_id and "deputy" not in actor.roles:
        raise NotAllowed("Причину пропуска указывает классный руководитель.")
    if reason not in ("", "б", "у") or (reason and not document.strip()):
        raise ValidationFailed("Причина — «б» или «у», с реквизитами документа (справка, заявление).")
    old = absence.reason
    absence.reason, absence.reason_document = reason, document.strip()[:300]
    session.add(EntryChange(organisation_id=lesson.organisation_id, lesson_id=lesson.id,
                            student_id=absence.student_id, field="absence_reason", old=old, new=reason,
                            author_id=actor.user_id, reason=document.strip()[:300]))
    session.flush()
    audit.record(session, actor, "journal.absence_reason", object_type="absence", object_id=absence.id,
                 old={"reason": old}, new={"reason": reason, "document": document.strip()[:300]})
    return absence


FINAL_VALUES = {"1", "2", "3", "4", "5", "зч", "нз", "осв", "н/а"}


def set_final_marks(session: Session, actor: Actor, course_id: int, period_id: int, values: dict[int, str],
                    suggestions: dict[int, str]) -> int:
    """The teacher confirms the period's final marks, keeping what the system suggested (MRK-04)."""
    course = course_for_reading(session, actor, course_id)
    if course.teacher_id != actor.user_id and "deputy" not in actor.roles:
        raise NotAllowed("Итоговые отметки выставляет учитель курса.")
    bad = [v for v in values.values() if v and v not in FINAL_VALUES]
    if bad:
        raise ValidationFailed("Итоговая отметка — 1–5, «зч», «нз», «осв» или «н/а».", [f"«{b}»" for b in bad])
    current = {f.student_id: f for f in session.scalars(select(FinalMark).where(
        FinalMark.course_id == course.id, FinalMark.period_id == period_id))}
    changed = 0
    for student_id, value in values.items():
        row = current.get(student_id)
        if not value or (row and row.value == value):
            continue
        if row is None:
            row = FinalMark(course_id=course.id, student_id=student_id, period_id=period_id, value=value)
            session.add(row)
        row.value, row.suggested, row.set_by = value, suggestions.get(student_id, ""), actor.user_id
        changed += 1
    session.flush()
    audit.record(session, actor, "journal.final_marks", object_type="course", object_id=course.id,
                 new={"period_id": period_id, "changed": changed})
    return changed


def corrections(session: Session, actor: Actor, limit: int = 300) -> list[EntryChange]:
    """Late entries and changes of closed periods, newest first (REG-07)."""
    actor.require("journal.control")
    return list(session.scalars(select(EntryChange).where(
        EntryChange.organisation_id == actor.organisation_id,
        (EntryChange.late_minutes > 0) | EntryChange.closed_period.is_(True))
        .order_by(EntryChange.at.desc()).limit(limit)))


def class_absences(session: Session, actor: Actor, class_id: int, limit: int = 300) -> list[tuple]:
    """Absences of a class, newest first, for the class teacher to give their reasons (ATT-02)."""
    klass = session.get(SchoolClass, class_id)
    if klass is None or (klass.class_teacher_id != actor.user_id and "deputy" not in actor.roles):
        raise NotAllowed("Причины пропусков указывает классный руководитель.")
    return [tuple(r) for r in session.execute(
        select(Absence, Lesson.on_date, Lesson.lesson_no, Subject.name, Person.surname, Person.name)
        .join(Lesson, Lesson.id == Absence.lesson_id).join(Course, Course.id == Lesson.course_id)
        .join(Subject, Subject.id == Course.subject_id).join(Student, Student.id == Absence.student_id)
        .join(Person, Person.id == Student.person_id)
        .where(Course.class_id == klass.id).order_by(Lesson.on_date.desc(), Lesson.lesson_no).limit(limit))]


def close_period(session: Session, actor: Actor, period_id: int) -> PeriodClosure:
    """The deputy director closes a period: afterwards only they change it, with a reason (REG-07)."""
    if "deputy" not in actor.roles:
        raise NotAllowed("Период закрывает заместитель директора по УВР.")
    period = session.get(SchoolPeriod, period_id)
    if period is None:
        raise ValidationFailed("Период не найден.")
    closure = session.scalar(select(PeriodClosure).where(PeriodClosure.organisation_id == actor.organisation_id,
                                                         PeriodClosure.period_id == period.id))
    if closure is None:
        closure = PeriodClosure(organisation_id=actor.organisation_id, period_id=period.id, closed_by=actor.user_id)
        session.add(closure)
        session.flush()
        audit.record(session, actor, "journal.period_close", object_type="school_period", object_id=period.id,
                     new={"kind": period.kind, "number": period.number})
    return closure
