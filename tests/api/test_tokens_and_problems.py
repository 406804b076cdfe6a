"""The API's plumbing: personal access tokens (hashed, scoped, revocable), RFC 9457 problems,
ETags, pagination, rate limits on shared storage, the OpenAPI document (SEC-01, SEC-02)."""
import hashlib
import re
import uuid
from datetime import timedelta

import pytest
import redis
from openapi_spec_validator import validate
from sqlalchemy import func, select

from core import tokens
from core.app import create_app
from core.db import utcnow
from core.errors import ValidationFailed
from core.models import ApiToken, AuditEvent
from tests import factories
from tests.api.helpers import actor_of, bearer, seed_plan, token_for
from tests.conftest import FAST_HASH, csrf_token


def test_SEC_01_no_token_bad_token_and_a_browser_session_all_get_401_problem(client, client_as):
    for headers in ({}, {"Authorization": "Bearer rgl_not-a-token"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/plans", headers=headers)
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        body = response.get_json()
        assert body["status"] == 401 and body["title"] == "Требуется аутентификация"
        assert "Bearer" in body["detail"] and response.headers["WWW-Authenticate"].startswith("Bearer")
    # a signed-in browser is not an API client: cookies are never read, so CSRF cannot ride on them
    assert client_as("director").get("/api/v1/plans").status_code == 401


def test_problem_title_follows_accept_language(client):
    body = client.get("/api/v1/plans", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_json()
    assert body["title"] == "Unauthorized" and body["instance"] == "/api/v1/plans"
    assert client.get("/api/v1/no-such").get_json()["title"] == "Не найдено"


def test_SEC_01_token_is_shown_once_and_only_its_hash_is_kept(app, session, client_as):
    cl = client_as("working_group")
    page = cl.get("/profile/tokens").get_data(as_text=True)
    assert "Чтение плана-графика" in page and "Запись отметок" not in page  # only scopes of the role
    response = cl.post("/profile/tokens", data={"csrf_token": csrf_token(cl, "/profile/tokens"),
                                                 "name": "Портал", "scopes": ["plan.read"], "days": "30"})
    secret = re.search(r"rgl_[A-Za-z0-9_-]{43}", response.get_data(as_text=True)).group(0)
    row = session.scalar(select(ApiToken))
    assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (row.prefix, row.name, row.scopes) and row.prefix == secret[:10]
    assert secret not in cl.get("/profile/tokens").get_data(as_text=True)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "api_token.issue"))
    assert event.new["scopes"] == "plan.read" and secret not in str(event.new)
    assert app.test_client().get("/api/v1/plans", headers=bearer(secret)).status_code == 200


def test_SEC_02_a_scope_is_never_wider_than_the_role(session, school):
    parent = factories.make_user(session, school, ["parent"])
    session.commit()
    with pytest.raises(ValidationFailed) as err:
        tokens.issue(session, actor_of(parent), name="x", scopes=["marks.write"], days=10, now=utcnow())
    assert "Чтение журнала и дневника" in err.value.errors[0]
    with pytest.raises(ValidationFailed):
        tokens.issue(session, actor_of(parent), name="x", scopes=["journal.read"], days=400, now=utcnow())


def test_SEC_02_a_token_without_the_scope_gets_403(app, session, school):
    deputy = factories.make_user(session, school, ["deputy"])
    secret = token_for(session, deputy, "acts.read")
    response = app.test_client().get("/api/v1/plans", headers=bearer(secret))
    assert response.status_code == 403 and "plan.read" in response.get_json()["detail"]


def test_revoked_expired_and_disabled_tokens_stop_at_once(app, session, school, client_as):
    user = factories.make_user(session, school, ["deputy"])
    secrets_ = [token_for(session, user, "plan.read") for _ in range(3)]
    call = app.test_client()
    assert all(call.get("/api/v1/plans", headers=bearer(s)).status_code == 200 for s in secrets_)
    rows = session.scalars(select(ApiToken).order_by(ApiToken.id)).all()
    admin = client_as("admin")
    assert str(rows[0].prefix) in admin.get("/admin/tokens").get_data(as_text=True)
    admin.post(f"/profile/tokens/{rows[0].id}/revoke", data={"csrf_token": csrf_token(admin, "/admin/tokens")})
    rows[1].expires_at = utcnow() - timedelta(seconds=1)
    session.commit()
    assert call.get("/api/v1/plans", headers=bearer(secrets_[0])).status_code == 401
    assert "истёк" in call.get("/api/v1/plans", headers=bearer(secrets_[1])).get_json()["detail"]
    user.active = False
    session.commit()
    assert call.get("/api/v1/plans", headers=bearer(secrets_[2])).status_code == 401
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "api_token.revoke")) is not None


def test_an_admin_of_another_school_cannot_revoke(session, school):
    owner = factories.make_user(session, school, ["deputy"])
    token_for(session, owner, "plan.read")
    other = factories.make_school(session)
    stranger = factories.make_user(session, other, ["admin"])
    session.commit()
    token = session.scalar(select(ApiToken))
    with pytest.raises(Exception, match="не найден"):
        tokens.revoke(session, actor_of(stranger), token.id, utcnow())


def test_etag_gives_304_and_pagination_header(app, session, school):
    plan = seed_plan(session, school)
    secret = token_for(session, factories.make_user(session, school, ["deputy"]), "plan.read")
    call = app.test_client()
    first = call.get(f"/api/v1/plans/{plan.id}/tasks?page_size=5", headers=bearer(secret))
    assert first.status_code == 200 and len(first.get_json()) == 5
    paging = first.get_json() and first.headers["X-Pagination"]
    assert '"page": 1' in paging and '"total_pages"' in paging
    again = call.get(f"/api/v1/plans/{plan.id}/tasks?page_size=5",
                     headers=bearer(secret, **{"If-None-Match": first.headers["ETag"]}))
    assert again.status_code == 304


def test_bad_arguments_are_422_problems_with_field_details(app, session, school):
    plan = seed_plan(session, school)
    secret = token_for(session, factories.make_user(session, school, ["deputy"]), "plan.read")
    response = app.test_client().get(f"/api/v1/plans/{plan.id}/tasks?date_from=вчера&status=x",
                                     headers=bearer(secret))
    body = response.get_json()
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert any(e.startswith("query.date_from") for e in body["errors"])
    assert any(e.startswith("query.status") for e in body["errors"])


def _redis_or_skip() -> str:
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("Redis на 127.0.0.1:6379 недоступен: проверка общего счётчика пропущена")
    return url


def test_rate_limit_is_shared_between_workers_through_redis(database_url, session, school):
    """Two application processes (gunicorn workers) count against one limit in Redis."""
    storage = _redis_or_skip()
    config = {"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "PASSWORD_HASH_METHOD": FAST_HASH,
              "API_RATE_LIMIT": "3 per minute", "RATELIMIT_STORAGE_URI": storage,
              "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    workers = [create_app(config).test_client(), create_app(config).test_client()]
    secret = token_for(session, factories.make_user(session, school, ["deputy"]), "plan.read")
    statuses = [workers[i % 2].get("/api/v1/plans", headers=bearer(secret)).status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = workers[0].get("/api/v1/plans", headers=bearer(secret))
    assert limited.mimetype == "application/problem+json" and int(limited.headers["Retry-After"]) > 0
    other = token_for(session, factories.make_user(session, school, ["deputy"]), "plan.read")
    assert workers[1].get("/api/v1/plans", headers=bearer(other)).status_code == 200  # counted per token


def test_openapi_document_is_valid_and_declares_every_endpoint_with_security_and_problems(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)  # OpenAPI 3.0 rules, by openapi-spec-validator
    assert spec["openapi"].startswith("3.") and spec["components"]["securitySchemes"]["bearerAuth"]
    operations = [(path, op) for path, ops in spec["paths"].items() for m, op in ops.items() if m != "parameters"]
    assert len(operations) >= 15
    for path, op in operations:
        assert op["security"] == [{"bearerAuth": []}], path
        assert {"401", "403", "429"} <= set(op["responses"]), path
        assert "Область доступа токена" in op["description"] and op["summary"], path
    assert "Exchange" in spec["components"]["schemas"]
    problem = spec["components"]["responses"]["FORBIDDEN"]["content"]
    assert "application/problem+json" in problem


def test_reference_page_is_public_and_lists_the_endpoints(client):
    page = client.get("/api/v1/").get_data(as_text=True)
    assert "POST /api/v1/journal/lessons/{lesson_id}/entries" in page and "marks.write" in page
    assert "<script" not in page


def test_the_admin_issues_a_token_for_a_user_within_that_users_rights(app, session, school, client_as):
    deputy = factories.make_user(session, school, ["deputy"])
    parent = factories.make_user(session, school, ["parent"])
    session.commit()
    admin = client_as("admin")
    form = {"csrf_token": csrf_token(admin, "/admin/tokens"), "name": "Портал", "days": "30"}
    page = admin.post("/admin/tokens", data=form | {"login": deputy.login, "scopes": ["plan.read"]})
    secret = re.search(r"rgl_[A-Za-z0-9_-]{43}", page.get_data(as_text=True)).group(0)
    assert session.scalar(select(ApiToken.user_id)) == deputy.id
    assert app.test_client().get("/api/v1/plans", headers=bearer(secret)).status_code == 200
    refused = admin.post("/admin/tokens", data=form | {"login": parent.login, "scopes": ["marks.write"]})
    assert refused.status_code == 422 and "Токен не выпущен" in refused.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(ApiToken)) == 1
