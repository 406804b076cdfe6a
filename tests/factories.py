"""Plain factory functions for tests: they go through the services, as users would."""
from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from core import accounts, people
from core.actor import system_actor
from core.models import Organisation, User

PASSWORD = "correct-horse-1"
FAST_HASH = "pbkdf2:sha256:1000"
_seq = itertools.count(1)


def make_school(session: Session, name: str = "МАОУ «СОШ № 65»") -> Organisation:
    """A school with a founder of its own."""
    n = next(_seq)
    founder = people.create_organisation(session, system_actor(), kind="founder",
                                         name=f"Департамент образования {n}",
                                         short_name=f"ДО {n}")
    return people.create_organisation(session, system_actor(), kind="school", name=f"{name} {n}",
                                      short_name=f"{name} {n}", founder=founder)


def make_user(session: Session, org: Organisation, roles: list[str], login: str | None = None,
              password: str = PASSWORD, surname: str = "Тестова") -> User:
    """A user with a person in the organisation."""
    n = next(_seq)
    actor = system_actor(org.id)
    person = people.create_person(session, actor, org, surname=surname, name="Анна",
                                  patronymic="Петровна", position="Учитель")
    return accounts.create_user(session, actor, login=login or f"user{n}", password=password,
                                organisation=org, person=person, roles=roles,
                                hash_method=FAST_HASH)
