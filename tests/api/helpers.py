"""Tokens and calls for API tests."""
from __future__ import annotations

from datetime import date

from core import tokens
from core.actor import Actor, system_actor
from core.db import utcnow
from tests.workflow import plan_files as pf
from workflow.importing import read_plan_file
from workflow.plan_service import import_plan


def actor_of(user) -> Actor:
    return Actor(user.id, user.login, user.organisation_id, user.roles)


def token_for(session, user_or_actor, *scopes: str, days: int = 30) -> str:
    """A committed token of the user with the scopes; returns the secret."""
    actor = user_or_actor if isinstance(user_or_actor, Actor) else actor_of(user_or_actor)
    _, secret = tokens.issue(session, actor, name="тест", scopes=list(scopes), days=days, now=utcnow())
    session.commit()
    return secret


def bearer(secret: str, **extra) -> dict:
    return {"Authorization": f"Bearer {secret}", **extra}


def seed_plan(session, school):
    """The seed plan imported into the school."""
    draft = read_plan_file(pf.SEED_DOCX.read_bytes(), "p.docx", date(2017, 6, 1))
    plan, _ = import_plan(session, system_actor(school.id), draft, "p.docx", b"x")
    session.commit()
    return plan
