"""Lifecycles of local acts and their versions (pure transition tables)."""
from __future__ import annotations

from workflow.statemachine import Lifecycle

ACT = Lifecycle(
    name="act",
    states={"draft": "Проект", "discussion": "Обсуждение", "review": "Согласование",
            "adoption": "Принятие", "adopted": "Принят", "in_force": "Действует",
            "superseded": "Заменён новой редакцией", "repealed": "Утратил силу"},
    actions={"to_discussion": "Вынести на обсуждение", "to_review": "Направить на согласование",
             "to_adoption": "Направить на принятие", "adopt": "Принять",
             "put_in_force": "Ввести в действие", "return_to_draft": "Вернуть на доработку",
             "supersede": "Заменить новой редакцией", "repeal": "Признать утратившим силу"},
    transitions={
        ("draft", "to_discussion"): "discussion",
        ("draft", "to_review"): "review",
        ("discussion", "to_review"): "review",
        ("review", "to_adoption"): "adoption",
        ("adoption", "adopt"): "adopted",
        ("adopted", "put_in_force"): "in_force",
        ("discussion", "return_to_draft"): "draft",
        ("review", "return_to_draft"): "draft",
        ("adoption", "return_to_draft"): "draft",
        ("in_force", "supersede"): "superseded",
        ("in_force", "repeal"): "repealed",
        ("adopted", "repeal"): "repealed",
    },
    permissions={"to_discussion": "acts.edit", "to_review": "acts.edit", "to_adoption": "acts.edit",
                 "adopt": "acts.edit", "put_in_force": "orders.sign", "return_to_draft": "acts.edit",
                 "supersede": "orders.sign", "repeal": "orders.sign"},
    reason_required=frozenset({"return_to_draft", "repeal"}),
)

# A version is edited while it is a draft; submitting it (for discussion, an opinion or a vote)
# freezes it, and any later change starts a new version.
VERSION_STATES = {"draft": "Черновик", "frozen": "Зафиксирована"}

EDITABLE_ACT_STATES = frozenset({"draft", "discussion", "review", "adoption"})
