"""Background and periodic jobs on Huey: SQLite storage on the embedded default, PostgreSQL
storage in production (no extra server), in-memory immediate mode in tests.

Run the consumer with `huey_consumer core.worker.huey` (`make run` starts it beside the server)."""
from __future__ import annotations

import importlib
import os
from pathlib import Path

from huey import MemoryHuey, PostgresHuey, SqliteHuey, crontab

from core.config import PROJECT_ROOT


def _make_huey():
    url = os.environ.get("REGLAMENT_DATABASE_URL", "")
    if os.environ.get("REGLAMENT_JOBS_IMMEDIATE"):
        return MemoryHuey("reglament", immediate=True)
    if url.startswith("postgresql"):
        dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
        return PostgresHuey("reglament", dsn=dsn)
    instance = Path(os.environ.get("REGLAMENT_INSTANCE_PATH", PROJECT_ROOT / "instance"))
    instance.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("reglament", filename=str(instance / "huey.db"))


huey = _make_huey()
_app = None


def app():
    """The Flask app of this worker process, created once."""
    global _app
    if _app is None:
        from core.app import create_app

        _app = create_app()
    return _app


@huey.periodic_task(crontab(hour="7", minute="0"))
def daily_reminders():
    """Every morning at 07:00 (server time): plan reminders, then pending e-mail."""
    from core.registry import run_daily_jobs

    with app().app_context():
        return run_daily_jobs()


def load_task_modules() -> None:
    """Import the apps' task modules so the consumer knows their tasks."""
    from core.registry import TASK_MODULES

    for name in TASK_MODULES:
        importlib.import_module(name)
