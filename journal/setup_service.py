"""Setting up the school for the journal: classes, students and parents, subjects, courses,
bells, the timetable, substitutions and kinds of work."""
from __future__ import annotations

from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit, people
from core.actor import Actor
from core.errors import ValidationFailed
from core.models import Organisation, Person, SchoolYear
from journal.models import (
    BellSlot,
    Course,
    ParentLink,
    SchoolClass,
    Student,
    Subject,
    Substitution,
    TimetableEntry,
    WorkKind,
)

DEFAULT_WORK_KINDS = (("answer", "Ответ на уроке", 1, False), ("homework", "Домашняя работа", 1, False),
                      ("dictation", "Диктант", 2, True), ("test", "Контрольная работа", 2, True),
                      ("independent", "Самостоятельная работа", 1, True))
DEFAULT_BELLS = ((1, time(8, 0), time(8, 40)), (2, time(8, 50), time(9, 30)), (3, time(9, 45), time(10, 25)),
                 (4, time(10, 45), time(11, 25)), (5, time(11, 40), time(12, 20)), (6, time(12, 35), time(13, 15)),
                 (7, time(13, 25), time(14, 5)))


def ensure_work_kinds(session: Session, organisation_id: int) -> dict[str, WorkKind]:
    """The school's kinds of work with weights (a school setting), created on first use."""
    kinds = {k.code: k for k in session.scalars(select(WorkKind).where(WorkKind.organisation_id == organisation_id))}
    if not kinds:
        for code, name, weight, written in DEFAULT_WORK_KINDS:
            kinds[code] = WorkKind(organisation_id=organisation_id, code=code, name=name, weight=weight, written=written)
            session.add(kinds[code])
        session.flush()
    return kinds


def set_bells(session: Session, actor: Actor, shift: int = 1, slots=DEFAULT_BELLS, weekday: int | None = None) -> None:
    """The bell schedule of a shift (for every day, or for one weekday that differs)."""
    actor.require("journal.control")
    for number, start, end in slots:
        if end <= start:
            raise ValidationFailed(f"Урок {number}: конец раньше начала.")
        session.add(BellSlot(organisation_id=actor.organisation_id, shift=shift, weekday=weekday, number=number,
                             start=start, end=end))
    session.flush()


def add_class(session: Session, actor: Actor, year: SchoolYear, name: str, class_teacher_id: int | None,
              shift: int = 1) -> SchoolClass:
    """A class like "5А" of an academic year."""
    actor.require("journal.control")
    digits = "".join(ch for ch in name if ch.isdigit())
    if not digits or not 1 <= int(digits) <= 11:
        raise ValidationFailed(f"Класс «{name}»: номер параллели от 1 до 11.")
    klass = SchoolClass(organisation_id=actor.organisation_id, year_id=year.id, grade=int(digits),
                        name=name.strip().upper(), shift=shift, class_teacher_id=class_teacher_id)
    session.add(klass)
    session.flush()
    audit.record(session, actor, "journal.class_create", object_type="school_class", object_id=klass.id,
                 new={"name": klass.name})
    return klass


def add_student(session: Session, actor: Actor, org: Organisation, klass: SchoolClass, surname: str, name: str,
                patronymic: str = "", group_no: int = 1, parent: tuple[str, str, str] | None = None) -> Student:
    """A student of a class, with a parent linked when given (the parent person is reused)."""
    person = people.create_person(session, actor, org, surname=surname, name=name, patronymic=patronymic,
                                  position=f"Обучающийся {klass.name} класса")
    student = Student(organisation_id=org.id, person_id=person.id, class_id=klass.id, group_no=group_no)
    session.add(student)
    session.flush()
    if parent:
        parent_person = people.create_person(session, actor, org, surname=parent[0], name=parent[1],
                                             patronymic=parent[2], position="Родитель")
        session.add(ParentLink(parent_person_id=parent_person.id, student_id=student.id))
        session.flush()
    return student


def add_subject(session: Session, actor: Actor, name: str) -> Subject:
    """A subject, reused when it exists."""
    found = session.scalar(select(Subject).where(Subject.organisation_id == actor.organisation_id, Subject.name == name))
    if found:
        return found
    subject = Subject(organisation_id=actor.organisation_id, name=name)
    session.add(subject)
    session.flush()
    return subject


def add_course(session: Session, actor: Actor, klass: SchoolClass, subject: Subject, teacher_id: int,
               hours: int, group_no: int | None = None) -> Course:
    """A subject taught to a class (or one group of it) by a teacher."""
    actor.require("journal.control")
    course = Course(organisation_id=actor.organisation_id, class_id=klass.id, group_no=group_no,
                    subject_id=subject.id, teacher_id=teacher_id, hours_per_week=hours)
    session.add(course)
    session.flush()
    audit.record(session, actor, "journal.course_create", object_type="course", object_id=course.id,
                 new={"class": klass.name, "subject": subject.name, "group": group_no, "teacher": teacher_id})
    return course


def add_timetable(session: Session, actor: Actor, course: Course, weekday: int, lesson_no: int, valid_from: date,
                  valid_to: date) -> TimetableEntry:
    """A lesson of a course in the weekly timetable."""
    actor.require("journal.control")
    entry = TimetableEntry(organisation_id=actor.organisation_id, course_id=course.id, weekday=weekday,
                           lesson_no=lesson_no, valid_from=valid_from, valid_to=valid_to)
    session.add(entry)
    session.flush()
    return entry


def add_substitution(session: Session, actor: Actor, course: Course, on: date, lesson_no: int, kind: str,
                     substitute_id: int | None = None, new_lesson_no: int | None = None,
                     reason: str = "") -> Substitution:
    """A change of one day: cancellation, replacement, combination or move to another lesson."""
    actor.require("journal.control")
    sub = Substitution(organisation_id=actor.organisation_id, on_date=on, course_id=course.id, lesson_no=lesson_no,
                       kind=kind, substitute_id=substitute_id, new_lesson_no=new_lesson_no, reason=reason)
    session.add(sub)
    session.flush()
    audit.record(session, actor, "journal.substitution", object_type="course", object_id=course.id,
                 new={"date": on, "lesson": lesson_no, "kind": kind})
    return sub


def check_roster(session: Session, organisation_id: int, year: SchoolYear, rows) -> list[str]:
    """Problems of a read roster against the database: unknown classes, students listed twice or
    already in the class. Any problem means nothing is imported."""
    classes = {c.name: c.id for c in session.scalars(select(SchoolClass).where(
        SchoolClass.organisation_id == organisation_id, SchoolClass.year_id == year.id))}
    existing = set(session.execute(select(Student.class_id, Person.surname, Person.name, Person.patronymic)
                                   .join(Person, Person.id == Student.person_id)
                                   .where(Student.organisation_id == organisation_id)).all())
    problems, seen = [], {}
    for row in rows:
        class_id = classes.get(row.class_name)
        key = (class_id, row.surname, row.name, row.patronymic)
        if class_id is None:
            problems.append(f"Строка {row.line}: класса «{row.class_name}» нет в {year.title} учебном году.")
        elif key in existing:
            problems.append(f"Строка {row.line}: {row.surname} {row.name} уже учится в {row.class_name}.")
        elif key in seen:
            problems.append(f"Строка {row.line}: {row.surname} {row.name} повторяет строку {seen[key]}.")
        seen.setdefault(key, row.line)
    return problems


def import_roster(session: Session, actor: Actor, org: Organisation, year: SchoolYear, rows) -> int:
    """Import checked rows (all or nothing: the caller commits once); returns how many students."""
    actor.require("journal.control")
    if problems := check_roster(session, org.id, year, rows):
        raise ValidationFailed("Список не импортирован: исправьте ошибки.", problems)
    classes = {c.name: c for c in session.scalars(select(SchoolClass).where(SchoolClass.year_id == year.id))}
    for row in rows:
        student = add_student(session, actor, org, classes[row.class_name], row.surname, row.name, row.patronymic,
                              row.group_no, row.parent)
        student.birth_date = row.birth
    session.flush()
    audit.record(session, actor, "journal.roster_import", object_type="school_year", object_id=year.id,
                 new={"students": len(rows)})
    return len(rows)


def set_bell(session: Session, actor: Actor, shift: int, weekday: int | None, number: int, start: time,
             end: time) -> BellSlot:
    """Set when lesson `number` runs for a shift: on every day, or on one weekday that differs."""
    actor.require("journal.control")
    if end <= start:
        raise ValidationFailed(f"Урок {number}: конец раньше начала.")
    slot = session.scalar(select(BellSlot).where(BellSlot.organisation_id == actor.organisation_id,
                                                 BellSlot.shift == shift, BellSlot.number == number,
                                                 BellSlot.weekday.is_(None) if weekday is None else BellSlot.weekday == weekday))
    if slot is None:
        slot = BellSlot(organisation_id=actor.organisation_id, shift=shift, weekday=weekday, number=number)
        session.add(slot)
    slot.start, slot.end = start, end
    session.flush()
    audit.record(session, actor, "journal.bell", object_type="bell_slot", object_id=slot.id,
                 new={"shift": shift, "weekday": weekday, "number": number, "start": start, "end": end})
    return slot
