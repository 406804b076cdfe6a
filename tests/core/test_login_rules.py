"""Login throttling rule: 5 failures within 15 minutes lock the login for 15 minutes."""
from datetime import UTC, datetime, timedelta

from core.login_rules import locked_until

T0 = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)


def _at(*minutes):
    return [T0 + timedelta(minutes=m) for m in minutes]


def test_four_failures_do_not_lock():
    assert locked_until(_at(0, 1, 2, 3), T0 + timedelta(minutes=4)) is None


def test_fifth_failure_within_window_locks_for_fifteen_minutes():
    assert locked_until(_at(0, 1, 2, 3, 4), T0 + timedelta(minutes=5)) == T0 + timedelta(minutes=19)


def test_lock_expires():
    assert locked_until(_at(0, 1, 2, 3, 4), T0 + timedelta(minutes=19, seconds=1)) is None


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock():
    assert locked_until(_at(0, 5, 10, 14, 16), T0 + timedelta(minutes=17)) is None
