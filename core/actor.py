"""The acting user as services see it: id, organisation, roles and client address.

Views and CLI commands build an Actor; services take it instead of reading Flask globals."""
from __future__ import annotations

from dataclasses import dataclass

from core.errors import NotAllowed
from core.roles import ROLE_LABELS, permissions_of


@dataclass(frozen=True)
class Actor:
    """Who is acting, where from, with which roles."""

    user_id: int | None
    login: str
    organisation_id: int | None
    roles: frozenset[str]
    ip: str = ""
    person_id: int | None = None  # known when built from the signed-in user; None may also mean "not looked up"

    @property
    def permissions(self) -> frozenset[str]:
        """The named permissions the actor's roles grant."""
        return permissions_of(self.roles)

    def can(self, permission: str) -> bool:
        """True when one of the actor's roles grants the permission."""
        return permission in self.permissions

    def require(self, permission: str) -> None:
        """Raise NotAllowed unless the actor holds the permission."""
        if not self.can(permission):
            raise NotAllowed("Недостаточно прав для этого действия.")

    def require_org(self, organisation_id: int) -> None:
        """Raise NotAllowed when the object belongs to another organisation."""
        if self.organisation_id != organisation_id:
            raise NotAllowed("Объект относится к другой организации.")


def system_actor(organisation_id: int | None = None, ip: str = "") -> Actor:
    """The actor of command-line and scheduled work, named "system": the operator of the
    installation, trusted with every role."""
    return Actor(None, "system", organisation_id, frozenset(ROLE_LABELS), ip)
