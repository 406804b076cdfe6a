"""The plan task lifecycle (pure): planned → in progress → done, or cancelled; reopened with a reason."""
from __future__ import annotations

from workflow.statemachine import Lifecycle

TASK = Lifecycle(
    name="plan_task",
    states={"planned": "Запланировано", "in_progress": "Выполняется", "done": "Выполнено",
            "cancelled": "Отменено"},
    actions={"start": "Начать", "complete": "Отметить выполненным", "cancel": "Отменить",
             "reopen": "Возобновить"},
    transitions={
        ("planned", "start"): "in_progress",
        ("planned", "complete"): "done",
        ("planned", "cancel"): "cancelled",
        ("in_progress", "complete"): "done",
        ("in_progress", "cancel"): "cancelled",
        ("done", "reopen"): "in_progress",
        ("cancelled", "reopen"): "in_progress",
    },
    permissions={"start": "plan.edit", "complete": "plan.edit", "cancel": "plan.edit",
                 "reopen": "plan.edit"},
    reason_required=frozenset({"reopen", "cancel"}),
)

OCCURRENCE_STATES = {"planned": "Запланировано", "done": "Выполнено", "skipped": "Пропущено"}
