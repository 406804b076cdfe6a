"""Route services: build an act's route when it leaves draft, send steps, record simple results,
answer "why can't this be adopted yet", and mark results on older versions stale (L18)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from approvals.lifecycle import STEP
from approvals.models import Council, Opinion, RouteStep, StepHistory
from approvals.route_rules import (
    OPINION_BODY,
    STAGE_ADOPTION,
    Flags,
    SchoolBodies,
    StepState,
    build_route,
    missing_before,
    opinion_due,
)
from core import audit
from core.actor import Actor
from core.calendar_service import production_calendar
from core.db import utcnow
from core.errors import InvalidTransition, NotFound
from documents import order_service
from documents import service as acts
from documents.models import Act, ActVersion


def councils_by_kind(session: Session, organisation_id: int) -> dict[str, Council]:
    """The school's councils keyed by kind (the first of each kind)."""
    found: dict[str, Council] = {}
    for c in session.scalars(select(Council).where(Council.organisation_id == organisation_id)
                             .order_by(Council.id)):
        found.setdefault(c.kind, c)
    return found


def _bodies(councils: dict[str, Council]) -> SchoolBodies:
    # A council that was never entered counts as formed: its opinion stays required (L3) until
    # the school says the body is not formed.
    def formed(kind: str) -> bool:
        return councils[kind].formed if kind in councils else True

    return SchoolBodies(formed("students"), formed("parents"), formed("trade_union"))


def step_transition(session: Session, actor: Actor, step: RouteStep, action: str, note: str = "",
                    also_allowed: bool = False) -> None:
    """Move a step by the STEP table, with a history row and an audit event. `also_allowed` admits
    the founder's officer, who answers for their own organisation without school permissions."""
    old = step.status
    step.status = STEP.next_state(actor, old, action, also_allowed=also_allowed)
    if step.status == "done":
        step.done_at = utcnow()
    session.add(StepHistory(step_id=step.id, actor_id=actor.user_id, action=action, from_status=old,
                            to_status=step.status, reason=note))
    session.flush()
    audit.record(session, actor, f"route_step.{action}", object_type="route_step", object_id=step.id,
                 old={"status": old}, new={"status": step.status, "kind": step.kind}, reason=note)


def route_of(session: Session, act: Act) -> list[RouteStep]:
    """The act's steps in order."""
    return list(session.scalars(select(RouteStep).where(RouteStep.act_id == act.id)
                                .order_by(RouteStep.stage, RouteStep.position)))


def start_route(session: Session, actor: Actor, act_id: int, seen_state: str,
                discussions: list[str], legal_review: bool, today: date) -> list[RouteStep]:
    """Take a draft out of draft: freeze its text, build its route from its flags and the school's
    settings, and send the first stage (discussion, or the opinions when there is none)."""
    act = acts.get_act(session, actor, act_id, lock=True)
    if route_of(session, act):
        raise InvalidTransition("Маршрут уже построен; верните акт на доработку, чтобы изменить его.")
    councils = councils_by_kind(session, act.organisation_id)
    specs = build_route(Flags(act.affects_students, act.affects_employees, act.labour_norms, act.part2,
                              act.needs_founder), _bodies(councils), act.kind.adopting_body,
                        discussions, legal_review)
    action = "to_discussion" if any(s.stage == 0 for s in specs) else "to_review"
    acts.transition(session, actor, act, action, seen_state=seen_state)
    steps = []
    for i, spec in enumerate(specs):
        council = councils.get(spec.body)
        step = RouteStep(act_id=act.id, position=i, kind=spec.kind, title=spec.title,
                         citation=spec.citation, stage=spec.stage, required=spec.required,
                         body=spec.body, council_id=council.id if council else None)
        session.add(step)
        steps.append(step)
    session.flush()
    send_stage(session, actor, act, 0 if action == "to_discussion" else 1, today)
    return steps


def send_stage(session: Session, actor: Actor, act: Act, stage: int, today: date) -> None:
    """Send every pending or stale step of a stage with the current frozen version and due dates
    (opinions: 5 working days, L6/L9)."""
    version = acts.freeze(session, actor, act)
    calendar = production_calendar(session)
    for step in route_of(session, act):
        if step.stage == stage and step.status in ("pending", "stale"):
            step.version_id, step.sent_on = version.id, today
            step.due = opinion_due(today, calendar) if step.kind in OPINION_BODY else None
            step_transition(session, actor, step, "send", f"редакция {version.number}")


def resend_stale(session: Session, actor: Actor, act_id: int, today: date) -> Act:
    """Send the newest version again to every step whose result went stale (L18)."""
    act = acts.get_act(session, actor, act_id, lock=True)
    stages = sorted({s.stage for s in route_of(session, act) if s.status == "stale"})
    if not stages:
        raise InvalidTransition("Повторно направлять нечего: устаревших шагов нет.")
    for stage in stages:
        send_stage(session, actor, act, stage, today)
    return act


def to_review(session: Session, actor: Actor, act_id: int, seen_state: str, today: date) -> Act:
    """After discussion, send the draft for the opinions."""
    act = acts.get_act(session, actor, act_id, lock=True)
    acts.transition(session, actor, act, "to_review", seen_state=seen_state)
    send_stage(session, actor, act, 1, today)
    return act


def get_step(session: Session, actor: Actor, step_id: int) -> tuple[RouteStep, Act]:
    """A step of an act of the actor's school."""
    step = session.get(RouteStep, step_id)
    if step is None:
        raise NotFound("Шаг маршрута не найден.")
    return step, acts.get_act(session, actor, step.act_id)


def record_simple(session: Session, actor: Actor, step_id: int, note: str) -> RouteStep:
    """Record the result of a discussion round or a legal review."""
    step, act = get_step(session, actor, step_id)
    if step.kind not in ("discussion", "legal_review"):
        raise InvalidTransition("Этот шаг отмечается своим способом (мнение, голосование, приказ).")
    step.result = note.strip()
    step.version_id = step.version_id or acts.latest_version(session, act).id
    step_transition(session, actor, step, "record", note)
    return step


def skip_step(session: Session, actor: Actor, step_id: int, reason: str) -> RouteStep:
    """Skip an optional step (never a required one)."""
    step, _ = get_step(session, actor, step_id)
    if step.required:
        raise InvalidTransition("Обязательный шаг нельзя пропустить.")
    step_transition(session, actor, step, "skip", reason)
    return step


def step_states(session: Session, steps: list[RouteStep]) -> list[StepState]:
    """Steps as the pure rules see them, with each body's "silence means consent" setting."""
    silence = {c.id: c.silence_is_consent for c in session.scalars(
        select(Council).where(Council.id.in_([s.council_id for s in steps if s.council_id])))}
    return [StepState(s.kind, s.title, s.citation, s.stage, s.required, s.status, s.due,
                      silence.get(s.council_id, False)) for s in steps]


def adoption_blockers(session: Session, act: Act, today: date) -> list[StepState]:
    """Required steps before adoption that are not done: why the act cannot be adopted yet."""
    return missing_before(STAGE_ADOPTION, step_states(session, route_of(session, act)), today)


def invalidate_on_new_version(session: Session, actor: Actor, act: Act, version: ActVersion) -> None:
    """A new version makes every result on an older version stale; they must be asked again (L18)."""
    for step in route_of(session, act):
        if step.version_id and step.version_id != version.id and step.status in ("waiting", "done") \
                and step.kind not in ("order",):
            step_transition(session, actor, step, "invalidate", f"новая редакция {version.number}")
    for opinion in session.scalars(select(Opinion).join(RouteStep).where(RouteStep.act_id == act.id,
                                                                          Opinion.stale.is_(False))):
        opinion.stale = True
    session.flush()


acts.ON_NEW_VERSION.append(invalidate_on_new_version)


def founder_guard(session: Session, act: Act) -> list[str]:
    """An order may not approve an act whose founder coordination is missing (L16)."""
    return [f"«{act.title}»: нет согласования с Учредителем (L16)."
            for s in route_of(session, act) if s.kind == "founder" and s.status != "done"]


def order_step_done(session: Session, actor: Actor, act: Act, order) -> None:
    """The order put the act in force: its route's last step is done."""
    for step in route_of(session, act):
        if step.kind == "order" and step.status != "done":
            step.result = f"приказ № {order.full_number}"
            step_transition(session, actor, step, "record", step.result, also_allowed=True)


order_service.ORDER_GUARDS.append(founder_guard)
order_service.ON_ACT_IN_FORCE.append(order_step_done)
