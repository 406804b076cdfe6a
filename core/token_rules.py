"""Rules of the API's personal access tokens and of single sign-on through OpenID Connect (pure).

A scope narrows what a token may do; it never widens the rights of the token's user (SEC-02):
a scope is offered only to a user whose roles hold one of the permissions behind it."""
from __future__ import annotations

import hashlib
import secrets

SCOPES: dict[str, str] = {
    "plan.read": "Чтение плана-графика",
    "plan.write": "Отметки о ходе задач плана",
    "acts.read": "Чтение актов, приказов и публикаций",
    "journal.read": "Чтение журнала и дневника",
    "marks.write": "Запись отметок и посещаемости",
}

# a scope is of use only with one of these permissions
SCOPE_PERMISSIONS: dict[str, frozenset[str]] = {
    "plan.read": frozenset({"plan.view"}),
    "plan.write": frozenset({"plan.view"}),
    "acts.read": frozenset({"acts.view", "orders.view"}),
    "journal.read": frozenset({"journal.read", "diary.read"}),
    "marks.write": frozenset({"journal.write"}),
}
assert set(SCOPES) == set(SCOPE_PERMISSIONS)

TOKEN_PREFIX = "rgl_"
MAX_LIFETIME_DAYS = 366
# how a provider's identity finds its school login: its subject linked once by the user, or its
# verified e-mail equal to the login's e-mail
MATCH_CLAIMS = ("sub", "email")


def scopes_for(permissions: frozenset[str]) -> list[str]:
    """The scopes a user with these permissions may put on a token, in the table's order."""
    return [scope for scope, needs in SCOPE_PERMISSIONS.items() if needs & permissions]


def new_secret() -> str:
    """A new token: the prefix and 43 URL-safe characters (256 random bits)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """What the database keeps of a token: its SHA-256, hex. A token is random, so a plain hash
    is enough (no salt or slow hash needed, unlike a password)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def bearer_secret(authorization: str | None) -> str | None:
    """The token from an `Authorization: Bearer …` header, or None when there is none."""
    if not authorization:
        return None
    kind, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if kind.lower() != "bearer" or not value.startswith(TOKEN_PREFIX) or len(value) > 100:
        return None
    return value


def verified_email(claims: dict) -> str | None:
    """The e-mail of an ID token's claims, lower-cased, only when the provider says it verified
    it: an unverified address proves nothing about who signs in."""
    email = claims.get("email")
    if claims.get("email_verified") is not True or not isinstance(email, str) or "@" not in email:
        return None
    return email.strip().lower()


def provider_key_ok(key: str) -> bool:
    """A provider's key as it appears in the callback address: a-z, digits and "-", 1–32 long."""
    return 0 < len(key) <= 32 and all(c.isascii() and (c.isalnum() or c == "-") and not c.isupper() for c in key)
