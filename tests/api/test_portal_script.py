"""The issue's end-to-end case: a script with a token, against the app served over HTTP on
loopback, reads the acts register and a class's quarter of marks and writes a lesson's marks."""
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select

from documents import publication_service as pubs
from journal.models import Lesson, Mark
from tests import factories
from tests.api.helpers import actor_of, token_for
from tests.documents.test_acquaintance_and_site import _in_force_act
from tests.journal import school as js

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "portal_client.py"


def test_a_portal_script_reads_acts_and_a_quarter_and_writes_marks(served, session, school):
    s = js.build(session, school, until=date(2017, 9, 15))
    director = factories.make_user(session, school, ["director", "web_admin"])
    act, _, _ = _in_force_act(session, school, actor_of(director))
    pubs.publish_act(session, actor_of(director), act.id)
    deputy = factories.make_user(session, school, ["deputy", "teacher"])
    session.commit()
    secret = token_for(session, deputy, "acts.read", "journal.read", "marks.write")
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    first, second = (st.person.short_name for st in s.students[:2])
    run = subprocess.run([sys.executable, str(SCRIPT), "--url", served, "--token", secret, "--class-name", "5А",
                          "--quarter", "1", "--lesson", str(lesson.id), "--marks", f"{first}=5,{second}=н",
                          "--reason", "перенос из бумажного журнала"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Актов в реестре: 1" in run.stdout and act.title in run.stdout
    assert "5А, 1 четверть: уроков" in run.stdout
    assert "Записано изменений: 2; конфликтов: 0" in run.stdout
    assert session.scalar(select(Mark.value).where(Mark.lesson_id == lesson.id)) == "5"
    refused = subprocess.run([sys.executable, str(SCRIPT), "--url", served, "--token", "rgl_" + "x" * 43],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "401 Требуется аутентификация" in refused.stderr
