"""Services behind the plan's outputs: rows for Word, Excel, iCalendar and Gantt; feed tokens."""
from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import audit
from core.actor import Actor, system_actor
from core.errors import NotFound
from core.formatting import short_date
from core.models import User
from workflow.lifecycle import TASK
from workflow.models import Plan, PlanTask, TaskOccurrence
from workflow.outputs import TaskRow
from workflow.plan_service import PlanTable, load_plan_table, my_tasks_query, task_due


def _mark(task: PlanTask) -> str:
    label = TASK.states[task.status]
    if task.status == "done" and task.done_at:
        return f"{label} {short_date(task.done_at.date())}"
    return label


def _row(task: PlanTask, stage_title: str, section: str, occ: list[TaskOccurrence],
         today: date) -> TaskRow:
    return TaskRow(id=task.id, stage=stage_title, section=section, number=task.number,
                   title=task.title, items=tuple(i.text for i in task.items), term=task.term_raw,
                   assignees=task.assignees_raw, mark=_mark(task),
                   start=task.term_start if task.term_kind in ("date", "window") else None,
                   due=task_due(task, occ, today) if task.term_kind != "recurring" else None,
                   occurrences=tuple(o.due for o in occ))


def rows_of_table(table: PlanTable, today: date) -> list[TaskRow]:
    """Every task of a loaded plan as output rows, in plan order."""
    return [_row(t, s.title, s.section, table.occurrences.get(t.id, []), today)
            for s in table.stages for t in s.tasks]


def plan_rows(session: Session, actor: Actor, plan_id: int, today: date) -> tuple[Plan, list[TaskRow]]:
    """The plan and its rows for an export the actor may see."""
    table = load_plan_table(session, actor, plan_id)
    return table.plan, rows_of_table(table, today)


def feed_rows_by_plan_token(session: Session, token: str, today: date) -> tuple[Plan, list[TaskRow]]:
    """A plan's rows for its private calendar feed (the token is the only key)."""
    plan = session.scalar(select(Plan).where(Plan.feed_token == token)) if token else None
    if plan is None:
        raise NotFound("Календарь не найден.")
    return plan, rows_of_table(load_plan_table(session, system_actor(plan.organisation_id), plan.id), today)


def feed_rows_by_user_token(session: Session, token: str, today: date) -> tuple[User, list[TaskRow]]:
    """A person's tasks for their private calendar feed."""
    user = session.scalar(select(User).where(User.feed_token == token, User.active.is_(True))) if token else None
    if user is None:
        raise NotFound("Календарь не найден.")
    actor = Actor(user.id, user.login, user.organisation_id, user.roles)
    stmt = my_tasks_query(actor, user.person_id)
    if stmt is None:
        return user, []
    tasks = session.scalars(stmt.options(selectinload(PlanTask.stage), selectinload(PlanTask.items))).all()
    occ: dict[int, list[TaskOccurrence]] = {}
    for o in session.scalars(select(TaskOccurrence).where(TaskOccurrence.task_id.in_([t.id for t in tasks]))
                             .order_by(TaskOccurrence.due)):
        occ.setdefault(o.task_id, []).append(o)
    return user, [_row(t, t.stage.title, t.stage.section, occ.get(t.id, []), today) for t in tasks]


def renew_user_feed_token(session: Session, actor: Actor) -> str:
    """Issue a new private feed address for the actor (the old one stops working)."""
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("Пользователь не найден.")
    user.feed_token = secrets.token_urlsafe(32)
    session.flush()
    audit.record(session, actor, "plan.feed_token", object_type="user", object_id=user.id)
    return user.feed_token
