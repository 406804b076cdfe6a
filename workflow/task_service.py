"""Task services: status changes by the lifecycle table, sub-items, occurrences, comments, evidence."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.db import utcnow
from core.errors import NotAllowed, NotFound, ValidationFailed
from core.models import User
from core.uploads import safe_name
from workflow.lifecycle import TASK
from workflow.models import (
    EVIDENCE_KINDS,
    Plan,
    PlanTask,
    TaskComment,
    TaskEvidence,
    TaskHistory,
    TaskItem,
    TaskOccurrence,
)
from workflow.plan_service import reached_names

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def get_task(session: Session, actor: Actor, task_id: int) -> PlanTask:
    """A task of the actor's school (NotFound otherwise)."""
    actor.require("plan.view")
    task = session.get(PlanTask, task_id)
    if task is None:
        raise NotFound("Задача не найдена.")
    org = session.scalar(select(Plan.organisation_id).where(Plan.id == task.plan_id))
    if org != actor.organisation_id:
        raise NotFound("Задача не найдена.")
    return task


def is_assignee(session: Session, actor: Actor, task: PlanTask) -> bool:
    """True when the task reaches the actor by name, role or group."""
    person_id = session.scalar(select(User.person_id).where(User.id == actor.user_id))
    reach = set(reached_names(actor.roles))
    return any((a.person_id is not None and a.person_id == person_id) or (a.kind, a.name) in reach
               for a in task.assignees)


def change_status(session: Session, actor: Actor, task_id: int, action: str, seen_state: str,
                  reason: str = "") -> PlanTask:
    """Move a task along its lifecycle; a history row and an audit event record the step."""
    task = get_task(session, actor, task_id)
    old = task.status
    task.status = TASK.next_state(actor, old, action, seen_state=seen_state, reason=reason,
                                  also_allowed=is_assignee(session, actor, task))
    task.done_at = utcnow() if task.status == "done" else None
    session.add(TaskHistory(task_id=task.id, actor_id=actor.user_id, action=action,
                            from_status=old, to_status=task.status, reason=reason.strip()))
    session.flush()
    audit.record(session, actor, f"plan_task.{action}", object_type="plan_task", object_id=task.id,
                 old={"status": old}, new={"status": task.status}, reason=reason.strip())
    return task


def _editable(session: Session, actor: Actor, task: PlanTask) -> None:
    if not (actor.can("plan.edit") or is_assignee(session, actor, task)):
        raise NotAllowed("Отмечать ход задачи могут её исполнители и рабочая группа.")


def set_item_done(session: Session, actor: Actor, item_id: int, done: bool) -> TaskItem:
    """Tick or untick a sub-item of a task."""
    item = session.get(TaskItem, item_id)
    if item is None:
        raise NotFound("Пункт не найден.")
    task = get_task(session, actor, item.task_id)
    _editable(session, actor, task)
    if item.done != done:
        item.done, item.done_at = done, utcnow() if done else None
        item.done_by_id = actor.user_id if done else None
        session.flush()
        audit.record(session, actor, "plan_item.done" if done else "plan_item.undone",
                     object_type="plan_task_item", object_id=item.id,
                     old={"done": not done}, new={"done": done})
    return item


def set_occurrence_status(session: Session, actor: Actor, occurrence_id: int, status: str) -> TaskOccurrence:
    """Mark one occurrence of a recurring task done, skipped, or planned again."""
    occ = session.get(TaskOccurrence, occurrence_id)
    if occ is None:
        raise NotFound("Срок не найден.")
    task = get_task(session, actor, occ.task_id)
    _editable(session, actor, task)
    if status not in ("planned", "done", "skipped"):
        raise ValidationFailed("Неизвестное состояние срока.")
    old = occ.status
    occ.status = status
    occ.done_at, occ.done_by_id = (utcnow(), actor.user_id) if status == "done" else (None, None)
    session.flush()
    audit.record(session, actor, "plan_occurrence.status", object_type="plan_task_occurrence",
                 object_id=occ.id, old={"status": old}, new={"status": status})
    return occ


def add_comment(session: Session, actor: Actor, task_id: int, text: str) -> TaskComment:
    """Add a comment or progress note to a task."""
    task = get_task(session, actor, task_id)
    text = text.strip()
    if not text:
        raise ValidationFailed("Комментарий пуст.")
    if len(text) > 5000:
        raise ValidationFailed("Комментарий длиннее 5000 символов.")
    comment = TaskComment(task_id=task.id, author_id=actor.user_id, text=text)
    session.add(comment)
    session.flush()
    audit.record(session, actor, "plan_task.comment", object_type="plan_task", object_id=task.id,
                 new={"comment_id": comment.id})
    return comment


def add_evidence(session: Session, actor: Actor, task_id: int, *, kind: str, title: str,
                 ref_id: int | None = None, url: str = "", file_name: str = "",
                 file_data: bytes | None = None) -> TaskEvidence:
    """Attach proof to a task: a reference to an act, order or meeting, a link, or a file."""
    task = get_task(session, actor, task_id)
    _editable(session, actor, task)
    if kind not in EVIDENCE_KINDS:
        raise ValidationFailed("Неизвестный вид подтверждения.")
    if not title.strip():
        raise ValidationFailed("Укажите, что подтверждает выполнение.")
    if kind == "link" and not url.startswith(("http://", "https://")):
        raise ValidationFailed("Ссылка должна начинаться с http:// или https://.")
    if kind == "file" and not file_data:
        raise ValidationFailed("Файл пустой.")
    if file_data and len(file_data) > MAX_EVIDENCE_BYTES:
        raise ValidationFailed("Файл больше 10 МБ.")
    if kind in ("act", "order", "meeting") and not ref_id:
        raise ValidationFailed("Укажите документ, который подтверждает выполнение.")
    evidence = TaskEvidence(task_id=task.id, author_id=actor.user_id, kind=kind,
                            title=title.strip()[:500], ref_id=ref_id, url=url,
                            file_name=safe_name(file_name) if file_data else "", file_data=file_data)
    session.add(evidence)
    session.flush()
    audit.record(session, actor, "plan_task.evidence", object_type="plan_task", object_id=task.id,
                 new={"kind": kind, "title": evidence.title, "ref_id": ref_id})
    return evidence


def task_page_data(session: Session, actor: Actor, task_id: int) -> dict:
    """A task with its history, comments, evidence and occurrences for the task page."""
    task = get_task(session, actor, task_id)
    by_task = {"task_id": task.id}
    return {
        "task": task,
        "history": session.scalars(select(TaskHistory).filter_by(**by_task).order_by(TaskHistory.at)).all(),
        "comments": session.scalars(select(TaskComment).filter_by(**by_task).order_by(TaskComment.at)).all(),
        "evidence": session.scalars(select(TaskEvidence).filter_by(**by_task).order_by(TaskEvidence.at)).all(),
        "occurrences": session.scalars(select(TaskOccurrence).filter_by(**by_task)
                                       .order_by(TaskOccurrence.due)).all(),
        "can_edit": actor.can("plan.edit") or is_assignee(session, actor, task),
        "authors": {u.id: u.display_name for u in session.scalars(select(User).where(
            User.organisation_id == actor.organisation_id))},
    }

