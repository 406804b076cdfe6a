"""A server process killed in the middle of saving a lesson's column (SIGKILL: no handler, no
cleanup) leaves nothing of that save: the marks and the topic it had already written in its
transaction are gone, the audit chain is whole, and the next server saves the same column.

The save is held mid-transaction by a trigger on the change log, which the save writes after the
marks and the lesson: on PostgreSQL it sleeps (pg_sleep), on SQLite it calls a function the server
process registered. The process is killed while it waits there."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select, text

from core import audit
from core.models import AuditEvent
from journal.models import EntryChange, Lesson, Mark
from tests import factories
from tests.journal import school as js
from tests.security.test_faults import injected_trigger

ROOT = Path(__file__).resolve().parents[2]
PAUSE_REASON = "пауза для теста"


def pausing_change_log(db):
    """The database holds any insert into entry_change whose reason is PAUSE_REASON."""
    return injected_trigger(db, "entry_change", f"NEW.reason = '{PAUSE_REASON}'",
                            sqlite_action="SELECT reglament_pause()", postgres_action="PERFORM pg_sleep(120)")


def _server_url(db) -> str:
    """The database as the server process connects to it; PostgreSQL checks every 0.1 s that the
    client of a running statement is still there, so the killed server's backend goes at once
    instead of after its sleep."""
    url = db.engine.url
    if url.get_backend_name() == "postgresql":
        url = url.update_query_dict({"options": "-c client_connection_check_interval=100"})
    return url.render_as_string(hide_password=False)


class Server:
    """The app in its own process (tests/security/killable_server.py)."""

    def __init__(self, url: str, marker: Path):
        self.process = subprocess.Popen([sys.executable, "-m", "tests.security.killable_server", url, str(marker)],
                                        cwd=ROOT, stdout=subprocess.PIPE, text=True)
        self.base = f"http://127.0.0.1:{self.process.stdout.readline().strip()}"

    def signed_in(self, login: str) -> tuple[requests.Session, str]:
        http = requests.Session()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', http.get(self.base + "/login").text).group(1)
        http.post(self.base + "/login", data={"csrf_token": token, "login": login, "password": factories.PASSWORD})
        return http, token

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


def _paused(db, marker: Path) -> bool:
    """The server's save is waiting in the trigger, with its writes made and not committed."""
    if db.engine.dialect.name == "sqlite":
        return marker.exists()
    with db.engine.connect() as conn:
        return bool(conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' "
                                     "AND backend_xid IS NOT NULL AND datname = current_database()")))


def _wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come in time"
        time.sleep(0.05)


def _orphans_gone(db) -> bool:
    if db.engine.dialect.name == "sqlite":
        return True
    with db.engine.connect() as conn:  # the killed server's backend has rolled back and left
        return not conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' "
                                         "AND datname = current_database()"))


@pytest.fixture
def s(session, school):
    return js.build(session, school, until=date(2017, 9, 8))


def _column(s, token: str, value: str, reason: str) -> dict:
    form = {"csrf_token": token, "seen": "", "topic": "Дроби", "reason": reason, "back": "/journal/"}
    return form | {f"c_{st.id}": value for st in s.students}


def test_a_worker_killed_mid_save_leaves_no_half_written_column(app, db, session, s, tmp_path):
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    version = lesson.version
    marker = tmp_path / "paused"
    server = Server(_server_url(db), marker)
    try:
        http, token = server.signed_in(s.teacher.login)
        events = session.scalar(select(func.count()).select_from(AuditEvent))  # the sign-in's included
        answers: list = []

        def post() -> None:
            try:
                answers.append(http.post(f"{server.base}/journal/lesson/{lesson.id}",
                                         data=_column(s, token, "5", PAUSE_REASON), timeout=60))
            except requests.ConnectionError as error:
                answers.append(error)

        with pausing_change_log(db):
            saving = threading.Thread(target=post)
            saving.start()
            _wait_for(lambda: _paused(db, marker))
            os.kill(server.process.pid, signal.SIGKILL)
            saving.join(timeout=30)
            _wait_for(lambda: _orphans_gone(db))
        assert server.process.wait(timeout=10) == -signal.SIGKILL
        assert len(answers) == 1 and isinstance(answers[0], requests.ConnectionError)  # never acknowledged
    finally:
        server.stop()
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Mark)) == 0
    assert session.scalar(select(func.count()).select_from(EntryChange)) == 0
    assert (session.get(Lesson, lesson.id).topic, session.get(Lesson, lesson.id).version) == ("", version)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == events
    assert audit.verify(session).ok

    again = Server(_server_url(db), marker)
    try:
        http, token = again.signed_in(s.teacher.login)
        answer = http.post(f"{again.base}/journal/lesson/{lesson.id}", data=_column(s, token, "4", "после сбоя"),
                           allow_redirects=False)
        assert answer.status_code == 302
    finally:
        again.stop()
    session.expire_all()
    assert sorted(session.scalars(select(Mark.value))) == ["4"] * len(s.students)
