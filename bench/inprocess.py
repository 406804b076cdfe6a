"""Figures measured inside one process against the benchmark database (run by bench/run.py with
REGLAMENT_DATABASE_URL set): the year's summary sheets of all classes, the seed plan's import from
Word, the SQL queries each benchmarked page runs and, on PostgreSQL, EXPLAIN ANALYZE of its slow
reads. Prints one JSON object."""
from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import event, select

from core.actor import Actor
from core.app import create_app
from core.db import get_database, get_session
from core.models import Organisation, User
from journal import summary as sheet
from journal.models import SchoolClass
from workflow.importing import read_plan_file
from workflow.plan_service import import_plan

SEED_PLAN = Path(__file__).resolve().parent.parent / "workflow" / "seeds" / "plan-grafik-sosh65.docx"


def _deputy(session) -> Actor:
    user = session.scalar(select(User).where(User.login == "fedorova"))
    return Actor(user.id, user.login, user.organisation_id, user.roles)


def summaries(session, runs: int) -> list[float]:
    """Seconds to build and write (Word) the summary sheet of every class."""
    actor, times = _deputy(session), []
    org = session.get(Organisation, actor.organisation_id)
    classes = session.scalars(select(SchoolClass).where(SchoolClass.organisation_id == org.id)).all()
    for _ in range(runs):
        started = time.perf_counter()
        for klass in classes:
            k, subjects, rows = sheet.build(session, actor, klass.id)
            sheet.to_docx(org, k, "2017/2018", subjects, rows, "Федорова Л.Ю.")
        times.append(time.perf_counter() - started)
    return times


def plan_import(session, runs: int) -> list[float]:
    """Seconds to read the seed plan from Word and save it (rolled back each time)."""
    data, times = SEED_PLAN.read_bytes(), []
    user = session.scalar(select(User).where(User.login == "fedorova"))
    actor = Actor(user.id, user.login, user.organisation_id, user.roles | {"working_group"})
    for _ in range(runs):
        started = time.perf_counter()
        draft = read_plan_file(data, SEED_PLAN.name, date(2017, 6, 1))
        import_plan(session, actor, draft, SEED_PLAN.name, data)
        session.flush()
        times.append(time.perf_counter() - started)
        session.rollback()
    return times


SLOW_MS = 20  # statements at least this slow get their PostgreSQL plan recorded


@contextmanager
def _statements(engine):
    """Collects (SQL, parameters, milliseconds) of every statement sent inside the block."""
    seen: list[tuple[str, object, float]] = []
    started: list[float] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        started.append(time.perf_counter())

    def after(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters, (time.perf_counter() - started.pop()) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def _plan(engine, statement: str, parameters) -> str:
    """EXPLAIN ANALYZE of a read on PostgreSQL, with the parameters the page used."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        return "\n".join(row[0] for row in cursor.fetchall())
    finally:
        raw.rollback()
        raw.close()


def query_counts(app, pages: dict[str, tuple[str, str, str, dict | None]]) -> tuple[dict[str, int], list[dict]]:
    """SQL statements each page runs once warm: name → (login, method, path, form); and, on
    PostgreSQL, the plans of the reads slower than SLOW_MS."""
    counts, slow = {}, []
    with app.app_context():
        engine = get_database().engine
    for name, (login, method, path, form) in pages.items():
        client = app.test_client()
        client.post("/login", data={"login": login, "password": "reglament-demo"})
        client.open(path, method=method, data=form)  # warm caches as a running server would have them
        with _statements(engine) as statements:
            answer = client.open(path, method=method, data=form)
        if answer.status_code >= 400:
            raise RuntimeError(f"{name}: {path} answered {answer.status_code}")
        counts[name] = len(statements)
        if engine.dialect.name == "postgresql":
            slow += [{"page": name, "ms": round(ms, 1), "sql": sql, "plan": _plan(engine, sql, params)}
                     for sql, params, ms in statements if ms >= SLOW_MS and sql.lstrip().upper().startswith("SELECT")]
    return counts, slow


def main() -> None:
    pages = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    app = create_app({"WTF_CSRF_ENABLED": False})
    with app.app_context():
        session = get_session()
        out = {"summaries": summaries(session, 3), "plan_import": plan_import(session, 5)}
        session.rollback()
    out["queries"], out["slow_statements"] = query_counts(app, {k: tuple(v) for k, v in pages.items()})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
