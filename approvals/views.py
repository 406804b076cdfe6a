"""Approval pages: acts on their route, the route of one act with its actions, the founder's queue."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from approvals import opinion_service, queries, route_service
from approvals.forms import AdoptForm, FounderForm, NoteForm, OpinionForm, StartRouteForm, StateForm
from approvals.lifecycle import STEP
from approvals.models import OPINION_VERDICTS
from core.auth import current_actor, permission_required
from core.clock import school_today
from core.db import get_session
from documents.lifecycle import ACT

bp = Blueprint("approvals", __name__, url_prefix="/approvals")


@bp.route("/")
@permission_required("approvals.view", "founder.coordinate")
def index():
    """Acts on their route; for a founder officer, the schools' requests."""
    actor, session = current_actor(), get_session()
    if actor.can("founder.coordinate") and not actor.can("acts.edit"):
        return render_template("approvals/founder.html", queue=opinion_service.founder_queue(session, actor),
                               states=STEP.states)
    return render_template("approvals/index.html", rows=queries.acts_in_route(session, actor),
                           councils=queries.councils(session, actor), states=ACT.states, step_states=STEP.states)


@bp.route("/acts/<int:act_id>")
@permission_required("approvals.view")
def act_route(act_id: int):
    """An act's route: steps with citations and due dates, and why it cannot be adopted yet."""
    data = queries.route_page(get_session(), current_actor(), act_id, school_today())
    return render_template("approvals/route.html", **data, states=ACT.states, step_states=STEP.states,
                           start=StartRouteForm(state=data["act"].status), state_form=StateForm(),
                           note=NoteForm(), opinion=OpinionForm(), adopt=AdoptForm(),
                           verdicts=OPINION_VERDICTS, today=school_today())


def _back(act_id: int):
    return redirect(url_for("approvals.act_route", act_id=act_id))


@bp.route("/acts/<int:act_id>/start", methods=["POST"])
@permission_required("acts.edit")
def start(act_id: int):
    """Take the draft out of draft and build its route."""
    form = StartRouteForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    route_service.start_route(session, current_actor(), act_id, form.state.data, form.discussions.data,
                              form.legal_review.data, school_today())
    session.commit()
    flash("Маршрут построен, проект направлен.", "success")
    return _back(act_id)


@bp.route("/acts/<int:act_id>/review", methods=["POST"])
@permission_required("acts.edit")
def review(act_id: int):
    """After discussion: send for the opinions."""
    form = StateForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    route_service.to_review(session, current_actor(), act_id, form.state.data, school_today())
    session.commit()
    return _back(act_id)


@bp.route("/acts/<int:act_id>/resend", methods=["POST"])
@permission_required("acts.edit")
def resend(act_id: int):
    """Send the new version again to every step whose result went stale (L18)."""
    session = get_session()
    route_service.resend_stale(session, current_actor(), act_id, school_today())
    session.commit()
    flash("Новая редакция направлена повторно.", "success")
    return _back(act_id)


@bp.route("/steps/<int:step_id>/<what>", methods=["POST"])
@permission_required("acts.edit")
def step_action(step_id: int, what: str):
    """Record a discussion, review, consultation or protocol result, or skip an optional step."""
    form, session, actor = NoteForm(), get_session(), current_actor()
    if not form.validate_on_submit():
        abort(400)
    note = form.note.data or ""
    actions = {
        "record": lambda: route_service.record_simple(session, actor, step_id, note),
        "skip": lambda: route_service.skip_step(session, actor, step_id, note),
        "consultation": lambda: opinion_service.record_consultation(session, actor, step_id,
                                                                    form.agreed.data, note, school_today()),
        "protocol": lambda: opinion_service.record_protocol(session, actor, step_id, note),
    }
    if what not in actions:
        abort(404)
    step = actions[what]()
    session.commit()
    return _back(step.act_id)


@bp.route("/steps/<int:step_id>/opinion", methods=["POST"])
@permission_required("acts.edit", "council.record")
def opinion(step_id: int):
    """Record a council's or the union's opinion from its letter or protocol."""
    form = OpinionForm()
    if not form.validate_on_submit():
        flash("Проверьте поля мнения: " + "; ".join(e for errs in form.errors.values() for e in errs), "error")
        return redirect(request.referrer or url_for("approvals.index"))
    scan = form.scan.data
    session = get_session()
    op = opinion_service.record_opinion(
        session, current_actor(), step_id, verdict=form.verdict.data, text=form.text.data or "",
        received_on=form.received_on.data, protocol_no=form.protocol_no.data or "",
        protocol_date=form.protocol_date.data, scan_name=scan.filename if scan else "",
        scan=scan.read() if scan else None)
    session.commit()
    flash("Мнение записано.", "success")
    step, _ = route_service.get_step(session, current_actor(), op.step_id)
    return _back(step.act_id)


@bp.route("/acts/<int:act_id>/adopt", methods=["POST"])
@permission_required("acts.edit")
def adopt(act_id: int):
    """Adoption by the director (refused with missing steps unless overridden with a reason)."""
    form = AdoptForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    opinion_service.adopt_by_director(session, current_actor(), act_id, form.state.data, school_today(),
                                      form.override_reason.data or "")
    session.commit()
    flash("Акт принят.", "success")
    return _back(act_id)


@bp.route("/acts/<int:act_id>/founder", methods=["POST"])
@permission_required("acts.edit")
def to_founder(act_id: int):
    """Send the adopted version to the founder."""
    session = get_session()
    opinion_service.send_to_founder(session, current_actor(), act_id, school_today())
    session.commit()
    flash("Направлено на согласование Учредителю.", "success")
    return _back(act_id)


@bp.route("/founder/<int:step_id>", methods=["GET", "POST"])
@permission_required("founder.coordinate")
def founder_step(step_id: int):
    """The founder reads the version (and its changes) and coordinates or returns it."""
    session, actor, form = get_session(), current_actor(), FounderForm()
    step, act = opinion_service.founder_step(session, actor, step_id)
    if form.validate_on_submit():
        opinion_service.founder_decide(session, actor, step_id, form.decision.data == "coordinate",
                                       form.remarks.data or "", school_today())
        session.commit()
        flash("Решение направлено школе.", "success")
        return redirect(url_for("approvals.index"))
    return render_template("approvals/founder_step.html", **queries.founder_page(session, step, act),
                           form=form, states=STEP.states)
