"""Plan pages: list, import with preview, the plan as the paper table, dashboard, my tasks."""
from __future__ import annotations

import base64
import binascii

from flask import Blueprint, flash, redirect, render_template, url_for

from core.auth import current_actor, login_required, permission_required
from core.clock import school_today
from core.db import get_session
from core.errors import ValidationFailed
from workflow import plan_service
from workflow.forms import PlanConfirmForm, PlanUploadForm
from workflow.importing import read_plan_file
from workflow.lifecycle import TASK
from workflow.tracking import is_overdue, progress

bp = Blueprint("workflow", __name__, url_prefix="/plan")


@bp.route("/")
@permission_required("plan.view")
def index():
    """The school's plans."""
    plans = plan_service.list_plans(get_session(), current_actor())
    return render_template("workflow/index.html", plans=plans)


@bp.route("/import", methods=["GET", "POST"])
@permission_required("plan.edit")
def import_upload():
    """Upload a plan and see what was read before anything is saved."""
    form = PlanUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        try:
            draft = read_plan_file(data, upload.filename or "", school_today())
        except ValidationFailed as exc:
            flash(exc.message, "error")
            return render_template("workflow/import.html", form=form), 422
        confirm = PlanConfirmForm(file_b64=base64.b64encode(data).decode(),
                                  filename=upload.filename)
        return render_template("workflow/preview.html", draft=draft, confirm=confirm)
    return render_template("workflow/import.html", form=form)


@bp.route("/import/confirm", methods=["POST"])
@permission_required("plan.edit")
def import_confirm():
    """Save the previewed plan (the file is read again: nothing from the browser is trusted)."""
    form = PlanConfirmForm()
    if not form.validate_on_submit():
        flash("Форма импорта устарела. Загрузите файл снова.", "error")
        return redirect(url_for("workflow.import_upload"))
    try:
        data = base64.b64decode(form.file_b64.data, validate=True)
    except (binascii.Error, ValueError):
        flash("Файл повреждён при передаче. Загрузите его снова.", "error")
        return redirect(url_for("workflow.import_upload"))
    session = get_session()
    draft = read_plan_file(data, form.filename.data, school_today())
    plan, warnings = plan_service.import_plan(session, current_actor(), draft, form.filename.data, data)
    session.commit()
    flash(f"План импортирован: этапов {len(draft.stages)}, мероприятий {draft.task_count}.", "success")
    for w in warnings:
        flash(w, "info")
    return redirect(url_for("workflow.plan", plan_id=plan.id))


@bp.route("/<int:plan_id>")
@permission_required("plan.view")
def plan(plan_id: int):
    """The plan laid out like the paper original, with a status column."""
    table = plan_service.load_plan_table(get_session(), current_actor(), plan_id)
    today = school_today()
    due = {t.id: plan_service.task_due(t, table.occurrences.get(t.id, []), today)
           for s in table.stages for t in s.tasks}
    return render_template("workflow/plan.html", table=table, due=due, today=today,
                           is_overdue=is_overdue, states=TASK.states)


@bp.route("/<int:plan_id>/dashboard")
@permission_required("plan.view")
def dashboard(plan_id: int):
    """Progress per stage: done, overdue, due this week."""
    table = plan_service.load_plan_table(get_session(), current_actor(), plan_id)
    today = school_today()
    rows, everything = [], []
    for stage in table.stages:
        pairs = [(t.status, plan_service.task_due(t, table.occurrences.get(t.id, []), today))
                 for t in stage.tasks]
        overdue = [t for t, (s, d) in zip(stage.tasks, pairs, strict=True) if is_overdue(s, d, today)]
        rows.append((stage, progress(pairs, today), overdue))
        everything += pairs
    total = progress(everything, today)
    return render_template("workflow/dashboard.html", table=table, rows=rows, total=total, today=today)


@bp.route("/my")
@login_required
def my_tasks():
    """Tasks that reach the user by name, role or group."""
    tasks = plan_service.my_tasks(get_session(), current_actor())
    return render_template("workflow/my_tasks.html", tasks=tasks, today=school_today(),
                           is_overdue=is_overdue, states=TASK.states)
