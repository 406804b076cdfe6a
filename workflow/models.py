"""Models of the rollout plan: plan, stages, tasks with sub-items, assignees, terms, history,
comments, evidence and dated occurrences of recurring tasks."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
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

from core.db import Base, UTCDateTime, check_in, utcnow
from workflow.assignees import KINDS as ASSIGNEE_KINDS
from workflow.lifecycle import OCCURRENCE_STATES, TASK
from workflow.statemachine import TransitionRecord
from workflow.terms import KINDS as TERM_KINDS


class Plan(Base):
    """A school's rollout plan (план-график), imported from its Word file or text export."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    academic_year: Mapped[str] = mapped_column(String(9))
    source_name: Mapped[str] = mapped_column(String(255), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)

    stages: Mapped[list[PlanStage]] = relationship(order_by="PlanStage.position",
                                                   back_populates="plan")


class PlanStage(Base):
    """A stage of the plan; `section` names the heading that groups it ("Основная работа...")."""

    __tablename__ = "plan_stage"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16), default="")
    title: Mapped[str] = mapped_column(Text)
    section: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="stages")
    tasks: Mapped[list[PlanTask]] = relationship(order_by="PlanTask.position", back_populates="stage")


class PlanTask(Base):
    """A task of a stage: its number as written, title, term (structured, raw kept) and status."""

    __tablename__ = "plan_task"
    __table_args__ = (
        CheckConstraint(TASK.check_constraint(), name="status"),
        CheckConstraint(check_in("term_kind", TERM_KINDS), name="term_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("plan_stage.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16), default="")
    title: Mapped[str] = mapped_column(Text)
    term_raw: Mapped[str] = mapped_column(Text, default="")
    term_kind: Mapped[str] = mapped_column(String(16))
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date, index=True)
    term_recurrence: Mapped[str] = mapped_column(String(120), default="")
    term_details: Mapped[dict | None] = mapped_column(JSON)
    assignees_raw: Mapped[str] = mapped_column(Text, default="")
    assignee_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source_ref: Mapped[str] = mapped_column(String(100), default="")  # e.g. "order:12:3"

    stage: Mapped[PlanStage] = relationship(back_populates="tasks")
    items: Mapped[list[TaskItem]] = relationship(order_by="TaskItem.position")
    assignees: Mapped[list[TaskAssignee]] = relationship(order_by="TaskAssignee.position")

    @property
    def recurrence(self) -> tuple[str, ...]:
        """The recurrence keys of a recurring term."""
        return tuple(r for r in self.term_recurrence.split(",") if r)


class TaskItem(Base):
    """A checkable sub-item of a task (a bullet line inside the Word cell)."""

    __tablename__ = "plan_task_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_task.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class TaskAssignee(Base):
    """One executor of a task: a person (matched to a Person), a role, a group or a council."""

    __tablename__ = "plan_task_assignee"
    __table_args__ = (CheckConstraint(check_in("kind", ASSIGNEE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_task.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    raw: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)


class TaskHistory(TransitionRecord, Base):
    """An append-only row per status change of a task."""

    __tablename__ = "plan_task_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_task.id"), index=True)


class TaskComment(Base):
    """A comment or progress note on a task."""

    __tablename__ = "plan_task_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_task.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    text: Mapped[str] = mapped_column(Text)


EVIDENCE_KINDS = ("act", "order", "meeting", "file", "link")


class TaskEvidence(Base):
    """Proof that a task was done: a generic reference to an act, order or meeting (by type and
    id, so the plan never imports the apps above it), an uploaded file, or a link."""

    __tablename__ = "plan_task_evidence"
    __table_args__ = (CheckConstraint(check_in("kind", EVIDENCE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_task.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    ref_id: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)


class TaskOccurrence(Base):
    """One dated occurrence of a recurring task, with its own status."""

    __tablename__ = "plan_task_occurrence"
    __table_args__ = (
        UniqueConstraint("task_id", "due"),
        CheckConstraint(check_in("status", OCCURRENCE_STATES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_task.id"), index=True)
    due: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
