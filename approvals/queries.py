"""Read-side services of the approval pages."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from approvals.models import Council, CouncilMember, Meeting, Opinion, RouteStep
from approvals.route_service import adoption_blockers, route_of
from core.actor import Actor
from core.models import Person, User
from documents import service as acts
from documents.content import numbered
from documents.diff import diff_blocks
from documents.models import Act, ActVersion
from documents.service import version_blocks


def acts_in_route(session: Session, actor: Actor) -> list[tuple[Act, list[RouteStep]]]:
    """The school's acts that left draft, with their steps (2 queries)."""
    actor.require("approvals.view")
    acts_ = list(session.scalars(select(Act).where(Act.organisation_id == actor.organisation_id,
                                                   Act.status != "draft").order_by(Act.created_at.desc())))
    steps: dict[int, list[RouteStep]] = {}
    for s in session.scalars(select(RouteStep).where(RouteStep.act_id.in_([a.id for a in acts_]))
                             .order_by(RouteStep.stage, RouteStep.position)):
        steps.setdefault(s.act_id, []).append(s)
    return [(a, steps.get(a.id, [])) for a in acts_]


def route_page(session: Session, actor: Actor, act_id: int, today: date) -> dict:
    """The act with its route, opinions, versions and the steps missing before adoption."""
    actor.require("approvals.view")
    act = acts.get_act(session, actor, act_id)
    steps = route_of(session, act)
    versions = {v.id: v.number for v in session.scalars(select(ActVersion).where(ActVersion.act_id == act.id))}
    opinions: dict[int, list[Opinion]] = {}
    for o in session.scalars(select(Opinion).where(Opinion.step_id.in_([s.id for s in steps]))
                             .order_by(Opinion.recorded_at)):
        opinions.setdefault(o.step_id, []).append(o)
    return {"act": act, "steps": steps, "versions": versions, "opinions": opinions,
            "responsible": responsible_for(session, act, steps),
            "latest": acts.latest_version(session, act),
            "blockers": adoption_blockers(session, act, today) if steps else []}


def responsible_for(session: Session, act: Act, steps: list[RouteStep]) -> dict[int, str]:
    """Who answers for each step: the body's secretary for a council's step, the founder for
    coordination, the director for the order, the act's author otherwise."""
    council_ids = {s.council_id for s in steps if s.council_id}
    secretaries = dict(session.execute(
        select(CouncilMember.council_id, Person.surname + " " + func.substr(Person.name, 1, 1) + ".")
        .join(Person, Person.id == CouncilMember.person_id)
        .where(CouncilMember.council_id.in_(council_ids), CouncilMember.role == "secretary")).all())
    author = session.get(User, act.author_id) if act.author_id else None
    default = author.display_name if author else "автор проекта"
    fixed = {"founder": "Учредитель", "order": "директор"}
    return {s.id: fixed.get(s.kind) or (f"секретарь: {secretaries[s.council_id]}" if s.council_id in secretaries
                                        else default) for s in steps}


def councils(session: Session, actor: Actor) -> list[Council]:
    """The school's councils."""
    actor.require("approvals.view")
    return list(session.scalars(select(Council).where(Council.organisation_id == actor.organisation_id)
                                .order_by(Council.kind, Council.name)))


def meetings_of(session: Session, council: Council) -> list[Meeting]:
    """A council's meetings, newest first."""
    return list(session.scalars(select(Meeting).where(Meeting.council_id == council.id)
                                .order_by(Meeting.held_on.desc(), Meeting.number.desc())))


def acts_for_agenda(session: Session, actor: Actor) -> list[Act]:
    """Acts that may be put on a council's agenda (in discussion, review or adoption)."""
    return list(session.scalars(select(Act).where(Act.organisation_id == actor.organisation_id,
                                                  Act.status.in_(["discussion", "review", "adoption"]))
                                .order_by(Act.title)))


def founder_page(session: Session, step: RouteStep, act: Act) -> dict:
    """What the founder reads: the version sent, numbered, and its changes against the previous one."""
    version = session.get(ActVersion, step.version_id) if step.version_id else None
    previous = session.scalar(select(ActVersion).where(ActVersion.act_id == act.id,
                                                       ActVersion.number == version.number - 1)) \
        if version else None
    return {"step": step, "act": act, "version": version,
            "paragraphs": numbered(version_blocks(version)) if version else [],
            "rows": diff_blocks(version_blocks(previous), version_blocks(version)) if previous else []}
