"""Queue tasks of the journal (Huey): the consumer imports this module through core.jobs."""
from __future__ import annotations

from pathlib import Path

from flask import current_app, has_app_context

from core.actor import system_actor
from core.db import get_session
from core.jobs import app, huey
from core.models import Job
from journal.school_print import run_school_print


@huey.task()
def print_school(job_id: int) -> str:
    """Print every class of a quarter into one archive (see journal.school_print)."""
    application = current_app._get_current_object() if has_app_context() else app()
    with application.app_context():
        session = get_session()
        job = session.get(Job, job_id)
        path = run_school_print(session, system_actor(job.organisation_id), job_id,
                                Path(application.instance_path) / "exports", application.config["SCHOOL_TIMEZONE"])
        return path.name
