"""The machine format of a class's period (ARC-01): a JSON document with a documented schema,
written in a fixed order so that export → import into an empty database → export gives the same
bytes. Entry timestamps and lateness stay in the school's database; the format carries the data."""
from __future__ import annotations

import json
import secrets
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from core import people
from core.actor import Actor
from core.db import utcnow
from core.errors import NotFound, ValidationFailed
from core.models import Organisation, Person, SchoolPeriod, SchoolYear, User
from journal.exchange_schema import FORMAT as SCHEMA
from journal.exchange_schema import problems
from journal.models import (
    Absence,
    Course,
    FinalMark,
    Homework,
    Lesson,
    Mark,
    SchoolClass,
    Student,
    Subject,
    WorkKind,
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _name(p: Person) -> dict:
    return {"surname": p.surname, "name": p.name, "patronymic": p.patronymic}


def export_period(session: Session, actor: Actor, class_id: int, period_id: int) -> bytes:
    """The class's period as canonical JSON (UTF-8, sorted keys, two-space indent)."""
    actor.require("journal.control")
    klass, period = session.get(SchoolClass, class_id), session.get(SchoolPeriod, period_id)
    if klass is None or klass.organisation_id != actor.organisation_id or period is None:
        raise NotFound("Класс или период не найдены.")
    year = session.get(SchoolYear, klass.year_id)
    students = sorted(session.scalars(select(Student).where(Student.class_id == klass.id)),
                      key=lambda s: (s.person.surname, s.person.name, s.person.patronymic, s.id))
    skey = {s.id: f"s{i + 1}" for i, s in enumerate(students)}
    courses = sorted(session.scalars(select(Course).where(Course.class_id == klass.id)),
                     key=lambda c: (c.subject.name, c.group_no or 0, c.id))
    ckey = {c.id: f"c{i + 1}" for i, c in enumerate(courses)}
    kinds = {k.id: k for k in session.scalars(select(WorkKind).where(WorkKind.organisation_id == klass.organisation_id))}
    teachers = {u.id: u.person for u in session.scalars(select(User).where(User.id.in_([c.teacher_id for c in courses])))}
    doc = {
        "schema": SCHEMA,
        "school": {"name": session.get(Organisation, klass.organisation_id).name},
        "year": {"title": year.title, "start": _iso(year.start), "end": _iso(year.end)},
        "period": {"kind": period.kind, "number": period.number, "start": _iso(period.start), "end": _iso(period.end)},
        "class": {"name": klass.name, "grade": klass.grade, "shift": klass.shift},
        "work_kinds": sorted(({"code": k.code, "name": k.name, "weight": k.weight, "written": k.written}
                              for k in kinds.values()), key=lambda k: k["code"]),
        "students": [{"key": skey[s.id], **_name(s.person), "birth_date": _iso(s.birth_date), "group": s.group_no}
                     for s in students],
        "courses": [{"key": ckey[c.id], "subject": c.subject.name, "group": c.group_no, "hours": c.hours_per_week,
                     "teacher": _name(teachers[c.teacher_id])} for c in courses],
        "lessons": _lessons(session, courses, ckey, skey, kinds, period),
        "finals": sorted(({"course": ckey[f.course_id], "student": skey[f.student_id], "value": f.value}
                          for f in session.scalars(select(FinalMark).where(
                              FinalMark.course_id.in_(ckey), FinalMark.period_id == period.id))
                          if f.student_id in skey), key=lambda f: (f["course"], f["student"])),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")


def _lessons(session, courses, ckey, skey, kinds, period) -> list[dict]:
    lessons = list(session.scalars(select(Lesson).where(Lesson.course_id.in_(ckey),
                                                        Lesson.on_date.between(period.start, period.end))))
    ids = [x.id for x in lessons]
    marks, absences = {}, {}
    for m in session.scalars(select(Mark).where(Mark.lesson_id.in_(ids))):
        marks.setdefault(m.lesson_id, []).append({"student": skey[m.student_id], "value": m.value,
                                                  "kind": kinds[m.work_kind_id].code if m.work_kind_id else None})
    for a in session.scalars(select(Absence).where(Absence.lesson_id.in_(ids))):
        absences.setdefault(a.lesson_id, []).append({"student": skey[a.student_id], "code": a.code, "reason": a.reason})
    homework = {h.lesson_id: h for h in session.scalars(select(Homework).where(Homework.lesson_id.in_(ids)))}
    out = []
    for x in lessons:
        hw = homework.get(x.id)
        out.append({"course": ckey[x.course_id], "date": _iso(x.on_date), "no": x.lesson_no, "state": x.state,
                    "topic": x.topic, "attendance_taken": x.attendance_taken_at is not None,
                    "work_kind": kinds[x.work_kind_id].code if x.work_kind_id else None,
                    "homework": {"text": hw.text, "due": _iso(hw.due_on), "minutes": hw.minutes,
                                 "visible_from": _iso(hw.visible_from)} if hw else None,
                    "marks": sorted(marks.get(x.id, []), key=lambda m: m["student"]),
                    "absences": sorted(absences.get(x.id, []), key=lambda a: a["student"])})
    return sorted(out, key=lambda x: (x["course"], x["date"], x["no"]))


def _get_or_create(session, model, where: dict, values: dict | None = None):
    row = session.scalar(select(model).filter_by(**where))
    if row is None:
        row = model(**where, **(values or {}))
        session.add(row)
        session.flush()
    return row


def _teacher(session: Session, actor: Actor, org: Organisation, name: dict) -> int:
    person = session.scalar(select(Person).filter_by(organisation_id=org.id, **name))
    user = session.scalar(select(User).where(User.person_id == person.id)) if person else None
    if user:
        return user.id
    person = person or people.create_person(session, actor, org, **name, position="Учитель")
    user = User(login=f"imported-{secrets.token_hex(4)}", password_hash=generate_password_hash(secrets.token_hex(16)),
                active=False, organisation_id=org.id, person_id=person.id)  # an account to activate, not to use
    session.add(user)
    session.flush()
    return user.id


def import_period(session: Session, actor: Actor, data: bytes) -> SchoolClass:
    """Restore a class's period from the machine format into this school (all or nothing)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationFailed("Файл не является выгрузкой журнала (JSON в UTF-8).") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise ValidationFailed(f"Неизвестный формат выгрузки: ожидается «{SCHEMA}».")
    if errors := problems(doc):
        raise ValidationFailed("Выгрузка повреждена или неполна: ничего не загружено.", errors)
    org = session.get(Organisation, actor.organisation_id)
    y, p, c = doc["year"], doc["period"], doc["class"]
    year = _get_or_create(session, SchoolYear, {"organisation_id": org.id, "title": y["title"]},
                          {"start": date.fromisoformat(y["start"]), "end": date.fromisoformat(y["end"])})
    period = _get_or_create(session, SchoolPeriod, {"year_id": year.id, "kind": p["kind"], "number": p["number"]},
                            {"start": date.fromisoformat(p["start"]), "end": date.fromisoformat(p["end"])})
    klass = _get_or_create(session, SchoolClass, {"year_id": year.id, "name": c["name"]},
                           {"organisation_id": org.id, "grade": c["grade"], "shift": c["shift"]})
    kinds = {k["code"]: _get_or_create(session, WorkKind, {"organisation_id": org.id, "code": k["code"]},
                                       {"name": k["name"], "weight": k["weight"], "written": k["written"]}).id
             for k in doc["work_kinds"]}
    students = {}
    for s in doc["students"]:
        person = people.create_person(session, actor, org, surname=s["surname"], name=s["name"],
                                      patronymic=s["patronymic"], position=f"Обучающийся {klass.name} класса")
        student = Student(organisation_id=org.id, person_id=person.id, class_id=klass.id, group_no=s["group"],
                          birth_date=date.fromisoformat(s["birth_date"]) if s["birth_date"] else None)
        session.add(student)
        session.flush()
        students[s["key"]] = student.id
    courses = {}
    for k in doc["courses"]:
        subject = _get_or_create(session, Subject, {"organisation_id": org.id, "name": k["subject"]})
        course = Course(organisation_id=org.id, class_id=klass.id, group_no=k["group"], subject_id=subject.id,
                        teacher_id=_teacher(session, actor, org, k["teacher"]), hours_per_week=k["hours"])
        session.add(course)
        session.flush()
        courses[k["key"]] = course
    _restore_lessons(session, org, doc["lessons"], courses, students, kinds)
    for f in doc["finals"]:
        session.add(FinalMark(course_id=courses[f["course"]].id, student_id=students[f["student"]],
                              period_id=period.id, value=f["value"]))
    session.flush()
    return klass


def _restore_lessons(session, org, lessons, courses, students, kinds) -> None:
    for x in lessons:
        course = courses[x["course"]]
        lesson = Lesson(organisation_id=org.id, course_id=course.id, on_date=date.fromisoformat(x["date"]),
                        lesson_no=x["no"], state=x["state"], teacher_id=course.teacher_id, topic=x["topic"],
                        attendance_taken_at=utcnow() if x["attendance_taken"] else None,
                        work_kind_id=kinds.get(x["work_kind"]))
        session.add(lesson)
        session.flush()
        hw = x["homework"]
        if hw:
            session.add(Homework(lesson_id=lesson.id, text=hw["text"], minutes=hw["minutes"],
                                 due_on=date.fromisoformat(hw["due"]) if hw["due"] else None,
                                 visible_from=date.fromisoformat(hw["visible_from"]) if hw["visible_from"] else None))
        session.add_all(Mark(lesson_id=lesson.id, student_id=students[m["student"]], value=m["value"],
                             work_kind_id=kinds.get(m["kind"])) for m in x["marks"])
        session.add_all(Absence(lesson_id=lesson.id, student_id=students[a["student"]], code=a["code"],
                                reason=a["reason"]) for a in x["absences"])
