"""The task page and its actions: status, sub-items, occurrences, comments, evidence."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from core.auth import current_actor, permission_required
from core.clock import school_today
from core.db import get_session
from core.errors import ValidationFailed
from core.forms import ConfirmForm
from workflow import task_service
from workflow.forms import CommentForm, EvidenceForm, TransitionForm
from workflow.lifecycle import TASK
from workflow.tracking import is_overdue

bp = Blueprint("workflow_task", __name__, url_prefix="/plan/task")


def _back(task_id: int):
    return redirect(url_for("workflow_task.task", task_id=task_id))


@bp.route("/<int:task_id>")
@permission_required("plan.view")
def task(task_id: int):
    """A task with its items, terms, history, comments and evidence."""
    data = task_service.task_page_data(get_session(), current_actor(), task_id)
    t = data["task"]
    return render_template("workflow/task.html", **data, states=TASK.states, actions=TASK.actions,
                           available=TASK.available(t.status), transition=TransitionForm(),
                           comment_form=CommentForm(), evidence_form=EvidenceForm(),
                           confirm=ConfirmForm(), today=school_today(), is_overdue=is_overdue)


@bp.route("/<int:task_id>/status", methods=["POST"])
@permission_required("plan.view")
def change_status(task_id: int):
    """Apply one lifecycle action; a stale page is refused with a clear message."""
    form = TransitionForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    task_service.change_status(session, current_actor(), task_id, form.action.data, form.state.data,
                               form.reason.data or "")
    session.commit()
    flash(f"Состояние изменено: «{TASK.actions.get(form.action.data, '')}».", "success")
    return _back(task_id)


@bp.route("/item/<int:item_id>", methods=["POST"])
@permission_required("plan.view")
def item(item_id: int):
    """Tick or untick a sub-item."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    session = get_session()
    it = task_service.set_item_done(session, current_actor(), item_id, request.form.get("done") == "1")
    session.commit()
    return _back(it.task_id)


@bp.route("/occurrence/<int:occurrence_id>", methods=["POST"])
@permission_required("plan.view")
def occurrence(occurrence_id: int):
    """Mark one dated occurrence of a recurring task."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    session = get_session()
    occ = task_service.set_occurrence_status(session, current_actor(), occurrence_id,
                                             request.form.get("status", ""))
    session.commit()
    return _back(occ.task_id)


@bp.route("/<int:task_id>/comment", methods=["POST"])
@permission_required("plan.view")
def comment(task_id: int):
    """Add a comment."""
    form = CommentForm()
    if not form.validate_on_submit():
        flash("Комментарий пуст или слишком длинный.", "error")
        return _back(task_id)
    session = get_session()
    task_service.add_comment(session, current_actor(), task_id, form.text.data)
    session.commit()
    return _back(task_id)


@bp.route("/<int:task_id>/evidence", methods=["POST"])
@permission_required("plan.view")
def evidence(task_id: int):
    """Attach proof of completion."""
    form = EvidenceForm()
    if not form.validate_on_submit():
        flash("Проверьте поля подтверждения: " + "; ".join(
            e for errs in form.errors.values() for e in errs), "error")
        return _back(task_id)
    upload = form.file.data
    ref = form.ref_id.data or ""
    if ref and not ref.isdigit():
        raise ValidationFailed("Номер документа — целое число.")
    session = get_session()
    task_service.add_evidence(session, current_actor(), task_id, kind=form.kind.data,
                              title=form.title.data, url=form.url.data or "",
                              ref_id=int(ref) if ref else None,
                              file_name=upload.filename if upload else "",
                              file_data=upload.read() if upload else None)
    session.commit()
    flash("Подтверждение добавлено.", "success")
    return _back(task_id)
