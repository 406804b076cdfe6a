"""The e-journal regulation from draft to adoption, with the law's guards (L3, L4, L6–L9, L17, L18)."""
import io
from datetime import date

import docx
import pytest
from sqlalchemy import func, select

from approvals import council_service as cs
from approvals import opinion_service as ops
from approvals import route_service as rs
from approvals.minutes_docx import minutes_docx
from approvals.models import Meeting, Opinion, RouteStep, Vote
from core.actor import system_actor
from core.errors import InvalidTransition, NotAllowed, ValidationFailed
from core.models import AuditEvent
from documents import queries, service
from documents.content import to_markup
from tests.approvals.helpers import council_with_members, hold_meeting
from tests.conftest import csrf_token

DAY = date(2017, 9, 11)


@pytest.fixture
def actor(school):
    return system_actor(school.id)


@pytest.fixture
def bodies(session, actor, school):
    ped, ped_members = council_with_members(session, actor, school, "pedagogical", 9)
    stud, stud_members = council_with_members(session, actor, school, "students", 5)
    council_with_members(session, actor, school, "parents", 5)
    council_with_members(session, actor, school, "trade_union", 3)
    session.commit()
    return {"ped": (ped, ped_members), "stud": (stud, stud_members)}


def _steps(session, act):
    return {s.kind: s for s in rs.route_of(session, act)}


def _opinion(session, actor, step, verdict="agree", text=""):
    return ops.record_opinion(session, actor, step.id, verdict=verdict, text=text, received_on=DAY,
                              protocol_no="3", protocol_date=DAY)


def test_whole_route_of_the_ejournal_regulation(session, actor, bodies):
    """Draft → discussion → opinions (students by meeting, parents by letter, union) → pedagogical
    council with quorum → adopted, with marks and minutes."""
    act = service.create_from_template(session, actor, "ejournal")
    rs.start_route(session, actor, act.id, "draft", ["parents_meeting"], False, DAY)
    steps = _steps(session, act)
    assert act.status == "discussion" and steps["discussion"].status == "waiting"
    rs.record_simple(session, actor, steps["discussion"].id, "Родительское собрание 08.09.2017, замечаний нет")
    rs.to_review(session, actor, act.id, "discussion", DAY)
    assert steps["opinion_students"].due == date(2017, 9, 18)  # 5 working days (L6/L9)
    stud, stud_members = bodies["stud"]
    hold_meeting(session, actor, stud, stud_members, act.id, present=4, votes_for=4, day=DAY)
    cs.close_meeting(session, actor, session.scalar(select(Meeting).where(Meeting.council_id == stud.id)).id,
                     "planned", DAY)
    _opinion(session, actor, steps["opinion_parents"])
    _opinion(session, actor, steps["opinion_union"])
    assert rs.adoption_blockers(session, act, DAY) == []
    ped, ped_members = bodies["ped"]
    meeting = hold_meeting(session, actor, ped, ped_members, act.id, present=7, votes_for=6, day=DAY)
    cs.close_meeting(session, actor, meeting.id, "planned", DAY)
    session.commit()
    assert act.status == "adopted" and steps["adoption"].status == "done"
    marks = [m.text for m in queries.marks_of(session, service.latest_version(session, act))]
    assert any(m.startswith("ПРИНЯТО педагогическим советом, протокол № 1") for m in marks)
    assert any(m.startswith("УЧТЕНО МНЕНИЕ совета обучающихся") for m in marks)
    assert any(m.startswith("УЧТЕНО МНЕНИЕ совета родителей") for m in marks)
    minutes = docx.Document(io.BytesIO(minutes_docx(cs.minutes_of(session, actor, meeting.id))))
    text = "\n".join(p.text for p in minutes.paragraphs)
    assert "ПРОТОКОЛ" in text and "№ 1" in text and "СЛУШАЛИ" in text and "ПОСТАНОВИЛИ" in text
    assert "«за» — 6, «против» — 1" in text and "Присутствовали: 7 из 9" in text
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("route_step.%"))) > 5


def test_L3_L4_adoption_refused_without_both_councils_opinions(session, actor, bodies):
    act = service.create_from_template(session, actor, "ejournal")
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    missing = {b.kind for b in rs.adoption_blockers(session, act, DAY)}
    assert {"opinion_students", "opinion_parents", "opinion_union"} == missing
    ped, ped_members = bodies["ped"]
    meeting = hold_meeting(session, actor, ped, ped_members, act.id, present=8, votes_for=8, day=DAY)
    session.commit()
    with pytest.raises(InvalidTransition, match="совета обучающихся"):
        cs.close_meeting(session, actor, meeting.id, "planned", DAY)
    session.rollback()
    session.expire_all()
    assert session.get(type(act), act.id).status == "review"


def test_L4_director_override_marks_the_act_adopted_with_violation(session, school):
    director = system_actor(school.id)
    act = service.create_from_template(session, director, "working_group")
    act.affects_students = True
    rs.start_route(session, director, act.id, "draft", [], False, DAY)
    with pytest.raises(InvalidTransition, match="не пройдены"):
        ops.adopt_by_director(session, director, act.id, "review", DAY)
    teacher_like = type(director)(director.user_id, "wg", school.id, frozenset({"working_group"}))
    with pytest.raises(NotAllowed):
        ops.adopt_by_director(session, teacher_like, act.id, "review", DAY, "срочно")
    ops.adopt_by_director(session, director, act.id, "review", DAY, "Срочное требование департамента")
    assert act.status == "adopted" and act.adopted_with_violation
    assert "Принят с нарушением" in "\n".join(p.text for p in docx.Document(io.BytesIO(
        queries.act_word_file(session, director, act.id)[1])).paragraphs)


def test_L6_L7_L8_union_disagreement_goes_through_consultations_and_protocol(session, actor, bodies):
    act = service.create_from_template(session, actor, "job_addendum")
    rs.start_route(session, actor, act.id, "draft", [], False, date(2017, 2, 17))
    union = _steps(session, act)["opinion_union"]
    assert union.due == date(2017, 2, 28)  # L6 over 23–24 February
    with pytest.raises(ValidationFailed, match="мотивированы"):
        _opinion(session, actor, union, verdict="disagree")
    ops.record_opinion(session, actor, union.id, verdict="disagree", text="Нагрузка не учтена",
                       received_on=date(2017, 2, 22))
    consult = _steps(session, act)["union_consultation"]
    assert consult.status == "waiting" and consult.due == date(2017, 2, 25)  # L7: 3 days
    assert {b.kind for b in rs.adoption_blockers(session, act, DAY)} == {"union_consultation"}
    ops.record_consultation(session, actor, consult.id, False, "разногласия остались", date(2017, 2, 24))
    protocol = _steps(session, act)["union_protocol"]
    assert {b.kind for b in rs.adoption_blockers(session, act, DAY)} == {"union_protocol"}
    ops.record_protocol(session, actor, protocol.id, "Протокол разногласий № 1 от 27.02.2017")
    assert rs.adoption_blockers(session, act, DAY) == []
    ops.adopt_by_director(session, actor, act.id, "review", DAY)
    assert act.status == "adopted" and not act.adopted_with_violation


def test_L9_silence_means_no_objection_only_where_set(session, actor, school):
    council_with_members(session, actor, school, "students", 3, silence=True)
    council_with_members(session, actor, school, "parents", 3)
    act = service.create_from_template(session, actor, "working_group")
    act.affects_students = True
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    after_due = date(2017, 9, 19)
    assert {b.kind for b in rs.adoption_blockers(session, act, DAY)} == {"opinion_students", "opinion_parents"}
    assert {b.kind for b in rs.adoption_blockers(session, act, after_due)} == {"opinion_parents"}


def test_L18_editing_after_an_opinion_makes_it_stale_and_asks_again(session, actor, bodies):
    act = service.create_from_template(session, actor, "ejournal")
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    steps = _steps(session, act)
    _opinion(session, actor, steps["opinion_parents"])
    v1 = service.latest_version(session, act)
    text = to_markup(service.version_blocks(v1)).replace("7 дней", "5 рабочих дней")
    v2 = service.save_text(session, actor, act.id, text, v1.sha256)
    assert v2.number == 2 and steps["opinion_parents"].status == "stale"
    assert session.scalar(select(Opinion)).stale
    assert "opinion_parents" in {b.kind for b in rs.adoption_blockers(session, act, DAY)}
    with pytest.raises(InvalidTransition, match="L18"):
        _opinion(session, actor, steps["opinion_students"])  # still waiting on version 1
    rs.resend_stale(session, actor, act.id, DAY)
    assert steps["opinion_parents"].status == "waiting" and steps["opinion_parents"].version_id == v2.id
    _opinion(session, actor, steps["opinion_parents"])
    assert steps["opinion_parents"].status == "done"


def test_L17_meeting_without_quorum_cannot_decide(session, actor, bodies):
    """L17: 9 members, 5 present under 2/3: refused, nothing recorded."""
    act = service.create_from_template(session, actor, "working_group")
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    ped, members = bodies["ped"]
    meeting = hold_meeting(session, actor, ped, members, act.id, present=5, votes_for=5, day=DAY)
    session.commit()
    with pytest.raises(InvalidTransition, match="Нет кворума: присутствуют 5 из 9"):
        cs.close_meeting(session, actor, meeting.id, "planned", DAY)
    session.rollback()
    assert session.get(Meeting, meeting.id).status == "planned"


def test_votes_from_non_members_twice_or_absent_are_refused(session, actor, bodies, school):
    act = service.create_from_template(session, actor, "working_group")
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    ped, members = bodies["ped"]
    stud, stud_members = bodies["stud"]
    meeting = hold_meeting(session, actor, ped, members, act.id, present=6, votes_for=0, day=DAY)
    item = meeting.items[0]
    session.commit()
    before = session.scalar(select(func.count()).select_from(Vote))
    with pytest.raises(ValidationFailed, match="уже проголосовал"):
        cs.cast_vote(session, actor, item.id, "for", members[0].id)
    with pytest.raises(NotAllowed):
        cs.cast_vote(session, actor, item.id, "for", stud_members[0].id)
    with pytest.raises(NotAllowed, match="присутствующие"):
        cs.cast_vote(session, actor, item.id, "for", members[8].id)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Vote)) == before


def test_minutes_are_numbered_per_council_per_year(session, actor, bodies):
    ped, _ = bodies["ped"]
    numbers = [cs.create_meeting(session, actor, ped, d, [("Разное", None)]).number
               for d in (date(2017, 9, 1), date(2017, 11, 1), date(2018, 1, 15))]
    assert numbers == [1, 2, 1]


def test_founder_coordinates_a_second_act(app, client_as, session, school):
    actor = system_actor(school.id)
    act = service.create_from_template(session, actor, "regulation_ed")
    act.needs_founder, act.affects_students, act.affects_employees = True, False, False
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    steps = _steps(session, act)
    steps["adoption"].body = "director"
    ops.adopt_by_director(session, actor, act.id, "review", DAY)
    ops.send_to_founder(session, actor, act.id, DAY)
    session.commit()
    founder = client_as("founder_officer", org=school.founder)
    queue = founder.get("/approvals/").get_data(as_text=True)
    assert act.title in queue
    step = _steps(session, act)["founder"]
    token = csrf_token(founder, f"/approvals/founder/{step.id}")
    response = founder.post(f"/approvals/founder/{step.id}", data={"csrf_token": token, "decision": "coordinate",
                                                                  "remarks": ""})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(RouteStep, step.id).status == "done"
    school_page = client_as("deputy").get(f"/approvals/acts/{act.id}").get_data(as_text=True)
    assert "согласовано" in school_page
    marks = [m.text for m in queries.marks_of(session, service.latest_version(session, act))]
    assert any(m.startswith("СОГЛАСОВАНО") for m in marks)
    other_founder = client_as("founder_officer", org=school)  # not this school's founder
    assert other_founder.get(f"/approvals/founder/{step.id}").status_code == 404


def test_step_reminders_reach_the_author_and_the_councils_secretary(session, school, bodies):
    from approvals.reminders import send_step_reminders
    from core.models import Notification, User
    from tests import factories

    author = factories.make_user(session, school, ["working_group"])
    stud, members = bodies["stud"]
    secretary = factories.make_user(session, school, ["council_secretary"])
    secretary.person_id = members[1].person_id  # members[1] is the students' council secretary
    session.commit()
    actor = type(system_actor(school.id))(author.id, author.login, school.id, author.roles)
    act = service.create_from_template(session, actor, "ejournal")
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    session.commit()
    assert send_step_reminders(session, date(2017, 9, 15)) > 0  # opinions due 18.09
    assert send_step_reminders(session, date(2017, 9, 15)) == 0
    session.commit()
    got = {u for (u,) in session.execute(select(Notification.user_id))}
    assert {author.id, secretary.id} <= got
    assert session.scalar(select(User).where(User.id == secretary.id)) is not None


def test_two_members_vote_at_once_on_postgresql(db, session, actor, bodies, school):
    import threading

    from core.actor import Actor

    if db.engine.dialect.name != "postgresql":
        pytest.skip("parallel transactions are exercised on PostgreSQL")
    act = service.create_from_template(session, actor, "working_group")
    rs.start_route(session, actor, act.id, "draft", [], False, DAY)
    ped, members = bodies["ped"]
    meeting = hold_meeting(session, actor, ped, members, act.id, present=7, votes_for=7, day=DAY)
    cs.set_attendance(session, actor, meeting, {m.id for m in members})
    item_id = meeting.items[0].id
    session.commit()
    barrier, errors = threading.Barrier(3), []

    def vote(member_id):
        with db.sessionmaker() as s:
            barrier.wait()
            try:
                cs.cast_vote(s, Actor(None, "sec", school.id, frozenset({"council_secretary"})), item_id,
                             "for", member_id)
                s.commit()
            except ValidationFailed as exc:
                errors.append(exc)

    threads = [threading.Thread(target=vote, args=(m,)) for m in (members[7].id, members[8].id, members[7].id)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [e.message for e in errors] == ["Этот член совета уже проголосовал по вопросу."]
    assert session.scalar(select(func.count()).select_from(Vote).where(Vote.item_id == item_id)) == 9
