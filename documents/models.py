"""Local acts (локальные нормативные акты): kinds, acts, frozen versions, history, comments."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime, check_in, utcnow
from documents.lifecycle import ACT, VERSION_STATES
from workflow.statemachine import TransitionRecord

ADOPTING_BODIES = {"director": "Директор", "pedagogical": "Педагогический совет",
                   "governing": "Управляющий совет"}



class ActKind(Base):
    """A kind of act of one school, with the body its charter says adopts it (L1) and whether the
    founder must coordinate it (L16)."""

    __tablename__ = "act_kind"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),
                      CheckConstraint(check_in("adopting_body", ADOPTING_BODIES), name="adopting_body"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(120))
    adopting_body: Mapped[str] = mapped_column(String(20), default="pedagogical")
    needs_founder: Mapped[bool] = mapped_column(Boolean, default=False)


class Act(Base):
    """A local act with its legal flags and lifecycle state."""

    __tablename__ = "act"
    __table_args__ = (CheckConstraint(ACT.check_constraint(), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("act_kind.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    affects_students: Mapped[bool] = mapped_column(Boolean, default=False)
    affects_employees: Mapped[bool] = mapped_column(Boolean, default=False)
    labour_norms: Mapped[bool] = mapped_column(Boolean, default=False)
    part2: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_founder: Mapped[bool] = mapped_column(Boolean, default=False)
    adopted_with_violation: Mapped[bool] = mapped_column(Boolean, default=False)
    violation_reason: Mapped[str] = mapped_column(Text, default="")
    plan_task_ids: Mapped[list | None] = mapped_column(JSON)  # generic links to plan tasks
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    kind: Mapped[ActKind] = relationship(lazy="joined", innerjoin=True)
    versions: Mapped[list[ActVersion]] = relationship(order_by="ActVersion.number",
                                                      back_populates="act")


class ActVersion(Base):
    """One version of an act's text; frozen once submitted, identified by its SHA-256."""

    __tablename__ = "act_version"
    __table_args__ = (UniqueConstraint("act_id", "number"),
                      CheckConstraint(check_in("status", VERSION_STATES), name="status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("act.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    blocks: Mapped[list] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    edit_count: Mapped[int] = mapped_column(Integer, default=0)

    act: Mapped[Act] = relationship(back_populates="versions")


class ActHistory(TransitionRecord, Base):
    """An append-only row per lifecycle step of an act, with the version it concerned."""

    __tablename__ = "act_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("act.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("act_version.id"))
    details: Mapped[dict | None] = mapped_column(JSON)


class ActComment(Base):
    """A comment on one paragraph of one version, with replies and a resolved flag."""

    __tablename__ = "act_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("act_version.id"), index=True)
    block_index: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("act_comment.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


MARK_KINDS = ("accepted", "opinion", "coordinated", "approved")


class ActMark(Base):
    """An approval mark (гриф) earned by a version: "ПРИНЯТО педагогическим советом, протокол № 1
    от ...", "УЧТЕНО МНЕНИЕ ...", "СОГЛАСОВАНО ...", "УТВЕРЖДЕНО приказом ..." (L14). The apps that
    record the decisions add them; the Word file prints them."""

    __tablename__ = "act_mark"
    __table_args__ = (CheckConstraint(check_in("kind", MARK_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("act.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("act_version.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
