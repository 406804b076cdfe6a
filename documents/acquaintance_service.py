"""Acquaintance of staff with orders and act versions (L15): the audience, electronic confirmation
by the person, a paper signature recorded by the secretary, reports and the sheet for signing."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.db import utcnow
from core.errors import NotAllowed, NotFound
from core.formatting import short_date
from core.models import Person, User, UserRole
from core.notify import notify
from documents.models import ActVersion
from documents.order_docx import SheetRow
from documents.order_models import Acquaintance, Order

AUDIENCE_ROLES = {"teacher": "педагоги", "class_teacher": "классные руководители",
                  "deputy": "заместители директора по УВР", "secretary": "секретарь",
                  "working_group": "рабочая группа", "web_admin": "ответственный за сайт"}


def audience_people(session: Session, organisation_id: int, roles: list[str], person_ids: list[int]) -> set[int]:
    """Persons reached by roles (through their active accounts) and named persons."""
    by_role = set(session.scalars(
        select(User.person_id).join(UserRole, UserRole.user_id == User.id)
        .where(User.organisation_id == organisation_id, User.active.is_(True), UserRole.role.in_(roles),
               User.person_id.is_not(None))))
    named = set(session.scalars(select(Person.id).where(Person.organisation_id == organisation_id,
                                                        Person.id.in_(person_ids))))
    return by_role | named


def ask(session: Session, actor: Actor, object_type: str, object_id: int, person_ids: set[int]) -> int:
    """Ask these persons to confirm acquaintance (those already asked are not asked twice)."""
    have = set(session.scalars(select(Acquaintance.person_id).where(
        Acquaintance.object_type == object_type, Acquaintance.object_id == object_id)))
    new = sorted(person_ids - have)
    session.add_all(Acquaintance(organisation_id=actor.organisation_id, object_type=object_type,
                                 object_id=object_id, person_id=p) for p in new)
    session.flush()
    if new:
        audit.record(session, actor, "acquaintance.ask", object_type=object_type, object_id=object_id,
                     new={"persons": new})
    return len(new)


def confirm(session: Session, actor: Actor, acquaintance_id: int) -> Acquaintance:
    """The person confirms "ознакомлен(а)" themself; nobody else can do it electronically."""
    row = session.get(Acquaintance, acquaintance_id)
    person_id = session.scalar(select(User.person_id).where(User.id == actor.user_id))
    if row is None or row.organisation_id != actor.organisation_id:
        raise NotFound("Запрос на ознакомление не найден.")
    if row.person_id != person_id:
        raise NotAllowed("Подтвердить ознакомление может только сам сотрудник.")
    if row.method == "pending":
        row.method, row.confirmed_at = "electronic", utcnow()
        session.flush()
        audit.record(session, actor, "acquaintance.confirm", object_type=row.object_type,
                     object_id=row.object_id, new={"person_id": row.person_id, "method": "electronic"})
    return row


def record_paper(session: Session, actor: Actor, acquaintance_id: int, signed_on: date, tz: str) -> Acquaintance:
    """The secretary records a signature on the paper sheet."""
    actor.require("acquaintance.record")
    row = session.get(Acquaintance, acquaintance_id)
    if row is None or row.organisation_id != actor.organisation_id:
        raise NotFound("Запрос на ознакомление не найден.")
    row.method = "paper"
    row.confirmed_at = datetime.combine(signed_on, time(12), ZoneInfo(tz))
    row.recorded_by_id = actor.user_id
    session.flush()
    audit.record(session, actor, "acquaintance.paper", object_type=row.object_type, object_id=row.object_id,
                 new={"person_id": row.person_id, "signed_on": signed_on})
    return row


def rows_for(session: Session, actor: Actor, object_type: str, object_id: int) -> list[tuple[Acquaintance, Person]]:
    """Everyone asked about one order or act version, by surname."""
    actor.require("acts.view")
    return [tuple(r) for r in session.execute(
        select(Acquaintance, Person).join(Person, Person.id == Acquaintance.person_id)
        .where(Acquaintance.organisation_id == actor.organisation_id, Acquaintance.object_type == object_type,
               Acquaintance.object_id == object_id).order_by(Person.surname, Person.name))]


def my_pending(session: Session, actor: Actor) -> list[Acquaintance]:
    """What the actor still has to confirm."""
    person_id = session.scalar(select(User.person_id).where(User.id == actor.user_id))
    return list(session.scalars(select(Acquaintance).where(Acquaintance.person_id == person_id,
                                                           Acquaintance.method == "pending")))


def my_pending_described(session: Session, actor: Actor) -> list[tuple[Acquaintance, str, str]]:
    """The actor's pending requests with a readable label and a link to the document."""
    out = []
    for row in my_pending(session, actor):
        if row.object_type == "order":
            order = session.get(Order, row.object_id)
            out.append((row, f"Приказ № {order.full_number} «{order.heading}»", f"/orders/{order.id}"))
        else:
            version = session.get(ActVersion, row.object_id)
            out.append((row, f"{version.title} (редакция {version.number})",
                        f"/acts/{version.act_id}?v={version.number}"))
    return out


def sheet_rows(rows: list[tuple[Acquaintance, Person]], tz: str) -> list[SheetRow]:
    """Lines of the paper sheet: confirmed ones carry their date."""
    return [SheetRow(p.full_name, p.position,
                     short_date(a.confirmed_at.astimezone(ZoneInfo(tz)).date()) if a.confirmed_at else "")
            for a, p in rows]


def send_acquaintance_reminders(session: Session, today: date) -> int:
    """Remind every person with an unconfirmed acquaintance (once a week per request)."""
    rows = session.execute(select(Acquaintance, User.id).join(User, User.person_id == Acquaintance.person_id)
                           .where(Acquaintance.method == "pending", User.active.is_(True))).all()
    week = today.isocalendar()[:2]
    sent = 0
    for row, user_id in rows:
        title = "Ознакомьтесь с приказом" if row.object_type == "order" else "Ознакомьтесь с локальным актом"
        link = "/orders/acquaintance/mine"
        if notify(session, user_id, title, link=link, dedupe_key=f"acq:{row.id}:{week[0]}-{week[1]}"):
            sent += 1
    return sent
