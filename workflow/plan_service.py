"""Plan services: import a draft (all or nothing), read a plan for its pages, find my tasks."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from core import audit
from core.actor import Actor
from core.calendar_service import school_calendar
from core.db import within
from core.errors import NotAllowed, NotFound
from core.formatting import short_date
from core.models import Person, User
from core.uploads import safe_name
from workflow.assignees import parse_assignees
from workflow.models import (
    Plan,
    PlanStage,
    PlanTask,
    TaskAssignee,
    TaskItem,
    TaskOccurrence,
)
from workflow.plan_draft import PlanDraft, TaskDraft
from workflow.schedule import occurrences
from workflow.terms import Term

# Which roles reach a task through a role or group assignee.
ROLE_REACH: dict[tuple[str, str], frozenset[str]] = {
    ("role", "director"): frozenset({"director"}),
    ("role", "deputy"): frozenset({"deputy"}),
    ("role", "deputy_vr"): frozenset({"deputy"}),
    ("role", "class_teacher"): frozenset({"class_teacher"}),
    ("role", "teacher"): frozenset({"teacher"}),
    ("role", "secretary"): frozenset({"secretary"}),
    ("role", "web_admin"): frozenset({"web_admin"}),
    ("group", "working_group"): frozenset({"working_group"}),
    ("group", "administration"): frozenset({"director", "deputy"}),
    ("group", "founder"): frozenset({"founder_officer"}),
    ("council", "pedagogical"): frozenset({"council_secretary"}),
    ("council", "governing"): frozenset({"council_secretary"}),
}


def reached_names(roles: frozenset[str]) -> list[tuple[str, str]]:
    """The (kind, name) assignees that reach a holder of these roles."""
    return [key for key, reach in ROLE_REACH.items() if reach & roles]


def _match_people(session: Session, organisation_id: int) -> dict[str, int]:
    people = session.scalars(select(Person).where(Person.organisation_id == organisation_id))
    return {p.short_name.replace(" ", "").lower(): p.id for p in people}


def _term_columns(term: Term) -> dict:
    return {"term_raw": term.raw, "term_kind": term.kind, "term_start": term.start,
            "term_end": term.end, "term_recurrence": ",".join(term.recurrence),
            "term_details": {"reference": term.reference, "note": term.note,
                             "offset_working_days": term.offset_working_days} | term.details}


def _add_task(session, plan, stage, position, draft: TaskDraft, people: dict[str, int],
              warnings: list[str]) -> PlanTask:
    task = PlanTask(plan_id=plan.id, stage_id=stage.id, position=position, number=draft.number,
                    title=draft.title, assignees_raw=draft.assignees_raw,
                    assignee_note=draft.assignee_note, **_term_columns(draft.term))
    session.add(task)
    session.flush()
    session.add_all(TaskItem(task_id=task.id, position=i, text=t) for i, t in enumerate(draft.items))
    for i, a in enumerate(draft.assignees):
        person_id = people.get(a.name.replace(" ", "").lower()) if a.kind == "person" else None
        if a.kind == "person" and person_id is None:
            warnings.append(f"«{a.name}» не найден среди сотрудников школы: добавьте его в справочник.")
        session.add(TaskAssignee(task_id=task.id, position=i, raw=a.raw, kind=a.kind, name=a.name,
                                 person_id=person_id))
    return task


def _add_occurrences(session, plan: Plan, organisation_id: int, tasks: list[PlanTask],
                     warnings: list[str]) -> None:
    recurring = [t for t in tasks if t.term_kind == "recurring"]
    if not recurring:
        return
    try:
        cal = school_calendar(session, organisation_id, title=plan.academic_year)
    except NotFound:
        warnings.append(f"Календарь {plan.academic_year} учебного года не заведён: даты повторяющихся "
                        "мероприятий появятся после его заполнения.")
        return
    for task in recurring:
        term = Term(task.term_raw, "recurring", task.term_start, task.term_end, task.recurrence)
        session.add_all(TaskOccurrence(task_id=task.id, due=d) for d in occurrences(term, cal))


def import_plan(session: Session, actor: Actor, draft: PlanDraft, source_name: str,
                source: bytes) -> tuple[Plan, list[str]]:
    """Save a read plan in one go: stages, tasks, items, assignees, recurring occurrences.

    Returns the plan and the warnings of the save (people not found, calendar missing)."""
    actor.require("plan.edit")
    plan = Plan(organisation_id=actor.organisation_id, title=draft.title,
                academic_year=draft.period.title, source_name=safe_name(source_name),
                source_sha256=hashlib.sha256(source).hexdigest(), imported_by_id=actor.user_id,
                feed_token=secrets.token_urlsafe(32))
    session.add(plan)
    session.flush()
    people = _match_people(session, actor.organisation_id)
    warnings: list[str] = []
    tasks: list[PlanTask] = []
    for s_pos, s in enumerate(draft.stages):
        stage = PlanStage(plan_id=plan.id, position=s_pos, number=s.number, title=s.title,
                          section=s.section)
        session.add(stage)
        session.flush()
        tasks += [_add_task(session, plan, stage, i, t, people, warnings) for i, t in enumerate(s.tasks)]
    session.flush()
    _add_occurrences(session, plan, actor.organisation_id, tasks, warnings)
    session.flush()
    audit.record(session, actor, "plan.import", object_type="plan", object_id=plan.id,
                 new={"title": plan.title, "source": source_name, "sha256": plan.source_sha256,
                      "stages": len(draft.stages), "tasks": len(tasks)})
    return plan, warnings


def get_plan(session: Session, actor: Actor, plan_id: int) -> Plan:
    """A plan of the actor's school (NotFound otherwise)."""
    actor.require("plan.view")
    plan = session.get(Plan, plan_id)
    if plan is None or plan.organisation_id != actor.organisation_id:
        raise NotFound("План не найден.")
    return plan


def list_plans(session: Session, actor: Actor) -> list[Plan]:
    """The plans of the actor's school, newest first."""
    actor.require("plan.view")
    return list(session.scalars(select(Plan).where(Plan.organisation_id == actor.organisation_id)
                                .order_by(Plan.imported_at.desc())))


@dataclass
class PlanTable:
    """Everything the plan page shows, loaded in a constant number of queries."""

    plan: Plan
    stages: list[PlanStage]
    occurrences: dict[int, list[TaskOccurrence]]


def load_plan_table(session: Session, actor: Actor, plan_id: int) -> PlanTable:
    """The plan with stages, tasks, items, assignees and occurrences (5 queries whatever the size)."""
    plan = get_plan(session, actor, plan_id)
    stages = list(session.scalars(
        select(PlanStage).where(PlanStage.plan_id == plan.id).order_by(PlanStage.position)
        .options(selectinload(PlanStage.tasks).selectinload(PlanTask.items),
                 selectinload(PlanStage.tasks).selectinload(PlanTask.assignees))))
    occ: dict[int, list[TaskOccurrence]] = {}
    for o in session.scalars(select(TaskOccurrence).join(PlanTask)
                             .where(PlanTask.plan_id == plan.id).order_by(TaskOccurrence.due)):
        occ.setdefault(o.task_id, []).append(o)
    return PlanTable(plan, stages, occ)


def tasks_query(session: Session, actor: Actor, plan_id: int, *, status: str | None = None,
                date_from: date | None = None, date_to: date | None = None):
    """A plan's tasks in plan order, filtered by status and by the end of the term."""
    plan = get_plan(session, actor, plan_id)
    stmt = (select(PlanTask).join(PlanStage).where(PlanTask.plan_id == plan.id)
            .options(selectinload(PlanTask.stage), selectinload(PlanTask.assignees))
            .order_by(PlanStage.position, PlanTask.position))
    if status:
        stmt = stmt.where(PlanTask.status == status)
    return within(stmt, PlanTask.term_end, date_from, date_to)


def task_due(task: PlanTask, occ: list[TaskOccurrence], today: date) -> date | None:
    """A one-off task's end date, or a recurring task's next open occurrence."""
    if task.term_kind in ("date", "window"):
        return task.term_end
    if task.term_kind == "recurring":
        open_ = [o.due for o in occ if o.status == "planned"]
        return min(open_) if open_ else None
    return None


def my_tasks_query(actor: Actor, person_id: int | None):
    """Tasks of the actor's school that reach them by name or through a role or group."""
    reach = [(TaskAssignee.kind == kind) & (TaskAssignee.name == name)
             for kind, name in reached_names(actor.roles)]
    if person_id:
        reach.append(TaskAssignee.person_id == person_id)
    if not reach:
        return None
    ids = (select(TaskAssignee.task_id).join(PlanTask).join(Plan)
           .where(Plan.organisation_id == actor.organisation_id, or_(*reach)))
    return select(PlanTask).where(PlanTask.id.in_(ids))


def my_tasks(session: Session, actor: Actor) -> list[PlanTask]:
    """Open and closed tasks that reach the actor, by due date."""
    if actor.user_id is None:
        raise NotAllowed("Нужен вход в систему.")
    person_id = session.scalar(select(User.person_id).where(User.id == actor.user_id))
    stmt = my_tasks_query(actor, person_id)
    if stmt is None:
        return []
    return list(session.scalars(stmt.options(selectinload(PlanTask.stage))
                                .order_by(PlanTask.term_end.is_(None), PlanTask.term_end)))


ORDERS_PLAN_TITLE = "Поручения по приказам директора"


def add_task_from_source(session: Session, actor: Actor, *, stage_title: str, number: str, title: str,
                         deadline: date, assignees: str, source_ref: str) -> PlanTask:
    """A task created by another app (an order's item): in the school's latest plan, in a stage
    named after its source; the source is kept as a generic reference."""
    plan = session.scalars(select(Plan).where(Plan.organisation_id == actor.organisation_id)
                           .order_by(Plan.imported_at.desc())).first()
    if plan is None:
        first_year = deadline.year if deadline.month >= 6 else deadline.year - 1
        plan = Plan(organisation_id=actor.organisation_id, title=ORDERS_PLAN_TITLE,
                    academic_year=f"{first_year}/{first_year + 1}", imported_by_id=actor.user_id,
                    feed_token=secrets.token_urlsafe(32))
        session.add(plan)
        session.flush()
    stage = session.scalar(select(PlanStage).where(PlanStage.plan_id == plan.id, PlanStage.title == stage_title))
    if stage is None:
        position = len(session.scalars(select(PlanStage.id).where(PlanStage.plan_id == plan.id)).all())
        stage = PlanStage(plan_id=plan.id, position=position, title=stage_title, section="Исполнение приказов")
        session.add(stage)
        session.flush()
    position = len(session.scalars(select(PlanTask.id).where(PlanTask.stage_id == stage.id)).all())
    draft = TaskDraft(number=number, title=title, items=[],
                      term=Term(short_date(deadline), "date", deadline, deadline),
                      assignees=parse_assignees(assignees)[0], assignees_raw=assignees)
    task = _add_task(session, plan, stage, position, draft, _match_people(session, actor.organisation_id), [])
    task.source_ref = source_ref
    session.flush()
    audit.record(session, actor, "plan_task.create", object_type="plan_task", object_id=task.id,
                 new={"title": title[:200], "due": deadline, "source": source_ref})
    return task
