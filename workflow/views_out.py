"""Plan outputs: Gantt timeline, Word and Excel files, private iCalendar feeds."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from core.auth import current_actor, login_required, permission_required, public
from core.clock import school_today
from core.db import get_session, utcnow
from core.forms import ConfirmForm
from core.http import DOCX, XLSX
from core.http import download as _download
from core.models import User
from workflow import export_service
from workflow.outputs import gantt_svg, ical_feed, plan_docx, plan_xlsx

bp = Blueprint("workflow_out", __name__, url_prefix="/plan")

@bp.route("/<int:plan_id>/gantt")
@permission_required("plan.view")
def gantt(plan_id: int):
    """The plan as a timeline with today's line and recurring occurrences."""
    today = school_today()
    plan, rows = export_service.plan_rows(get_session(), current_actor(), plan_id, today)
    # gantt_svg escapes every text it draws, so the markup is safe to embed.
    return render_template("workflow/gantt.html", plan=plan, svg=Markup(gantt_svg(rows, today)))


@bp.route("/<int:plan_id>/export.docx")
@permission_required("plan.view")
def export_docx(plan_id: int):
    """The plan as a Word table with the completion column filled from tracking."""
    plan, rows = export_service.plan_rows(get_session(), current_actor(), plan_id, school_today())
    return _download(plan_docx(plan.title, rows), DOCX, f"plan-{plan.id}.docx")


@bp.route("/<int:plan_id>/export.xlsx")
@permission_required("plan.view")
def export_xlsx(plan_id: int):
    """The plan as an Excel sheet."""
    plan, rows = export_service.plan_rows(get_session(), current_actor(), plan_id, school_today())
    return _download(plan_xlsx(plan.title, rows), XLSX, f"plan-{plan.id}.xlsx")


def _ics(name: str, rows) -> Response:
    body = ical_feed(name, rows, utcnow(), request.host_url.rstrip("/"))
    return Response(body, mimetype="text/calendar; charset=utf-8")


@bp.route("/feed/<token>.ics")
@public
def plan_feed(token: str):
    """The plan's calendar feed; the private token in the address is the key."""
    plan, rows = export_service.feed_rows_by_plan_token(get_session(), token, school_today())
    return _ics(plan.title[:100], rows)


@bp.route("/my/feed/<token>.ics")
@public
def my_feed(token: str):
    """A person's calendar feed of their tasks."""
    user, rows = export_service.feed_rows_by_user_token(get_session(), token, school_today())
    return _ics(f"Задачи: {user.display_name}", rows)


@bp.route("/my/feed", methods=["GET", "POST"])
@login_required
def my_feed_link():
    """Show (and on request renew) the private address of the user's task calendar."""
    session, form = get_session(), ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        export_service.renew_user_feed_token(session, current_actor())
        session.commit()
        flash("Выдан новый адрес календаря; старый больше не работает.", "success")
        return redirect(url_for("workflow_out.my_feed_link"))
    token = session.get(User, current_actor().user_id).feed_token
    url = url_for("workflow_out.my_feed", token=token, _external=True) if token else None
    return render_template("workflow/feed.html", url=url, form=form)
