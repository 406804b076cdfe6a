"""Lifecycles as data (pure): a literal table (state, action) -> next state, a table of who may
take each action, and the check that raises the domain errors."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.actor import Actor
from core.db import UTCDateTime, check_in, utcnow
from core.errors import InvalidTransition, NotAllowed, StaleState


@dataclass(frozen=True)
class Lifecycle:
    """One lifecycle: states with Russian labels, transitions, and the permission per action."""

    name: str
    states: dict[str, str]
    actions: dict[str, str]
    transitions: dict[tuple[str, str], str]
    permissions: dict[str, str]
    reason_required: frozenset[str] = frozenset()

    def __post_init__(self):
        for (state, action), target in self.transitions.items():
            assert state in self.states and target in self.states and action in self.actions
        assert set(self.permissions) == set(self.actions)

    def available(self, state: str) -> list[str]:
        """The actions possible from a state, in table order."""
        return [a for (s, a) in self.transitions if s == state]

    def next_state(self, actor: Actor, state: str, action: str, *, seen_state: str | None = None,
                   reason: str = "", also_allowed: bool = False) -> str:
        """Check the step and return the next state.

        Raises StaleState when the form was rendered for another state, InvalidTransition when the
        table has no such step, NotAllowed without the permission, and InvalidTransition when a
        reason is required but missing. `also_allowed` admits an actor the object itself
        entitles (an assignee of the task) without the role permission."""
        if seen_state is not None and seen_state != state:
            raise StaleState(f"Состояние изменилось: сейчас «{self.states[state]}». "
                             "Обновите страницу и повторите.")
        target = self.transitions.get((state, action))
        if target is None:
            label = self.actions.get(action, action)
            raise InvalidTransition(f"Действие «{label}» невозможно в состоянии «{self.states[state]}».")
        if not (also_allowed or actor.can(self.permissions[action])):
            raise NotAllowed("Недостаточно прав для этого действия.")
        if action in self.reason_required and not reason.strip():
            raise InvalidTransition(f"Для действия «{self.actions[action]}» укажите причину.")
        return target

    def check_constraint(self, column: str = "status") -> str:
        """SQL for the CHECK constraint of the status column."""
        return check_in(column, self.states)


class TransitionRecord:
    """Columns of an append-only history row of a lifecycle: when, who, which action, from which
    state to which, and why. Each lifecycle's history model mixes this in beside its own key."""

    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
