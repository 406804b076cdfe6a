"""Order services: registers, drafts, signing, gapless yearly numbering (L13), entry into force
with the annexed acts (L12, L14), items turned into plan tasks, annulment."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.calendar.production import ProductionCalendar
from core.errors import InvalidTransition, NotAllowed, NotFound, ValidationFailed
from core.formatting import short_date
from core.models import Organisation, User
from documents import acquaintance_service as acquaintance
from documents import service as acts
from documents.lifecycle import ACT
from documents.models import Act, ActVersion
from documents.order_docx import AnnexText, OrderItemText, OrderText, order_docx
from documents.order_lifecycle import ORDER
from documents.order_models import Order, OrderAnnex, OrderCounter, OrderHistory, OrderItem, OrderRegister
from documents.order_templates import SEED_AUDIENCE, SEED_HEADING, SEED_PREAMBLE, seed_items
from workflow import plan_service
from workflow.assignees import PERSON_RE

REGISTERS = (("od", "Приказы по основной деятельности", "-од"), ("ls", "Приказы по личному составу", "-лс"))

# Checks a higher app adds: f(session, act) -> problems that stop the order approving the act
# (the approval route registers "founder coordination missing", L16).
ORDER_GUARDS: list[Callable[[Session, Act], list[str]]] = []
# Called as f(session, actor, act, order) once an order puts an annexed act in force.
ON_ACT_IN_FORCE: list[Callable[[Session, Actor, Act, Order], None]] = []


def ensure_registers(session: Session, organisation_id: int) -> list[OrderRegister]:
    """The school's registers, creating "-од" and "-лс" on first use."""
    regs = list(session.scalars(select(OrderRegister).where(OrderRegister.organisation_id == organisation_id)
                                .order_by(OrderRegister.id)))
    if not regs:
        regs = [OrderRegister(organisation_id=organisation_id, code=c, title=t, suffix=s) for c, t, s in REGISTERS]
        session.add_all(regs)
        session.flush()
    return regs


def get_order(session: Session, actor: Actor, order_id: int, *, lock: bool = False) -> Order:
    """An order of the actor's school."""
    actor.require("orders.view")
    stmt = select(Order).where(Order.id == order_id)
    order = session.scalar(stmt.with_for_update(of=Order) if lock else stmt)
    if order is None or order.organisation_id != actor.organisation_id:
        raise NotFound("Приказ не найден.")
    return order


def _check_items(items: list[OrderItemText]) -> list[OrderItemText]:
    items = [OrderItemText(" ".join(i.text.split()), " ".join(i.responsible.split()), i.deadline)
             for i in items if i.text.strip()]
    if any(len(i.text) > 5000 for i in items):
        raise ValidationFailed("Пункт приказа длиннее 5000 символов.")
    return items


def save_draft(session: Session, actor: Actor, *, order_id: int | None = None, register_code: str = "od",
               heading: str, preamble: str, items: list[OrderItemText], control_clause: str, place: str,
               annex_version_ids: list[int], audience_roles: list[str]) -> Order:
    """Create or update a draft order (a signed order is never edited)."""
    actor.require("orders.edit")
    regs = {r.code: r for r in ensure_registers(session, actor.organisation_id)}
    if register_code not in regs:
        raise ValidationFailed("Неизвестный журнал регистрации приказов.")
    heading = " ".join(heading.split())
    if not heading:
        raise ValidationFailed("Укажите заголовок приказа («Об утверждении …»).")
    order = get_order(session, actor, order_id, lock=True) if order_id else Order(
        organisation_id=actor.organisation_id, created_by_id=actor.user_id)
    if order.id and order.status != "draft":
        raise InvalidTransition("Подписанный приказ не изменяется; при необходимости отмените его.")
    order.register, order.heading, order.preamble = regs[register_code], heading, preamble.strip()
    order.control_clause, order.place = control_clause.strip() or order.control_clause, place.strip()
    order.audience_roles = sorted(set(audience_roles)) or None
    session.add(order)
    session.flush()
    _replace_parts(session, actor, order, _check_items(items), annex_version_ids)
    audit.record(session, actor, "order.save", object_type="order", object_id=order.id,
                 new={"heading": heading, "items": len(order.items), "annexes": len(order.annexes)})
    return order


def _replace_parts(session, actor, order: Order, items: list[OrderItemText], annex_ids: list[int]) -> None:
    for old in list(order.items) + list(order.annexes):
        session.delete(old)
    session.flush()
    for i, item in enumerate(items):
        session.add(OrderItem(order_id=order.id, position=i, text=item.text, responsible=item.responsible,
                              deadline=item.deadline))
    for i, version_id in enumerate(dict.fromkeys(annex_ids)):
        version = session.get(ActVersion, version_id)
        if version is None:
            raise ValidationFailed("Приложение: редакция акта не найдена.")
        acts.get_act(session, actor, version.act_id)
        session.add(OrderAnnex(order_id=order.id, position=i, act_version_id=version_id))
    session.flush()
    session.refresh(order)


def _step(session, actor, order: Order, action: str, seen_state: str | None, reason: str = "") -> None:
    old = order.status
    order.status = ORDER.next_state(actor, old, action, seen_state=seen_state, reason=reason)
    session.add(OrderHistory(order_id=order.id, actor_id=actor.user_id, action=action, from_status=old,
                             to_status=order.status, reason=reason.strip()))
    session.flush()
    audit.record(session, actor, f"order.{action}", object_type="order", object_id=order.id,
                 old={"status": old}, new={"status": order.status, "number": order.full_number},
                 reason=reason.strip())


def order_text(session: Session, order: Order, *, public: bool = False) -> OrderText:
    """What the order prints; `public` hides people's names in the items (personal data)."""
    org = session.get(Organisation, order.organisation_id)
    signatory = session.get(User, order.signatory_id) if order.signatory_id else None
    name = signatory.person.short_name if signatory and signatory.person else ""
    position = signatory.person.position if signatory and signatory.person else "Директор"

    def hide(text: str) -> str:
        return PERSON_RE.sub("[ФИО]", text) if public else text

    annexes = []
    for annex in order.annexes:
        version = session.get(ActVersion, annex.act_version_id)
        annexes.append(AnnexText(version.title, acts.version_blocks(version)))
    return OrderText(org.name, order.full_number, order.reg_date, order.place or f"г. {org.city}".strip(),
                     order.heading, order.preamble,
                     [OrderItemText(hide(i.text), hide(i.responsible), i.deadline) for i in order.items],
                     order.control_clause, position, name, annexes)


def sign(session: Session, actor: Actor, order_id: int, seen_state: str, signature_name: str = "",
         signature: bytes | None = None) -> Order:
    """The director signs: refused without items; the signed Word file's SHA-256 is kept."""
    order = get_order(session, actor, order_id, lock=True)
    if not order.items:
        raise ValidationFailed("В приказе нет ни одного пункта: подписывать нечего.")
    if "director" not in actor.roles:
        raise NotAllowed("Приказ подписывает директор.")
    order.signatory_id = actor.user_id
    _step(session, actor, order, "sign", seen_state)
    data = order_docx(order_text(session, order))
    order.signed_docx, order.signed_sha256 = data, hashlib.sha256(data).hexdigest()
    if signature:
        order.signature_name, order.signature = signature_name[:255], signature
    session.flush()
    return order


def next_number(session: Session, register_id: int, year: int) -> int:
    """The next number of a register in a year: locked, so concurrent issuers get 1, 2, 3 with no
    gaps; a rolled-back registration rolls its number back too (L13)."""
    stmt = select(OrderCounter).where(OrderCounter.register_id == register_id,
                                      OrderCounter.year == year).with_for_update()
    counter = session.scalar(stmt)
    if counter is None:
        try:
            with session.begin_nested():
                session.add(OrderCounter(register_id=register_id, year=year, last_number=0))
        except IntegrityError:  # another issuer created this year's counter first
            pass
        counter = session.scalar(stmt.execution_options(populate_existing=True))
    counter.last_number += 1
    session.flush()
    return counter.last_number


def register(session: Session, actor: Actor, order_id: int, seen_state: str, today: date) -> Order:
    """Give the signed order its number and date (once)."""
    order = get_order(session, actor, order_id, lock=True)
    if order.number:
        raise InvalidTransition(f"Приказ уже зарегистрирован под № {order.full_number}.")
    _step(session, actor, order, "register", seen_state)
    order.year, order.reg_date = today.year, today
    order.number = next_number(session, order.register_id, today.year)
    session.flush()
    return order


def put_in_force(session: Session, actor: Actor, order_id: int, seen_state: str, today: date) -> Order:
    """The order takes effect: annexed acts come into force with "УТВЕРЖДЕНО приказом от … № …"
    (L12, L14), items with a responsible and a deadline become plan tasks."""
    order = get_order(session, actor, order_id, lock=True)
    problems = []
    annexed = [(session.get(ActVersion, a.act_version_id)) for a in order.annexes]
    for version in annexed:
        act = session.get(Act, version.act_id)
        if act.status != "adopted":
            problems.append(f"«{act.title}» ещё не принят (состояние: {ACT.states[act.status]}).")
        for guard in ORDER_GUARDS:
            problems += guard(session, act)
    if problems:
        raise InvalidTransition("Приказ нельзя ввести в действие: " + " ".join(problems))
    _step(session, actor, order, "put_in_force", seen_state)
    mark = f"УТВЕРЖДЕНО приказом от {short_date(order.reg_date)} № {order.full_number}"
    for version in annexed:
        act = session.get(Act, version.act_id)
        acts.add_mark(session, actor, act, version, "approved", mark)
        acts.transition(session, actor, act, "put_in_force", seen_state="adopted", by_decision=True,
                        details={"order_id": order.id})
        for listener in ON_ACT_IN_FORCE:
            listener(session, actor, act, order)
    _items_to_tasks(session, actor, order)
    audience = acquaintance.audience_people(session, order.organisation_id, order.audience_roles or [],
                                            order.audience_people or [])
    acquaintance.ask(session, actor, "order", order.id, audience)
    for version in annexed:  # a new version is a new request: staff confirm again (L15)
        acquaintance.ask(session, actor, "act_version", version.id, audience)
    return order


def _items_to_tasks(session, actor, order: Order) -> None:
    for item in order.items:
        if item.responsible and item.deadline and item.plan_task_id is None:
            task = plan_service.add_task_from_source(
                session, actor, stage_title=f"Исполнение приказа от {short_date(order.reg_date)} № {order.full_number}",
                number=str(item.position + 1), title=item.text, deadline=item.deadline,
                assignees=item.responsible, source_ref=f"order:{order.id}:{item.position + 1}")
            item.plan_task_id = task.id
    session.flush()


def close(session: Session, actor: Actor, order_id: int, action: str, seen_state: str, reason: str = "") -> Order:
    """Mark an order executed, or annul it (its number stays in the register with the reason)."""
    if action not in ("execute", "annul"):
        raise InvalidTransition("Неизвестное действие.")
    order = get_order(session, actor, order_id, lock=True)
    _step(session, actor, order, action, seen_state, reason)
    if action == "annul":
        order.annul_reason = reason.strip()
    return order


def adopted_versions(session: Session, actor: Actor) -> list[tuple[Act, ActVersion]]:
    """Adopted acts awaiting an order, with their latest versions (for the annexes)."""
    rows = []
    for act in session.scalars(select(Act).where(Act.organisation_id == actor.organisation_id,
                                                 Act.status == "adopted").order_by(Act.title)):
        rows.append((act, acts.latest_version(session, act)))
    return rows


def compose_seed_order(session: Session, actor: Actor, today: date, calendar: ProductionCalendar) -> Order:
    """A draft of the plan's order (approval stage, item 3) with every adopted act annexed."""
    return save_draft(session, actor, heading=SEED_HEADING, preamble=SEED_PREAMBLE,
                      items=seed_items(today, calendar),
                      control_clause="Контроль за исполнением приказа оставляю за собой.", place="",
                      annex_version_ids=[v.id for _, v in adopted_versions(session, actor)],
                      audience_roles=SEED_AUDIENCE)
