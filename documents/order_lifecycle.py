"""Lifecycles of director's orders and publications (pure transition tables)."""
from __future__ import annotations

from workflow.statemachine import Lifecycle

ORDER = Lifecycle(
    name="order",
    states={"draft": "Проект", "signed": "Подписан", "registered": "Зарегистрирован",
            "in_force": "Действует", "executed": "Исполнен", "annulled": "Отменён"},
    actions={"sign": "Подписать", "register": "Зарегистрировать", "put_in_force": "Ввести в действие",
             "execute": "Отметить исполненным", "annul": "Отменить"},
    transitions={
        ("draft", "sign"): "signed",
        ("signed", "register"): "registered",
        ("registered", "put_in_force"): "in_force",
        ("in_force", "execute"): "executed",
        ("registered", "annul"): "annulled",
        ("in_force", "annul"): "annulled",
    },
    permissions={"sign": "orders.sign", "register": "orders.register", "put_in_force": "orders.sign",
                 "execute": "orders.sign", "annul": "orders.sign"},
    reason_required=frozenset({"annul"}),
)

PUBLICATION = Lifecycle(
    name="publication",
    states={"published": "Опубликовано", "withdrawn": "Снято с публикации"},
    actions={"withdraw": "Снять с публикации"},
    transitions={("published", "withdraw"): "withdrawn"},
    permissions={"withdraw": "site.publish"},
    reason_required=frozenset({"withdraw"}),
)
