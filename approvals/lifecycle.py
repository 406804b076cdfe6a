"""Lifecycles of route steps and meetings (pure transition tables)."""
from __future__ import annotations

from workflow.statemachine import Lifecycle

STEP = Lifecycle(
    name="route_step",
    states={"pending": "Не начат", "waiting": "Ожидает ответа", "done": "Выполнен",
            "stale": "Требует повтора (текст изменён)", "skipped": "Не требуется"},
    actions={"send": "Направить", "record": "Зафиксировать результат", "invalidate": "Текст изменён",
             "skip": "Пропустить"},
    transitions={
        ("pending", "send"): "waiting",
        ("stale", "send"): "waiting",
        ("pending", "record"): "done",
        ("waiting", "record"): "done",
        ("stale", "record"): "done",
        ("waiting", "invalidate"): "stale",
        ("done", "invalidate"): "stale",
        ("pending", "skip"): "skipped",
    },
    permissions={"send": "acts.edit", "record": "acts.edit", "invalidate": "acts.edit",
                 "skip": "acts.edit"},
)

MEETING = Lifecycle(
    name="meeting",
    states={"planned": "Назначено", "held": "Проведено", "cancelled": "Отменено"},
    actions={"close": "Подвести итоги", "cancel": "Отменить"},
    transitions={("planned", "close"): "held", ("planned", "cancel"): "cancelled"},
    permissions={"close": "council.record", "cancel": "council.record"},
    reason_required=frozenset({"cancel"}),
)
