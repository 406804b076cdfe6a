"""The nine controls of the deputy director (CTL-01…09): each a constant number of queries for a
period, filtered by class, subject and teacher; each finding links to the lesson or grid to fix."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.formatting import short_person_name
from core.models import Person, SchoolPeriod, SchoolYear
from core.people import user_names
from journal.control_rules import Finding, density_minimum, homework_norm
from journal.deadlines import record_due, written_mark_due
from journal.models import (
    Course,
    Homework,
    Lesson,
    Mark,
    SchoolClass,
    Student,
    Substitution,
    ThematicPlanItem,
    WorkKind,
)
from journal.models.structure import SUBSTITUTION_KINDS

CONTROLS = {
    "CTL-01": "Своевременность записи уроков", "CTL-02": "Своевременность выставления отметок",
    "CTL-03": "Наполняемость отметок", "CTL-04": "Отметка посещаемости",
    "CTL-05": "Выполнение программы", "CTL-06": "Домашние задания",
    "CTL-07": "Объём домашних заданий", "CTL-08": "Замены и пропущенные уроки",
    "CTL-09": "Табель учёта рабочего времени",
}
HELD = ("scheduled", "held", "replaced", "combined")


@dataclass(frozen=True)
class Scope:
    """What a report covers: a date range and optional class, subject and teacher."""

    start: date
    end: date
    class_id: int | None = None
    subject_id: int | None = None
    teacher_id: int | None = None


def _in_scope(actor: Actor, scope: Scope, today: date) -> list:
    """Conditions on Lesson and Course for the lessons a report covers."""
    actor.require("journal.control")
    conditions = [Lesson.organisation_id == actor.organisation_id,
                  Lesson.on_date.between(scope.start, min(scope.end, today))]
    if scope.class_id:
        conditions.append(Course.class_id == scope.class_id)
    if scope.subject_id:
        conditions.append(Course.subject_id == scope.subject_id)
    if scope.teacher_id:
        conditions.append(Lesson.teacher_id == scope.teacher_id)
    return conditions


def _lessons(session: Session, actor: Actor, scope: Scope, today: date):
    stmt = (select(Lesson, Course, SchoolClass.name, SchoolClass.grade)
            .join(Course, Course.id == Lesson.course_id).join(SchoolClass, SchoolClass.id == Course.class_id)
            .where(*_in_scope(actor, scope, today)))
    return session.execute(stmt.order_by(Lesson.on_date, Lesson.lesson_no)).all()


def _names(session: Session, actor: Actor, user_ids=None) -> dict[int, str]:
    return user_names(session, actor.organisation_id, user_ids)


def _finding(code, lesson, course, class_name, names, what) -> Finding:
    return Finding(code, class_name, course.subject.name, names.get(lesson.teacher_id, ""), lesson.on_date, what,
                   f"/journal/course/{course.id}#l{lesson.id}")


def lesson_timeliness(session, actor, scope, today, tz) -> list[Finding]:
    """CTL-01: lessons without a record on their day, or recorded late (REG-01)."""
    names, out = _names(session, actor), []
    for lesson, course, class_name, _ in _lessons(session, actor, scope, today):
        if lesson.state == "cancelled" or lesson.on_date > today:
            continue
        if not lesson.topic:
            out.append(_finding("CTL-01", lesson, course, class_name, names, "урок не записан"))
        elif lesson.topic_at and lesson.topic_at > record_due(lesson.on_date, tz):
            late = lesson.topic_at - record_due(lesson.on_date, tz)
            out.append(_finding("CTL-01", lesson, course, class_name, names, f"записан позже на {_span(late)}"))
    return out


def _span(delta: timedelta) -> str:
    days, hours = delta.days, delta.seconds // 3600
    return f"{days} дн. {hours} ч" if days else f"{hours} ч {delta.seconds // 60 % 60} мин"


def mark_timeliness(session, actor, scope, today, tz, now: datetime) -> list[Finding]:
    """CTL-02: written works without marks after the REG-05 limit, and marks entered late."""
    rows = _lessons(session, actor, scope, today)
    names, kinds = _names(session, actor), {k.id: k for k in session.scalars(select(WorkKind))}
    ids = [lesson.id for lesson, *_ in rows]
    marked = Counter(session.scalars(select(Mark.lesson_id).where(Mark.lesson_id.in_(ids))))
    late = Counter(session.scalars(select(Mark.lesson_id).where(Mark.lesson_id.in_(ids), Mark.late_minutes > 0)))
    out = []
    for lesson, course, class_name, _ in rows:
        kind = kinds.get(lesson.work_kind_id)
        if kind and kind.written and now > written_mark_due(lesson.on_date, tz) and not marked[lesson.id]:
            out.append(_finding("CTL-02", lesson, course, class_name, names, f"«{kind.name}» без отметок после 7 дней"))
        if late[lesson.id]:
            out.append(_finding("CTL-02", lesson, course, class_name, names, f"отметок выставлено позже срока: {late[lesson.id]}"))
    return out


def mark_density(session, actor, scope, today) -> list[Finding]:
    """CTL-03: students with fewer marks than the minimum in the period: "не аттестован" risk."""
    # counted by the database: a whole school's quarter holds some 100,000 marks
    scoped = _in_scope(actor, scope, today)
    lessons = select(Lesson.course_id).join(Course, Course.id == Lesson.course_id).where(*scoped)
    courses = {course.id: (course, class_name) for course, class_name in session.execute(
        select(Course, SchoolClass.name).join(SchoolClass, SchoolClass.id == Course.class_id)
        .where(Course.id.in_(lessons)))}
    counts = Counter({(course_id, sid): n for course_id, sid, n in session.execute(
        select(Lesson.course_id, Mark.student_id, func.count()).join(Mark, Mark.lesson_id == Lesson.id)
        .join(Course, Course.id == Lesson.course_id).where(*scoped).group_by(Lesson.course_id, Mark.student_id))})
    students = session.execute(select(Student.id, Student.class_id, Student.group_no, Person.surname, Person.name,
                                      Person.patronymic).join(Person, Person.id == Student.person_id)
                               .where(Student.organisation_id == actor.organisation_id, Student.active.is_(True))).all()
    by_class: dict[int, list[tuple[int, int, str]]] = {}  # not every student of the school per course
    for sid, class_id, group, *name in students:
        by_class.setdefault(class_id, []).append((sid, group, short_person_name(*name)))
    names, out = _names(session, actor, {course.teacher_id for course, _ in courses.values()}), []
    for course_id, (course, class_name) in courses.items():
        need = density_minimum(course.hours_per_week)
        for sid, group, student_name in by_class.get(course.class_id, ()):
            if course.group_no and group != course.group_no:
                continue
            have = counts[(course_id, sid)]
            if have < need:
                out.append(Finding("CTL-03", class_name, course.subject.name, names.get(course.teacher_id, ""), None,
                                   f"{student_name}: отметок {have} из {need} — риск «н/а»",
                                   f"/journal/course/{course.id}"))
    return out


def attendance_taken(session, actor, scope, today) -> list[Finding]:
    """CTL-04: held lessons without the "attendance taken" mark."""
    names = _names(session, actor)
    return [_finding("CTL-04", lesson, course, class_name, names, "посещаемость не отмечена")
            for lesson, course, class_name, _ in _lessons(session, actor, scope, today)
            if lesson.state != "cancelled" and lesson.on_date <= today and lesson.attendance_taken_at is None]


def programme(session, actor, scope, today) -> list[Finding]:
    """CTL-05: lessons held against the hours planned: the thematic plan's hours for the lessons the
    timetable had, where a КТП is loaded; else weekly hours × school weeks of the range."""
    rows = _lessons(session, actor, scope, today)
    held, cancelled, courses = Counter(), Counter(), {}
    for lesson, course, class_name, _ in rows:
        courses[course.id] = (course, class_name)
        (cancelled if lesson.state == "cancelled" else held)[course.id] += 1
    ktp = dict(session.execute(select(ThematicPlanItem.course_id, func.sum(ThematicPlanItem.hours))
                               .where(ThematicPlanItem.course_id.in_(courses))
                               .group_by(ThematicPlanItem.course_id)).all())
    weeks = max(1, round(((min(scope.end, today) - scope.start).days + 1) / 7))
    names, out = _names(session, actor), []
    for course_id, (course, class_name) in courses.items():
        if course_id in ktp:
            planned = min(int(ktp[course_id]), held[course_id] + cancelled[course_id])
            if held[course_id] < planned:
                out.append(Finding("CTL-05", class_name, course.subject.name, names.get(course.teacher_id, ""), None,
                                   f"по КТП к этой дате {planned} ч, проведено {held[course_id]} "
                                   f"(отменено {cancelled[course_id]}, всего по КТП {ktp[course_id]} ч)",
                                   f"/journal/course/{course.id}"))
            continue
        planned = course.hours_per_week * weeks
        if held[course_id] < planned:
            out.append(Finding("CTL-05", class_name, course.subject.name, names.get(course.teacher_id, ""), None,
                               f"проведено {held[course_id]} из {planned} ч (отменено {cancelled[course_id]})",
                               f"/journal/course/{course.id}"))
    return out


def homework(session, actor, scope, today) -> list[Finding]:
    """CTL-06: held lessons without homework, and homework entered after the REG-03 limit."""
    rows = _lessons(session, actor, scope, today)
    given = {h.lesson_id: h for h in session.scalars(select(Homework).where(
        Homework.lesson_id.in_([lesson.id for lesson, *_ in rows])))}
    names, out = _names(session, actor), []
    for lesson, course, class_name, _ in rows:
        if lesson.state == "cancelled" or lesson.on_date > today:
            continue
        hw = given.get(lesson.id)
        if hw is None:
            out.append(_finding("CTL-06", lesson, course, class_name, names, "домашнее задание не задано"))
        elif hw.late_minutes:
            out.append(_finding("CTL-06", lesson, course, class_name, names, f"задание внесено позже на {hw.late_minutes} мин"))
    return out


def homework_load(session, actor, scope, today) -> list[Finding]:
    """CTL-07: total homework minutes due on one day for one class above the age norm (HW-01)."""
    actor.require("journal.control")
    rows = session.execute(select(SchoolClass.id, SchoolClass.name, SchoolClass.grade, Homework.due_on,
                                  func.sum(Homework.minutes))
                           .join(Course, Course.class_id == SchoolClass.id).join(Lesson, Lesson.course_id == Course.id)
                           .join(Homework, Homework.lesson_id == Lesson.id)
                           .where(SchoolClass.organisation_id == actor.organisation_id,
                                  Homework.due_on.between(scope.start, scope.end), Course.group_no.is_(None))
                           .group_by(SchoolClass.id, SchoolClass.name, SchoolClass.grade, Homework.due_on)).all()
    return [Finding("CTL-07", name, "", "", due, f"{total} мин при норме {homework_norm(grade)} мин",
                    f"/journal/admin/controls?control=CTL-07&class_id={class_id}")
            for class_id, name, grade, due, total in rows
            if total and total > homework_norm(grade) and (not scope.class_id or scope.class_id == class_id)]


def replacements(session, actor, scope, today) -> list[Finding]:
    """CTL-08: the register of replaced, combined, moved and cancelled lessons."""
    actor.require("journal.control")
    names = _names(session, actor)
    rows = session.execute(select(Substitution, Course, SchoolClass.name).join(Course, Course.id == Substitution.course_id)
                           .join(SchoolClass, SchoolClass.id == Course.class_id)
                           .where(Substitution.organisation_id == actor.organisation_id,
                                  Substitution.on_date.between(scope.start, scope.end))
                           .order_by(Substitution.on_date)).all()
    return [Finding("CTL-08", class_name, course.subject.name, names.get(course.teacher_id, ""), sub.on_date,
                    f"{sub.lesson_no} урок: {SUBSTITUTION_KINDS[sub.kind]}"
                    + (f", замещает {names.get(sub.substitute_id, '')}" if sub.substitute_id else "")
                    + (f" ({sub.reason})" if sub.reason else ""), f"/journal/course/{course.id}")
            for sub, course, class_name in rows]


def timesheet(session, actor, scope, today) -> list[Finding]:
    """CTL-09: lessons actually given per teacher per day (held, replaced, combined)."""
    names = _names(session, actor)
    per = defaultdict(int)
    for lesson, *_ in _lessons(session, actor, scope, today):
        if lesson.state != "cancelled" and lesson.topic:
            per[(lesson.teacher_id, lesson.on_date)] += 1
    return [Finding("CTL-09", "", "", names.get(t, ""), d, f"уроков: {n}", "") for (t, d), n in sorted(per.items(),
            key=lambda kv: (names.get(kv[0][0], ""), kv[0][1]))]


def run(code: str, session, actor, scope, today, tz, now) -> list[Finding]:
    """Run one control by its code."""
    table = {"CTL-01": lambda: lesson_timeliness(session, actor, scope, today, tz),
             "CTL-02": lambda: mark_timeliness(session, actor, scope, today, tz, now),
             "CTL-03": lambda: mark_density(session, actor, scope, today),
             "CTL-04": lambda: attendance_taken(session, actor, scope, today),
             "CTL-05": lambda: programme(session, actor, scope, today),
             "CTL-06": lambda: homework(session, actor, scope, today),
             "CTL-07": lambda: homework_load(session, actor, scope, today),
             "CTL-08": lambda: replacements(session, actor, scope, today),
             "CTL-09": lambda: timesheet(session, actor, scope, today)}
    return table[code]()


def period_scope(session, actor, period_id: int | None, today: date, **filters) -> tuple[Scope, list[SchoolPeriod]]:
    """The scope of a period (the current quarter by default)."""
    year = session.scalars(select(SchoolYear).where(SchoolYear.organisation_id == actor.organisation_id)
                           .order_by(SchoolYear.start.desc())).first()
    periods = [p for p in year.periods if p.kind == "quarter"] if year else []
    period = next((p for p in periods if p.id == period_id), None) or next(
        (p for p in periods if p.start <= today <= p.end), periods[0] if periods else None)
    if period is None:
        return Scope(today, today, **filters), periods
    return Scope(period.start, period.end, **filters), periods

