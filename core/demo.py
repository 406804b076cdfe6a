"""The demo school of the seed: МАОУ «СОШ № 65» г. Перми, its people, a user per role and the
2017/2018 school calendar. Other apps add their demo data through `DEMO_STEPS`."""
from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import accounts, audit, people
from core.actor import Actor, system_actor
from core.bulk import refresh_statistics
from core.db import get_session
from core.models import Organisation, SchoolHoliday, SchoolPeriod, SchoolYear, User
from core.registry import DEMO_STEPS, load_all_models, resolve

DEMO_PASSWORD = "reglament-demo"
SCHOOL_NAME = ("Муниципальное автономное общеобразовательное учреждение «Средняя "
               "общеобразовательная школа № 65 с углублённым изучением английского языка» г. Перми")
SCHOOL_SHORT = "МАОУ «СОШ № 65» г. Перми"
FOUNDER_NAME = "Департамент образования администрации города Перми"

# (login, surname, name, patronymic, position, roles); the first three are named by the seed.
SCHOOL_PEOPLE = (
    ("faerberg", "Фаерберг", "Елена", "Игоревна", "Директор", ["director"]),
    ("fedorova", "Федорова", "Людмила", "Юрьевна", "Заместитель директора по УВР",
     ["deputy", "working_group"]),
    ("vinter", "Винтер", "Галина", "Борисовна", "Учитель информатики, ответственный за сайт",
     ["web_admin", "working_group", "teacher"]),
    ("admin", "Петров", "Андрей", "Сергеевич", "Инженер-программист", ["admin"]),
    ("kuznetsova", "Кузнецова", "Ольга", "Викторовна", "Учитель математики, член рабочей группы",
     ["working_group", "teacher"]),
    ("smirnova", "Смирнова", "Анна", "Петровна", "Учитель английского языка", ["teacher", "class_teacher"]),
    ("ivanova", "Иванова", "Татьяна", "Николаевна", "Учитель русского языка и литературы",
     ["teacher", "class_teacher"]),
    ("sokolova", "Соколова", "Марина", "Александровна", "Учитель истории, секретарь педсовета",
     ["council_secretary", "teacher"]),
    ("morozova", "Морозова", "Светлана", "Олеговна", "Секретарь", ["secretary"]),
    ("popov", "Попов", "Дмитрий", "Алексеевич", "Родитель", ["parent"]),
    ("popov.artem", "Попов", "Артём", "Дмитриевич", "Обучающийся 5А класса", ["student"]),
)
FOUNDER_PEOPLE = (
    ("lebedeva", "Лебедева", "Наталья", "Владимировна",
     "Главный специалист департамента образования", ["founder_officer"]),
)

@dataclass(frozen=True)
class DemoOptions:
    """What demo to load: "small" (two classes, a quarter) or "large" (a whole school and year);
    the seed makes the large one reproducible; `shape` lets tests shrink it."""

    size: str = "small"
    seed: int = 2017
    progress: Callable[[str], None] = field(default=lambda message: None)
    shape: Any = None


def is_empty(session: Session) -> bool:
    """True when no organisation exists yet."""
    return not session.scalar(select(func.count()).select_from(Organisation))


def wipe(session: Session) -> None:
    """Delete every row of every table (for `demo --force`)."""
    for table in reversed(load_all_models().sorted_tables):
        session.execute(table.delete())
    session.flush()


def _add_people(session, actor, org, rows, hash_method) -> list[User]:
    users = []
    for login, surname, name, patronymic, position, roles in rows:
        person = people.create_person(session, actor, org, surname=surname, name=name,
                                      patronymic=patronymic, position=position)
        users.append(accounts.create_user(session, actor, login=login, password=DEMO_PASSWORD,
                                          organisation=org, person=person, roles=roles,
                                          hash_method=hash_method))
    return users


def add_school_year_2017(session: Session, actor: Actor, school: Organisation) -> SchoolYear:
    """The 2017/2018 academic year of the demo school: four quarters, two halves, holidays."""
    d = date
    year = SchoolYear(organisation_id=school.id, title="2017/2018", start=d(2017, 9, 1),
                      end=d(2018, 8, 31))
    year.periods = [
        SchoolPeriod(kind="quarter", number=1, start=d(2017, 9, 1), end=d(2017, 10, 28)),
        SchoolPeriod(kind="quarter", number=2, start=d(2017, 11, 7), end=d(2017, 12, 28)),
        SchoolPeriod(kind="quarter", number=3, start=d(2018, 1, 11), end=d(2018, 3, 23)),
        SchoolPeriod(kind="quarter", number=4, start=d(2018, 4, 2), end=d(2018, 5, 31)),
        SchoolPeriod(kind="half", number=1, start=d(2017, 9, 1), end=d(2017, 12, 28)),
        SchoolPeriod(kind="half", number=2, start=d(2018, 1, 11), end=d(2018, 5, 31)),
    ]
    year.holidays = [
        SchoolHoliday(title="Осенние каникулы", start=d(2017, 10, 29), end=d(2017, 11, 6)),
        SchoolHoliday(title="Зимние каникулы", start=d(2017, 12, 29), end=d(2018, 1, 10)),
        SchoolHoliday(title="Весенние каникулы", start=d(2018, 3, 24), end=d(2018, 4, 1)),
        SchoolHoliday(title="Летние каникулы", start=d(2018, 6, 1), end=d(2018, 8, 31)),
    ]
    session.add(year)
    session.flush()
    audit.record(session, actor, "school_year.create", object_type="school_year",
                 object_id=year.id, new={"title": year.title}, organisation_id=school.id)
    return year


def load_demo(session: Session, hash_method: str, options: DemoOptions | None = None) -> list[User]:
    """Load the demo school into an empty database; return the demo users."""
    options = options or DemoOptions()
    founder = people.create_organisation(session, system_actor(), kind="founder",
                                         name=FOUNDER_NAME, short_name="Департамент образования г. Перми",
                                         city="Пермь")
    school = people.create_organisation(session, system_actor(), kind="school", name=SCHOOL_NAME,
                                        short_name=SCHOOL_SHORT, city="Пермь", founder=founder)
    actor = system_actor(school.id)
    users = _add_people(session, actor, school, SCHOOL_PEOPLE, hash_method)
    users += _add_people(session, system_actor(founder.id), founder, FOUNDER_PEOPLE, hash_method)
    add_school_year_2017(session, actor, school)
    for path in DEMO_STEPS[options.size]:  # other apps' demo data
        resolve(path)(session, actor, school, options)
    session.flush()
    refresh_statistics(session)  # the pages' first readers meet a planner that knows the tables
    return users


@click.command("demo")
@click.option("--force", is_flag=True, help="Удалить все данные и загрузить демо заново.")
@click.option("--if-empty", is_flag=True, help="Загрузить только в пустую базу, иначе ничего не делать.")
@click.option("--size", type=click.Choice(sorted(DEMO_STEPS)), default="small", show_default=True,
              help="small — два класса и четверть; large — школа на 1 100 обучающихся и учебный год.")
@click.option("--seed", type=int, default=2017, show_default=True, help="Зерно генератора (large).")
@with_appcontext
def demo_command(force: bool, if_empty: bool, size: str, seed: int) -> None:
    """Load the demo school (refuses a non-empty database without --force)."""
    session, started = get_session(), time.perf_counter()
    if not is_empty(session):
        if if_empty:
            click.echo("База данных уже содержит данные; демо не загружается.")
            return
        if not force:
            raise click.ClickException(
                "База данных не пуста: демо не загружено, ничего не изменено. "
                "Используйте --force, чтобы удалить все данные и загрузить демо заново.")
        wipe(session)
    options = DemoOptions(size, seed, progress=lambda message: click.echo(f"  {message}", err=True))
    users = load_demo(session, current_app.config["PASSWORD_HASH_METHOD"], options)
    session.commit()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    click.echo(f"Загружено за {time.perf_counter() - started:.1f} с, пик памяти {peak_mb} МБ.", err=True)
    click.echo("Демо-школа загружена. Пользователи (пароль у всех: " + DEMO_PASSWORD + "):")
    for u in users:
        roles = ", ".join(sorted(u.roles))
        click.echo(f"  {u.login:<12} {u.display_name:<22} {roles}")


