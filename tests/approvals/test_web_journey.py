"""The demo journey in the browser: the working group drafts the e-journal regulation, councils
give opinions, the pedagogical council votes with quorum and the minutes come out as Word."""
import io
import re

import docx
from sqlalchemy import select

from approvals.models import Council, CouncilMember, Meeting, RouteStep
from core.demo import demo_command
from documents.models import Act
from tests.conftest import csrf_token, login


def _client(app, name):
    cl = app.test_client()
    assert login(cl, name, "reglament-demo").status_code == 302
    return cl


def test_demo_journey_from_template_to_minutes(app, session):
    assert app.test_cli_runner().invoke(demo_command).exit_code == 0
    assert len(session.scalars(select(Council)).all()) == 5
    wg = _client(app, "kuznetsova")
    token = csrf_token(wg, "/acts/")
    wg.post("/acts/new", data={"csrf_token": token, "template": "ejournal"})
    act = session.scalar(select(Act))
    page = wg.get(f"/approvals/acts/{act.id}").get_data(as_text=True)
    assert "Построить маршрут" in page
    wg.post(f"/approvals/acts/{act.id}/start", data={"csrf_token": token, "state": "draft",
                                                    "discussions": ["parents_meeting"]})
    steps = {s.kind: s for s in session.scalars(select(RouteStep).where(RouteStep.act_id == act.id))}
    wg.post(f"/approvals/steps/{steps['discussion'].id}/record", data={"csrf_token": token, "note": "замечаний нет"})
    wg.post(f"/approvals/acts/{act.id}/review", data={"csrf_token": token, "state": "discussion"})
    for kind in ("opinion_students", "opinion_parents", "opinion_union"):
        response = wg.post(f"/approvals/steps/{steps[kind].id}/opinion", data={
            "csrf_token": token, "verdict": "agree", "received_on": "2017-09-14", "protocol_no": "2",
            "protocol_date": "2017-09-14"})
        assert response.status_code == 302, kind
    page = wg.get(f"/approvals/acts/{act.id}").get_data(as_text=True)
    assert "Все обязательные шаги пройдены" in page
    assert "секретарь: Соколова М." in page  # the pedagogical council's secretary answers for adoption

    secretary = _client(app, "sokolova")
    ped = session.scalar(select(Council).where(Council.kind == "pedagogical"))
    stoken = csrf_token(secretary, f"/approvals/councils/{ped.id}")
    response = secretary.post(f"/approvals/councils/{ped.id}", data={"csrf_token": stoken, "g-held_on": "2017-09-20",
                                                                     "g-acts": [str(act.id)]})
    meeting = session.scalar(select(Meeting))
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}")
    members = session.scalars(select(CouncilMember).where(CouncilMember.council_id == ped.id)).all()
    secretary.post(f"/approvals/councils/meetings/{meeting.id}/attendance",
                   data={"csrf_token": stoken, "present": [str(m.id) for m in members[:7]]})
    item_id = re.search(r'name="item_id" value="(\d+)"',
                        secretary.get(f"/approvals/councils/meetings/{meeting.id}").get_data(as_text=True)).group(1)
    for m in members[:7]:
        secretary.post(f"/approvals/councils/meetings/{meeting.id}/vote",
                       data={"csrf_token": stoken, "item_id": item_id, "member_id": str(m.id), "choice": "for"})
    response = secretary.post(f"/approvals/councils/meetings/{meeting.id}/close",
                              data={"csrf_token": stoken, "state": "planned"})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Act, act.id).status == "adopted"
    minutes = docx.Document(io.BytesIO(secretary.get(f"/approvals/councils/meetings/{meeting.id}/minutes.docx").data))
    assert "Присутствовали: 7 из 9" in "\n".join(p.text for p in minutes.paragraphs)
    act_docx = docx.Document(io.BytesIO(wg.get(f"/acts/{act.id}/act.docx").data))
    marks = act_docx.tables[0].rows[0].cells[0].text
    assert "ПРИНЯТО педагогическим советом, протокол № 1 от 20.09.2017" in marks
    assert "УЧТЕНО МНЕНИЕ совета родителей, протокол № 2 от 14.09.2017" in marks
