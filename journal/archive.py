"""Quarter snapshots of a class (ARC-03): the data frozen as canonical JSON with its SHA-256,
numbered per class and quarter, and the corrections made after the previous snapshot."""
from __future__ import annotations

import hashlib
import json
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import NotFound
from core.models import Organisation, Person, SchoolPeriod, User, UserRole
from core.people import user_names
from journal.grid_service import course_grid
from journal.models import Absence, Course, EntryChange, Lesson, SchoolClass, Snapshot, Student
from journal.printout_docx import CorrectionLine, quarter_docx


def canonical_hash(data: dict) -> str:
    """SHA-256 of the data as canonical JSON: the same data always gives the same hash."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _course_data(session: Session, actor: Actor, course: Course, period: SchoolPeriod, names: dict) -> dict:
    g = course_grid(session, actor, course.id, period.id, period.end)
    return {
        "subject": course.subject.name, "group": course.group_no, "teacher": names.get(course.teacher_id, ""),
        "students": [s.person.full_name for s in g.students],
        "lessons": [{"date": x.on_date.isoformat(), "no": x.lesson_no, "state": x.state, "topic": x.topic,
                     "homework": g.homework[x.id].text if x.id in g.homework else ""} for x in g.lessons],
        "marks": [[g.cells.get((x.id, s.id), "") for x in g.lessons] for s in g.students],
        "averages": [str(g.averages[s.id]) if g.averages[s.id] is not None else "" for s in g.students],
        "finals": [g.finals.get(s.id, "") for s in g.students],
    }


def _attendance(session: Session, klass: SchoolClass, period: SchoolPeriod) -> list[dict]:
    students = sorted(session.scalars(select(Student).where(Student.class_id == klass.id)),
                      key=lambda s: (s.person.surname, s.person.name))
    by_student: dict[int, list[tuple[str, str]]] = {}
    for sid, code, reason in session.execute(select(Absence.student_id, Absence.code, Absence.reason).join(Lesson)
                                             .join(Course).where(Course.class_id == klass.id,
                                                                 Lesson.on_date.between(period.start, period.end))):
        by_student.setdefault(sid, []).append((code, reason))
    out = []
    for s in students:
        mine = by_student.get(s.id, [])
        out.append({"student": s.person.full_name, "missed": sum(c == "н" for c, _ in mine),
                    "ill": sum(c == "н" and r == "б" for c, r in mine), "late": sum(c == "о" for c, _ in mine)})
    return out


def quarter_data(session: Session, actor: Actor, class_id: int, period_id: int) -> tuple[SchoolClass, SchoolPeriod, dict]:
    """Everything the paper journal of a class's quarter shows, as plain data."""
    actor.require("journal.control")
    klass, period = session.get(SchoolClass, class_id), session.get(SchoolPeriod, period_id)
    if klass is None or klass.organisation_id != actor.organisation_id or period is None:
        raise NotFound("Класс или четверть не найдены.")
    courses = session.scalars(select(Course).where(Course.class_id == klass.id)
                              .order_by(Course.subject_id, Course.group_no)).all()
    names = user_names(session, klass.organisation_id, {c.teacher_id for c in courses})
    data = {"class": klass.name, "period": {"number": period.number, "start": period.start.isoformat(),
                                            "end": period.end.isoformat()},
            "courses": [_course_data(session, actor, c, period, names) for c in courses],
            "attendance": _attendance(session, klass, period)}
    return klass, period, data


def take_snapshot(session: Session, actor: Actor, class_id: int, period_id: int) -> Snapshot:
    """Freeze the quarter: number it per class and quarter, keep the data and its SHA-256."""
    klass, period, data = quarter_data(session, actor, class_id, period_id)
    number = (session.scalar(select(func.max(Snapshot.number)).where(
        Snapshot.class_id == klass.id, Snapshot.period_id == period.id)) or 0) + 1
    last_change = session.scalar(select(func.max(EntryChange.id)).where(
        EntryChange.organisation_id == klass.organisation_id)) or 0
    snap = Snapshot(organisation_id=klass.organisation_id, class_id=klass.id, period_id=period.id, number=number,
                    sha256=canonical_hash(data), data=data, created_by=actor.user_id, last_change_id=last_change)
    session.add(snap)
    session.flush()
    audit.record(session, actor, "journal.snapshot", object_type="school_class", object_id=klass.id,
                 new={"period": period.number, "number": number, "sha256": snap.sha256})
    return snap


def corrections_since(session: Session, snapshot_before: Snapshot | None, klass: SchoolClass,
                      period: SchoolPeriod) -> list[tuple[EntryChange, str, str]]:
    """Changes to the quarter after the previous snapshot: (change, student, author), for the
    corrections sheet printed with the next printout."""
    if snapshot_before is None:
        return []
    rows = session.execute(select(EntryChange, Person.surname, User.login)
                           .join(Lesson, Lesson.id == EntryChange.lesson_id).join(Course, Course.id == Lesson.course_id)
                           .outerjoin(Student, Student.id == EntryChange.student_id)
                           .outerjoin(Person, Person.id == Student.person_id)
                           .outerjoin(User, User.id == EntryChange.author_id)
                           .where(Course.class_id == klass.id, Lesson.on_date.between(period.start, period.end),
                                  EntryChange.id > snapshot_before.last_change_id)
                           .order_by(EntryChange.at)).all()
    return [(c, surname or "", login or "") for c, surname, login in rows]


def previous_snapshot(session: Session, class_id: int, period_id: int) -> Snapshot | None:
    """The latest snapshot of a class's quarter."""
    return session.scalars(select(Snapshot).where(Snapshot.class_id == class_id, Snapshot.period_id == period_id)
                           .order_by(Snapshot.number.desc())).first()


def school_name(session: Session, organisation_id: int) -> str:
    """The school's full name for the title page."""
    return session.get(Organisation, organisation_id).name



def print_quarter(session: Session, actor: Actor, class_id: int, period_id: int, tz: str) -> tuple[Snapshot, bytes]:
    """Print a class's quarter: a new snapshot, and the Word file showing its number and hash, with
    the corrections made since the previous printout."""
    before = previous_snapshot(session, class_id, period_id)
    snap = take_snapshot(session, actor, class_id, period_id)
    klass, period = session.get(SchoolClass, class_id), session.get(SchoolPeriod, period_id)
    lines = [CorrectionLine(c.at.astimezone(ZoneInfo(tz)).strftime("%d.%m.%Y %H:%M"),
                            f"урок #{c.lesson_id}{', ' + student if student else ''}: {c.field}", c.old, c.new, who,
                            c.reason) for c, student, who in corrections_since(session, before, klass, period)]
    director = session.scalars(select(User).join(UserRole).where(User.organisation_id == klass.organisation_id,
                                                                  UserRole.role == "director")).first()
    name = director.display_name if director else ""
    data = quarter_docx(school_name(session, klass.organisation_id), snap.data, snap.number, snap.sha256, lines, name)
    return snap, data
