"""Orders: numbering (L13), the Word file (L12), entry into force with marks (L14) and plan tasks,
bad input refused."""
import io
import threading
from datetime import date

import docx
import pytest
from sqlalchemy import select

from core.actor import Actor, system_actor
from core.calendar.production import ProductionCalendar
from core.errors import InvalidTransition, NotAllowed, StaleState, ValidationFailed
from core.pdf import docx_to_pdf, soffice_path
from documents import order_service as orders
from documents import queries, service
from documents.order_docx import OrderItemText
from documents.order_models import Order
from tests import factories
from workflow.models import PlanTask


@pytest.fixture
def director(session, school):
    user = factories.make_user(session, school, ["director"], surname="Фаерберг")
    session.commit()
    return Actor(user.id, user.login, school.id, frozenset({"director"}))


def _draft(session, director, register="od", items=None, annexes=()):
    return orders.save_draft(session, director, register_code=register, heading="Об утверждении положения",
                             preamble="В соответствии со ст. 30 273-ФЗ",
                             items=items if items is not None else [OrderItemText("Утвердить положение")],
                             control_clause="", place="г. Пермь", annex_version_ids=list(annexes),
                             audience_roles=["teacher"])


def _issue(session, director, day, **kw):
    order = _draft(session, director, **kw)
    orders.sign(session, director, order.id, "draft")
    return orders.register(session, director, order.id, "signed", day)


def test_L13_numbers_restart_each_year_without_gaps_and_annulled_numbers_stay(session, director):
    numbers = [_issue(session, director, date(2017, m, 1)).full_number for m in (9, 10, 11)]
    assert numbers == ["1-од", "2-од", "3-од"]
    orders.close(session, director, session.scalar(select(Order).where(Order.number == 2)).id, "annul",
                 "registered", "Ошибка в приложении")
    assert _issue(session, director, date(2017, 12, 1)).full_number == "4-од"
    assert _issue(session, director, date(2018, 1, 10)).full_number == "1-од"
    assert _issue(session, director, date(2018, 1, 10), register="ls").full_number == "1-лс"
    annulled = session.scalar(select(Order).where(Order.status == "annulled"))
    assert annulled.full_number == "2-од" and annulled.annul_reason == "Ошибка в приложении"


def test_L13_concurrent_issuers_get_unique_gapless_numbers_on_postgresql(db, session, director):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("parallel transactions are exercised on PostgreSQL")
    ids = []
    for _ in range(8):
        order = _draft(session, director)
        orders.sign(session, director, order.id, "draft")
        ids.append(order.id)
    session.commit()
    barrier, errors = threading.Barrier(8), []

    def register(order_id):
        with db.sessionmaker() as s:
            barrier.wait()
            try:
                orders.register(s, director, order_id, "signed", date(2017, 9, 20))
                s.commit()
            except Exception as exc:  # collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=register, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    session.expire_all()
    assert sorted(session.scalars(select(Order.number))) == list(range(1, 9))


def test_L12_order_word_file_and_pdf(session, director):
    order = _draft(session, director, items=[OrderItemText("Утвердить положение"),
                                             OrderItemText("Ознакомить педагогов", "Секретарь", date(2017, 9, 25))])
    orders.sign(session, director, order.id, "draft")
    orders.register(session, director, order.id, "signed", date(2017, 9, 20))
    data = orders.order_docx(orders.order_text(session, order))
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert "ПРИКАЗ" in paragraphs and "ПРИКАЗЫВАЮ:" in paragraphs
    assert text.index("1. Утвердить положение.") < text.index("2. Ознакомить педагогов.")
    assert "Ответственный: Секретарь. Срок: 25.09.2017." in text
    assert "3. Контроль за исполнением приказа оставляю за собой." in text
    header = document.tables[0].rows[0].cells
    assert header[0].text == "20.09.2017" and header[1].text == "№ 1-од"
    assert document.tables[-1].rows[0].cells[1].text == "Фаерберг А.П."
    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed here; .ci/run installs it")
    assert docx_to_pdf(data).startswith(b"%PDF")


def test_signing_needs_items_and_a_director_and_a_fresh_form(session, director, school):
    empty = _draft(session, director, items=[])
    with pytest.raises(ValidationFailed, match="нет ни одного пункта"):
        orders.sign(session, director, empty.id, "draft")
    order = _draft(session, director)
    secretary = Actor(director.user_id, "sec", school.id, frozenset({"secretary"}))
    with pytest.raises(NotAllowed):
        orders.sign(session, secretary, order.id, "draft")
    orders.sign(session, director, order.id, "draft")
    with pytest.raises(StaleState):
        orders.sign(session, director, order.id, "draft")
    orders.register(session, director, order.id, "signed", date(2017, 9, 20))
    with pytest.raises(InvalidTransition, match="уже зарегистрирован"):
        orders.register(session, director, order.id, "registered", date(2017, 9, 20))
    assert order.signed_sha256 and len(order.signed_sha256) == 64


def test_entry_into_force_adopts_acts_with_the_mark_and_creates_plan_tasks(session, director, school):
    act = service.create_from_template(session, system_actor(school.id), "working_group")
    act.status = "adopted"
    version = service.freeze(session, director, act)
    order = _draft(session, director, items=[OrderItemText("Утвердить положение"),
                                             OrderItemText("Сформировать рабочую группу", "Зам. директора по УВР",
                                                           date(2017, 9, 29))], annexes=[version.id])
    orders.sign(session, director, order.id, "draft")
    orders.register(session, director, order.id, "signed", date(2017, 9, 20))
    orders.put_in_force(session, director, order.id, "registered", date(2017, 9, 20))
    assert act.status == "in_force"
    marks = [m.text for m in queries.marks_of(session, version)]
    assert "УТВЕРЖДЕНО приказом от 20.09.2017 № 1-од" in marks
    task = session.get(PlanTask, order.items[1].plan_task_id)
    assert task.term_end == date(2017, 9, 29) and task.source_ref == f"order:{order.id}:2"
    assert [(a.kind, a.name) for a in task.assignees] == [("role", "deputy")]
    assert order.items[0].plan_task_id is None  # no responsible, no deadline: not a task


def test_an_act_not_yet_adopted_cannot_be_put_in_force(session, director, school):
    act = service.create_from_template(session, system_actor(school.id), "working_group")
    order = _draft(session, director, annexes=[service.freeze(session, director, act).id])
    orders.sign(session, director, order.id, "draft")
    orders.register(session, director, order.id, "signed", date(2017, 9, 20))
    with pytest.raises(InvalidTransition, match="ещё не принят"):
        orders.put_in_force(session, director, order.id, "registered", date(2017, 9, 20))


def test_seed_order_composer_prefills_item_3(session, director):
    order = orders.compose_seed_order(session, director, date(2017, 9, 20), ProductionCalendar())
    texts = [i.text for i in order.items]
    assert order.heading.startswith("Об утверждении") and len(texts) == 10
    assert any("Регламент деятельности участников" in t for t in texts)
    assert any("ИКТ-инфраструктуры" in t for t in texts)
    assert sum(1 for i in order.items if i.responsible and i.deadline) == 7
