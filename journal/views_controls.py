"""The deputy director's controls (ВШК): nine reports with filters and XLSX export, and the
dashboard of the school's state."""
from __future__ import annotations

import io
from collections import Counter
from datetime import datetime, time
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from markupsafe import Markup
from openpyxl import Workbook
from sqlalchemy import case, func, select

from core.auth import current_actor, permission_required
from core.calendar_service import production_calendar
from core.clock import school_today
from core.db import get_session, utcnow
from core.errors import NotFound, ValidationFailed
from core.http import DOCX, PDF, XLSX, download
from core.models import Job, Organisation, SchoolYear, User
from core.pdf import docx_to_pdf
from core.people import user_names
from journal import archive, controls, period_service, school_print
from journal import storage as archive_storage
from journal import summary as sheet
from journal.models import EntryChange, SchoolClass, Subject
from workflow import plan_service

bp = Blueprint("journal_controls", __name__, url_prefix="/journal/admin")


def _filters() -> dict:
    return {k: request.args.get(k, type=int) for k in ("class_id", "subject_id", "teacher_id")}


@bp.route("/controls")
@permission_required("journal.control")
def report():
    """One control for a period, filtered; `format=xlsx` exports it."""
    session, actor, today = get_session(), current_actor(), school_today()
    code = request.args.get("control", "CTL-01")
    if code not in controls.CONTROLS:
        code = "CTL-01"
    scope, periods = controls.period_scope(session, actor, request.args.get("period", type=int), today, **_filters())
    findings = controls.run(code, session, actor, scope, today, current_app.config["SCHOOL_TIMEZONE"], utcnow())
    if request.args.get("format") == "xlsx":
        return download(_xlsx(code, findings), XLSX, f"{code}.xlsx")
    return render_template("journal/controls.html", code=code, controls=controls.CONTROLS, findings=findings,
                           periods=periods, scope=scope, args=request.args,
                           classes=session.scalars(select(SchoolClass).where(SchoolClass.organisation_id == actor.organisation_id)
                                                   .order_by(SchoolClass.name)).all(),
                           subjects=session.scalars(select(Subject).where(Subject.organisation_id == actor.organisation_id)
                                                    .order_by(Subject.name)).all())


def _xlsx(code: str, findings) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = code
    ws.append([f"{code}: {controls.CONTROLS[code]}"])
    ws.append(["Класс", "Предмет", "Учитель", "Дата", "Что найдено", "Где исправить"])
    for f in findings:
        ws.append([f.class_name, f.subject, f.teacher, f.on, f.what, f.link])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _bars(rows: list[tuple[str, float]], unit: str = "%") -> Markup:
    """A horizontal bar chart drawn on the server (no scripts, no CDN)."""
    height = 22 * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height}" role="img">']
    for i, (label, value) in enumerate(rows):
        y = 5 + i * 22
        width = max(1, int(3.5 * min(value, 100))) if unit == "%" else max(1, int(value * 8))
        colour = "#1c7c3a" if unit != "%" or value >= 90 else ("#9a6700" if value >= 70 else "#b3261e")
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{escape(label)}</text>'
                     f'<rect x="230" y="{y}" width="{width}" height="16" fill="{colour}"/>'
                     f'<text x="{236 + width}" y="{y + 13}" font-size="12">{value:.0f}{escape(unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # every text is escaped above


@bp.route("/dashboard")
@permission_required("journal.control")
def dashboard():
    """The school at a glance: on-time entries per teacher and classes at risk of "н/а"."""
    session, actor, today = get_session(), current_actor(), school_today()
    scope, periods = controls.period_scope(session, actor, request.args.get("period", type=int), today)
    late = case((EntryChange.late_minutes > 0, 1), else_=0)
    rows = session.execute(select(EntryChange.author_id, func.count(), func.sum(late))
        .where(EntryChange.organisation_id == actor.organisation_id,
               EntryChange.at.between(*(_utc_bounds(scope))))
        .group_by(EntryChange.author_id)).all()
    names = user_names(session, actor.organisation_id, [author for author, *_ in rows])
    on_time = sorted(((names.get(a, "?"), 100.0 * (n - (late or 0)) / n) for a, n, late in rows if n), key=lambda r: r[1])
    risk = Counter(f.class_name for f in controls.mark_density(session, actor, scope, today))
    return render_template("journal/control_dashboard.html", on_time=_bars(on_time), periods=periods, scope=scope,
                           risk=_bars(sorted(risk.items(), key=lambda r: -r[1]), " уч."), controls=controls.CONTROLS,
                           classes=session.scalars(select(SchoolClass).where(
                               SchoolClass.organisation_id == actor.organisation_id).order_by(SchoolClass.name)).all())


def _utc_bounds(scope) -> tuple[datetime, datetime]:
    tz = ZoneInfo(current_app.config["SCHOOL_TIMEZONE"])
    return datetime.combine(scope.start, time(0), tz), datetime.combine(scope.end, time(23, 59, 59), tz)


@bp.route("/print", methods=["POST"])
@permission_required("journal.control")
def print_quarter():
    """Print a class's quarter: freezes a snapshot and returns the Word file."""
    session, actor = get_session(), current_actor()
    class_id, period_id = request.form.get("class_id", type=int), request.form.get("period_id", type=int)
    if not class_id or not period_id:
        raise ValidationFailed("Выберите класс и четверть.")
    snap, data = archive.print_quarter(session, actor, class_id, period_id, current_app.config["SCHOOL_TIMEZONE"])
    name = f"journal-{snap.data['class']}-q{snap.data['period']['number']}-{snap.number}"
    pdf = docx_to_pdf(data) if request.form.get("pdf") else None
    session.commit()
    if request.form.get("pdf") and pdf is None:
        flash("PDF недоступен: на сервере не установлен LibreOffice; выдан файл Word.", "error")
    return download(pdf, PDF, f"{name}.pdf") if pdf else download(data, DOCX, f"{name}.docx")


@bp.route("/summary/<int:class_id>.<fmt>")
@permission_required("journal.read")
def summary(class_id: int, fmt: str):
    """The year-end summary sheet of a class in Word or Excel (ARC-05)."""
    session, actor = get_session(), current_actor()
    klass, subjects, rows = sheet.build(session, actor, class_id)
    if fmt == "xlsx":
        return download(sheet.to_xlsx(klass, subjects, rows), XLSX, f"svodnaya-{klass.name}.xlsx")
    if fmt != "docx":
        raise ValidationFailed("Формат: docx или xlsx.")
    year = session.get(SchoolYear, klass.year_id)
    signer = session.get(User, actor.user_id).display_name if "deputy" in actor.roles else ""
    data = sheet.to_docx(session.get(Organisation, actor.organisation_id), klass, year.title, subjects, rows, signer)
    return download(data, DOCX, f"svodnaya-{klass.name}.docx")


@bp.route("/print-school", methods=["POST"])
@permission_required("journal.control")
def print_school():
    """Queue the printing of every class for a quarter; the page shows its progress."""
    from journal import tasks  # the queue is set up only when a task is first sent

    session, actor = get_session(), current_actor()
    job = school_print.queue_school_print(session, actor, request.form.get("period_id", type=int) or 0)
    session.commit()
    tasks.print_school(job.id)
    return redirect(url_for("journal_controls.job", job_id=job.id))


def _job(session, actor, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None or job.organisation_id != actor.organisation_id:
        raise NotFound("Задание не найдено.")
    return job


@bp.route("/jobs/<int:job_id>")
@permission_required("journal.control")
def job(job_id: int):
    """Progress of a background job (the page refreshes itself while it runs)."""
    return render_template("journal/job.html", job=_job(get_session(), current_actor(), job_id))


@bp.route("/jobs/<int:job_id>/download")
@permission_required("journal.control")
def job_download(job_id: int):
    """The job's archive."""
    job = _job(get_session(), current_actor(), job_id)
    if job.status != "done":
        raise NotFound("Архив ещё не готов.")
    return send_from_directory(Path(current_app.instance_path) / "exports", job.result_name, as_attachment=True)


@bp.route("/storage")
@permission_required("journal.control")
def storage():
    """What the paper archive keeps and until when; what is due for destruction (ARC-06)."""
    cfg = current_app.config
    items = archive_storage.archive_list(get_session(), current_actor(), cfg["STORAGE_JOURNAL_YEARS"],
                                         cfg["STORAGE_SUMMARY_YEARS"])
    return render_template("journal/storage.html", items=items, today=school_today(),
                           journal_years=cfg["STORAGE_JOURNAL_YEARS"], summary_years=cfg["STORAGE_SUMMARY_YEARS"])


@bp.route("/controls/task", methods=["POST"])
@permission_required("journal.control")
def control_task():
    """Turn a control's findings into a plan task ("по плану ВШК") with a deadline in 5 working days."""
    session, actor, today = get_session(), current_actor(), school_today()
    code = request.form.get("control", "")
    if code not in controls.CONTROLS:
        raise ValidationFailed("Неизвестный вид контроля.")
    scope, _ = controls.period_scope(session, actor, request.form.get("period", type=int), today, **_form_filters())
    findings = controls.run(code, session, actor, scope, today, current_app.config["SCHOOL_TIMEZONE"], utcnow())
    if not findings:
        raise ValidationFailed("Нарушений нет — задача не нужна.")
    task = plan_service.add_task_from_source(
        session, actor, stage_title="Внутришкольный контроль (по плану ВШК)", number=code,
        title=f"Устранить замечания контроля «{controls.CONTROLS[code]}»: {len(findings)}",
        deadline=production_calendar(session).add_working_days(today, 5), assignees="Зам. директора по УВР",
        source_ref=f"control:{code}:{today.isoformat()}")
    session.commit()
    return redirect(url_for("workflow_task.task", task_id=task.id))


def _form_filters() -> dict:
    return {k: request.form.get(k, type=int) for k in ("class_id", "subject_id", "teacher_id")}


@bp.route("/summary/<int:class_id>/<step>", methods=["POST"])
@permission_required("journal.read")
def summary_step(class_id: int, step: str):
    """The class teacher prepares the summary sheet; the deputy director signs it (ARC-05)."""
    if step not in ("prepare", "sign"):
        raise NotFound("Неизвестное действие.")
    session, actor = get_session(), current_actor()
    (sheet.prepare if step == "prepare" else sheet.sign)(session, actor, class_id)
    session.commit()
    flash("Ведомость подготовлена." if step == "prepare" else "Ведомость подписана.", "success")
    return redirect(request.referrer if request.referrer and request.referrer.startswith(request.host_url)
                    else url_for("journal.index"))


@bp.route("/close-period", methods=["POST"])
@permission_required("journal.control")
def close_period():
    """Close a quarter (REG-07): teachers' changes stop; the deputy's go on the corrections list."""
    session = get_session()
    period_service.close_period(session, current_actor(), request.form.get("period_id", type=int) or 0)
    session.commit()
    flash("Четверть закрыта.", "success")
    return redirect(url_for("journal_controls.dashboard"))
