"""Demo data of the approvals app: the school's councils with their members."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from approvals import council_service as cs
from core import people
from core.actor import Actor
from core.models import Organisation, Person
from documents.service import ensure_kinds

TERM_START = date(2016, 9, 1)
EXTRA_TEACHERS = (("Орлова", "Наталья", "Сергеевна"), ("Белова", "Ирина", "Андреевна"),
                  ("Зайцев", "Олег", "Николаевич"), ("Павлова", "Елена", "Викторовна"))
STUDENTS = (("Попов", "Артём", "Дмитриевич"), ("Козлова", "Дарья", "Игоревна"), ("Новиков", "Максим", "Олегович"),
            ("Смирнова", "Полина", "Андреевна"), ("Егоров", "Кирилл", "Павлович"))
PARENTS = (("Попов", "Дмитрий", "Алексеевич"), ("Козлова", "Анна", "Викторовна"), ("Новикова", "Ольга", "Ивановна"),
           ("Смирнов", "Андрей", "Юрьевич"), ("Егорова", "Мария", "Сергеевна"))


def _person(session, actor, school, surname, name, patronymic, position) -> Person:
    found = session.scalar(select(Person).where(Person.organisation_id == school.id, Person.surname == surname,
                                                Person.name == name))
    return found or people.create_person(session, actor, school, surname=surname, name=name,
                                         patronymic=patronymic, position=position)


def _council(session, actor, kind, name, members: list[tuple[Person, str]]):
    council = cs.create_council(session, actor, kind, name)
    for person, role in members:
        cs.add_member(session, actor, council, person, role, TERM_START)


def load(session: Session, actor: Actor, school: Organisation, options=None) -> None:
    """Councils of the demo school: pedagogical (9), governing, students', parents', trade union."""
    ensure_kinds(session, school.id)
    staff = {p.surname: p for p in session.scalars(select(Person).where(Person.organisation_id == school.id))}
    extra = [_person(session, actor, school, *t, "Учитель") for t in EXTRA_TEACHERS]
    teachers = [staff[s] for s in ("Фаерберг", "Соколова", "Федорова", "Винтер", "Кузнецова", "Смирнова",
                                   "Иванова")] + extra[:2]
    roles = ["chair", "secretary"] + ["member"] * 7
    _council(session, actor, "pedagogical", "Педагогический совет", list(zip(teachers, roles, strict=True)))
    students = [_person(session, actor, school, *t, "Обучающийся") for t in STUDENTS]
    parents = [_person(session, actor, school, *t, "Родитель") for t in PARENTS]
    _council(session, actor, "students", "Совет обучающихся",
             list(zip(students, ["chair", "secretary", "member", "member", "member"], strict=True)))
    _council(session, actor, "parents", "Совет родителей",
             list(zip(parents, ["chair", "secretary", "member", "member", "member"], strict=True)))
    _council(session, actor, "governing", "Управляющий совет",
             [(parents[1], "chair"), (staff["Соколова"], "secretary"), (staff["Фаерберг"], "member"),
              (parents[2], "member"), (students[0], "member")])
    _council(session, actor, "trade_union", "Профсоюзный комитет",
             [(extra[2], "chair"), (extra[3], "secretary"), (staff["Кузнецова"], "member")])
