"""The deputy director's journal pages: class lists import, substitutions, lesson generation,
the corrections list; and the teacher's final marks."""
from __future__ import annotations

import base64
import binascii
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.auth import current_actor, permission_required
from core.calendar_service import school_calendar
from core.clock import school_today
from core.db import get_session
from core.errors import NotFound, ValidationFailed
from core.models import Organisation, SchoolYear, User
from core.people import user_names
from journal import grid_service, period_service
from journal import setup_service as setup
from journal.access import readable_courses
from journal.models import Course, Substitution
from journal.models.structure import SUBSTITUTION_KINDS
from journal.roster import read_roster
from journal.timetable_service import apply_substitution, generate_lessons

bp = Blueprint("journal_admin", __name__, url_prefix="/journal/admin")


def _year(session, actor) -> SchoolYear:
    year = session.scalars(select(SchoolYear).where(SchoolYear.organisation_id == actor.organisation_id)
                           .order_by(SchoolYear.start.desc())).first()
    if year is None:
        raise NotFound("Учебный год не заведён.")
    return year


@bp.route("/roster", methods=["GET", "POST"])
@permission_required("journal.control")
def roster():
    """Upload a class list (CSV or XLSX): preview with every problem by line; import all or nothing."""
    session, actor = get_session(), current_actor()
    year = _year(session, actor)
    if request.method == "POST" and "confirm" in request.form:
        try:
            data = base64.b64decode(request.form.get("file_b64", ""), validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailed("Файл повреждён при передаче: загрузите его снова.") from None
        rows, problems = read_roster(data, request.form.get("filename", ""))
        if problems:
            raise ValidationFailed("Список не импортирован: исправьте ошибки.", problems)
        count = setup.import_roster(session, actor, session.get(Organisation, actor.organisation_id), year, rows)
        session.commit()
        flash(f"Импортировано учеников: {count}.", "success")
        return redirect(url_for("journal_admin.roster"))
    if request.method == "POST":
        upload = request.files.get("file")
        data = upload.read() if upload else b""
        name = upload.filename if upload else ""
        rows, problems = read_roster(data, name)
        problems += setup.check_roster(session, actor.organisation_id, year, rows)
        return render_template("journal/roster.html", rows=rows, problems=problems, year=year,
                               file_b64=base64.b64encode(data).decode(), filename=name), (422 if problems else 200)
    return render_template("journal/roster.html", rows=None, problems=[], year=year)


@bp.route("/substitutions", methods=["GET", "POST"])
@permission_required("journal.control")
def substitutions():
    """The day's changes of the timetable: cancellations, substitute teachers, combinations, moves."""
    session, actor = get_session(), current_actor()
    courses = list(session.scalars(select(Course).where(readable_courses(actor)).order_by(Course.class_id)))
    teachers = session.scalars(select(User).where(User.organisation_id == actor.organisation_id,
                                                  User.active.is_(True)).order_by(User.login)).all()
    if request.method == "POST":
        course = next((c for c in courses if str(c.id) == request.form.get("course")), None)
        kind = request.form.get("kind", "")
        if course is None or kind not in SUBSTITUTION_KINDS:
            raise ValidationFailed("Выберите курс и вид изменения.")
        try:
            on = date.fromisoformat(request.form.get("on_date", ""))
            number = int(request.form.get("lesson_no", ""))
        except ValueError:
            raise ValidationFailed("Укажите дату и номер урока.") from None
        sub = setup.add_substitution(session, actor, course, on, number, kind,
                                     substitute_id=int(request.form["substitute"]) if request.form.get("substitute", "").isdigit() else None,
                                     new_lesson_no=int(request.form["new_lesson_no"]) if request.form.get("new_lesson_no", "").isdigit() else None,
                                     reason=request.form.get("reason", "")[:300])
        apply_substitution(session, sub)
        session.commit()
        flash("Изменение расписания записано.", "success")
        return redirect(url_for("journal_admin.substitutions"))
    recent = session.scalars(select(Substitution).where(Substitution.organisation_id == actor.organisation_id)
                             .order_by(Substitution.on_date.desc()).limit(100)).all()
    return render_template("journal/substitutions.html", courses=courses, teachers=teachers, recent=recent,
                           kinds=SUBSTITUTION_KINDS, by_id={c.id: c for c in courses})


@bp.route("/lessons", methods=["POST"])
@permission_required("journal.control")
def lessons():
    """Make the lessons of a date range from the timetable (existing lessons are kept as they are)."""
    session, actor = get_session(), current_actor()
    try:
        start, end = date.fromisoformat(request.form["start"]), date.fromisoformat(request.form["end"])
    except (KeyError, ValueError):
        raise ValidationFailed("Укажите даты начала и конца.") from None
    year = _year(session, actor)
    made = generate_lessons(session, actor.organisation_id, school_calendar(session, actor.organisation_id,
                                                                            title=year.title), start, end)
    session.commit()
    flash(f"Создано уроков: {made}.", "success")
    return redirect(url_for("journal_admin.substitutions"))


@bp.route("/corrections")
@permission_required("journal.control")
def corrections():
    """Late entries and changes of closed periods, with who, when, old and new value, and why."""
    session, actor = get_session(), current_actor()
    rows = period_service.corrections(session, actor)
    names = user_names(session, actor.organisation_id)
    return render_template("journal/corrections.html", rows=rows, names=names)


@bp.route("/finals/<int:course_id>/<int:period_id>", methods=["POST"])
@permission_required("journal.write", "journal.control")
def finals(course_id: int, period_id: int):
    """The teacher confirms the final marks of a period (the suggestion is kept beside them)."""
    session, actor = get_session(), current_actor()
    grid = grid_service.course_grid(session, actor, course_id, period_id, school_today())
    values = {s.id: request.form.get(f"f_{s.id}", "").strip().lower() for s in grid.students}
    changed = period_service.set_final_marks(session, actor, course_id, grid.period.id, values, grid.suggestions)
    session.commit()
    flash(f"Итоговые отметки сохранены: {changed}.", "success")
    return redirect(url_for("journal.grid", course_id=course_id, period=grid.period.id))
