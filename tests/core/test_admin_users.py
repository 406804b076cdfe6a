"""An admin creates accounts, grants roles and deactivates them, on the web and the CLI."""
from sqlalchemy import func, select

from core.cli import users_cli
from core.models import AuditEvent, User
from tests.conftest import csrf_token, login

NEW_USER = {"login": "petrova", "password": "long-enough-1", "surname": "Петрова", "name": "Ольга",
            "patronymic": "Ивановна", "position": "Учитель", "roles": ["teacher", "class_teacher"]}


def test_admin_creates_user_who_can_sign_in(app, client_as, session):
    cl = client_as("admin")
    response = cl.post("/admin/users/new", data={**NEW_USER, "csrf_token": csrf_token(cl, "/admin/users/new")})
    assert response.status_code == 302
    user = session.scalar(select(User).where(User.login == "petrova"))
    assert user.roles == {"teacher", "class_teacher"} and user.person.short_name == "Петрова О.И."
    assert login(app.test_client(), "petrova", "long-enough-1").status_code == 302


def test_duplicate_login_is_refused_with_message_and_nothing_written(client_as, session):
    cl = client_as("admin")
    token = csrf_token(cl, "/admin/users/new")
    cl.post("/admin/users/new", data={**NEW_USER, "csrf_token": token})
    people_before = session.scalar(select(func.count()).select_from(AuditEvent))
    response = cl.post("/admin/users/new", data={**NEW_USER, "csrf_token": token})
    assert response.status_code == 422
    assert "уже занят" in response.get_data(as_text=True)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == people_before


def test_grant_roles_and_deactivate(app, client_as, session, school):
    cl = client_as("admin")
    target = client_as("teacher").user
    token = csrf_token(cl, f"/admin/users/{target.id}")
    cl.post(f"/admin/users/{target.id}", data={"csrf_token": token, "roles": ["teacher", "deputy"]})
    session.expire_all()
    assert session.get(User, target.id).roles == {"teacher", "deputy"}
    cl.post(f"/admin/users/{target.id}/active", data={"csrf_token": token, "active": "0"})
    session.expire_all()
    assert not session.get(User, target.id).active
    assert login(app.test_client(), target.login).status_code == 200  # refused: form shown again
    actions = set(session.scalars(select(AuditEvent.action)))
    assert {"user.roles", "user.deactivate"} <= actions


def test_admin_of_one_school_cannot_manage_another_schools_user(client_as, session):
    from tests import factories
    other = factories.make_school(session, "Гимназия")
    stranger = factories.make_user(session, other, ["teacher"])
    session.commit()
    assert client_as("admin").get(f"/admin/users/{stranger.id}").status_code == 404


def test_cli_create_grant_deactivate(app, session, school):
    runner = app.test_cli_runner()
    result = runner.invoke(users_cli, ["create", "sidorov", "--org", school.short_name, "--role",
                                       "teacher", "--password", "long-enough-1"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(users_cli, ["grant", "sidorov", "deputy"])
    assert result.exit_code == 0 and "deputy" in result.output
    bad = runner.invoke(users_cli, ["grant", "sidorov", "emperor"])
    assert bad.exit_code == 1 and "Неизвестная роль" in bad.output
    assert runner.invoke(users_cli, ["deactivate", "sidorov"]).exit_code == 0
    session.expire_all()
    user = session.scalar(select(User).where(User.login == "sidorov"))
    assert user.roles == {"teacher", "deputy"} and not user.active
