"""School-local time for views and jobs (the database keeps UTC)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def school_now() -> datetime:
    """Now, in the school's time zone."""
    return datetime.now(ZoneInfo(current_app.config["SCHOOL_TIMEZONE"]))


def school_today() -> date:
    """Today, in the school's time zone."""
    return school_now().date()
