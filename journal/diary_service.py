"""The diary's activity: every view logged, weekly confirmations by parents, the class teacher's
weekly report (aggregates, not a surveillance trail), consents to process personal data (PD-02)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import NotAllowed, NotFound, ValidationFailed
from core.models import Person, User
from journal.access import readable_students
from journal.models import Consent, DiaryConfirmation, DiaryView, ParentLink, SchoolClass, Student


def _student(session: Session, actor: Actor, student_id: int) -> Student:
    student = session.scalar(select(Student).where(Student.id == student_id, readable_students(session, actor)))
    if student is None:
        raise NotAllowed("Дневник этого ученика вам недоступен.")
    return student


def log_view(session: Session, actor: Actor, student_id: int) -> None:
    """Record that the actor opened the student's diary (who, when, which child)."""
    student = _student(session, actor, student_id)
    session.add(DiaryView(organisation_id=student.organisation_id, user_id=actor.user_id, student_id=student.id))
    session.flush()


def confirm_week(session: Session, actor: Actor, student_id: int, monday: date) -> None:
    """A parent confirms they have seen a week of the child's diary (once per week)."""
    if "parent" not in actor.roles:
        raise NotAllowed("Подтверждает ознакомление с дневником родитель.")
    _student(session, actor, student_id)
    try:
        with session.begin_nested():
            session.add(DiaryConfirmation(user_id=actor.user_id, student_id=student_id, week_start=monday))
    except IntegrityError:
        return  # already confirmed: nothing to do
    audit.record(session, actor, "diary.confirm", object_type="student", object_id=student_id,
                 new={"week": monday})


@dataclass(frozen=True)
class ActivityRow:
    """One person's activity with a student's diary this week."""

    student: str
    who: str
    role: str
    last_visit: datetime | None
    visits_week: int
    confirmed: bool


def _parents(session, student_ids):
    return session.execute(select(ParentLink.student_id, User.id, Person)
                           .join(Person, Person.id == ParentLink.parent_person_id)
                           .outerjoin(User, User.person_id == Person.id)
                           .where(ParentLink.student_id.in_(student_ids))).all()


def activity(session: Session, actor: Actor, class_id: int, monday: date, tz: str) -> list[ActivityRow]:
    """The week's activity of a class's students and parents: last visit, visits this week,
    confirmation; parents who never came show an empty last visit."""
    klass = session.get(SchoolClass, class_id)
    if klass is None or klass.organisation_id != actor.organisation_id:
        raise NotFound("Класс не найден.")
    if klass.class_teacher_id != actor.user_id and not actor.roles & {"deputy", "director"}:
        raise NotAllowed("Отчёт об активности доступен классному руководителю.")
    students = {s.id: s for s in session.scalars(select(Student).where(Student.class_id == klass.id))}
    start = datetime.combine(monday, time(0), ZoneInfo(tz))
    end = start + timedelta(days=7)
    last = dict(session.execute(select(DiaryView.user_id, func.max(DiaryView.at)).where(
        DiaryView.student_id.in_(students)).group_by(DiaryView.user_id)).all())
    week = dict(session.execute(select(DiaryView.user_id, func.count()).where(
        DiaryView.student_id.in_(students), DiaryView.at >= start, DiaryView.at < end).group_by(DiaryView.user_id)).all())
    confirmed = set(session.execute(select(DiaryConfirmation.user_id, DiaryConfirmation.student_id).where(
        DiaryConfirmation.student_id.in_(students), DiaryConfirmation.week_start == monday)).all())
    own = dict(session.execute(select(Student.id, User.id).join(User, User.person_id == Student.person_id)
                               .where(Student.id.in_(students))).all())
    parents: dict[int, list] = {}
    for sid, user_id, parent in _parents(session, list(students)):  # one query for the class
        parents.setdefault(sid, []).append((user_id, parent))
    rows = []
    for student_id, student in sorted(students.items(), key=lambda kv: kv[1].person.surname):
        name = student.person.short_name
        if student_id in own:
            u = own[student_id]
            rows.append(ActivityRow(name, name, "ученик", last.get(u), week.get(u, 0), False))
        for user_id, parent in parents.get(student_id, []):
            rows.append(ActivityRow(name, parent.short_name, "родитель", last.get(user_id), week.get(user_id, 0),
                                    (user_id, student_id) in confirmed))
    return rows


def record_consent(session: Session, actor: Actor, student_id: int, parent_person_id: int, text_version: str,
                   given_on: date) -> Consent:
    """Record a parent's consent with its date and the version of its text (PD-02)."""
    if not actor.roles & {"class_teacher", "secretary", "deputy", "director"}:
        raise NotAllowed("Согласие записывает классный руководитель или секретарь.")
    link = session.scalar(select(ParentLink).where(ParentLink.student_id == student_id,
                                                   ParentLink.parent_person_id == parent_person_id))
    student = session.get(Student, student_id)
    if link is None or student is None or student.organisation_id != actor.organisation_id:
        raise ValidationFailed("Этот человек не указан родителем ученика.")
    if not text_version.strip():
        raise ValidationFailed("Укажите версию текста согласия.")
    consent = Consent(organisation_id=actor.organisation_id, parent_person_id=parent_person_id, student_id=student_id,
                      text_version=text_version.strip()[:40], given_on=given_on, recorded_by=actor.user_id)
    session.add(consent)
    session.flush()
    audit.record(session, actor, "pd.consent", object_type="student", object_id=student_id,
                 new={"parent_person_id": parent_person_id, "version": consent.text_version, "given_on": given_on})
    return consent
