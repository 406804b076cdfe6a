"""Organisation and people services."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import ValidationFailed
from core.models import AuditChainHead, Organisation, Person


def create_organisation(session: Session, actor: Actor, *, kind: str, name: str, short_name: str,
                        city: str = "", founder: Organisation | None = None) -> Organisation:
    """Create a school or a founder, with its own audit chain."""
    actor.require("admin.users")
    if kind not in ("school", "founder"):
        raise ValidationFailed("Вид организации: школа или учредитель.")
    if kind == "school" and founder is not None and founder.kind != "founder":
        raise ValidationFailed("Учредителем школы может быть только орган-учредитель.")
    org = Organisation(kind=kind, name=name, short_name=short_name, city=city, founder=founder)
    session.add(org)
    session.flush()
    # The chain head exists before the first event, so concurrent first writers only queue.
    session.add(AuditChainHead(chain=org.id, seq=0, hash=audit.GENESIS))
    session.flush()
    audit.record(session, actor, "organisation.create", object_type="organisation",
                 object_id=org.id, new={"kind": kind, "name": name}, organisation_id=org.id)
    return org


def create_person(session: Session, actor: Actor, organisation: Organisation, *, surname: str,
                  name: str, patronymic: str = "", position: str = "") -> Person:
    """Add a person to an organisation."""
    actor.require("admin.users")
    surname, name = surname.strip(), name.strip()
    if not surname or not name:
        raise ValidationFailed("Укажите фамилию и имя.")
    person = Person(organisation=organisation, surname=surname, name=name,
                    patronymic=patronymic.strip(), position=position.strip())
    session.add(person)
    session.flush()
    audit.record(session, actor, "person.create", object_type="person", object_id=person.id,
                 new={"name": person.full_name, "position": person.position},
                 organisation_id=organisation.id)
    return person


def list_people(session: Session, organisation_id: int) -> list[Person]:
    """The people of an organisation by surname."""
    return list(session.scalars(select(Person).where(Person.organisation_id == organisation_id)
                                .order_by(Person.surname, Person.name)))
