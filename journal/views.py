"""Journal pages: my courses, the teacher's grid with column saving, the diary, absence reasons."""
from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from core.auth import current_actor, permission_required
from core.clock import school_today
from core.db import get_session, utcnow
from core.errors import ValidationFailed
from core.formatting import duration_ru
from core.http import download
from journal import (
    diary_service,
    entry_service,
    grid_html,
    grid_service,
    homework_files,
    period_service,
    thematic_plan,
)
from journal.access import can_write
from journal.entry_service import ColumnInput
from journal.grading import ABSENCE_REASONS
from journal.models import SchoolClass

bp = Blueprint("journal", __name__, url_prefix="/journal")


@bp.route("/")
@permission_required("journal.read", "diary.read")
def index():
    """A teacher's courses, or a parent's and a student's diaries."""
    session, actor = get_session(), current_actor()
    if actor.can("journal.read"):
        my_classes = session.scalars(select(SchoolClass).where(SchoolClass.class_teacher_id == actor.user_id)).all()
        return render_template("journal/index.html", courses=grid_service.my_courses(session, actor),
                               my_classes=my_classes)
    students = grid_service.diary_students(session, actor)
    if len(students) == 1:
        return redirect(url_for("journal.diary", student_id=students[0].id))
    return render_template("journal/children.html", students=students)


@bp.route("/course/<int:course_id>")
@permission_required("journal.read")
def grid(course_id: int):
    """The grid: students down, lesson dates across, topics and homework beneath."""
    g = grid_service.course_grid(get_session(), current_actor(), course_id, request.args.get("period", type=int),
                                 school_today())
    actor = current_actor()
    editable = {x.id for x in g.lessons if x.state != "cancelled" and can_write(actor, x)}
    forms = grid_html.ColumnForms(generate_csrf(), request.full_path,
                                  lambda i: url_for("journal.lesson", lesson_id=i),
                                  lambda i: url_for("journal.save_lesson", lesson_id=i))
    return render_template("journal/grid.html", g=g, header=grid_html.header(g, editable, forms),
                           rows=grid_html.rows(g, editable), meta=grid_html.meta_rows(g, editable))


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ValidationFailed(f"Дата «{value}» не распознана.") from None


def _seen(packed: str) -> dict[str, str]:
    """"12:5;13:н 4" (the grid's one field per column) → {"12": "5", "13": "н 4"}."""
    return dict(item.partition(":")[::2] for item in packed.split(";") if item)


def _column_input(form) -> ColumnInput:
    cells, kinds, comments = {}, {}, {}
    seen = _seen(form.get("seen", ""))
    for key, typed in form.items():
        sid = key[2:]
        if not sid.isdigit():
            continue
        if key.startswith("c_"):
            cells[int(sid)] = (typed, form.get(f"s_{sid}", seen.get(sid, "")))
        elif key.startswith("k_") and typed.isdigit():
            kinds[int(sid)] = int(typed)
        elif key.startswith("m_"):
            comments[int(sid)] = typed
    return ColumnInput(cells=cells, cell_kinds=kinds, cell_comments=comments, topic=form.get("topic"), seen_topic=form.get("seen_topic", ""),
                       homework=form.get("homework"), seen_homework=form.get("seen_homework", ""),
                       homework_due=_date(form.get("homework_due")), homework_minutes=_int(form.get("homework_minutes")),
                       homework_visible_from=_date(form.get("homework_visible_from")),
                       attendance_taken=form.get("attendance_taken") == "1", work_kind_id=_int(form.get("work_kind")),
                       reason=form.get("reason", "")[:2000])


@bp.route("/lesson/<int:lesson_id>", methods=["GET"])
@permission_required("journal.read")
def lesson(lesson_id: int):
    """One lesson on its own page: each student's cell with the kind of work and a comment."""
    page = grid_service.lesson_page(get_session(), current_actor(), lesson_id)
    return render_template("journal/lesson.html", **page, writable=can_write(current_actor(), page["lesson"]))


@bp.route("/lesson/<int:lesson_id>", methods=["POST"])
@permission_required("journal.write", "journal.control")
def save_lesson(lesson_id: int):
    """Save one lesson's column in one transaction and say what was saved, late or in conflict."""
    session = get_session()
    result = entry_service.save_column(session, current_actor(), lesson_id, _column_input(request.form),
                                       utcnow(), current_app.config["SCHOOL_TIMEZONE"])
    session.commit()
    flash(f"Сохранено изменений: {result.saved}.", "success")
    # one message per kind, not per cell: the messages live in the session cookie until shown,
    # and thirty of them overflow the 4 KB a browser keeps (found by the benchmark)
    if result.late:
        most = max(minutes for _, minutes in result.late)
        kinds = dict.fromkeys(FIELD_LABELS.get(name, name) for name, _ in result.late)
        flash(f"Внесено с опозданием: {_listed(kinds)}; наибольшее опоздание {duration_ru(most)}; "
              "причина записана.", "info")
    if result.conflicts:
        flash("Не сохранено: запись уже изменил другой пользователь — "
              + _listed(f"{_who(result, key)}: сейчас «{current}»" for key, current in result.conflicts)
              + ". Проверьте и внесите снова.", "error")
    back = request.form.get("back") or url_for("journal.index")
    return redirect(back if back.startswith("/") and not back.startswith("//") else url_for("journal.index"))


FIELD_LABELS = {"mark": "отметки", "absence": "посещаемость", "topic": "тема урока", "homework": "домашнее задание",
                "attendance_taken": "отметка о посещаемости", "mark_kind": "вид работы", "mark_comment": "комментарий"}


def _who(result, key: str) -> str:
    """A conflict's subject: the student's name, or the field's."""
    return result.names.get(int(key), key) if key.isdigit() else FIELD_LABELS.get(key, key)


def _listed(items, shown: int = 5) -> str:
    """"a, b, c и ещё 7" — a list short enough for one message."""
    items = list(items)
    rest = len(items) - shown
    return ", ".join(items[:shown]) + (f" и ещё {rest}" if rest > 0 else "")


@bp.route("/diary/<int:student_id>")
@permission_required("diary.read", "journal.read")
def diary(student_id: int):
    """The week's lessons, homework, marks and absences of one student the user may see."""
    today = school_today()
    start = request.args.get("week")
    session = get_session()
    monday = _date(start) if start else grid_service.default_monday(session, student_id, today)
    monday -= timedelta(days=monday.weekday())
    actor = current_actor()
    days = grid_service.diary_week(session, actor, student_id, monday, today)
    diary_service.log_view(session, actor, student_id)  # "who, when, which child" (the activity report)
    session.commit()
    return render_template("journal/diary.html", days=days, monday=monday, student_id=student_id,
                           prev=monday - timedelta(days=7), next=monday + timedelta(days=7),
                           can_confirm="parent" in actor.roles)


@bp.route("/diary/<int:student_id>/confirm", methods=["POST"])
@permission_required("diary.read")
def confirm_week(student_id: int):
    """A parent confirms "ознакомлен" for the week."""
    monday = _date(request.form.get("week")) or school_today()
    monday -= timedelta(days=monday.weekday())
    session = get_session()
    diary_service.confirm_week(session, current_actor(), student_id, monday)
    session.commit()
    flash("Ознакомление с дневником за неделю подтверждено.", "success")
    return redirect(url_for("journal.diary", student_id=student_id, week=monday.isoformat()))


@bp.route("/activity/<int:class_id>")
@permission_required("journal.read")
def activity(class_id: int):
    """The weekly activity of students and parents in the diary (for the class teacher)."""
    today = school_today()
    monday = _date(request.args.get("week")) or today - timedelta(days=today.weekday())
    monday -= timedelta(days=monday.weekday())
    rows = diary_service.activity(get_session(), current_actor(), class_id, monday,
                                  current_app.config["SCHOOL_TIMEZONE"])
    return render_template("journal/activity.html", rows=rows, monday=monday, class_id=class_id,
                           prev=monday - timedelta(days=7), next=monday + timedelta(days=7))


@bp.route("/absences/<int:class_id>")
@permission_required("journal.read")
def absences(class_id: int):
    """The class's absences with the form to record their reasons (class teacher)."""
    rows = period_service.class_absences(get_session(), current_actor(), class_id)
    return render_template("journal/absences.html", rows=rows, class_id=class_id, reasons=ABSENCE_REASONS)


@bp.route("/absence/<int:absence_id>/reason", methods=["POST"])
@permission_required("journal.read")
def absence_reason(absence_id: int):
    """The class teacher records why a student was absent."""
    reason = request.form.get("reason", "")
    if reason not in ("", *ABSENCE_REASONS):
        abort(400)
    session = get_session()
    period_service.set_absence_reason(session, current_actor(), absence_id, reason, request.form.get("document", ""))
    session.commit()
    flash("Причина пропуска записана.", "success")
    return redirect(request.form.get("back") or url_for("journal.index"))




@bp.route("/lesson/<int:lesson_id>/file", methods=["POST"])
@permission_required("journal.write", "journal.control")
def attach_file(lesson_id: int):
    """Attach a file to the lesson's homework."""
    upload = request.files.get("file")
    session = get_session()
    homework_files.attach(session, current_actor(), lesson_id, upload.filename if upload else "",
                          upload.read(homework_files.MAX_BYTES + 1) if upload else b"")
    session.commit()
    flash("Файл прикреплён к домашнему заданию.", "success")
    return redirect(url_for("journal.lesson", lesson_id=lesson_id))


@bp.route("/homework-file/<int:file_id>")
@permission_required("journal.read", "diary.read")
def homework_file(file_id: int):
    """Download a homework file (teachers of the course, the class's parents and students)."""
    row = homework_files.readable_file(get_session(), current_actor(), file_id)
    return download(row.data, row.content_type, row.name)


@bp.route("/course/<int:course_id>/ktp", methods=["POST"])
@permission_required("journal.write", "journal.control")
def upload_ktp(course_id: int):
    """Load the course's thematic plan from XLSX (replaces the previous one)."""
    upload = request.files.get("file")
    if upload is None:
        raise ValidationFailed("Выберите файл .xlsx.")
    items = thematic_plan.read_plan(upload.read(), upload.filename or "")
    session = get_session()
    count = thematic_plan.load_plan(session, current_actor(), course_id, items)
    session.commit()
    flash(f"КТП загружен: тем {count}.", "success")
    return redirect(url_for("journal.grid", course_id=course_id))
