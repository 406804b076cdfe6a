"""Personal access tokens of the API: issued and revoked by their user or the school's admin,
kept hashed, checked on every call (SEC-01, SEC-02)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.accounts import actor_of
from core.actor import Actor
from core.errors import NotAllowed, NotAuthenticated, NotFound, ValidationFailed
from core.models import ApiToken, User
from core.roles import permissions_of
from core.token_rules import MAX_LIFETIME_DAYS, SCOPES, digest, new_secret, scopes_for

# last use is written at most this often: a call must not cost a write
LAST_USED_STEP = timedelta(minutes=10)


@dataclass(frozen=True)
class TokenCall:
    """Who an API call acts as, and with which scopes."""

    actor: Actor
    scopes: frozenset[str]
    token_id: int


def _target_user(session: Session, actor: Actor, login: str | None) -> User:
    if not login or login == actor.login:
        user = session.get(User, actor.user_id)
    else:
        actor.require("admin.users")
        user = session.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None or user.organisation_id != actor.organisation_id:
        raise NotFound("Пользователь с таким логином в школе не найден.")
    return user


def issue(session: Session, actor: Actor, *, name: str, scopes: list[str], days: int, now: datetime,
          login: str | None = None) -> tuple[ApiToken, str]:
    """Issue a token for the actor (or, by the admin, for a user of the school); returns the row
    and the secret, which is shown once and never stored."""
    user = _target_user(session, actor, login)
    name = (name or "").strip()
    errors = []
    if not name or len(name) > 100:
        errors.append("Название: от 1 до 100 символов.")
    allowed = scopes_for(permissions_of(user.roles))
    if not scopes or any(s not in allowed for s in scopes):
        errors.append("Области доступа: выберите из доступных пользователю: "
                      + (", ".join(SCOPES[s] for s in allowed) or "нет ни одной") + ".")
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        errors.append(f"Срок действия: от 1 до {MAX_LIFETIME_DAYS} дней.")
    if errors:
        raise ValidationFailed("Токен не выпущен.", errors)
    secret = new_secret()
    token = ApiToken(user_id=user.id, name=name, prefix=secret[:10], token_hash=digest(secret),
                     scopes=" ".join(sorted(set(scopes))), created_at=now, created_by=actor.user_id,
                     expires_at=now + timedelta(days=days))
    session.add(token)
    session.flush()
    audit.record(session, actor, "api_token.issue", object_type="api_token", object_id=token.id,
                 new={"user_id": user.id, "name": name, "scopes": token.scopes, "expires_at": token.expires_at.isoformat()})
    return token, secret


def revoke(session: Session, actor: Actor, token_id: int, now: datetime) -> ApiToken:
    """Revoke a token: its user may, and the admin of its school; it stops working at once."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user.organisation_id != actor.organisation_id:
        raise NotFound("Токен не найден.")
    if token.user_id != actor.user_id and not actor.can("admin.users"):
        raise NotAllowed("Отозвать токен может его владелец или администратор.")
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = now, actor.user_id
        session.flush()
        audit.record(session, actor, "api_token.revoke", object_type="api_token", object_id=token.id,
                     old={"revoked": False}, new={"revoked": True})
    return token


def tokens_of(session: Session, actor: Actor) -> list[ApiToken]:
    """The actor's own tokens, newest first."""
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == actor.user_id)
                                .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def school_tokens(session: Session, actor: Actor) -> list[ApiToken]:
    """Every token of the school's users, for the admin, newest first."""
    actor.require("admin.users")
    return list(session.scalars(select(ApiToken).join(User, User.id == ApiToken.user_id)
                                .where(User.organisation_id == actor.organisation_id)
                                .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def authenticate(session: Session, secret: str | None, ip: str, now: datetime) -> TokenCall:
    """The call's actor from its bearer token; NotAuthenticated for a missing, unknown, expired or
    revoked token or an inactive user. The user's roles are read now, so a role taken away
    ends the token's rights with it."""
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret))) if secret else None
    if token is None or token.revoked_at is not None or not token.user.active:
        raise NotAuthenticated("Нужен действующий токен доступа: заголовок «Authorization: Bearer …».")
    if token.expires_at is not None and token.expires_at <= now:
        raise NotAuthenticated("Срок действия токена истёк: выпустите новый в профиле.")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        token.last_used_at = now
        session.flush()
    return TokenCall(actor_of(token.user, ip), token.scope_set, token.id)
