"""Backups (ARC-02): made and restored by a named responsible person, both logged; the restored
database has the same rows and the same audit chain, which `reglament audit verify` accepts."""
from sqlalchemy import func, select, text

from core.backup_cli import backup_cli
from core.cli import audit_verify
from core.models import AuditEvent, User
from core.registry import load_all_models
from tests import factories


def _counts(session) -> dict[str, int]:
    return {t.name: session.scalar(select(func.count()).select_from(t)) for t in load_all_models().sorted_tables
            if not t.name.startswith("huey")}


def _chain(session) -> list[tuple[int, str]]:
    return list(session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.chain, AuditEvent.seq)))


def test_ARC_02_backup_and_restore_round_trip_with_the_audit_chain(app, session, school, tmp_path):
    admin = factories.make_user(session, school, ["admin"], login="adminka")
    for _ in range(3):
        factories.make_user(session, school, ["teacher"])
    session.commit()
    runner, out = app.test_cli_runner(), tmp_path / "copy.backup"
    made = runner.invoke(backup_cli, ["create", "--by", "adminka", "--out", str(out)])
    assert made.exit_code == 0, made.output
    assert "SHA-256" in made.output and out.stat().st_size > 0
    session.expire_all()
    counts, chain = _counts(session), _chain(session)
    logged = session.scalar(select(AuditEvent).where(AuditEvent.action == "backup.create"))
    assert logged.actor_id == admin.id and logged.object_id == "copy.backup"
    factories.make_user(session, school, ["teacher"])  # work after the backup, lost by the restore
    session.commit()
    session.close()
    restored = runner.invoke(backup_cli, ["restore", str(out), "--by", "adminka", "--yes"])
    assert restored.exit_code == 0, restored.output
    after = _counts(session)
    assert after.pop("audit_event") == counts.pop("audit_event") + 1  # the restore's own record
    assert after == counts
    events = _chain(session)
    assert events[:len(chain)] == chain
    assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == "backup.restore"
    verified = runner.invoke(audit_verify)
    assert verified.exit_code == 0 and "Цепочка цела" in verified.output
    assert session.scalar(select(func.count()).select_from(User)) == 4


def test_ARC_02_only_a_named_admin_or_director_and_only_a_real_backup(app, session, school, tmp_path):
    factories.make_user(session, school, ["teacher"], login="uchitel")
    factories.make_user(session, school, ["director"], login="direktor")
    session.commit()
    runner = app.test_cli_runner()
    refused = runner.invoke(backup_cli, ["create", "--by", "uchitel", "--out", str(tmp_path / "x")])
    assert refused.exit_code != 0 and "администратор или директор" in refused.output
    assert not (tmp_path / "x").exists()
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all")
    before = _counts(session)
    wrong = runner.invoke(backup_cli, ["restore", str(junk), "--by", "direktor", "--yes"])
    assert wrong.exit_code != 0 and "Это не резервная копия" in wrong.output
    session.execute(text("SELECT 1"))
    assert _counts(session) == before
