"""Opinions of councils and the union (with consultations and the protocol of disagreements),
founder coordination, and adoption by the director with the L4 guard and its override."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from approvals.models import OPINION_VERDICTS, Opinion, RouteStep
from approvals.route_rules import OPINION_BODY, STEP_INFO, consultation_due
from approvals.route_service import (
    adoption_blockers,
    get_step,
    route_of,
    step_transition,
)
from core.actor import Actor
from core.calendar_service import production_calendar
from core.errors import InvalidTransition, NotAllowed, NotFound, ValidationFailed
from core.formatting import short_date
from core.models import Organisation
from documents import service as acts
from documents.models import Act, ActVersion

MAX_SCAN = 10 * 1024 * 1024
OPINION_MARK = {"students": "УЧТЕНО МНЕНИЕ совета обучающихся", "parents": "УЧТЕНО МНЕНИЕ совета родителей",
                "trade_union": "УЧТЕНО МНЕНИЕ профсоюзного комитета"}


def _current_version(session: Session, step: RouteStep, act: Act) -> ActVersion:
    latest = acts.latest_version(session, act)
    if step.status == "stale" or step.version_id != latest.id:
        raise InvalidTransition("Текст акта изменён после отправки: направьте новую редакцию "
                                "повторно, с перечнем изменений (L18).")
    return latest


def record_opinion(session: Session, actor: Actor, step_id: int, *, verdict: str, text: str,
                   received_on: date, protocol_no: str = "", protocol_date: date | None = None,
                   scan_name: str = "", scan: bytes | None = None, by_decision: bool = False) -> Opinion:
    """Record a body's opinion on the version it was sent (L3, L6); a union disagreement opens
    consultations due in 3 days (L7). `by_decision`: it comes from the body's own meeting."""
    step, act = get_step(session, actor, step_id)
    if step.kind not in ("opinion_students", "opinion_parents", "opinion_union"):
        raise InvalidTransition("Для этого шага мнение не записывается.")
    if verdict not in OPINION_VERDICTS:
        raise ValidationFailed("Укажите, согласен ли орган с проектом.")
    if verdict != "agree" and not text.strip():
        raise ValidationFailed("Несогласие или предложения должны быть мотивированы: заполните текст.")
    if scan and len(scan) > MAX_SCAN:
        raise ValidationFailed("Скан больше 10 МБ.")
    version = _current_version(session, step, act)
    opinion = Opinion(step_id=step.id, version_id=version.id, verdict=verdict, text=text.strip(),
                      received_on=received_on, protocol_no=protocol_no.strip(),
                      protocol_date=protocol_date, scan_name=scan_name[:255], scan=scan,
                      recorded_by_id=actor.user_id)
    session.add(opinion)
    step.result = OPINION_VERDICTS[verdict]
    step_transition(session, actor, step, "record", OPINION_VERDICTS[verdict],
                    also_allowed=by_decision or actor.can("council.record"))
    mark = OPINION_MARK[OPINION_BODY[step.kind]]
    if protocol_no:
        mark += f", протокол № {protocol_no}" + (f" от {short_date(protocol_date)}" if protocol_date else "")
    acts.add_mark(session, actor, act, version, "opinion", mark)
    if step.kind == "opinion_union" and verdict != "agree":
        _add_follow_up(session, actor, act, step, "union_consultation", received_on, by_decision)
    return opinion


def _add_follow_up(session, actor, act, after: RouteStep, kind: str, received_on: date,
                   by_decision: bool = False) -> RouteStep:
    title, citation, stage = STEP_INFO[kind]
    due = consultation_due(received_on, False, production_calendar(session)) \
        if kind == "union_consultation" else None
    position = session.scalar(select(func.max(RouteStep.position)).where(RouteStep.act_id == act.id)) + 1
    step = RouteStep(act_id=act.id, position=position, kind=kind, title=title, citation=citation,
                     stage=stage, required=True, body="trade_union", council_id=after.council_id,
                     version_id=after.version_id, sent_on=received_on, due=due)
    session.add(step)
    session.flush()
    step_transition(session, actor, step, "send", f"после шага «{after.title}»", also_allowed=by_decision)
    return step


def record_consultation(session: Session, actor: Actor, step_id: int, agreed: bool, note: str,
                        on: date) -> RouteStep:
    """The outcome of consultations with the union: agreement, or a protocol of disagreements
    to draw up (L8)."""
    step, act = get_step(session, actor, step_id)
    if step.kind != "union_consultation":
        raise InvalidTransition("Это не шаг консультаций.")
    step.result = "достигнуто согласие" if agreed else "согласие не достигнуто"
    step_transition(session, actor, step, "record", note)
    if not agreed:
        _add_follow_up(session, actor, act, step, "union_protocol", on)
    return step


def record_protocol(session: Session, actor: Actor, step_id: int, note: str) -> RouteStep:
    """The protocol of disagreements is drawn up; the employer may then adopt the act (L8)."""
    step, _ = get_step(session, actor, step_id)
    if step.kind != "union_protocol":
        raise InvalidTransition("Это не шаг протокола разногласий.")
    if not note.strip():
        raise ValidationFailed("Укажите номер и дату протокола разногласий.")
    step.result = note.strip()
    step_transition(session, actor, step, "record", note)
    return step


def adopt_by_director(session: Session, actor: Actor, act_id: int, seen_state: str, today: date,
                      override_reason: str = "") -> Act:
    """Adopt an act: refused while required steps are missing (L4), unless the director overrides
    with a written reason; the act is then marked "adopted with violation" everywhere."""
    act = acts.get_act(session, actor, act_id, lock=True)
    blockers = adoption_blockers(session, act, today)
    steps = {s.kind: s for s in route_of(session, act)}
    adoption = steps.get("adoption")
    if adoption is None:
        raise InvalidTransition("У акта нет маршрута: сначала вынесите проект из черновика.")
    if blockers and not override_reason.strip():
        raise InvalidTransition("Нельзя принять акт: не пройдены обязательные шаги — "
                                + "; ".join(f"{b.title} ({b.citation})" for b in blockers))
    if adoption.body != "director" and not override_reason.strip():
        raise InvalidTransition("Этот акт принимает коллегиальный орган: решение фиксируется на заседании.")
    if blockers:
        if "director" not in actor.roles:
            raise NotAllowed("Принять акт с нарушением порядка может только директор.")
        act.adopted_with_violation, act.violation_reason = True, override_reason.strip()
    if act.status == "review":
        acts.transition(session, actor, act, "to_adoption", seen_state=seen_state)
        seen_state = "adoption"
    acts.transition(session, actor, act, "adopt", seen_state=seen_state,
                    reason=override_reason.strip(), details={"missing": [b.title for b in blockers]})
    adoption.version_id = acts.latest_version(session, act).id
    adoption.result = "принят директором" + (" с нарушением порядка" if blockers else "")
    step_transition(session, actor, adoption, "record", override_reason)
    return act


def founder_queue(session: Session, actor: Actor) -> list[tuple[RouteStep, Act, Organisation]]:
    """Acts the founder's schools sent for coordination (for a founder officer)."""
    actor.require("founder.coordinate")
    rows = session.execute(
        select(RouteStep, Act, Organisation).join(Act, Act.id == RouteStep.act_id)
        .join(Organisation, Organisation.id == Act.organisation_id)
        .where(RouteStep.kind == "founder", Organisation.founder_id == actor.organisation_id)
        .order_by(RouteStep.status.desc(), RouteStep.sent_on)).all()
    return [tuple(r) for r in rows]


def founder_step(session: Session, actor: Actor, step_id: int) -> tuple[RouteStep, Act]:
    """A coordination step of a school of the actor's founder organisation."""
    actor.require("founder.coordinate")
    step = session.get(RouteStep, step_id)
    act = session.get(Act, step.act_id) if step else None
    school = session.get(Organisation, act.organisation_id) if act else None
    if not step or step.kind != "founder" or school.founder_id != actor.organisation_id:
        raise NotFound("Запрос на согласование не найден.")
    return step, act


def send_to_founder(session: Session, actor: Actor, act_id: int, today: date) -> RouteStep:
    """The school sends the adopted version to the founder."""
    act = acts.get_act(session, actor, act_id)
    step = next((s for s in route_of(session, act) if s.kind == "founder"), None)
    if step is None:
        raise InvalidTransition("Этот акт не требует согласования с Учредителем.")
    step.version_id, step.sent_on = acts.freeze(session, actor, act).id, today
    step_transition(session, actor, step, "send", "направлено Учредителю")
    return step


def founder_decide(session: Session, actor: Actor, step_id: int, coordinated: bool, remarks: str,
                   today: date) -> RouteStep:
    """The founder coordinates the version, or returns it with remarks."""
    step, act = founder_step(session, actor, step_id)
    if step.status != "waiting":
        raise InvalidTransition("Запрос уже рассмотрен или ещё не направлен.")
    founder = session.get(Organisation, actor.organisation_id)
    version = session.get(ActVersion, step.version_id)
    if coordinated:
        step.result = f"согласовано {short_date(today)}" + (f": {remarks.strip()}" if remarks.strip() else "")
        step_transition(session, actor, step, "record", remarks, also_allowed=True)
        acts.add_mark(session, actor, act, version, "coordinated",
                      f"СОГЛАСОВАНО {founder.name}, {short_date(today)}")
    else:
        if not remarks.strip():
            raise ValidationFailed("Укажите замечания, с которыми акт возвращается.")
        step.result = f"возвращено с замечаниями {short_date(today)}: {remarks.strip()}"
        step_transition(session, actor, step, "invalidate", remarks, also_allowed=True)
    return step

