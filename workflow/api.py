"""The plan in the API: plans, tasks with their terms and status, status changes by the same
lifecycle and audit as the task page."""
from __future__ import annotations

import marshmallow as ma

from core.api import ApiBlueprint, DateRangeArgs, call_actor, paged, token_required
from core.db import get_session
from workflow import plan_service, task_service
from workflow.lifecycle import TASK

blp = ApiBlueprint("api_plan", __name__, url_prefix="/plans", description="План-график и его задачи")


class PlanSchema(ma.Schema):
    """A plan of the school."""

    id = ma.fields.Integer()
    title = ma.fields.String()
    academic_year = ma.fields.String(metadata={"example": "2017/2018"})
    source_name = ma.fields.String()
    imported_at = ma.fields.AwareDateTime()


class TaskSchema(ma.Schema):
    """A task of the plan with its term as written and as understood."""

    id = ma.fields.Integer()
    plan_id = ma.fields.Integer()
    stage = ma.fields.Function(lambda t: {"number": t.stage.number, "title": t.stage.title})
    number = ma.fields.String()
    title = ma.fields.String()
    term_raw = ma.fields.String(metadata={"description": "Срок, как в плане: «август – сентябрь 2017»"})
    term_kind = ma.fields.String(metadata={"description": "date, window, recurring, on_demand, …"})
    term_start = ma.fields.Date(allow_none=True)
    term_end = ma.fields.Date(allow_none=True)
    term_recurrence = ma.fields.String()
    assignees = ma.fields.Function(lambda t: [a.raw for a in t.assignees])
    status = ma.fields.String(metadata={"enum": list(TASK.states)})
    done_at = ma.fields.AwareDateTime(allow_none=True)


class TaskFilterArgs(DateRangeArgs):
    """Filter tasks by status and by the end of their term."""

    status = ma.fields.String(validate=ma.validate.OneOf(list(TASK.states)))


class StatusChangeSchema(ma.Schema):
    """A step of the task's lifecycle; `seen_state` is the status the client read."""

    action = ma.fields.String(required=True, validate=ma.validate.OneOf(list(TASK.actions)))
    seen_state = ma.fields.String(required=True, validate=ma.validate.OneOf(list(TASK.states)))
    reason = ma.fields.String(load_default="", validate=ma.validate.Length(max=2000))


@blp.route("", methods=["GET"])
@token_required("plan.read", "Планы-графики школы")
@blp.etag
@blp.response(200, PlanSchema(many=True))
def plans():
    """The school's plans, newest first."""
    return plan_service.list_plans(get_session(), call_actor())


@blp.route("/<int:plan_id>/tasks", methods=["GET"])
@token_required("plan.read", "Задачи плана")
@blp.etag
@blp.arguments(TaskFilterArgs, location="query", as_kwargs=True)
@blp.response(200, TaskSchema(many=True))
@blp.paginate(page_size=50, max_page_size=500)
def tasks(plan_id: int, pagination_parameters, **filters):
    """The plan's tasks in plan order, filtered by status and term end."""
    session = get_session()
    return paged(session, plan_service.tasks_query(session, call_actor(), plan_id, **filters), pagination_parameters)


@blp.route("/tasks/<int:task_id>", methods=["GET"])
@token_required("plan.read", "Задача плана")
@blp.etag
@blp.response(200, TaskSchema)
def task(task_id: int):
    """One task."""
    return task_service.get_task(get_session(), call_actor(), task_id)


@blp.route("/tasks/<int:task_id>/status", methods=["POST"])
@token_required("plan.write", "Смена статуса задачи")
@blp.arguments(StatusChangeSchema)
@blp.response(200, TaskSchema)
def change_status(data, task_id: int):
    """Move the task along its lifecycle (start, complete, cancel, reopen), as on the task page;
    409 when its status is no longer `seen_state`."""
    session = get_session()
    task = task_service.change_status(session, call_actor(), task_id, data["action"], data["seen_state"],
                                      data["reason"])
    session.commit()
    return task
