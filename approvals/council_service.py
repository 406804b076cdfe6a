"""Councils and their meetings: members, agenda on exact act versions, attendance, votes,
quorum and decisions (L17), and what a decision does to an act's route."""
from __future__ import annotations

from datetime import date
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from approvals.council_rules import VoteCount, check_count, is_adopted, is_quorate
from approvals.lifecycle import MEETING
from approvals.minutes_docx import Minutes, MinutesItem
from approvals.models import (
    COUNCIL_KINDS,
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    Vote,
)
from approvals.opinion_service import record_opinion
from approvals.route_service import adoption_blockers, route_of, step_transition
from core import audit
from core.actor import Actor
from core.errors import InvalidTransition, NotAllowed, NotFound, ValidationFailed
from core.formatting import short_date
from core.models import Organisation, Person, User
from documents import service as acts
from documents.models import Act, ActVersion

ADOPTED_BY = {"pedagogical": "ПРИНЯТО педагогическим советом", "governing": "ПРИНЯТО управляющим советом"}
OPINION_BY = {"students": "opinion_students", "parents": "opinion_parents", "trade_union": "opinion_union"}


def create_council(session: Session, actor: Actor, kind: str, name: str, *, quorum: Fraction = Fraction(2, 3),
                   majority: str = "simple", formed: bool = True, silence_is_consent: bool = False) -> Council:
    """Create a council with its rules."""
    actor.require("council.record")
    if kind not in COUNCIL_KINDS:
        raise ValidationFailed("Неизвестный вид органа.")
    council = Council(organisation_id=actor.organisation_id, kind=kind, name=name.strip() or COUNCIL_KINDS[kind],
                      formed=formed, quorum_num=quorum.numerator, quorum_den=quorum.denominator,
                      majority=majority, silence_is_consent=silence_is_consent)
    session.add(council)
    session.flush()
    audit.record(session, actor, "council.create", object_type="council", object_id=council.id,
                 new={"kind": kind, "name": council.name, "quorum": str(quorum), "majority": majority})
    return council


def get_council(session: Session, actor: Actor, council_id: int) -> Council:
    """A council of the actor's school."""
    actor.require("approvals.view")
    council = session.get(Council, council_id)
    if council is None or council.organisation_id != actor.organisation_id:
        raise NotFound("Орган не найден.")
    return council


def add_member(session: Session, actor: Actor, council: Council, person: Person, role: str,
               term_start: date, term_end: date | None = None) -> CouncilMember:
    """Add a person to a council for a term."""
    actor.require("council.record")
    if person.organisation_id != council.organisation_id:
        raise NotAllowed("Член совета должен быть из той же школы.")
    member = CouncilMember(council_id=council.id, person_id=person.id, role=role, term_start=term_start,
                           term_end=term_end)
    session.add(member)
    session.flush()
    audit.record(session, actor, "council.member_add", object_type="council", object_id=council.id,
                 new={"person_id": person.id, "role": role})
    return member


def active_members(session: Session, council: Council, on: date) -> list[CouncilMember]:
    """Members whose term covers the day."""
    return [m for m in session.scalars(select(CouncilMember).where(CouncilMember.council_id == council.id))
            if m.active_on(on)]


def create_meeting(session: Session, actor: Actor, council: Council, held_on: date,
                   items: list[tuple[str, int | None]]) -> Meeting:
    """A meeting with its agenda; an item on an act points at the act's current frozen version.
    Minutes are numbered per council per year (the council row lock serialises numbering)."""
    actor.require("council.record")
    session.execute(select(Council.id).where(Council.id == council.id).with_for_update())
    number = (session.scalar(select(func.max(Meeting.number)).where(
        Meeting.council_id == council.id, Meeting.year == held_on.year)) or 0) + 1
    meeting = Meeting(council_id=council.id, year=held_on.year, number=number, held_on=held_on)
    session.add(meeting)
    session.flush()
    for i, (title, act_id) in enumerate(items):
        version_id = None
        if act_id:
            act = acts.get_act(session, actor, act_id)
            version_id = acts.freeze(session, actor, act).id
            title = title or f"О принятии: {act.title}"
        session.add(AgendaItem(meeting_id=meeting.id, position=i, title=title.strip(),
                               act_version_id=version_id))
    session.flush()
    audit.record(session, actor, "meeting.create", object_type="meeting", object_id=meeting.id,
                 new={"council": council.id, "number": number, "date": held_on, "items": len(items)})
    return meeting


def get_meeting(session: Session, actor: Actor, meeting_id: int) -> Meeting:
    """A meeting of a council of the actor's school."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("Заседание не найдено.")
    get_council(session, actor, meeting.council_id)
    return meeting


def set_attendance(session: Session, actor: Actor, meeting: Meeting, present_member_ids: set[int]) -> None:
    """Record who attended (replacing what was recorded)."""
    actor.require("council.record")
    if meeting.status != "planned":
        raise InvalidTransition("Итоги заседания уже подведены.")
    members = active_members(session, meeting.council, meeting.held_on)
    existing = {a.member_id: a for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))}
    for m in members:
        row = existing.get(m.id) or Attendance(meeting_id=meeting.id, member_id=m.id, present=False)
        row.present = m.id in present_member_ids
        session.add(row)
    session.flush()
    audit.record(session, actor, "meeting.attendance", object_type="meeting", object_id=meeting.id,
                 new={"present": sorted(present_member_ids & {m.id for m in members})})


def _member_of(session: Session, actor: Actor, council_id: int, member_id: int | None) -> CouncilMember:
    if member_id is None:  # the member votes themself
        person_id = session.scalar(select(User.person_id).where(User.id == actor.user_id))
        member = session.scalar(select(CouncilMember).where(CouncilMember.council_id == council_id,
                                                            CouncilMember.person_id == person_id))
        if member is None:
            raise NotAllowed("Голосовать могут только члены совета.")
        return member
    actor.require("council.record")
    member = session.get(CouncilMember, member_id)
    if member is None or member.council_id != council_id:
        raise NotAllowed("Голосовать могут только члены совета.")
    return member


def cast_vote(session: Session, actor: Actor, item_id: int, choice: str, member_id: int | None = None) -> Vote:
    """One member's vote (the member themself, or recorded by the secretary). A second vote by the
    same member is refused; so is a vote of someone absent or not a member."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("Вопрос повестки не найден.")
    meeting = get_meeting(session, actor, item.meeting_id)
    if meeting.status != "planned":
        raise InvalidTransition("Итоги заседания уже подведены.")
    member = _member_of(session, actor, meeting.council_id, member_id)
    present = session.scalar(select(Attendance.present).where(Attendance.meeting_id == meeting.id,
                                                              Attendance.member_id == member.id))
    if not present:
        raise NotAllowed("Голосуют только присутствующие на заседании члены совета.")
    vote = Vote(item_id=item.id, member_id=member.id, choice=choice)
    try:
        with session.begin_nested():
            session.add(vote)
            session.flush()
    except IntegrityError:
        raise ValidationFailed("Этот член совета уже проголосовал по вопросу.") from None
    audit.record(session, actor, "meeting.vote", object_type="agenda_item", object_id=item.id,
                 new={"member_id": member.id, "choice": choice})
    return vote


def record_open_count(session: Session, actor: Actor, item: AgendaItem, count: VoteCount, present: int) -> None:
    """An open vote recorded as numbers when individual votes are not kept."""
    actor.require("council.record")
    if problems := check_count(count, present):
        raise ValidationFailed("Итоги голосования не сходятся.", problems)
    item.open_for, item.open_against, item.open_abstained = count.for_, count.against, count.abstained
    session.flush()


def tally(session: Session, item: AgendaItem) -> VoteCount:
    """Individual votes counted, or the recorded open count."""
    if item.open_for is not None:
        return VoteCount(item.open_for, item.open_against or 0, item.open_abstained or 0)
    choices = list(session.scalars(select(Vote.choice).where(Vote.item_id == item.id)))
    return VoteCount(choices.count("for"), choices.count("against"), choices.count("abstained"))


def close_meeting(session: Session, actor: Actor, meeting_id: int, seen_state: str, today: date) -> Meeting:
    """Sum up: quorum (L17), each item's decision, and what it does to the acts on the agenda.
    A meeting without quorum decides nothing: closing it is refused."""
    meeting = get_meeting(session, actor, meeting_id)
    council = meeting.council
    members = active_members(session, council, meeting.held_on)
    present = session.scalar(select(func.count()).select_from(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.present.is_(True))) or 0
    if not is_quorate(present, len(members), Fraction(council.quorum_num, council.quorum_den)):
        raise InvalidTransition(f"Нет кворума: присутствуют {present} из {len(members)}, нужно не менее "
                                f"{council.quorum_num}/{council.quorum_den}. Решение не может быть принято.")
    meeting.status = MEETING.next_state(actor, meeting.status, "close", seen_state=seen_state)
    meeting.quorate, meeting.present_count, meeting.member_count = True, present, len(members)
    for item in meeting.items:
        item.decided = is_adopted(tally(session, item), present, len(members), council.majority)
        if item.decided and item.act_version_id:
            _apply_decision(session, actor, meeting, item, today)
    session.flush()
    audit.record(session, actor, "meeting.close", object_type="meeting", object_id=meeting.id,
                 new={"present": present, "members": len(members),
                      "decisions": {i.position: i.decided for i in meeting.items}})
    return meeting


def _apply_decision(session: Session, actor: Actor, meeting: Meeting, item: AgendaItem, today: date) -> None:
    """A positive decision on an act version: adoption by the adopting council (L1, L4, L18), or the
    opinion of a council the law asks (L3)."""
    version = session.get(ActVersion, item.act_version_id)
    act = session.get(Act, version.act_id)
    kind = meeting.council.kind
    protocol = f"протокол № {meeting.number} от {short_date(meeting.held_on)}"
    steps = {s.kind: s for s in route_of(session, act)}
    if kind in OPINION_BY and OPINION_BY[kind] in steps:
        record_opinion(session, actor, steps[OPINION_BY[kind]].id, verdict="agree",
                       text=f"Решение заседания, {protocol}", received_on=meeting.held_on,
                       protocol_no=str(meeting.number), protocol_date=meeting.held_on, by_decision=True)
        return
    adoption = steps.get("adoption")
    if kind not in ADOPTED_BY or adoption is None or adoption.body != kind:
        return
    if acts.latest_version(session, act).id != version.id:
        raise InvalidTransition(f"«{act.title}»: на голосование вынесена не последняя редакция (L18).")
    blockers = adoption_blockers(session, act, today)
    if blockers:
        raise InvalidTransition(f"«{act.title}» нельзя принять: не пройдены обязательные шаги — "
                                + "; ".join(f"{b.title} ({b.citation})" for b in blockers))
    if act.status == "review":
        acts.transition(session, actor, act, "to_adoption", seen_state="review", by_decision=True)
    acts.transition(session, actor, act, "adopt", seen_state="adoption",
                    details={"meeting_id": meeting.id}, by_decision=True)
    adoption.version_id, adoption.result = version.id, protocol
    step_transition(session, actor, adoption, "record", protocol, also_allowed=True)
    acts.add_mark(session, actor, act, version, "accepted", f"{ADOPTED_BY[kind]}, {protocol}")


def minutes_of(session: Session, actor: Actor, meeting_id: int) -> Minutes:
    """The minutes of a held meeting, ready for the Word builder."""
    meeting = get_meeting(session, actor, meeting_id)
    council = meeting.council
    rows = session.execute(select(CouncilMember, Person, Attendance.present)
                           .join(Person, Person.id == CouncilMember.person_id)
                           .outerjoin(Attendance, (Attendance.member_id == CouncilMember.id)
                                      & (Attendance.meeting_id == meeting.id))
                           .where(CouncilMember.council_id == council.id)).all()
    active = [(m, p, bool(present)) for m, p, present in rows if m.active_on(meeting.held_on)]
    role = {m.role: p.short_name for m, p, _ in active}
    org = session.get(Organisation, council.organisation_id)
    items = [MinutesItem(i.title, i.speaker, i.discussion, i.proposal, tally(session, i), i.decided)
             for i in meeting.items]
    return Minutes(org.name, council.name, meeting.number, meeting.held_on, org.city or "",
                   [p.short_name for _, p, here in active if here],
                   [p.short_name for _, p, here in active if not here], len(active), items,
                   role.get("chair", "—"), role.get("secretary", "—"))
