"""Acquaintance (L15) and publication on the school site (L10, L11), public pages without login."""
import io
import re
from datetime import date

import docx
import pytest
from sqlalchemy import select

from core.actor import Actor, system_actor
from core.calendar.production import ProductionCalendar
from core.demo import demo_command
from core.errors import InvalidTransition, NotAllowed
from documents import acquaintance_service as acq
from documents import order_service as orders
from documents import publication_service as pubs
from documents import service
from documents.content import to_markup
from documents.order_docx import OrderItemText, acquaintance_sheet_docx
from documents.order_models import Acquaintance, Order, Publication
from tests import factories
from tests.conftest import csrf_token, login
from workflow.models import PlanTask


def _in_force_act(session, school, director_actor, day=date(2017, 9, 20)):
    act = service.create_from_template(session, system_actor(school.id), "ejournal")
    act.status = "adopted"
    version = service.freeze(session, director_actor, act)
    order = orders.save_draft(session, director_actor, heading="Об утверждении положения", preamble="",
                              items=[OrderItemText("Утвердить положение")], control_clause="", place="",
                              annex_version_ids=[version.id], audience_roles=["teacher"])
    orders.sign(session, director_actor, order.id, "draft")
    orders.register(session, director_actor, order.id, "signed", day)
    orders.put_in_force(session, director_actor, order.id, "registered", day)
    return act, version, order


@pytest.fixture
def director(session, school):
    user = factories.make_user(session, school, ["director"])
    session.commit()
    return Actor(user.id, user.login, school.id, frozenset({"director"}))


def test_L15_only_the_person_confirms_and_a_new_version_asks_again(session, school, director):
    teacher = factories.make_user(session, school, ["teacher"])
    other = factories.make_user(session, school, ["teacher"])
    act, version, order = _in_force_act(session, school, director)
    row = session.scalar(select(Acquaintance).where(Acquaintance.object_type == "act_version",
                                                    Acquaintance.person_id == teacher.person_id))
    other_actor = Actor(other.id, other.login, school.id, other.roles)
    with pytest.raises(NotAllowed):
        acq.confirm(session, other_actor, row.id)
    acq.confirm(session, Actor(teacher.id, teacher.login, school.id, teacher.roles), row.id)
    assert row.method == "electronic" and row.confirmed_at is not None
    # An amendment goes through the route again (simulated here), and a new order approves the new
    # version: the same people are asked again for it.
    act.status = "review"
    v2 = service.save_text(session, director, act.id, to_markup(service.version_blocks(version)) + "\nНовый пункт.",
                           version.sha256)
    service.freeze(session, director, act)
    act.status = "adopted"
    order2 = orders.save_draft(session, director, heading="О новой редакции", preamble="",
                               items=[OrderItemText("Утвердить новую редакцию")], control_clause="", place="",
                               annex_version_ids=[v2.id], audience_roles=["teacher"])
    orders.sign(session, director, order2.id, "draft")
    orders.register(session, director, order2.id, "signed", date(2017, 10, 2))
    orders.put_in_force(session, director, order2.id, "registered", date(2017, 10, 2))
    pending = acq.my_pending(session, Actor(teacher.id, teacher.login, school.id, teacher.roles))
    assert {(r.object_type, r.object_id) for r in pending} == {("order", order.id), ("order", order2.id),
                                                              ("act_version", v2.id)}


def test_L15_paper_signature_and_the_sheet(session, school, director):
    factories.make_user(session, school, ["teacher"], surname="Орлова")
    _, _, order = _in_force_act(session, school, director)
    secretary = Actor(director.user_id, "sec", school.id, frozenset({"secretary"}))
    rows = acq.rows_for(session, secretary, "order", order.id)
    acq.record_paper(session, secretary, rows[0][0].id, date(2017, 9, 22), "Asia/Yekaterinburg")
    sheet = docx.Document(io.BytesIO(acquaintance_sheet_docx("Школа", "приказом",
                                                             acq.sheet_rows(rows, "Asia/Yekaterinburg"))))
    table = sheet.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["№", "ФИО", "Должность", "Дата", "Подпись"]
    assert table.rows[1].cells[1].text.startswith("Орлова") and table.rows[1].cells[3].text == "22.09.2017"


def test_L10_publication_due_ten_working_days_after_adoption():
    """L10: adopted Friday 2017-02-17 → publish by 2017-03-07 (23–24 Feb are days off)."""
    from documents.publication_service import PUBLISH_DAYS

    assert ProductionCalendar().add_working_days(date(2017, 2, 17), PUBLISH_DAYS) == date(2017, 3, 7)


def test_L11_public_page_shows_only_published_documents_without_login(app, client, session, school, director):
    act, version, order = _in_force_act(session, school, director)
    web = Actor(director.user_id, "web", school.id, frozenset({"web_admin"}))
    other = service.create_from_template(session, system_actor(school.id), "working_group")
    pub = pubs.publish_act(session, web, act.id)
    pubs.publish_order(session, web, order.id)
    session.commit()
    page = client.get("/sveden/document").get_data(as_text=True)
    assert act.title in page and other.title not in page and "Приказы" in page
    assert "УТВЕРЖДЕНО приказом от 20.09.2017 № 1-од" in page
    assert client.get(f"/sveden/document/{pub.id}.docx").status_code == 200
    assert client.get("/sveden/").status_code == 200
    assert "Положение" in client.get("/sveden/document?q=журнал").get_data(as_text=True)
    assert "Ничего не найдено" in client.get("/sveden/document?q=бассейн").get_data(as_text=True)
    feed = client.get("/sveden/document/feed.atom").get_data(as_text=True)
    assert "<feed" in feed and act.title in feed
    assert f"/sveden/document/{pub.id}.docx" in client.get("/sitemap.xml").get_data(as_text=True)


def test_withdrawal_keeps_history_and_personnel_orders_are_never_published(client, session, school, director):
    act, _, _ = _in_force_act(session, school, director)
    web = Actor(director.user_id, "web", school.id, frozenset({"web_admin"}))
    pub = pubs.publish_act(session, web, act.id)
    with pytest.raises(InvalidTransition):
        pubs.withdraw(session, web, pub.id, "")
    pubs.withdraw(session, web, pub.id, "Опубликована не та редакция")
    again = pubs.publish_act(session, web, act.id)
    session.commit()
    assert session.get(Publication, pub.id).status == "withdrawn"
    assert client.get(f"/sveden/document/{pub.id}.docx").status_code == 404
    page = client.get("/sveden/document").get_data(as_text=True)
    assert "снято" in page and f"{again.id}.docx" in page
    ls = orders.save_draft(session, director, register_code="ls", heading="О приёме на работу", preamble="",
                           items=[OrderItemText("Принять Иванову И.И.")], control_clause="", place="",
                           annex_version_ids=[], audience_roles=[])
    orders.sign(session, director, ls.id, "draft")
    orders.register(session, director, ls.id, "signed", date(2017, 9, 21))
    with pytest.raises(InvalidTransition, match="персональные данные"):
        pubs.publish_order(session, web, ls.id)


def test_public_order_file_hides_names(session, school, director):
    order = orders.save_draft(session, director, heading="О рабочей группе", preamble="",
                              items=[OrderItemText("Включить в группу Федорову Л.Ю.", "Федорова Л.Ю.")],
                              control_clause="", place="", annex_version_ids=[], audience_roles=[])
    orders.sign(session, director, order.id, "draft")
    orders.register(session, director, order.id, "signed", date(2017, 9, 21))
    web = Actor(director.user_id, "web", school.id, frozenset({"web_admin"}))
    pub = pubs.publish_order(session, web, order.id)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(pub.docx)).paragraphs)
    assert "Федорова Л.Ю." not in text and "[ФИО]" in text


def test_demo_director_issues_the_seed_order_and_the_base_is_published(app, session):
    app.test_cli_runner().invoke(demo_command)
    director_client = app.test_client()
    login(director_client, "faerberg", "reglament-demo")
    token = csrf_token(director_client, "/orders/")
    assert director_client.post("/orders/seed", data={"csrf_token": token}).status_code == 302
    order = session.scalar(select(Order))
    director_client.post(f"/orders/{order.id}/sign", data={"csrf_token": token, "state": "draft"})
    for action, state in (("register", "signed"), ("put_in_force", "registered")):
        response = director_client.post(f"/orders/{order.id}/{action}", data={"csrf_token": token, "state": state})
        assert response.status_code == 302
    session.expire_all()
    order = session.get(Order, order.id)
    assert order.full_number == "1-од" and order.status == "in_force"
    tasks = session.scalars(select(PlanTask).where(PlanTask.source_ref.like(f"order:{order.id}:%"))).all()
    assert len(tasks) == 7
    teacher = app.test_client()
    login(teacher, "smirnova", "reglament-demo")
    mine = teacher.get("/orders/acquaintance/mine").get_data(as_text=True)
    row_id = re.search(r"/orders/acquaintance/(\d+)/confirm", mine).group(1)
    assert teacher.post(f"/orders/acquaintance/{row_id}/confirm",
                        data={"csrf_token": csrf_token(teacher, "/orders/acquaintance/mine")}).status_code == 302
    web = app.test_client()
    login(web, "vinter", "reglament-demo")
    wtoken = csrf_token(web, "/site/")
    assert web.post(f"/site/publish/order/{order.id}", data={"csrf_token": wtoken}).status_code == 302
    public = app.test_client().get("/sveden/document").get_data(as_text=True)
    assert "№ 1-од" in public
    for name in ("Федорова", "Винтер", "Кузнецова"):  # items name people: hidden on the public site
        assert name not in public
