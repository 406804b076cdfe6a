"""The demo school loads once; migrations and models never drift."""
from sqlalchemy import func, select

from core import migrate
from core.demo import demo_command
from core.models import Organisation, SchoolYear, User
from core.roles import ROLE_LABELS
from tests.conftest import login


def test_demo_loads_school_people_roles_and_calendar(app, session):
    result = app.test_cli_runner().invoke(demo_command)
    assert result.exit_code == 0, result.output
    school = session.scalar(select(Organisation).where(Organisation.kind == "school"))
    assert "СОШ № 65" in school.short_name and "№ 65" in school.name and school.founder.kind == "founder"
    roles = set().union(*(u.roles for u in session.scalars(select(User))))
    assert roles == set(ROLE_LABELS)
    year = session.scalar(select(SchoolYear))
    assert year.title == "2017/2018" and len([p for p in year.periods if p.kind == "quarter"]) == 4
    names = {u.person.short_name for u in session.scalars(select(User))}
    assert {"Фаерберг Е.И.", "Федорова Л.Ю.", "Винтер Г.Б."} <= names
    assert "reglament-demo" in result.output


def test_demo_twice_without_force_refuses_and_changes_nothing(app, session):
    runner = app.test_cli_runner()
    runner.invoke(demo_command)
    users = session.scalar(select(func.count()).select_from(User))
    again = runner.invoke(demo_command)
    assert again.exit_code == 1 and "не пуста" in again.output
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(User)) == users
    assert runner.invoke(demo_command, ["--if-empty"]).exit_code == 0


def test_demo_users_sign_in(app, session):
    app.test_cli_runner().invoke(demo_command)
    client = app.test_client()
    response = login(client, "faerberg", "reglament-demo", follow=True)
    assert "Директор" in response.get_data(as_text=True)


def test_models_match_migrations(database_url, db):
    migrate.check(database_url)  # raises when a model has no migration
