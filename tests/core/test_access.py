"""Every route declares who may use it; a user without the permission gets 403 (SEC-01)."""
import pytest

from core.roles import ROLE_PERMISSIONS


def _declared(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        yield rule, getattr(view, "required_permission", None)


def test_every_route_declares_a_permission_or_public(app):
    undeclared = [rule.rule for rule, perm in _declared(app) if not perm]
    assert undeclared == []


def _is_api(perms) -> bool:
    return any(p.startswith("token:") for p in perms)


def _sample_url(rule) -> str:
    return rule.build({arg: 1 for arg in rule.arguments})[1]


def _roles_without(perms: tuple[str, ...]) -> list[str]:
    return [role for role, granted in ROLE_PERMISSIONS.items() if not granted.intersection(perms)]


def test_protected_pages_refuse_roles_without_the_permission(app, client_as):
    clients: dict[str, object] = {}
    checked = 0
    for rule, perms in _declared(app):
        if perms in (("public",), ("login",)) or "GET" not in rule.methods or _is_api(perms):
            continue
        for role in _roles_without(perms):
            if role not in clients:
                clients[role] = client_as(role)
            cl = clients[role]
            assert cl.get(_sample_url(rule)).status_code == 403, (rule.rule, role)
            checked += 1
    assert checked > 20


def test_anonymous_visitor_is_sent_to_login(app, client):
    for rule, perms in _declared(app):
        if perms == ("public",):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(_sample_url(rule), method=method)
            if _is_api(perms):  # an API client is told, not redirected
                assert response.status_code == 401, (method, rule.rule)
            elif method == "GET":
                assert response.status_code == 302 and "/login" in response.headers["Location"], rule.rule


@pytest.mark.parametrize("role", sorted(ROLE_PERMISSIONS))
def test_each_role_lands_on_its_dashboard_with_only_allowed_links(client_as, role):
    page = client_as(role).get("/").get_data(as_text=True)
    assert "Здравствуйте" in page
    if "admin.users" not in ROLE_PERMISSIONS[role]:
        assert 'href="/admin/users"' not in page


def test_malformed_id_and_unknown_page_get_russian_404(client_as):
    cl = client_as("admin")
    for url in ("/admin/users/abc", "/no-such-page", "/admin/users/999999", "/admin/users/" + "9" * 40):
        response = cl.get(url)
        assert response.status_code == 404
        assert "не найден" in response.get_data(as_text=True)


def test_SEC_01_every_post_route_refuses_roles_without_the_permission_even_with_a_valid_csrf_token(
        app, session, client_as):
    """A crafted form from a signed-in user who lacks the permission: 403, and nothing recorded."""
    from sqlalchemy import func, select

    from core.models import AuditEvent
    from tests.conftest import csrf_token

    clients: dict[str, tuple[object, str]] = {}
    checked = 0
    for rule, perms in _declared(app):
        if "POST" not in rule.methods or perms in (("public",), ("login",)) or _is_api(perms):
            continue
        for role in _roles_without(perms):
            if role not in clients:
                cl = client_as(role)
                clients[role] = (cl, csrf_token(cl, "/"))
            cl, token = clients[role]
            before = session.scalar(select(func.count()).select_from(AuditEvent))
            response = cl.post(_sample_url(rule), data={"csrf_token": token, "state": "draft", "reason": "x"})
            assert response.status_code == 403, (rule.rule, role, response.status_code)
            assert session.scalar(select(func.count()).select_from(AuditEvent)) == before, (rule.rule, role)
            checked += 1
    assert checked > 100


def test_SEC_02_a_school_user_cannot_open_or_change_another_schools_act(app, session, school, client_as):
    from core.actor import system_actor
    from documents import service
    from tests import factories
    from tests.conftest import csrf_token

    act = service.create_from_template(session, system_actor(school.id), "ejournal")
    session.commit()
    stranger = client_as("working_group", org=factories.make_school(session))
    assert stranger.get(f"/acts/{act.id}").status_code in (403, 404)
    assert stranger.get(f"/acts/{act.id}/act.docx").status_code in (403, 404)
    token = csrf_token(stranger, "/")
    response = stranger.post(f"/acts/{act.id}/edit", data={"csrf_token": token, "text": "взлом", "base_sha": "x"})
    assert response.status_code in (403, 404)
    session.expire_all()
    assert "взлом" not in str(service.latest_version(session, act).blocks)


def test_SEC_01_every_page_answers_every_role_of_the_demo_school_without_a_server_error(app, session):
    """The role × page matrix on real data: each role's first demo user opens every page (ids of
    the demo's first objects): a role without the permission gets 403, and no role ever gets a
    server error — allowed, refused or not found, always with a Russian page."""
    from sqlalchemy import select

    from core.demo import DEMO_PASSWORD, load_demo
    from core.models import User
    from core.roles import permissions_of
    from tests.conftest import FAST_HASH, login

    load_demo(session, FAST_HASH)
    session.commit()
    first_user: dict[str, User] = {}
    for user in session.scalars(select(User).order_by(User.id)):
        for role in user.roles:
            first_user.setdefault(role, user)
    assert set(first_user) == set(ROLE_PERMISSIONS)  # the demo has somebody in every role
    answers: dict[int, int] = {}
    for user in {u.id: u for u in first_user.values()}.values():
        cl, granted = app.test_client(), permissions_of(user.roles)
        login(cl, user.login, DEMO_PASSWORD)
        for rule, perms in _declared(app):
            if "GET" not in rule.methods or _is_api(perms):
                continue
            status = cl.get(_sample_url(rule)).status_code
            assert status < 500, (rule.rule, user.login, status)
            if perms not in (("public",), ("login",)) and not granted.intersection(perms):
                assert status == 403, (rule.rule, user.login, status)
            answers[status] = answers.get(status, 0) + 1
    assert answers.get(200, 0) > 200, answers  # most pages were really shown, not only refused
