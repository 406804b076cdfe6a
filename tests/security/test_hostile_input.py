"""Property-based attacks on the importers: any bytes, and real files cut or corrupted anywhere,
are read or refused with a Russian message; nothing else escapes, and a refused import writes
nothing (hypothesis)."""
import io
import json
import re
from datetime import date

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from core.actor import system_actor
from core.demo import add_school_year_2017
from core.errors import DomainError
from core.models import SchoolPeriod
from documents.act_docx import read_act_docx
from journal import exchange
from journal.models import Student
from journal.roster import read_roster
from tests.conftest import csrf_token
from tests.journal import school as js
from tests.workflow import plan_files as pf
from workflow.importing import read_plan_file
from workflow.models import Plan

SEED = pf.SEED_DOCX.read_bytes()
TEXT_SEED = pf.SEED_TEXT.read_bytes()


def _corrupted(original: bytes):
    """The file cut at any point, or with a run of bytes overwritten anywhere."""
    cut = st.integers(0, len(original)).map(lambda n: original[:n])
    overwritten = st.tuples(st.integers(0, len(original) - 1), st.binary(min_size=1, max_size=64)).map(
        lambda p: original[:p[0]] + p[1] + original[p[0] + len(p[1]):])
    return cut | overwritten


def _read_or_refused(read, *args):
    try:
        return read(*args)
    except DomainError as exc:
        assert exc.message  # a message for the user, in Russian
        return None


FILE_NAMES = st.sampled_from(["plan.docx", "plan.txt", "plan.csv", "plan.doc", "", "../../etc/passwd.docx",
                              "пл\u0000ан.docx", "C:\\plan.docx"])


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=4096) | _corrupted(SEED) | _corrupted(TEXT_SEED), name=FILE_NAMES)
def test_plan_importer_reads_or_refuses_any_file(data, name):
    _read_or_refused(read_plan_file, data, name, date(2017, 6, 1))


def _xlsx_roster() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Класс", "Фамилия", "Имя", "Отчество", "Дата рождения"])
    sheet.append(["5А", "Иванов", "Иван", "Иванович", "01.02.2007"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ROSTER = _xlsx_roster()


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2048) | _corrupted(ROSTER) | st.text().map(str.encode),
       name=st.sampled_from(["list.xlsx", "list.csv", "list.txt", ""]))
def test_roster_importer_reads_or_refuses_any_file(data, name):
    _read_or_refused(read_roster, data, name)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=2048) | _corrupted(SEED))
def test_act_upload_reads_or_refuses_any_file(data):
    _read_or_refused(read_act_docx, data, "act.docx")


def _nested(inner):
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8), _nested, max_leaves=12)


def _mutations(doc: dict):
    """The export with one top-level part dropped, replaced by junk, or one lesson broken."""
    keys = sorted(doc)
    dropped = st.sampled_from(keys).map(lambda k: {x: v for x, v in doc.items() if x != k})
    replaced = st.tuples(st.sampled_from(keys), JSON).map(lambda kv: doc | {kv[0]: kv[1]})
    lesson = st.tuples(st.sampled_from(["date", "no", "course", "marks", "homework"]), JSON).map(
        lambda kv: doc | {"lessons": [doc["lessons"][0] | {kv[0]: kv[1]}] + doc["lessons"][1:]})
    return dropped | replaced | lesson


@pytest.fixture
def exported(session, school) -> dict:
    """A real export of a class's first quarter (built once per test, shared by its examples)."""
    s = js.build(session, school, n_students=3, until=date(2017, 9, 8))
    period = session.scalar(select(SchoolPeriod).where(SchoolPeriod.number == 1, SchoolPeriod.kind == "quarter"))
    return json.loads(exchange.export_period(session, s.deputy, s.klass.id, period.id))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_journal_import_reads_or_refuses_and_a_refusal_writes_nothing(session, school, exported, data):
    blob = data.draw(_mutations(exported).map(lambda d: json.dumps(d, ensure_ascii=False).encode())
                     | st.binary(max_size=256) | JSON.map(lambda v: json.dumps(v).encode()))
    before = session.scalar(select(func.count()).select_from(Student))
    nested = session.begin_nested()
    try:
        exchange.import_period(session, system_actor(school.id), blob)
    except DomainError as exc:
        assert exc.message
        # refused before the first row: nothing to roll back even inside the transaction
        assert session.scalar(select(func.count()).select_from(Student)) == before
    finally:
        nested.rollback()


def test_a_file_over_the_limit_is_refused_before_it_is_read(app, client_as, session):
    """413 from the Content-Length alone (memory stays bounded), a Russian page, nothing saved."""
    cl = client_as("working_group")
    token = csrf_token(cl, "/plan/import")
    big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = cl.post("/plan/import", data={"csrf_token": token, "file": (io.BytesIO(big), "plan.docx")},
                       content_type="multipart/form-data")
    assert response.status_code == 413 and "Файл слишком большой" in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Plan)) == 0


def test_uploaded_file_names_keep_only_their_own_name(client_as, session, school):
    add_school_year_2017(session, system_actor(school.id), school)
    session.commit()
    cl = client_as("working_group")
    token = csrf_token(cl, "/plan/import")
    preview = cl.post("/plan/import", data={"csrf_token": token, "file": (io.BytesIO(SEED), "../../etc/\x07plan.docx")},
                      content_type="multipart/form-data").get_data(as_text=True)
    b64 = re.search(r'name="file_b64" type="hidden" value="([^"]+)"', preview).group(1)
    name = re.search(r'name="filename" type="hidden" value="([^"]+)"', preview).group(1)
    cl.post("/plan/import/confirm", data={"csrf_token": token, "file_b64": b64, "filename": name})
    assert session.scalar(select(Plan.source_name)) == "plan.docx"
