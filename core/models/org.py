"""Organisations (schools and founders), people and user accounts."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime, check_in, utcnow
from core.formatting import short_person_name
from core.roles import ROLE_LABELS

ORG_KINDS = ("school", "founder")


class Organisation(Base):
    """A school or a founder (the city education department); a founder has schools."""

    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint("kind IN ('school', 'founder')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Yekaterinburg")
    founder_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)

    founder: Mapped[Organisation | None] = relationship(remote_side=[id])


class Person(Base):
    """A person the school deals with: staff, a council member, a parent, a student."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    surname: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(200), default="")

    organisation: Mapped[Organisation] = relationship()

    @property
    def short_name(self) -> str:
        """"Фаерберг Е.И." — surname with initials, as Russian documents write it."""
        return short_person_name(self.surname, self.name, self.patronymic)

    @property
    def full_name(self) -> str:
        """Surname, name and patronymic."""
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)


class User(UserMixin, Base):
    """A login of a person in one organisation; roles come from UserRole rows."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    feed_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    person: Mapped[Person | None] = relationship(lazy="joined")
    role_rows: Mapped[list[UserRole]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", back_populates="user"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def roles(self) -> frozenset[str]:
        """The names of the roles this user holds."""
        return frozenset(r.role for r in self.role_rows)

    @property
    def display_name(self) -> str:
        """The person's short name, or the login when no person is linked."""
        return self.person.short_name if self.person else self.login


_ROLE_CHECK = check_in("role", ROLE_LABELS)


class UserRole(Base):
    """A role granted to a user."""

    __tablename__ = "user_role"
    __table_args__ = (
        UniqueConstraint("user_id", "role"),
        CheckConstraint(_ROLE_CHECK, name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))

    user: Mapped[User] = relationship(back_populates="role_rows")
