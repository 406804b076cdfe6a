"""Login throttling rule (pure): after 5 failures within 15 minutes, refuse for 15 minutes."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


def locked_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """When the login is refused, the moment it opens again; None when it may try now.

    `failures` are the failed attempts since the last successful login, any order."""
    recent = sorted(f for f in failures if now - f <= WINDOW + LOCKOUT)
    for i in range(len(recent) - MAX_FAILURES + 1):
        first, fifth = recent[i], recent[i + MAX_FAILURES - 1]
        if fifth - first <= WINDOW and now < fifth + LOCKOUT:
            return fifth + LOCKOUT
    return None
