"""The deputy's structure pages: classes and courses, and each class's weekly timetable, where
removing a slot lists the lessons that keep their data instead of deleting them."""
from __future__ import annotations

from datetime import date, time

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.auth import current_actor, permission_required
from core.clock import school_today
from core.db import get_session
from core.errors import NotFound, ValidationFailed
from core.models import SchoolYear, User, UserRole
from journal import setup_service as setup
from journal.models import BellSlot, Course, SchoolClass, TimetableEntry
from journal.timetable_service import end_timetable_entry

bp = Blueprint("journal_structure", __name__, url_prefix="/journal/admin")
WEEKDAYS = ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота")


def _year(session, actor) -> SchoolYear:
    year = session.scalars(select(SchoolYear).where(SchoolYear.organisation_id == actor.organisation_id)
                           .order_by(SchoolYear.start.desc())).first()
    if year is None:
        raise NotFound("Учебный год не заведён.")
    return year


def _teachers(session, actor) -> list[User]:
    return list(session.scalars(select(User).join(UserRole).where(
        User.organisation_id == actor.organisation_id, UserRole.role == "teacher").order_by(User.login)))


def _int(name: str) -> int | None:
    value = request.form.get(name, "").strip()
    return int(value) if value.isdigit() else None


@bp.route("/structure", methods=["GET", "POST"])
@permission_required("journal.control")
def structure():
    """Classes with their courses; add a class or a course."""
    session, actor = get_session(), current_actor()
    year = _year(session, actor)
    if request.method == "POST":
        if request.form.get("what") == "class":
            setup.add_class(session, actor, year, request.form.get("name", ""), _int("class_teacher"), _int("shift") or 1)
        else:
            klass = session.get(SchoolClass, _int("class_id") or 0)
            subject_name = " ".join(request.form.get("subject", "").split())
            if klass is None or klass.organisation_id != actor.organisation_id or not subject_name or not _int("teacher"):
                raise ValidationFailed("Укажите класс, предмет и учителя.")
            setup.add_course(session, actor, klass, setup.add_subject(session, actor, subject_name), _int("teacher"),
                             _int("hours") or 1, _int("group"))
        session.commit()
        flash("Сохранено.", "success")
        return redirect(url_for("journal_structure.structure"))
    classes = list(session.scalars(select(SchoolClass).where(SchoolClass.year_id == year.id).order_by(SchoolClass.grade,
                                                                                                    SchoolClass.name)))
    courses = list(session.scalars(select(Course).where(Course.class_id.in_([c.id for c in classes]))))
    teachers = _teachers(session, actor)
    return render_template("journal/structure.html", year=year, classes=classes, courses=courses, teachers=teachers,
                           names={u.id: u.display_name for u in teachers})


@bp.route("/class/<int:class_id>/timetable", methods=["GET", "POST"])
@permission_required("journal.control")
def timetable(class_id: int):
    """A class's week: add a slot; removing one first lists what it would affect."""
    session, actor = get_session(), current_actor()
    klass = session.get(SchoolClass, class_id)
    if klass is None or klass.organisation_id != actor.organisation_id:
        raise NotFound("Класс не найден.")
    year = session.get(SchoolYear, klass.year_id)
    courses = {c.id: c for c in session.scalars(select(Course).where(Course.class_id == klass.id))}
    preview = None
    if request.method == "POST" and request.form.get("what") == "add":
        course = courses.get(_int("course") or 0)
        weekday, number = _int("weekday"), _int("lesson_no")
        if course is None or weekday is None or not number:
            raise ValidationFailed("Укажите курс, день и номер урока.")
        setup.add_timetable(session, actor, course, weekday, number, _date("from") or school_today(), year.end)
        session.commit()
        return redirect(url_for("journal_structure.timetable", class_id=class_id))
    if request.method == "POST" and request.form.get("what") == "remove":
        entry = session.get(TimetableEntry, _int("entry") or 0)
        if entry is None or entry.course_id not in courses:
            raise NotFound("Урок расписания не найден.")
        confirm = request.form.get("confirm") == "1"
        kept, removed = end_timetable_entry(session, entry, _date("from") or school_today(), confirm)
        if confirm:
            session.commit()
            flash(f"Убрано из расписания. Удалено пустых уроков: {len(removed)}; уроков с записями сохранено: "
                  f"{len(kept)}.", "success")
            return redirect(url_for("journal_structure.timetable", class_id=class_id))
        preview = {"entry": entry, "kept": kept, "removed": removed, "from": request.form.get("from", "")}
    entries = list(session.scalars(select(TimetableEntry).where(TimetableEntry.course_id.in_(list(courses)),
                                                                TimetableEntry.valid_to >= school_today())))
    return render_template("journal/timetable.html", klass=klass, courses=courses, entries=entries,
                           weekdays=WEEKDAYS, preview=preview)


def _date(name: str) -> date | None:
    value = request.form.get(name, "")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ValidationFailed(f"Дата «{value}» не распознана.") from None


@bp.route("/bells", methods=["GET", "POST"])
@permission_required("journal.control")
def bells():
    """The bell schedule per shift, with the weekdays that differ (a shortened Saturday, a class hour)."""
    session, actor = get_session(), current_actor()
    if request.method == "POST":
        try:
            start, end = time.fromisoformat(request.form["start"]), time.fromisoformat(request.form["end"])
        except (KeyError, ValueError):
            raise ValidationFailed("Время — в формате ЧЧ:ММ.") from None
        setup.set_bell(session, actor, _int("shift") or 1, _int("weekday"), _int("number") or 0, start, end)
        session.commit()
        return redirect(url_for("journal_structure.bells"))
    slots = session.scalars(select(BellSlot).where(BellSlot.organisation_id == actor.organisation_id)
                            .order_by(BellSlot.shift, BellSlot.weekday.is_not(None), BellSlot.weekday, BellSlot.number)).all()
    return render_template("journal/bells.html", slots=slots, weekdays=WEEKDAYS)
