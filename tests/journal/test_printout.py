"""Quarter printouts: snapshot hash (ARC-03), the paper form with the binding note (ARC-07),
the corrections sheet, the command line, PDF through LibreOffice."""
import io
from datetime import date

import docx
import pytest
from sqlalchemy import select

from core.models import SchoolPeriod
from core.pdf import docx_to_pdf, soffice_path
from journal.archive import print_quarter, take_snapshot
from journal.cli import journal_cli
from journal.entry_service import ColumnInput, save_column
from journal.models import Lesson
from journal.printout_docx import BINDING
from tests.journal import school as js
from tests.journal.test_entry import TZ, at


@pytest.fixture
def s(session, school):
    s = js.build(session, school, until=date(2017, 9, 15))
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    save_column(session, s.teacher, lesson.id, ColumnInput(cells={s.students[0].id: ("5", "")}, topic="Числа",
                                                           homework="№ 1"), at(lesson.on_date, 12), TZ)
    session.commit()
    s.lesson = lesson
    s.q1 = session.scalar(select(SchoolPeriod).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1))
    return s


def test_ARC_03_snapshot_hash_is_stable_and_changes_with_any_change(session, s):
    first = take_snapshot(session, s.deputy, s.klass.id, s.q1.id)
    second = take_snapshot(session, s.deputy, s.klass.id, s.q1.id)
    assert first.sha256 == second.sha256 and (first.number, second.number) == (1, 2)
    save_column(session, s.teacher, s.lesson.id, ColumnInput(cells={s.students[0].id: ("4", "5")}, reason="ошибка"),
                at(date(2017, 9, 20), 9), TZ)
    assert take_snapshot(session, s.deputy, s.klass.id, s.q1.id).sha256 != first.sha256


def test_ARC_03_ARC_07_printout_shows_the_hash_on_its_pages_and_the_binding_note(session, s):
    snap, data = print_quarter(session, s.deputy, s.klass.id, s.q1.id, TZ)
    document = docx.Document(io.BytesIO(data))
    footer = document.sections[0].footer.paragraphs[0].text
    assert f"Снимок № {snap.number}" in footer and snap.sha256 in footer
    texts = [p.text for p in document.paragraphs]
    assert BINDING in texts and "М.П." in texts and any(t.startswith("Директор") for t in texts)
    grid = document.tables[0]
    assert grid.rows[0].cells[0].text == "Ученик" and "5" in [c.text for c in grid.rows[1].cells]
    lessons = document.tables[1]
    assert [c.text for c in lessons.rows[1].cells][2:] == ["Числа", "№ 1"]
    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed here; .ci/run installs it")
    assert docx_to_pdf(data).startswith(b"%PDF")


def test_changes_after_a_printout_go_on_the_next_corrections_sheet(session, s):
    print_quarter(session, s.deputy, s.klass.id, s.q1.id, TZ)
    save_column(session, s.teacher, s.lesson.id, ColumnInput(cells={s.students[0].id: ("4", "5")}, reason="описка"),
                at(date(2017, 9, 20), 9), TZ)
    _, data = print_quarter(session, s.deputy, s.klass.id, s.q1.id, TZ)
    sheet = docx.Document(io.BytesIO(data)).tables[-1]
    assert [c.text for c in sheet.rows[0].cells] == ["Дата", "Ячейка", "Было", "Стало", "Кто", "Причина"]
    assert [c.text for c in sheet.rows[1].cells][2:4] == ["5", "4"] and sheet.rows[1].cells[5].text == "описка"


def test_cli_prints_a_class_quarter(app, session, s, tmp_path):
    out = tmp_path / "5a.docx"
    result = app.test_cli_runner().invoke(journal_cli, ["print", "--class", "5а", "--period", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "SHA-256" in result.output and docx.Document(str(out)).tables
    bad = app.test_cli_runner().invoke(journal_cli, ["print", "--class", "9Я", "--period", "1", "--out", str(out)])
    assert bad.exit_code == 1 and "не найден" in bad.output


def test_printing_the_whole_school_is_a_job_with_progress_and_one_archive(app, session, s, tmp_path):
    import zipfile

    from core.models import Job, User
    from journal.school_print import queue_school_print, run_school_print
    from tests.conftest import csrf_token, login

    job = queue_school_print(session, s.deputy, s.q1.id)
    session.commit()
    path = run_school_print(session, s.deputy, job.id, tmp_path, TZ)
    assert (job.status, job.done, job.total) == ("done", 1, 1)
    assert zipfile.ZipFile(path).namelist() == ["5А-1-четверть.docx"]
    cl = app.test_client()
    login(cl, session.get(User, s.deputy.user_id).login)
    response = cl.post("/journal/admin/print-school", data={"csrf_token": csrf_token(cl, "/journal/admin/dashboard"),
                                                            "period_id": str(s.q1.id)})
    job_url = response.headers["Location"]
    assert "Готово" in cl.get(job_url).get_data(as_text=True)
    archive = cl.get(job_url + "/download")
    assert archive.status_code == 200 and archive.data[:2] == b"PK"
    assert session.scalar(select(Job).order_by(Job.id.desc())).status == "done"


def test_ARC_06_storage_periods_and_what_is_due_for_destruction(session, s):
    from journal.storage import archive_list

    take_snapshot(session, s.deputy, s.klass.id, s.q1.id)
    items = archive_list(session, s.deputy, 5, 25)
    journal = next(i for i in items if i.kind == "журнал")
    summary = next(i for i in items if i.kind == "сводная ведомость")
    assert journal.keep_until == date(2023, 12, 31) and summary.keep_until == date(2043, 12, 31)
    assert journal.due_for_destruction(date(2026, 11, 28)) and not summary.due_for_destruction(date(2026, 11, 28))


def test_control_findings_become_a_plan_task(app, session, s):
    from core.models import User
    from tests.conftest import csrf_token, login
    from workflow.models import PlanTask

    cl = app.test_client()
    login(cl, session.get(User, s.deputy.user_id).login)
    response = cl.post("/journal/admin/controls/task", data={
        "csrf_token": csrf_token(cl, "/journal/admin/dashboard"), "control": "CTL-04", "period": str(s.q1.id)})
    assert response.status_code == 302
    task = session.scalar(select(PlanTask).where(PlanTask.source_ref.like("control:CTL-04:%")))
    assert task.title.startswith("Устранить замечания контроля «Отметка посещаемости»")
    assert [(a.kind, a.name) for a in task.assignees] == [("role", "deputy")]


def test_the_quarter_printout_as_pdf_from_the_dashboard(app, session, s):
    from core.models import User
    from tests.conftest import csrf_token, login

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed here; .ci/run installs it")
    cl = app.test_client()
    login(cl, session.get(User, s.deputy.user_id).login)
    response = cl.post("/journal/admin/print", data={"csrf_token": csrf_token(cl, "/journal/admin/dashboard"),
                                                     "class_id": str(s.klass.id), "period_id": str(s.q1.id), "pdf": "1"})
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
