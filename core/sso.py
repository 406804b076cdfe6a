"""Single sign-on through OpenID Connect (SEC-03): providers configured by the school's admin,
identities matched to school logins by a linked subject or a verified e-mail, never created.

Authlib does the protocol: authorization code with PKCE, state and nonce kept in the session,
the ID token's signature (provider's JWKS), issuer, audience, expiry and nonce verified."""
from __future__ import annotations

import hashlib

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import NotAllowed, NotFound, ValidationFailed
from core.models import IdentityLink, IdentityProvider, User
from core.token_rules import MATCH_CLAIMS, provider_key_ok, verified_email

SCOPE = "openid email profile"


def init_app(app: Flask) -> None:
    """One Authlib registry per application."""
    OAuth(app)


def client_for(provider: IdentityProvider):
    """The Authlib client of a provider; a changed configuration gets a fresh client."""
    oauth: OAuth = current_app.extensions["authlib.integrations.flask_client"]
    fingerprint = hashlib.sha256(f"{provider.issuer}|{provider.client_id}|{provider.client_secret}".encode()).hexdigest()[:12]
    name = f"idp{provider.id}-{fingerprint}"
    return oauth.create_client(name) or oauth.register(
        name, client_id=provider.client_id, client_secret=provider.client_secret,
        server_metadata_url=provider.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256"})


def active_providers(session: Session) -> list[IdentityProvider]:
    """Providers offered on the sign-in page."""
    return list(session.scalars(select(IdentityProvider).where(IdentityProvider.active.is_(True))
                                .order_by(IdentityProvider.title)))


def provider_by_key(session: Session, key: str) -> IdentityProvider:
    """An active provider by its key (NotFound otherwise)."""
    provider = session.scalar(select(IdentityProvider).where(IdentityProvider.key == key,
                                                             IdentityProvider.active.is_(True)))
    if provider is None:
        raise NotFound("Такой способ входа не настроен.")
    return provider


def school_providers(session: Session, actor: Actor) -> list[IdentityProvider]:
    """The school's providers, for its admin."""
    actor.require("admin.users")
    return list(session.scalars(select(IdentityProvider).where(IdentityProvider.organisation_id == actor.organisation_id)
                                .order_by(IdentityProvider.title)))


def save_provider(session: Session, actor: Actor, *, key: str, title: str, issuer: str, client_id: str,
                  client_secret: str, match_claim: str, active: bool) -> IdentityProvider:
    """Add or change (by key) an OpenID Connect provider of the school; a blank secret keeps the old one."""
    actor.require("admin.users")
    key, issuer = key.strip().lower(), issuer.strip().rstrip("/")
    errors = []
    if not provider_key_ok(key):
        errors.append("Код: латинские буквы, цифры и «-», до 32 знаков.")
    if not issuer.startswith(("https://", "http://")):
        errors.append("Адрес поставщика (issuer) должен начинаться с https://.")
    if match_claim not in MATCH_CLAIMS:
        errors.append("Сопоставление: по привязке (sub) или по подтверждённой почте (email).")
    provider = session.scalar(select(IdentityProvider).where(IdentityProvider.organisation_id == actor.organisation_id,
                                                             IdentityProvider.key == key))
    if provider is None and not client_secret:
        errors.append("Укажите секрет клиента.")
    if errors:
        raise ValidationFailed("Поставщик входа не сохранён.", errors)
    old = {"issuer": provider.issuer, "client_id": provider.client_id, "active": provider.active} if provider else None
    if provider is None:
        provider = IdentityProvider(organisation_id=actor.organisation_id, key=key)
        session.add(provider)
    provider.title, provider.issuer, provider.client_id = title.strip() or key, issuer, client_id.strip()
    provider.match_claim, provider.active = match_claim, active
    if client_secret:
        provider.client_secret = client_secret
    session.flush()
    audit.record(session, actor, "sso.provider_saved", object_type="identity_provider", object_id=provider.id,
                 old=old, new={"issuer": issuer, "client_id": provider.client_id, "match_claim": match_claim,
                               "active": active})
    return provider


def user_for_identity(session: Session, provider: IdentityProvider, claims: dict, ip: str) -> User:
    """The school login of a verified identity: by its linked subject, or (when the admin chose
    e-mail) by a verified e-mail equal to exactly one active login's, which is then linked.
    An unknown identity is refused: accounts are issued by the school (SEC-03)."""
    subject = str(claims["sub"])
    user = session.scalar(select(User).join(IdentityLink, IdentityLink.user_id == User.id)
                          .where(IdentityLink.provider_id == provider.id, IdentityLink.subject == subject))
    email = verified_email(claims)
    if user is None and provider.match_claim == "email" and email:
        found = session.scalars(select(User).where(User.organisation_id == provider.organisation_id,
                                                   func.lower(User.email) == email, User.active.is_(True))).all()
        user = found[0] if len(found) == 1 else None
        if user is not None:
            _add_link(session, Actor(user.id, user.login, user.organisation_id, user.roles, ip), provider, subject)
    if user is None or not user.active or user.organisation_id != provider.organisation_id:
        raise NotAllowed(f"Вход через «{provider.title}» не связан ни с одной учётной записью школы. "
                         "Войдите по логину и паролю, выданным школой, и привяжите этот способ входа в профиле.")
    return user


def _add_link(session: Session, actor: Actor, provider: IdentityProvider, subject: str) -> IdentityLink:
    link = IdentityLink(provider_id=provider.id, user_id=actor.user_id, subject=subject)
    session.add(link)
    session.flush()
    audit.record(session, actor, "sso.linked", object_type="identity_provider", object_id=provider.id,
                 new={"subject": subject})
    return link


def link(session: Session, actor: Actor, provider: IdentityProvider, claims: dict) -> IdentityLink:
    """Link the signed-in user to the identity just verified by the provider (once per provider)."""
    user = session.get(User, actor.user_id)
    if user is None or user.organisation_id != provider.organisation_id:
        raise NotAllowed("Этот способ входа настроен для другой организации.")
    subject = str(claims["sub"])
    taken = session.scalar(select(IdentityLink).where(IdentityLink.provider_id == provider.id,
                                                      (IdentityLink.subject == subject) | (IdentityLink.user_id == user.id)))
    if taken is not None:
        raise ValidationFailed("Привязка не выполнена: эта учётная запись поставщика или ваш логин уже привязаны.")
    return _add_link(session, actor, provider, subject)


def unlink(session: Session, actor: Actor, provider_id: int) -> None:
    """Remove the user's link to a provider; the school password keeps working."""
    row = session.scalar(select(IdentityLink).where(IdentityLink.provider_id == provider_id,
                                                    IdentityLink.user_id == actor.user_id))
    if row is None:
        raise NotFound("Привязка не найдена.")
    session.delete(row)
    session.flush()
    audit.record(session, actor, "sso.unlinked", object_type="identity_provider", object_id=provider_id,
                 old={"subject": row.subject})


def linked_provider_ids(session: Session, actor: Actor) -> set[int]:
    """The providers the user has linked."""
    return set(session.scalars(select(IdentityLink.provider_id).where(IdentityLink.user_id == actor.user_id)))


def record_login(session: Session, actor: Actor, provider: IdentityProvider) -> None:
    """A sign-in through the provider (PD-01)."""
    audit.record(session, actor, "auth.login_sso", object_type="identity_provider", object_id=provider.id)


def record_failure(session: Session, provider: IdentityProvider, ip: str, reason: str) -> None:
    """A refused sign-in through the provider: bad state, replayed code, bad token, unknown identity."""
    audit.record(session, Actor(None, "", provider.organisation_id, frozenset(), ip), "auth.login_sso_failed",
                 object_type="identity_provider", object_id=provider.id, new={"reason": reason[:300]})
