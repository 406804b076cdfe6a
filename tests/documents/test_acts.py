"""Acts and versions: templates, frozen versions, edit conflicts, Word files, uploads, lifecycle."""
import io
import threading

import docx
import pytest
from sqlalchemy import func, select

from core.actor import system_actor
from core.errors import InvalidTransition, StaleState, ValidationFailed
from documents import queries, service
from documents.act_templates import TEMPLATES
from documents.content import to_markup
from documents.lifecycle import ACT
from documents.models import Act, ActVersion
from tests.conftest import csrf_token
from tests.workflow import plan_files as pf


@pytest.fixture
def editor(session, school):
    return system_actor(school.id)


def test_every_template_starts_a_draft(session, editor):
    for key, template in TEMPLATES.items():
        act = service.create_from_template(session, editor, key)
        assert act.title == template.title and act.status == "draft"
        assert act.affects_students == template.flags.get("affects_students", False)
    session.commit()
    assert session.scalar(select(func.count()).select_from(ActVersion)) == len(TEMPLATES)


def test_draft_changes_in_place_and_a_frozen_version_is_kept(session, editor):
    act = service.create_from_template(session, editor, "ejournal")
    v1 = service.latest_version(session, act)
    text = to_markup(service.version_blocks(v1))
    same = service.save_text(session, editor, act.id, text + "\nДополнение.", v1.sha256)
    assert same.id == v1.id and same.number == 1
    service.freeze(session, editor, act)
    v2 = service.save_text(session, editor, act.id, text + "\nЕщё одно дополнение.", same.sha256)
    assert v2.number == 2 and v1.status == "frozen" and v1.sha256 != v2.sha256


def test_stale_editor_gets_a_conflict_and_nothing_is_overwritten(session, editor):
    act = service.create_from_template(session, editor, "working_group")
    v1 = service.latest_version(session, act)
    base = v1.sha256
    text = to_markup(service.version_blocks(v1))
    service.save_text(session, editor, act.id, text + "\nПервый редактор.", base)
    with pytest.raises(StaleState):
        service.save_text(session, editor, act.id, text + "\nВторой редактор.", base)
    assert "Первый редактор." in to_markup(service.version_blocks(service.latest_version(session, act)))


def test_two_editors_saving_at_once_on_postgresql(db, session, editor):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent row locks are exercised on PostgreSQL")
    act = service.create_from_template(session, editor, "working_group")
    v1 = service.latest_version(session, act)
    session.commit()
    base, text = v1.sha256, to_markup(service.version_blocks(v1))
    results: list[str] = []
    barrier = threading.Barrier(2)

    def save(n):
        with db.sessionmaker() as s:
            barrier.wait()
            try:
                service.save_text(s, editor, act.id, text + f"\nРедактор {n}.", base)
                s.commit()
                results.append("saved")
            except StaleState:
                s.rollback()
                results.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "saved"]


def test_act_word_file_has_title_numbering_page_numbers_and_marks(session, editor):
    act = service.create_from_template(session, editor, "ejournal")
    version = service.freeze(session, editor, act)
    service.add_mark(session, editor, act, version, "accepted", "ПРИНЯТО педагогическим советом, протокол № 1 от 20.09.2017")
    name, data = queries.act_word_file(session, editor, act.id)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    marks = document.tables[0].rows[0].cells[0].text
    assert "ПОЛОЖЕНИЕ" in text and "1. Общие положения" in text and "1.1. Настоящее Положение" in text
    assert "ПРИНЯТО педагогическим советом" in marks
    assert "PAGE" in document.sections[0].header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_word_upload_is_read_into_the_structure(app, client_as, session):
    cl = client_as("working_group")
    token = csrf_token(cl, "/acts/")
    cl.post("/acts/new", data={"csrf_token": token, "template": "working_group"})
    act = session.scalar(select(Act))
    base = service.latest_version(session, act).sha256
    doc = docx.Document()
    doc.add_heading("Общие положения", level=1)
    doc.add_paragraph("1.1. Загруженный текст положения.")
    doc.add_paragraph("- первый пункт", style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    response = cl.post(f"/acts/{act.id}/upload", data={"csrf_token": token, "base_sha": base,
                                                       "file": (io.BytesIO(out.getvalue()), "act.docx")},
                       content_type="multipart/form-data")
    assert response.status_code == 302
    session.expire_all()
    blocks = service.version_blocks(service.latest_version(session, act))
    assert [(b.kind, b.text) for b in blocks] == [("section", "Общие положения"),
                                                  ("para", "Загруженный текст положения."), ("item", "первый пункт")]


@pytest.mark.parametrize("data, name, message", [
    (b"", "a.docx", "пустой"), (b"%PDF-1.4", "a.docx", "повреждён"), (pf.OLE_ENCRYPTED, "a.docx", "зашифрован"),
    (pf.macro_docm(), "a.docx", "макрос"), (pf.archive_bomb(), "a.docx", "бомб"),
])
def test_bad_uploads_are_refused_and_nothing_changes(client_as, session, data, name, message):
    cl = client_as("working_group")
    token = csrf_token(cl, "/acts/")
    cl.post("/acts/new", data={"csrf_token": token, "template": "working_group"})
    act = session.scalar(select(Act))
    before = service.latest_version(session, act).sha256
    response = cl.post(f"/acts/{act.id}/upload", data={"csrf_token": token, "base_sha": before,
                                                       "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    session.expire_all()
    assert service.latest_version(session, act).sha256 == before


def test_edit_page_conflict_keeps_the_users_text(client_as, session):
    cl = client_as("working_group")
    token = csrf_token(cl, "/acts/")
    cl.post("/acts/new", data={"csrf_token": token, "template": "working_group"})
    act = session.scalar(select(Act))
    response = cl.post(f"/acts/{act.id}/edit", data={"csrf_token": token, "base_sha": "0" * 64,
                                                     "title": act.title, "text": "# Раздел\nМой текст."})
    assert response.status_code == 409
    assert "Мой текст." in response.get_data(as_text=True) and "другой пользователь" in response.get_data(as_text=True)


def test_diff_page_and_word_file(client_as, session, school):
    editor = system_actor(school.id)
    act = service.create_from_template(session, editor, "working_group")
    v1 = service.freeze(session, editor, act)
    text = to_markup(service.version_blocks(v1)).replace("не реже одного раза в месяц", "не реже двух раз в месяц")
    service.save_text(session, editor, act.id, text, v1.sha256)
    session.commit()
    cl = client_as("deputy")
    page = cl.get(f"/acts/{act.id}/diff?from=1&to=2").get_data(as_text=True)
    assert "<del>одного</del>" in page and "<ins>двух</ins>" in page
    document = docx.Document(io.BytesIO(cl.get(f"/acts/{act.id}/diff.docx?from=1&to=2").data))
    struck = [r.text for p in document.paragraphs for r in p.runs if r.font.strike]
    assert "одного" in struck


PAIRS = [(s, a) for s in ACT.states for a in ACT.actions]


@pytest.mark.parametrize("state, action", PAIRS)
def test_act_lifecycle_every_pair(state, action):
    director = system_actor(1)
    expected = ACT.transitions.get((state, action))
    if expected is None:
        with pytest.raises(InvalidTransition):
            ACT.next_state(director, state, action, reason="причина")
    else:
        assert ACT.next_state(director, state, action, reason="причина") == expected


def test_adopted_act_is_not_edited_in_place(session, editor):
    act = service.create_from_template(session, editor, "working_group")
    act.status = "adopted"
    v = service.latest_version(session, act)
    with pytest.raises(InvalidTransition):
        service.save_text(session, editor, act.id, "# A\nB", v.sha256)
    with pytest.raises(ValidationFailed):
        service.create_act(session, editor, kind_code="polozhenie", title="", text="# A\nB")


def test_admin_adds_a_kind_of_act_with_its_adopting_body(client_as, session):
    cl = client_as("admin")
    token = csrf_token(cl, "/acts/kinds")
    response = cl.post("/acts/kinds", data={"csrf_token": token, "code": "pravila_vr", "title": "Правила внутреннего распорядка",
                                            "adopting_body": "governing"})
    assert response.status_code == 302
    assert "Правила внутреннего распорядка" in cl.get("/acts/kinds").get_data(as_text=True)
    again = cl.post("/acts/kinds", data={"csrf_token": token, "code": "pravila_vr", "title": "x",
                                         "adopting_body": "governing"})
    assert again.status_code == 422 and "уже есть" in again.get_data(as_text=True)
