"""Fixtures: the app on SQLite always and on PostgreSQL when REGLAMENT_TEST_POSTGRES_URL is set,
a session, clients signed in per role, and a query counter. Every test starts on empty tables."""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, event, text
from werkzeug.serving import make_server

from core import migrate
from core.app import create_app
from core.registry import load_all_models
from tests import factories

PG_ENV = "REGLAMENT_TEST_POSTGRES_URL"
# Queue tasks run inline in tests (Huey's immediate mode), inside the request that sends them.
os.environ.setdefault("REGLAMENT_JOBS_IMMEDIATE", "1")
FAST_HASH = "pbkdf2:sha256:1000"  # tests only: scrypt would make each login cost ~60 ms


def pytest_report_header(config):
    url = os.environ.get(PG_ENV)
    return f"PostgreSQL: {'tests run on ' + url.rsplit('@', 1)[-1] if url else 'skipped (set ' + PG_ENV + ')'}"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    else:
        url = os.environ.get(PG_ENV)
        if not url:
            pytest.skip(f"PostgreSQL tests skipped: set {PG_ENV}, e.g. "
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
        _reset_postgres(url)
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def app(database_url):
    application = create_app({"TESTING": True, "DATABASE_URL": database_url,
                              "SECRET_KEY": "test-secret", "PASSWORD_HASH_METHOD": FAST_HASH})
    yield application
    application.extensions["reglament.db"].engine.dispose()


def _wipe(engine) -> None:
    tables = load_all_models().sorted_tables
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                conn.execute(table.delete())
        conn.execute(text("INSERT INTO audit_chain_head (chain, seq, hash) VALUES (0, 0, :h)"),
                     {"h": "0" * 64})


@pytest.fixture
def db(app):
    """The app's Database; tables are emptied after the test."""
    database = app.extensions["reglament.db"]
    yield database
    _wipe(database.engine)


@pytest.fixture
def session(db) -> Iterator:
    """A session of the app's engine. No app context is held open: requests made by test clients
    must get their own context, as in production."""
    sess = db.sessionmaker()
    yield sess
    sess.rollback()
    sess.close()


@pytest.fixture
def client(app, db):
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str) -> str:
    """The CSRF token of the form on the page at `path`."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {path}: {page[-1500:]}"
    return match.group(1)


def login(client, login_name: str, password: str = factories.PASSWORD, follow: bool = False):
    """Sign in through the real form, CSRF token included."""
    token = csrf_token(client, "/login")
    return client.post("/login", data={"csrf_token": token, "login": login_name,
                                       "password": password}, follow_redirects=follow)


@pytest.fixture
def school(session):
    """A school with its founder, committed."""
    org = factories.make_school(session)
    session.commit()
    return org


@pytest.fixture
def client_as(app, session, school):
    """client_as("teacher") → a test client signed in as a new user with that role."""

    def make(*roles: str, org=None):
        user = factories.make_user(session, org or school, roles=list(roles))
        session.commit()
        cl = app.test_client()
        response = login(cl, user.login)
        assert response.status_code == 302, response.get_data(as_text=True)
        cl.user = user
        return cl

    return make


@pytest.fixture
def served(app):
    """The app served over HTTP on loopback (threaded, as a real server): its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def count_queries(db):
    """with count_queries() as counter: ... → counter.count statements executed."""

    @contextmanager
    def counting():
        counter = type("Counter", (), {"count": 0, "statements": []})()

        def before(conn, cursor, statement, *args):
            counter.count += 1
            counter.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counting
