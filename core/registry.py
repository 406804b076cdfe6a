"""The composition root's lists: which modules hold models, blueprints, commands, demo steps and
daily jobs. Core names them as dotted paths, so it never imports the apps above it statically."""
from __future__ import annotations

import importlib

from core.db import Base

MODEL_MODULES = ("core.models", "workflow.models", "documents.models", "documents.order_models",
                 "approvals.models", "journal.models")
BLUEPRINTS = ("core.views:bp", "core.views_admin:bp", "core.views_api:bp", "core.views_sso:bp",
              "workflow.views:bp", "workflow.views_task:bp", "workflow.views_out:bp",
              "documents.views:bp", "documents.views_orders:bp", "documents.views_site:bp",
              "approvals.views:bp", "approvals.views_council:bp",
              "journal.views:bp", "journal.views_admin:bp", "journal.views_structure:bp",
              "journal.views_controls:bp")
# JSON API blueprints (core.api.ApiBlueprint), mounted under /api/v1
API_BLUEPRINTS = ("workflow.api:blp", "documents.api:blp", "journal.api:blp")
CLI_GROUPS = ("workflow.cli:plan_cli", "journal.cli:journal_cli")
DAILY_JOBS = ("workflow.reminders:send_reminders", "approvals.reminders:send_step_reminders",
              "documents.acquaintance_service:send_acquaintance_reminders")
TASK_MODULES = ("journal.tasks",)
# demo data of the apps by size, each step f(session, actor, school, options)
DEMO_STEPS = {"small": ("approvals.demo:load", "journal.demo:load"),
              "large": ("approvals.demo:load", "journal.demo_large:load")}


def resolve(path: str):
    """"module:attribute" → the attribute."""
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)


def load_all_models():
    """Import the model modules of every app and return the shared metadata."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
    return Base.metadata


def run_daily_jobs() -> dict[str, int]:
    """Run every daily job for today (school time) in one transaction, then send e-mail."""
    from flask import current_app

    from core.clock import school_today
    from core.db import get_session
    from core.notify import SmtpSettings, send_pending_email

    cfg = current_app.config
    today = school_today()
    session = get_session()
    results = {path: resolve(path)(session, today) for path in DAILY_JOBS}
    session.commit()
    results["email"] = send_pending_email(session, SmtpSettings(cfg["SMTP_HOST"], cfg["SMTP_PORT"],
                                                                cfg["MAIL_FROM"]))
    session.commit()
    return results
