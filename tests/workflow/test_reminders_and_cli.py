"""Daily reminders to assignees (inbox, and e-mail through a real SMTP server on loopback) and the
`reglament plan import` command."""
import json
import socket
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from sqlalchemy import func, select

from core.actor import system_actor
from core.models import Notification
from core.notify import SmtpSettings, send_pending_email
from tests import factories
from tests.workflow import plan_files as pf
from workflow.cli import plan_cli
from workflow.importing import read_plan_file
from workflow.models import Plan, PlanTask
from workflow.plan_service import import_plan
from workflow.reminders import send_reminders


def _plan(session, school):
    draft = read_plan_file(pf.SEED_DOCX.read_bytes(), "p.docx", date(2017, 6, 1))
    plan, _ = import_plan(session, system_actor(school.id), draft, "p.docx", b"x")
    session.commit()
    return plan


def _notes(session, user):
    session.expire_all()
    return session.scalars(select(Notification).where(Notification.user_id == user.id)).all()


def test_due_in_three_days_and_overdue_reach_the_right_people(session, school):
    _plan(session, school)
    deputy = factories.make_user(session, school, ["deputy"])
    parent = factories.make_user(session, school, ["parent"])
    session.commit()
    # 2017-09-27: the September tasks (window ending 30.09) are due within 3 days.
    assert send_reminders(session, date(2017, 9, 27)) > 0
    session.commit()
    titles = [n.title for n in _notes(session, deputy)]
    assert any(t.startswith("Срок 30 сентября 2017 г.") for t in titles)  # "Администрация ОУ"
    assert _notes(session, parent) == []
    # A second run the same day adds nothing; a later day reports the same tasks as overdue.
    assert send_reminders(session, date(2017, 9, 27)) == 0
    send_reminders(session, date(2017, 10, 2))
    session.commit()
    assert any(n.title.startswith("Просрочено") for n in _notes(session, deputy))


def test_done_tasks_are_not_reminded(session, school):
    plan = _plan(session, school)
    deputy = factories.make_user(session, school, ["deputy"])
    for task in session.scalars(select(PlanTask).where(PlanTask.plan_id == plan.id)):
        task.status = "done"
    session.commit()
    send_reminders(session, date(2017, 9, 27))
    assert _notes(session, deputy) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def test_reminders_are_emailed_through_a_real_smtp_server(session, school):
    _plan(session, school)
    deputy = factories.make_user(session, school, ["deputy"])
    deputy.email = "fedorova@school.example"
    session.commit()
    send_reminders(session, date(2017, 9, 27))
    session.commit()
    handler, port = _Inbox(), _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sent = send_pending_email(session, SmtpSettings("127.0.0.1", port))
        session.commit()
    finally:
        controller.stop()
    assert sent == len(_notes(session, deputy)) > 0
    assert {m["To"] for m in handler.messages} == {"fedorova@school.example"}
    assert all(n.emailed for n in _notes(session, deputy))
    assert send_pending_email(session, SmtpSettings("127.0.0.1", port)) == 0  # nothing twice


def test_cli_dry_run_prints_json_and_writes_nothing(app, session, school):
    result = app.test_cli_runner().invoke(plan_cli, ["import", str(pf.SEED_TEXT), "--dry-run",
                                                     "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [len(s["tasks"]) for s in data["stages"]] == [6, 5, 4, 8]
    task = data["stages"][0]["tasks"][4]
    assert task["term"] == {"raw": "август – сентябрь 2017", "kind": "window", "start": "2017-08-01",
                            "end": "2017-09-30", "recurrence": None}
    assert task["assignees"][0] == {"raw": "Фаерберг Е.И.", "kind": "person", "name": "Фаерберг Е.И."}
    assert session.scalar(select(func.count()).select_from(Plan)) == 0


@pytest.mark.parametrize("make, name", [(pf.archive_bomb, "bomb.docx"), (pf.docx_without_table, "x.docx")])
def test_cli_refuses_bad_files_and_writes_nothing(app, session, school, tmp_path, make, name):
    path = tmp_path / name
    path.write_bytes(make())
    result = app.test_cli_runner().invoke(plan_cli, ["import", str(path)])
    assert result.exit_code == 1 and "Ошибка" in result.output
    assert session.scalar(select(func.count()).select_from(Plan)) == 0


def test_cli_import_saves_the_plan(app, session, school):
    result = app.test_cli_runner().invoke(plan_cli, ["import", str(pf.SEED_DOCX)])
    assert result.exit_code == 0, result.output
    assert session.scalar(select(func.count()).select_from(PlanTask)) == 23
