"""Tracking rules (pure): due dates, overdue, due soon, progress of a stage."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

OPEN_STATES = ("planned", "in_progress")
DUE_SOON_DAYS = 3


def is_overdue(status: str, due: date | None, today: date) -> bool:
    """An open task (or occurrence) whose due date has passed."""
    return status in OPEN_STATES and due is not None and due < today


def is_due_soon(status: str, due: date | None, today: date, days: int = DUE_SOON_DAYS) -> bool:
    """An open task due today or within the next `days` days."""
    return status in OPEN_STATES and due is not None and today <= due <= today + timedelta(days=days)


def is_due_this_week(status: str, due: date | None, today: date) -> bool:
    """An open task due from today to this week's Sunday."""
    sunday = today + timedelta(days=6 - today.weekday())
    return status in OPEN_STATES and due is not None and today <= due <= sunday


@dataclass(frozen=True)
class Progress:
    """Counts for a stage or plan dashboard."""

    total: int
    done: int
    cancelled: int
    overdue: int
    due_this_week: int

    @property
    def percent(self) -> int:
        """Done share of the tasks that were not cancelled, in whole percent."""
        active = self.total - self.cancelled
        return round(100 * self.done / active) if active else 100


def progress(tasks: Iterable[tuple[str, date | None]], today: date) -> Progress:
    """Progress over (status, due) pairs."""
    items = list(tasks)
    return Progress(
        total=len(items),
        done=sum(s == "done" for s, _ in items),
        cancelled=sum(s == "cancelled" for s, _ in items),
        overdue=sum(is_overdue(s, d, today) for s, d in items),
        due_this_week=sum(is_due_this_week(s, d, today) for s, d in items),
    )
