"""Notifications: the in-app inbox always, e-mail when SMTP is configured."""
from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.actor import Actor
from core.db import utcnow
from core.models import Notification, User


def notify(session: Session, user_id: int, title: str, body: str = "", link: str = "",
           dedupe_key: str = "") -> Notification | None:
    """Put a message in a user's inbox once per dedupe key; None when it was already there."""
    key = dedupe_key or f"{title}|{link}"
    exists = session.scalar(select(Notification.id).where(Notification.user_id == user_id,
                                                          Notification.dedupe_key == key))
    if exists:
        return None
    note = Notification(user_id=user_id, title=title[:300], body=body, link=link[:300],
                        dedupe_key=key[:200])
    session.add(note)
    session.flush()
    return note


def inbox(session: Session, actor: Actor, limit: int = 100) -> list[Notification]:
    """The actor's notifications, unread first, newest first."""
    return list(session.scalars(
        select(Notification).where(Notification.user_id == actor.user_id)
        .order_by(Notification.read_at.is_not(None), Notification.id.desc()).limit(limit)))


def unread_count(session: Session, actor: Actor) -> int:
    """How many notifications the actor has not read."""
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == actor.user_id, Notification.read_at.is_(None))) or 0


def mark_read(session: Session, actor: Actor) -> int:
    """Mark all the actor's notifications read; return how many changed."""
    result = session.execute(update(Notification).where(
        Notification.user_id == actor.user_id, Notification.read_at.is_(None)).values(read_at=utcnow()))
    return result.rowcount


@dataclass(frozen=True)
class SmtpSettings:
    """Where e-mail goes; None host means e-mail is off."""

    host: str | None
    port: int = 25
    sender: str = "reglament@localhost"


def send_pending_email(session: Session, smtp: SmtpSettings) -> int:
    """E-mail every notification not yet sent to a user with an address; return how many went."""
    if not smtp.host:
        return 0
    rows = session.execute(
        select(Notification, User.email).join(User, User.id == Notification.user_id)
        .where(Notification.emailed.is_(False), User.email != "")).all()
    if not rows:
        return 0
    with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
        for note, address in rows:
            msg = EmailMessage()
            msg["Subject"], msg["From"], msg["To"] = note.title, smtp.sender, address
            msg.set_content(f"{note.body}\n\n{note.link}".strip())
            server.send_message(msg)
            note.emailed = True
    session.flush()
    return len(rows)
