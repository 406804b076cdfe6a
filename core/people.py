"""Organisation and people services."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import ValidationFailed
from core.formatting import short_person_name
from core.models import AuditChainHead, Organisation, Person, User


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


def user_names(session: Session, organisation_id: int, user_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Users' short names ("Фаерберг Е.И.", or the login where no person is linked), of the whole
    organisation or of the given users, in one query of plain columns: a large school has thousands
    of parents' accounts, and loading them as objects cost the control pages most of their time."""
    stmt = (select(User.id, User.login, Person.surname, Person.name, Person.patronymic)
            .outerjoin(Person, Person.id == User.person_id).where(User.organisation_id == organisation_id))
    if user_ids is not None:
        stmt = stmt.where(User.id.in_({i for i in user_ids if i is not None}))
    return {uid: short_person_name(surname, name, patronymic) if surname is not None else login
            for uid, login, surname, name, patronymic in session.execute(stmt)}
