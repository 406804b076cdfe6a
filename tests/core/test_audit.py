"""The audit trail: one hash chain per organisation, tamper-evident, single-line under load."""
import threading

import pytest
from sqlalchemy import select, text, update

from core import audit
from core.actor import system_actor
from core.cli import audit_cli
from core.models import AuditChainHead, AuditEvent
from tests import factories


def _write_events(session, org, n):
    for i in range(n):
        audit.record(session, system_actor(org.id), "test.event", object_type="thing",
                     object_id=i, new={"i": i, "текст": "проверка"})
    session.commit()


def test_chain_verifies_and_cli_reports_count(app, session, school):
    _write_events(session, school, 5)
    result = app.test_cli_runner().invoke(audit_cli, ["verify"])
    assert result.exit_code == 0
    assert "Цепочка цела" in result.output
    report = audit.verify(session)
    assert report.ok and report.verified >= 5


def _tampered(app):
    return app.test_cli_runner().invoke(audit_cli, ["verify"])


def test_changed_row_is_detected(app, session, school):
    _write_events(session, school, 5)
    victim = session.scalars(select(AuditEvent).where(AuditEvent.action == "test.event")
                             .order_by(AuditEvent.seq)).all()[2]
    session.execute(update(AuditEvent).where(AuditEvent.id == victim.id).values(reason="подмена"))
    session.commit()
    result = _tampered(app)
    assert result.exit_code == 1
    assert f"id={victim.id}" in result.output and "изменено" in result.output


def test_deleted_row_is_detected(app, session, school):
    _write_events(session, school, 5)
    victim = session.scalars(select(AuditEvent).where(AuditEvent.action == "test.event")
                             .order_by(AuditEvent.seq)).all()[1]
    session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": victim.id})
    session.commit()
    assert _tampered(app).exit_code == 1


def test_deleted_last_row_is_detected(app, session, school):
    _write_events(session, school, 3)
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": last.id})
    session.commit()
    result = _tampered(app)
    assert result.exit_code == 1 and "удалены последние" in result.output


def test_reordered_rows_are_detected(app, session, school):
    _write_events(session, school, 4)
    a, b = session.scalars(select(AuditEvent).where(AuditEvent.action == "test.event")
                           .order_by(AuditEvent.seq)).all()[1:3]
    seq_a, seq_b = a.seq, b.seq
    session.execute(update(AuditEvent).where(AuditEvent.id == a.id).values(seq=-1))
    session.execute(update(AuditEvent).where(AuditEvent.id == b.id).values(seq=seq_a))
    session.execute(update(AuditEvent).where(AuditEvent.id == a.id).values(seq=seq_b))
    session.commit()
    assert _tampered(app).exit_code == 1


def test_each_organisation_has_its_own_chain(session, school):
    other = factories.make_school(session, "Лицей")
    session.commit()
    _write_events(session, school, 2)
    _write_events(session, other, 3)
    heads = {h.chain: h.seq for h in session.scalars(select(AuditChainHead))}
    assert heads[school.id] >= 3 and heads[other.id] >= 4
    assert audit.verify(session).ok


def test_concurrent_writers_keep_one_line_on_postgresql(app, db, session, school):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks under parallel transactions are a PostgreSQL property")
    errors: list[Exception] = []
    barrier = threading.Barrier(8)

    def writer(k):
        try:
            with db.sessionmaker() as s:
                barrier.wait()
                for i in range(15):
                    audit.record(s, system_actor(school.id), "test.parallel", object_id=f"{k}-{i}")
                    s.commit()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = session.scalars(select(AuditEvent.seq).where(AuditEvent.chain == school.id)
                           .order_by(AuditEvent.seq)).all()
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 120
    assert audit.verify(session).ok
