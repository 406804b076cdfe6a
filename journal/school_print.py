"""Printing every class of the school for a quarter into one archive, in the background: one
class at a time is built and written into the zip, so memory stays bounded whatever the school's
size; progress is saved after each class so the page can show it."""
from __future__ import annotations

import zipfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.db import utcnow
from core.errors import NotFound
from core.models import Job, SchoolPeriod
from journal.archive import print_quarter
from journal.models import SchoolClass


def queue_school_print(session: Session, actor: Actor, period_id: int) -> Job:
    """Register the job (the caller commits, then hands the id to the queue)."""
    actor.require("journal.control")
    period = session.get(SchoolPeriod, period_id)
    if period is None:
        raise NotFound("Четверть не найдена.")
    job = Job(organisation_id=actor.organisation_id, kind="school_print", params=str(period_id),
              created_by=actor.user_id)
    session.add(job)
    session.flush()
    audit.record(session, actor, "job.queue", object_type="job", object_id=job.id,
                 new={"kind": job.kind, "period_id": period_id})
    return job


def run_school_print(session: Session, actor: Actor, job_id: int, out_dir: Path, tz: str) -> Path:
    """Print each class of the period's year into `out_dir/<job>.zip`, committing progress per class."""
    job = session.get(Job, job_id)
    period = session.get(SchoolPeriod, int(job.params))
    classes = session.scalars(select(SchoolClass.id).where(
        SchoolClass.organisation_id == job.organisation_id, SchoolClass.year_id == period.year_id)
        .order_by(SchoolClass.grade, SchoolClass.name)).all()
    job.status, job.total, job.done = "running", len(classes), 0
    session.commit()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"school-print-{job.id}.zip"
    try:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for class_id in classes:
                snap, data = print_quarter(session, actor, class_id, period.id, tz)
                archive.writestr(f"{snap.data['class']}-{period.number}-четверть.docx", data)
                del data  # one class's file at a time
                job.done += 1
                session.commit()
    except Exception as exc:  # recorded for the user; the queue logs the trace
        session.rollback()
        job.status, job.error, job.finished_at = "failed", str(exc)[:500], utcnow()
        session.commit()
        raise
    job.status, job.result_name, job.finished_at = "done", path.name, utcnow()
    session.commit()
    return path
