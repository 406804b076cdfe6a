"""Director's orders and their registers, acquaintance of staff, publication on the school site."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime, utcnow
from documents.order_lifecycle import ORDER, PUBLICATION
from workflow.statemachine import TransitionRecord


class OrderRegister(Base):
    """A register of orders of a school: main activity ("-од"), personnel ("-лс"), others."""

    __tablename__ = "order_register"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    suffix: Mapped[str] = mapped_column(String(20))


class OrderCounter(Base):
    """The last number given in a register in a calendar year; locked while numbering (L13)."""

    __tablename__ = "order_counter"
    __table_args__ = (UniqueConstraint("register_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("order_register.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Order(Base):
    """A director's order (приказ): heading, stating part, items, control clause, signatory, annexes."""

    __tablename__ = "school_order"
    __table_args__ = (CheckConstraint(ORDER.check_constraint(), name="status"),
                      UniqueConstraint("register_id", "year", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("order_register.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    heading: Mapped[str] = mapped_column(Text)
    preamble: Mapped[str] = mapped_column(Text, default="")
    control_clause: Mapped[str] = mapped_column(Text, default="Контроль за исполнением приказа оставляю за собой.")
    place: Mapped[str] = mapped_column(String(100), default="")
    signatory_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    reg_date: Mapped[date | None] = mapped_column(Date)
    signed_sha256: Mapped[str] = mapped_column(String(64), default="")
    signed_docx: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    signature_name: Mapped[str] = mapped_column(String(255), default="")
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    annul_reason: Mapped[str] = mapped_column(Text, default="")
    audience_roles: Mapped[list | None] = mapped_column(JSON)
    audience_people: Mapped[list | None] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    register: Mapped[OrderRegister] = relationship(lazy="joined", innerjoin=True)
    items: Mapped[list[OrderItem]] = relationship(order_by="OrderItem.position")
    annexes: Mapped[list[OrderAnnex]] = relationship(order_by="OrderAnnex.position")

    @property
    def full_number(self) -> str:
        """"1-од", or "" before registration."""
        return f"{self.number}{self.register.suffix}" if self.number else ""


class OrderItem(Base):
    """A numbered item of an order: text, the responsible person or role, a deadline, and the plan
    task it became."""

    __tablename__ = "order_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("school_order.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(300), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    plan_task_id: Mapped[int | None] = mapped_column(ForeignKey("plan_task.id"))


class OrderAnnex(Base):
    """An act version the order approves."""

    __tablename__ = "order_annex"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("school_order.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    act_version_id: Mapped[int] = mapped_column(ForeignKey("act_version.id"), index=True)


class OrderHistory(TransitionRecord, Base):
    """An append-only row per lifecycle step of an order."""

    __tablename__ = "order_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("school_order.id"), index=True)


class Acquaintance(Base):
    """A person's acquaintance with an order or an act version (L15): electronic or on paper."""

    __tablename__ = "acquaintance"
    __table_args__ = (UniqueConstraint("object_type", "object_id", "person_id"),
                      CheckConstraint("object_type IN ('order', 'act_version')", name="object_type"),
                      CheckConstraint("method IN ('pending', 'electronic', 'paper')", name="method"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    object_type: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[int] = mapped_column(Integer, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    method: Mapped[str] = mapped_column(String(16), default="pending")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Publication(Base):
    """A document published in "Сведения об образовательной организации → Документы" (L10, L11)."""

    __tablename__ = "publication"
    __table_args__ = (CheckConstraint(PUBLICATION.check_constraint(), name="status"),
                      CheckConstraint("object_type IN ('act', 'order')", name="object_type"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    object_type: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[int] = mapped_column(Integer, index=True)
    act_version_id: Mapped[int | None] = mapped_column(ForeignKey("act_version.id"))
    status: Mapped[str] = mapped_column(String(16), default="published")
    kind_title: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    docx: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    adopted_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")
    repealed: Mapped[bool] = mapped_column(default=False)
