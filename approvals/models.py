"""Approval routes, councils, meetings, votes, opinions and founder decisions."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
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

from approvals.council_rules import MAJORITIES
from approvals.lifecycle import MEETING, STEP
from approvals.route_rules import STEP_INFO
from core.db import Base, UTCDateTime, check_in, utcnow
from workflow.statemachine import TransitionRecord

COUNCIL_KINDS = {"pedagogical": "Педагогический совет", "governing": "Управляющий совет",
                 "students": "Совет обучающихся", "parents": "Совет родителей",
                 "trade_union": "Профсоюзный комитет", "other": "Иной орган"}



class Council(Base):
    """A collegial body of the school with its quorum and majority rules (L17) and the
    "silence means no objection" setting (L9, off by default)."""

    __tablename__ = "council"
    __table_args__ = (CheckConstraint(check_in("kind", COUNCIL_KINDS), name="kind"),
                      CheckConstraint(check_in("majority", MAJORITIES), name="majority"),
                      UniqueConstraint("organisation_id", "kind", "name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    formed: Mapped[bool] = mapped_column(Boolean, default=True)
    quorum_num: Mapped[int] = mapped_column(Integer, default=2)
    quorum_den: Mapped[int] = mapped_column(Integer, default=3)
    majority: Mapped[str] = mapped_column(String(16), default="simple")
    silence_is_consent: Mapped[bool] = mapped_column(Boolean, default=False)

    members: Mapped[list[CouncilMember]] = relationship(order_by="CouncilMember.id")


class CouncilMember(Base):
    """Membership of a person in a council for a term; role chair, secretary or member."""

    __tablename__ = "council_member"
    __table_args__ = (CheckConstraint(check_in("role", ("chair", "secretary", "member")), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="member")
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)

    def active_on(self, day: date) -> bool:
        """True when the membership covers the day."""
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


class RouteStep(Base):
    """One step of an act's route, with its citation, due date and the version its result
    belongs to (L18)."""

    __tablename__ = "route_step"
    __table_args__ = (CheckConstraint(STEP.check_constraint(), name="status"),
                      CheckConstraint(check_in("kind", STEP_INFO), name="kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("act.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(300))
    citation: Mapped[str] = mapped_column(String(300))
    stage: Mapped[int] = mapped_column(Integer)
    required: Mapped[bool] = mapped_column(Boolean)
    body: Mapped[str] = mapped_column(String(40), default="")
    council_id: Mapped[int | None] = mapped_column(ForeignKey("council.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    sent_on: Mapped[date | None] = mapped_column(Date)
    due: Mapped[date | None] = mapped_column(Date, index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("act_version.id"))
    result: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StepHistory(TransitionRecord, Base):
    """An append-only row per status change of a route step."""

    __tablename__ = "route_step_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("route_step.id"), index=True)


OPINION_VERDICTS = {"agree": "Согласны", "proposals": "Согласны с предложениями",
                    "disagree": "Не согласны"}


class Opinion(Base):
    """A body's opinion on one exact version (L18): verdict, reasons, its protocol, a scan."""

    __tablename__ = "opinion"
    __table_args__ = (CheckConstraint(check_in("verdict", OPINION_VERDICTS), name="verdict"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("route_step.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("act_version.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[date] = mapped_column(Date)
    protocol_no: Mapped[str] = mapped_column(String(40), default="")
    protocol_date: Mapped[date | None] = mapped_column(Date)
    scan_name: Mapped[str] = mapped_column(String(255), default="")
    scan: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)


class Meeting(Base):
    """A meeting of a council; minutes are numbered per council per year."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("council_id", "year", "number"),
                      CheckConstraint(MEETING.check_constraint(), name="status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    quorate: Mapped[bool | None] = mapped_column(Boolean)
    present_count: Mapped[int | None] = mapped_column(Integer)
    member_count: Mapped[int | None] = mapped_column(Integer)

    council: Mapped[Council] = relationship(lazy="joined")
    items: Mapped[list[AgendaItem]] = relationship(order_by="AgendaItem.position")


class AgendaItem(Base):
    """An agenda item, pointing at an exact act version when it decides on an act."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    act_version_id: Mapped[int | None] = mapped_column(ForeignKey("act_version.id"))
    speaker: Mapped[str] = mapped_column(String(200), default="")
    discussion: Mapped[str] = mapped_column(Text, default="")
    proposal: Mapped[str] = mapped_column(Text, default="")
    open_for: Mapped[int | None] = mapped_column(Integer)
    open_against: Mapped[int | None] = mapped_column(Integer)
    open_abstained: Mapped[int | None] = mapped_column(Integer)
    decided: Mapped[bool | None] = mapped_column(Boolean)


class Attendance(Base):
    """Whether a member attended a meeting."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_member.id"), index=True)
    present: Mapped[bool] = mapped_column(Boolean)


VOTE_CHOICES = {"for": "За", "against": "Против", "abstained": "Воздержался"}


class Vote(Base):
    """One member's vote on an agenda item (one per member: a unique constraint)."""

    __tablename__ = "vote"
    __table_args__ = (UniqueConstraint("item_id", "member_id"),
                      CheckConstraint(check_in("choice", VOTE_CHOICES), name="choice"))

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_member.id"), index=True)
    choice: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
