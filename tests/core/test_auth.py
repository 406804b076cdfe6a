"""Sign-in, sign-out, throttling, CSRF and the `next` redirect (PD-01, SEC-01)."""
from sqlalchemy import func, select

from core.models import AuditEvent
from tests import factories
from tests.conftest import csrf_token, login


def _events(session, action):
    session.expire_all()
    return session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_login_lands_on_dashboard_and_is_audited_PD_01(client, session, school):
    user = factories.make_user(session, school, ["teacher"], login="ivanova")
    session.commit()
    response = login(client, "ivanova")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Здравствуйте" in page and "Учитель" in page
    [event] = _events(session, "auth.login")
    assert event.actor_id == user.id and event.organisation_id == school.id


def test_wrong_password_gives_russian_message_and_security_event_PD_01(client, session, school):
    factories.make_user(session, school, ["teacher"], login="ivanova")
    session.commit()
    response = login(client, "ivanova", "wrong-password")
    assert response.status_code == 200
    assert "Неверный логин или пароль" in response.get_data(as_text=True)
    assert len(_events(session, "auth.login_failed")) == 1
    assert client.get("/").status_code == 302  # still anonymous


def test_unknown_login_is_refused_and_logged(client, session, school):
    response = login(client, "nobody")
    assert "Неверный логин или пароль" in response.get_data(as_text=True)
    [event] = _events(session, "auth.login_failed")
    assert event.object_id == "nobody" and event.new == {"known_login": False}


def test_five_failures_lock_the_login_even_for_the_right_password(client, session, school):
    factories.make_user(session, school, ["teacher"], login="ivanova")
    session.commit()
    for _ in range(5):
        login(client, "ivanova", "wrong-password")
    response = login(client, "ivanova")
    assert "Слишком много неудачных попыток" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert len(_events(session, "auth.login_refused")) == 1


def test_inactive_user_cannot_sign_in(client, session, school):
    user = factories.make_user(session, school, ["teacher"], login="ivanova")
    user.active = False
    session.commit()
    assert "Неверный логин или пароль" in login(client, "ivanova").get_data(as_text=True)


def test_logout_is_post_only_and_audited_PD_01(client_as, session):
    cl = client_as("teacher")
    assert cl.post("/logout").status_code == 400  # no CSRF token: refused
    assert cl.get("/").status_code == 200
    assert cl.post("/logout", data={"csrf_token": csrf_token(cl, "/")}).status_code == 302
    assert cl.get("/").status_code == 302
    assert len(_events(session, "auth.logout")) == 1


def test_login_without_csrf_token_is_refused_and_writes_nothing(client, session, school):
    factories.make_user(session, school, ["teacher"], login="ivanova")
    session.commit()
    before = session.scalar(select(func.count()).select_from(AuditEvent))
    response = client.post("/login", data={"login": "ivanova", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "Форма устарела" in response.get_data(as_text=True)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert client.get("/").status_code == 302


def test_next_redirect_stays_on_this_site(client, session, school):
    factories.make_user(session, school, ["admin"], login="boss")
    session.commit()
    for target, expected in [("/admin/users", "/admin/users"), ("https://evil.example/x", "/"),
                             ("//evil.example", "/"), ("/\\evil.example", "/")]:
        token = csrf_token(client, "/login")
        response = client.post("/login", data={"csrf_token": token, "login": "boss",
                                               "password": factories.PASSWORD, "next": target})
        assert response.headers["Location"] == expected, target
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})


def test_user_changes_own_password(client_as, app, session):
    cl = client_as("teacher")
    token = csrf_token(cl, "/profile/password")
    bad = cl.post("/profile/password", data={"csrf_token": token, "current": "nope-nope-1",
                                             "new": "new-password-1", "repeat": "new-password-1"})
    assert "Текущий пароль указан неверно" in bad.get_data(as_text=True)
    ok = cl.post("/profile/password", data={"csrf_token": token, "current": factories.PASSWORD,
                                            "new": "new-password-1", "repeat": "new-password-1"})
    assert ok.status_code == 302
    fresh = app.test_client()
    assert login(fresh, cl.user.login, "new-password-1").status_code == 302


def test_session_cookie_is_httponly_and_samesite(client, session, school):
    factories.make_user(session, school, ["teacher"], login="ivanova")
    session.commit()
    cookies = login(client, "ivanova").headers.getlist("Set-Cookie")
    [cookie] = [c for c in cookies if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
