"""The daily reminder: tasks due within 3 days and overdue ones, to each of their assignees."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.formatting import ru_date
from core.models import User, UserRole
from core.notify import notify
from workflow.models import Plan, PlanTask, TaskAssignee, TaskOccurrence
from workflow.plan_service import ROLE_REACH
from workflow.tracking import DUE_SOON_DAYS, OPEN_STATES


def _due_tasks(session: Session, today: date) -> list[tuple[PlanTask, date, int]]:
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    one_off = session.execute(
        select(PlanTask, PlanTask.term_end, Plan.organisation_id).join(Plan)
        .where(PlanTask.status.in_(OPEN_STATES), PlanTask.term_kind.in_(["date", "window"]),
               PlanTask.term_end <= horizon)).all()
    recurring = session.execute(
        select(PlanTask, TaskOccurrence.due, Plan.organisation_id).join(Plan)
        .join(TaskOccurrence, TaskOccurrence.task_id == PlanTask.id)
        .where(PlanTask.status.in_(OPEN_STATES), TaskOccurrence.status == "planned",
               TaskOccurrence.due <= horizon, TaskOccurrence.due >= today - timedelta(days=30))).all()
    return [tuple(r) for r in one_off] + [tuple(r) for r in recurring]


def _recipients(session: Session, task_ids: list[int]) -> dict[int, set[int]]:
    """task id → ids of the active users it reaches (by person, role or group)."""
    assignees = session.scalars(select(TaskAssignee).where(TaskAssignee.task_id.in_(task_ids))).all()
    users = session.execute(select(User.id, User.person_id, User.organisation_id)
                            .where(User.active.is_(True))).all()
    roles: dict[int, set[str]] = {}
    for user_id, role in session.execute(select(UserRole.user_id, UserRole.role)):
        roles.setdefault(user_id, set()).add(role)
    by_person = {p: u for u, p, _ in users if p}
    result: dict[int, set[int]] = {t: set() for t in task_ids}
    for a in assignees:
        if a.person_id and a.person_id in by_person:
            result[a.task_id].add(by_person[a.person_id])
        reach = ROLE_REACH.get((a.kind, a.name), frozenset())
        result[a.task_id].update(u for u, _, _ in users if roles.get(u, set()) & reach)
    return result


def send_reminders(session: Session, today: date) -> int:
    """Notify each assignee of tasks due in up to 3 days or overdue; one message per task, due date
    and user (so a daily run never repeats itself). Returns the number of new notifications."""
    due = _due_tasks(session, today)
    if not due:
        return 0
    recipients = _recipients(session, [t.id for t, _, _ in due])
    org_of_user = dict(session.execute(select(User.id, User.organisation_id)).all())
    sent = 0
    for task, due_date, org_id in due:
        overdue = due_date < today
        title = (f"Просрочено: {task.title[:200]}" if overdue
                 else f"Срок {ru_date(due_date)}: {task.title[:200]}")
        for user_id in recipients[task.id]:
            if org_of_user.get(user_id) != org_id:
                continue
            kind = "overdue" if overdue else "soon"
            key = f"plan_task:{task.id}:{due_date.isoformat()}:{kind}"
            if notify(session, user_id, title, body=f"Срок: {task.term_raw}",
                      link=f"/plan/task/{task.id}", dedupe_key=key):
                sent += 1
    return sent
