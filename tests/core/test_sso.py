"""Single sign-on through a real OpenID Connect provider on loopback (SEC-03): sign-in, linking,
e-mail matching, and every way a sign-in must fail without signing anyone in."""
from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.errors import JoseError
from sqlalchemy import select

from core import sso
from core.models import AuditEvent, IdentityLink, IdentityProvider, User
from tests import factories
from tests.conftest import csrf_token, login
from tests.core import oidc_provider as op


@pytest.fixture(scope="session")
def provider_server():
    yield from op.start()


@pytest.fixture
def idp(session, school, provider_server):
    row = IdentityProvider(organisation_id=school.id, key="test", title="Портал региона",
                           issuer=provider_server.issuer, client_id="reglament", client_secret=op.CLIENT_SECRET,
                           match_claim="sub", active=True)
    session.add(row)
    session.commit()
    return row


def _at_provider(authorize_url: str, login_hint: str) -> str:
    """Sign in at the provider as `login_hint`; returns the callback address (path and query)."""
    browser = requests.Session()
    url = authorize_url + f"&login_hint={login_hint}"
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), response.text[:300]
        url = requests.compat.urljoin(url, response.headers["Location"])
        if url.startswith(op.REDIRECT_URI):
            parts = urlsplit(url)
            return f"{parts.path}?{parts.query}"
    raise AssertionError("the provider never redirected back")


def _sso_sign_in(client, login_hint: str):
    started = client.get("/sso/test/login")
    assert started.status_code == 302
    return client.get(_at_provider(started.headers["Location"], login_hint))


def _link(app, session, school, user_login_hint: str):
    user = factories.make_user(session, school, ["teacher"])
    session.commit()
    cl = app.test_client()
    login(cl, user.login)
    started = cl.post("/sso/test/link", data={"csrf_token": csrf_token(cl, "/profile/sso")})
    back = cl.get(_at_provider(started.headers["Location"], user_login_hint))
    assert back.status_code == 302 and back.headers["Location"].endswith("/profile/sso")
    return user


def test_SEC_03_a_linked_identity_signs_in_and_lands_on_the_dashboard(app, session, school, idp):
    user = _link(app, session, school, "alice")
    assert session.scalar(select(IdentityLink.subject).where(IdentityLink.user_id == user.id)) == "alice"
    browser = app.test_client()
    assert "Войти через «Портал региона»" in browser.get("/login").get_data(as_text=True)
    back = _sso_sign_in(browser, "alice")
    assert back.status_code == 302 and back.headers["Location"] == "/"
    assert "Здравствуйте" in browser.get("/").get_data(as_text=True)
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.login_sso")).actor_id == user.id


def test_SEC_03_an_unknown_identity_gets_no_account(app, session, school, idp):
    users_before = session.scalar(select(User.id).order_by(User.id.desc()))
    browser = app.test_client()
    back = _sso_sign_in(browser, "mallory")
    assert back.status_code == 302 and back.headers["Location"].endswith("/login")
    page = browser.get("/login").get_data(as_text=True)
    assert "не связан ни с одной учётной записью" in page
    assert browser.get("/").status_code == 302  # not signed in
    assert session.scalar(select(User.id).order_by(User.id.desc())) == users_before
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.login_sso_failed")) is not None


def test_a_bad_state_and_a_replayed_code_sign_nobody_in(app, session, school, idp):
    _link(app, session, school, "alice")
    browser = app.test_client()
    started = browser.get("/sso/test/login")
    callback = _at_provider(started.headers["Location"], "alice")
    forged = callback.replace("state=", "state=x")
    assert browser.get(forged).headers["Location"].endswith("/login")
    assert browser.get("/").status_code == 302
    # the code is used once by a second, honest start: its state is fresh, the code is not
    replay = app.test_client()
    again = replay.get("/sso/test/login")
    fresh_state = dict(p.split("=", 1) for p in urlsplit(again.headers["Location"]).query.split("&"))["state"]
    code = dict(p.split("=", 1) for p in callback.split("?", 1)[1].split("&"))["code"]
    assert browser.get(callback).headers["Location"] == "/"  # the original is fine once
    response = replay.get(f"/sso/test/callback?code={code}&state={fresh_state}")
    assert response.headers["Location"].endswith("/login") and replay.get("/").status_code == 302
    assert "не подтверждён" in replay.get("/login").get_data(as_text=True)


def _id_token(provider_server, **claims) -> str:
    now = int(time.time())
    body = {"iss": provider_server.issuer, "sub": "alice", "aud": "reglament", "iat": now, "exp": now + 300,
            "nonce": "n-1"} | claims
    return jwt.encode({"alg": "RS256", "kid": "test-key"}, body, provider_server.key)


def test_id_tokens_with_a_wrong_audience_issuer_nonce_or_expired_are_refused(app, provider_server, idp):
    """Tokens signed with the provider's own key, so only the claims are wrong."""
    with app.test_request_context():
        client = sso.client_for(idp)
        good = client.parse_id_token({"id_token": _id_token(provider_server), "access_token": "x"}, nonce="n-1")
        assert good["sub"] == "alice"
        for bad in ({"aud": "someone-else"}, {"iss": "http://evil.example"}, {"nonce": "other"},
                    {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}):
            with pytest.raises(JoseError):
                client.parse_id_token({"id_token": _id_token(provider_server, **bad), "access_token": "x"},
                                      nonce="n-1")
        other_key = op.RSAKey.generate_key(2048, parameters={"kid": "test-key"}, private=True)
        forged = jwt.encode({"alg": "RS256", "kid": "test-key"}, {"iss": provider_server.issuer, "sub": "alice",
                            "aud": "reglament", "exp": int(time.time()) + 60, "iat": int(time.time()), "nonce": "n-1"},
                            other_key)
        with pytest.raises(JoseError):  # signed by someone else
            client.parse_id_token({"id_token": forged, "access_token": "x"}, nonce="n-1")


def test_SEC_03_matching_by_verified_email_links_once_and_unverified_mail_does_not(app, session, school, idp):
    idp.match_claim = "email"
    user = factories.make_user(session, school, ["parent"])
    user.email = "Alice@School.example"
    bob = factories.make_user(session, school, ["parent"])
    bob.email = "bob@school.example"
    session.commit()
    browser = app.test_client()
    assert _sso_sign_in(browser, "alice").headers["Location"] == "/"
    assert session.scalar(select(IdentityLink.user_id).where(IdentityLink.subject == "alice")) == user.id
    unverified = app.test_client()
    assert _sso_sign_in(unverified, "bob").headers["Location"].endswith("/login")


def test_SEC_03_unlinking_keeps_the_password_and_stops_the_provider(app, session, school, idp):
    user = _link(app, session, school, "alice")
    cl = app.test_client()
    login(cl, user.login)
    cl.post(f"/profile/sso/{idp.id}/unlink", data={"csrf_token": csrf_token(cl, "/profile/sso")})
    assert session.scalar(select(IdentityLink)) is None
    assert _sso_sign_in(app.test_client(), "alice").headers["Location"].endswith("/login")
    assert login(app.test_client(), user.login).status_code == 302  # the school's password still works


def test_admin_configures_a_provider_and_others_cannot(app, session, school, client_as, provider_server):
    admin = client_as("admin")
    data = {"csrf_token": csrf_token(admin, "/admin/sso"), "key": "region", "title": "Портал", "issuer":
            provider_server.issuer + "/", "client_id": "reglament", "client_secret": "s", "match_claim": "sub",
            "active": "y"}
    assert admin.post("/admin/sso", data=data).status_code == 302
    row = session.scalar(select(IdentityProvider).where(IdentityProvider.key == "region"))
    assert row.issuer == provider_server.issuer and row.client_secret == "s"
    assert admin.post("/admin/sso", data=data | {"client_secret": ""}).status_code == 302
    session.refresh(row)
    assert row.client_secret == "s"  # a blank secret keeps the old one
    assert client_as("teacher").get("/admin/sso").status_code == 403
