"""The audit trail service: append an event to its organisation's hash chain; verify chains."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.actor import Actor
from core.db import utcnow
from core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def jsonable(value):
    """Turn dates, decimals, sets and tuples into JSON-native values (recursively)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _utc_text(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def event_hash(ev: AuditEvent) -> str:
    """SHA-256 of the event's canonical JSON (sorted keys, no spaces), prev_hash included."""
    payload = {
        "chain": ev.chain, "seq": ev.seq, "at": _utc_text(ev.at), "actor_id": ev.actor_id,
        "actor_login": ev.actor_login, "organisation_id": ev.organisation_id,
        "action": ev.action, "object_type": ev.object_type, "object_id": ev.object_id,
        "old": ev.old, "new": ev.new, "reason": ev.reason, "ip": ev.ip,
        "prev_hash": ev.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _lock_head(session: Session, chain: int) -> AuditChainHead:
    # A no-op UPDATE takes the row's write lock first (PostgreSQL row lock, SQLite write lock),
    # so concurrent writers of one chain queue up instead of forking it.
    locked = session.execute(
        update(AuditChainHead).where(AuditChainHead.chain == chain).values(seq=AuditChainHead.seq)
    ).rowcount
    if not locked:
        session.add(AuditChainHead(chain=chain, seq=0, hash=GENESIS))
        session.flush()
    return session.execute(
        select(AuditChainHead).where(AuditChainHead.chain == chain)
        .execution_options(populate_existing=True)
    ).scalar_one()


def record(
    session: Session, actor: Actor | None, action: str, *, object_type: str = "",
    object_id: object = "", old: dict | None = None, new: dict | None = None,
    reason: str = "", organisation_id: int | None = None,
) -> AuditEvent:
    """Append one event to the chain of its organisation (the actor's, unless given)."""
    org_id = organisation_id if organisation_id is not None else (
        actor.organisation_id if actor else None)
    chain = org_id or 0
    head = _lock_head(session, chain)
    ev = AuditEvent(
        chain=chain, seq=head.seq + 1, at=utcnow(),
        actor_id=actor.user_id if actor else None, actor_login=actor.login if actor else "",
        organisation_id=org_id, action=action, object_type=object_type,
        object_id=str(object_id), old=jsonable(old), new=jsonable(new), reason=reason,
        ip=actor.ip if actor else "", prev_hash=head.hash,
    )
    ev.hash = event_hash(ev)
    head.seq, head.hash = ev.seq, ev.hash
    session.add(ev)
    session.flush()
    return ev


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification: how many events were checked and the first broken one."""

    verified: int
    broken_event_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        """True when every chain is intact."""
        return self.broken_event_id is None and not self.problem


def _events(session: Session) -> Iterator[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.chain, AuditEvent.seq)
    yield from session.scalars(stmt.execution_options(yield_per=1000))


def verify(session: Session) -> ChainReport:
    """Walk every chain in order; report the first event whose link or content is broken."""
    heads = {h.chain: h for h in session.scalars(select(AuditChainHead))}
    count, chain, expected_seq, prev = 0, None, 1, GENESIS
    last_seen: dict[int, AuditEvent] = {}
    for ev in _events(session):
        if ev.chain != chain:
            chain, expected_seq, prev = ev.chain, 1, GENESIS
        if ev.seq != expected_seq:
            return ChainReport(count, ev.id, f"пропущено событие перед № {ev.seq} цепочки {ev.chain}")
        if ev.prev_hash != prev:
            return ChainReport(count, ev.id, "нарушена связь с предыдущим событием")
        if event_hash(ev) != ev.hash:
            return ChainReport(count, ev.id, "содержимое события изменено")
        prev, expected_seq = ev.hash, expected_seq + 1
        last_seen[ev.chain] = ev
        count += 1
    for chain_id, head in heads.items():
        last = last_seen.get(chain_id)
        if (last.seq if last else 0) != head.seq or (last.hash if last else GENESIS) != head.hash:
            return ChainReport(count, None, f"удалены последние события цепочки {chain_id}")
    return ChainReport(count)


@dataclass(frozen=True)
class EventFilter:
    """Filters of the audit page; empty fields do not filter."""

    action: str = ""
    login: str = ""
    object_type: str = ""
    date_from: datetime | None = None
    date_to: datetime | None = None


def list_events(session: Session, actor: Actor, flt: EventFilter, limit: int = 100,
                offset: int = 0) -> list[AuditEvent]:
    """Events of the actor's organisation (and sign-in events of its users), newest first."""
    actor.require("admin.audit")
    stmt = select(AuditEvent).where(AuditEvent.organisation_id == actor.organisation_id)
    if flt.action:
        stmt = stmt.where(AuditEvent.action.startswith(flt.action))
    if flt.login:
        stmt = stmt.where(AuditEvent.actor_login == flt.login.strip().lower())
    if flt.object_type:
        stmt = stmt.where(AuditEvent.object_type == flt.object_type)
    if flt.date_from:
        stmt = stmt.where(AuditEvent.at >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(AuditEvent.at < flt.date_to)
    stmt = stmt.order_by(AuditEvent.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(stmt))
