"""Account services: sign-in with throttling, users, roles, passwords."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from core import audit
from core.actor import Actor
from core.db import utcnow
from core.errors import NotAllowed, NotFound, ValidationFailed
from core.login_rules import LOCKOUT, WINDOW, locked_until
from core.models import AuditEvent, Organisation, Person, User, UserRole
from core.roles import ROLE_LABELS

LOGIN_FAILED, LOGIN_OK, LOGIN_REFUSED = "auth.login_failed", "auth.login", "auth.login_refused"
MIN_PASSWORD = 8
# A real hash of a random password, checked for unknown logins so both paths cost the same.
_DUMMY_HASH = generate_password_hash("reglament-timing-equaliser")


class LoginLocked(NotAllowed):
    """Too many failed attempts: the login is refused until `until`."""

    def __init__(self, until: datetime):
        super().__init__("Слишком много неудачных попыток входа. Попробуйте снова через 15 минут.")
        self.until = until


def _failures_since_success(session: Session, login: str, now: datetime) -> list[datetime]:
    horizon = now - WINDOW - LOCKOUT
    last_ok = session.scalar(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.action == LOGIN_OK, AuditEvent.object_id == login, AuditEvent.at >= horizon)
    )
    since = max(horizon, last_ok) if last_ok else horizon
    return list(session.scalars(
        select(AuditEvent.at).where(
            AuditEvent.action == LOGIN_FAILED, AuditEvent.object_id == login, AuditEvent.at > since)
    ))


def authenticate(session: Session, login: str, password: str, ip: str, hash_method: str) -> User:
    """Check a login and password; every outcome is an audit event (PD-01).

    Raises LoginLocked after too many failures, ValidationFailed on a wrong pair."""
    login = login.strip().lower()
    now = utcnow()
    user = session.scalar(select(User).where(User.login == login))
    anon = Actor(None, login, user.organisation_id if user else None, frozenset(), ip)
    until = locked_until(_failures_since_success(session, login, now), now)
    if until:
        audit.record(session, anon, LOGIN_REFUSED, object_type="login", object_id=login)
        raise LoginLocked(until)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if not (ok and user and user.active):
        audit.record(session, anon, LOGIN_FAILED, object_type="login", object_id=login,
                     new={"known_login": user is not None})
        raise ValidationFailed("Неверный логин или пароль.")
    if _needs_rehash(user, hash_method):
        user.password_hash = generate_password_hash(password, method=hash_method)
    audit.record(session, actor_of(user, ip), LOGIN_OK, object_type="login", object_id=login)
    return user


def _needs_rehash(user: User, method: str) -> bool:
    return not user.password_hash.startswith(method.split(":")[0] + ":")


def record_logout(session: Session, actor: Actor) -> None:
    """Log a logout (PD-01)."""
    audit.record(session, actor, "auth.logout", object_type="login", object_id=actor.login)


def actor_of(user: User, ip: str = "") -> Actor:
    """The Actor for a signed-in user."""
    return Actor(user.id, user.login, user.organisation_id, user.roles, ip, user.person_id)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed(f"Пароль должен быть не короче {MIN_PASSWORD} символов.")


def create_user(
    session: Session, actor: Actor, *, login: str, password: str, organisation: Organisation,
    person: Person | None, roles: list[str], hash_method: str,
) -> User:
    """Create an account with roles; the login must be new, the password long enough."""
    actor.require("admin.users")
    login = login.strip().lower()
    if not login or not login.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise ValidationFailed("Логин может содержать только буквы, цифры, точку, дефис и подчёркивание.")
    if session.scalar(select(User.id).where(User.login == login)):
        raise ValidationFailed(f"Логин «{login}» уже занят.")
    _check_password(password)
    unknown = [r for r in roles if r not in ROLE_LABELS]
    if unknown:
        raise ValidationFailed(f"Неизвестная роль: {', '.join(unknown)}.")
    user = User(login=login, password_hash=generate_password_hash(password, method=hash_method),
                organisation=organisation, person=person,
                role_rows=[UserRole(role=r) for r in dict.fromkeys(roles)])
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", object_type="user", object_id=user.id,
                 new={"login": login, "roles": sorted(user.roles)},
                 organisation_id=organisation.id)
    return user


def get_user(session: Session, actor: Actor, user_id: int) -> User:
    """A user an admin may manage (same organisation, unless the actor is the system)."""
    user = session.get(User, user_id)
    if user is None or (actor.user_id is not None and user.organisation_id != actor.organisation_id):
        raise NotFound("Пользователь не найден.")
    return user


def set_roles(session: Session, actor: Actor, user: User, roles: list[str]) -> None:
    """Replace the user's roles (grant and revoke in one step)."""
    actor.require("admin.users")
    unknown = [r for r in roles if r not in ROLE_LABELS]
    if unknown:
        raise ValidationFailed(f"Неизвестная роль: {', '.join(unknown)}.")
    old = sorted(user.roles)
    wanted = set(roles)
    user.role_rows = [r for r in user.role_rows if r.role in wanted] + [
        UserRole(role=r) for r in sorted(wanted - user.roles)]
    session.flush()
    audit.record(session, actor, "user.roles", object_type="user", object_id=user.id,
                 old={"roles": old}, new={"roles": sorted(wanted)},
                 organisation_id=user.organisation_id)


def set_active(session: Session, actor: Actor, user: User, active: bool) -> None:
    """Activate or deactivate an account; an admin cannot deactivate themself."""
    actor.require("admin.users")
    if not active and user.id == actor.user_id:
        raise ValidationFailed("Нельзя отключить собственную учётную запись.")
    if user.active == active:
        return
    user.active = active
    audit.record(session, actor, "user.activate" if active else "user.deactivate",
                 object_type="user", object_id=user.id, old={"active": not active},
                 new={"active": active}, organisation_id=user.organisation_id)


def change_password(session: Session, actor: Actor, user: User, current: str, new: str,
                    hash_method: str) -> None:
    """A user changes their own password, confirming the current one."""
    if user.id != actor.user_id:
        raise NotAllowed("Пароль может сменить только сам пользователь.")
    if not check_password_hash(user.password_hash, current):
        raise ValidationFailed("Текущий пароль указан неверно.")
    _check_password(new)
    user.password_hash = generate_password_hash(new, method=hash_method)
    audit.record(session, actor, "user.password", object_type="user", object_id=user.id)
