"""Council pages: councils and members, meetings with attendance, votes, results and minutes."""
from __future__ import annotations

from fractions import Fraction

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from approvals import council_service as cs
from approvals import queries
from approvals.council_rules import VoteCount
from approvals.forms import CouncilForm, MeetingForm, MemberForm, StateForm, VoteForm
from approvals.lifecycle import MEETING
from approvals.minutes_docx import minutes_docx
from approvals.models import COUNCIL_KINDS, VOTE_CHOICES, Attendance, Vote
from core.auth import current_actor, permission_required
from core.clock import school_today
from core.db import get_session
from core.errors import ValidationFailed
from core.http import DOCX, download
from core.models import Person
from core.people import list_people

bp = Blueprint("councils", __name__, url_prefix="/approvals/councils")


@bp.route("/", methods=["GET", "POST"])
@permission_required("approvals.view")
def index():
    """The school's councils; the secretary adds one."""
    session, actor, form = get_session(), current_actor(), CouncilForm()
    if form.validate_on_submit():
        actor.require("council.record")
        cs.create_council(session, actor, form.kind.data, form.name.data,
                          quorum=Fraction(form.quorum_num.data, form.quorum_den.data),
                          majority=form.majority.data, formed=form.formed.data,
                          silence_is_consent=form.silence_is_consent.data)
        session.commit()
        return redirect(url_for("councils.index"))
    return render_template("approvals/councils.html", councils=queries.councils(session, actor), form=form,
                           kinds=COUNCIL_KINDS)


@bp.route("/<int:council_id>", methods=["GET", "POST"])
@permission_required("approvals.view")
def council(council_id: int):
    """A council: members (add one), meetings (schedule one with an agenda)."""
    session, actor = get_session(), current_actor()
    c = cs.get_council(session, actor, council_id)
    member_form, meeting_form = MemberForm(prefix="m"), MeetingForm(prefix="g")
    member_form.person_id.choices = [(p.id, f"{p.full_name} ({p.position})")
                                     for p in list_people(session, actor.organisation_id)]
    meeting_form.acts.choices = [(a.id, a.title) for a in queries.acts_for_agenda(session, actor)]
    if request.method == "POST" and "m-person_id" in request.form:
        if member_form.validate():
            cs.add_member(session, actor, c, session.get(Person, member_form.person_id.data),
                          member_form.role.data, member_form.term_start.data, member_form.term_end.data)
            session.commit()
        return redirect(url_for("councils.council", council_id=c.id))
    if request.method == "POST" and meeting_form.validate():
        items = [("", act_id) for act_id in meeting_form.acts.data]
        items += [(line.strip(), None) for line in (meeting_form.other.data or "").splitlines() if line.strip()]
        if not items:
            raise ValidationFailed("В повестке нет вопросов.")
        meeting = cs.create_meeting(session, actor, c, meeting_form.held_on.data, items)
        session.commit()
        return redirect(url_for("councils.meeting", meeting_id=meeting.id))
    people = {p.id: p for p in session.scalars(select(Person).where(Person.organisation_id == c.organisation_id))}
    return render_template("approvals/council.html", council=c, people=people, today=school_today(),
                           meetings=queries.meetings_of(session, c), member_form=member_form,
                           meeting_form=meeting_form, kinds=COUNCIL_KINDS)


def _meeting_context(session, actor, meeting_id: int) -> dict:
    meeting = cs.get_meeting(session, actor, meeting_id)
    members = cs.active_members(session, meeting.council, meeting.held_on)
    people = {p.id: p for p in session.scalars(select(Person).where(
        Person.id.in_([m.person_id for m in members])))}
    present = {a.member_id for a in session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.present.is_(True)))}
    votes = {(v.item_id, v.member_id): v.choice for v in session.scalars(
        select(Vote).where(Vote.item_id.in_([i.id for i in meeting.items])))}
    return {"meeting": meeting, "members": members, "people": people, "present": present, "votes": votes,
            "tallies": {i.id: cs.tally(session, i) for i in meeting.items}}


@bp.route("/meetings/<int:meeting_id>")
@permission_required("approvals.view")
def meeting(meeting_id: int):
    """A meeting: attendance, votes per item, quorum and results."""
    ctx = _meeting_context(get_session(), current_actor(), meeting_id)
    return render_template("approvals/meeting.html", **ctx, choices=VOTE_CHOICES, states=MEETING.states,
                           vote_form=VoteForm(), state_form=StateForm())


def _back(meeting_id: int):
    return redirect(url_for("councils.meeting", meeting_id=meeting_id))


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["POST"])
@permission_required("council.record")
def attendance(meeting_id: int):
    """Record who is present."""
    session, actor = get_session(), current_actor()
    ids = {int(x) for x in request.form.getlist("present") if x.isdigit()}
    cs.set_attendance(session, actor, cs.get_meeting(session, actor, meeting_id), ids)
    session.commit()
    return _back(meeting_id)


@bp.route("/meetings/<int:meeting_id>/vote", methods=["POST"])
@permission_required("approvals.view", "council.record")
def vote(meeting_id: int):
    """A vote: by the secretary for a member, or by a member for themself."""
    form = VoteForm()
    if not form.validate_on_submit() or not form.item_id.data.isdigit():
        abort(400)
    member = int(form.member_id.data) if (form.member_id.data or "").isdigit() else None
    session = get_session()
    cs.cast_vote(session, current_actor(), int(form.item_id.data), form.choice.data, member)
    session.commit()
    return _back(meeting_id)


@bp.route("/meetings/<int:meeting_id>/count/<int:item_id>", methods=["POST"])
@permission_required("council.record")
def open_count(meeting_id: int, item_id: int):
    """An open vote recorded as numbers."""
    session, actor = get_session(), current_actor()
    ctx = _meeting_context(session, actor, meeting_id)
    item = next((i for i in ctx["meeting"].items if i.id == item_id), None)
    if item is None:
        abort(404)
    try:
        count = VoteCount(*(int(request.form.get(k, "0") or 0) for k in ("for", "against", "abstained")))
    except ValueError:
        raise ValidationFailed("Число голосов — целое число.") from None
    cs.record_open_count(session, actor, item, count, len(ctx["present"]))
    session.commit()
    return _back(meeting_id)


@bp.route("/meetings/<int:meeting_id>/close", methods=["POST"])
@permission_required("council.record")
def close(meeting_id: int):
    """Sum up the meeting (refused without quorum)."""
    form = StateForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    cs.close_meeting(session, current_actor(), meeting_id, form.state.data, school_today())
    session.commit()
    flash("Итоги подведены.", "success")
    return _back(meeting_id)


@bp.route("/meetings/<int:meeting_id>/minutes.docx")
@permission_required("approvals.view")
def minutes(meeting_id: int):
    """The minutes as a Word document."""
    data = minutes_docx(cs.minutes_of(get_session(), current_actor(), meeting_id))
    return download(data, DOCX, f"protocol-{meeting_id}.docx")
