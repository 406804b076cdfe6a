"""The rollout in a real browser, role by role, on the demo school: the working group imports the
seed plan, the council secretary records the pedagogical council's vote, the director issues and
registers the order, the web admin publishes it, a teacher enters a day's marks from the keyboard,
a parent reads them in the diary. Each step leaves a screenshot; no page logs a browser error
(the Content-Security-Policy would report inline script or style there)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from approvals import opinion_service as ops
from approvals import route_service as rs
from approvals.models import Council, RouteStep
from core.demo import DEMO_PASSWORD, load_demo
from core.formatting import ru_date
from core.models import User
from documents import service as acts
from journal.models import Course, Lesson, Mark, ParentLink, Student
from tests.api.helpers import actor_of
from tests.conftest import FAST_HASH
from tests.workflow import plan_files as pf

DAY = date(2017, 9, 14)


class Role:
    """A signed-in person in their own browser context, recording the page's errors."""

    def __init__(self, browser, base: str, login: str):
        self.context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
        self.page, self.base, self.errors = self.context.new_page(), base, []
        self.page.on("console", lambda m: self.errors.append(f"{m.text} at {m.location.get('url')}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        self.page.goto(base + "/login")
        self.page.fill("#login", login)
        self.page.fill("#password", DEMO_PASSWORD)
        self.page.click("form button[type=submit]")
        assert "Здравствуйте" in self.page.content(), login

    def go(self, path: str):
        self.page.goto(self.base + path)
        return self.page


def _act_ready_for_the_council(session) -> int:
    """The e-journal regulation with discussion and opinions done (as in the approvals tests)."""
    wg = actor_of(session.scalar(select(User).where(User.login == "kuznetsova")))
    act = acts.create_from_template(session, wg, "ejournal")
    rs.start_route(session, wg, act.id, "draft", ["parents_meeting"], False, DAY)
    steps = {s.kind: s for s in session.scalars(select(RouteStep).where(RouteStep.act_id == act.id))}
    rs.record_simple(session, wg, steps["discussion"].id, "замечаний нет")
    rs.to_review(session, wg, act.id, "discussion", DAY)
    for kind in ("opinion_students", "opinion_parents", "opinion_union"):
        ops.record_opinion(session, wg, steps[kind].id, verdict="agree", text="", received_on=DAY,
                           protocol_no="2", protocol_date=DAY)
    session.commit()
    return act.id


def _child_lesson(session) -> tuple[Student, Lesson, str]:
    """The demo parent's child, a lesson of the child's class in its last week, and its teacher."""
    person = session.scalar(select(User.person_id).where(User.login == "popov"))
    child = session.scalar(select(Student).join(ParentLink).where(ParentLink.parent_person_id == person))
    lesson = session.scalar(select(Lesson).join(Course).where(Course.class_id == child.class_id, Course.group_no.is_(None))
                            .order_by(Lesson.on_date.desc(), Lesson.lesson_no))
    teacher = session.scalar(select(User.login).where(User.id == lesson.course.teacher_id))
    return child, lesson, teacher


def _working_group_imports_the_plan(wg: Role, shots) -> None:
    page = wg.go("/plan/import")
    page.set_input_files("input[type=file]", str(pf.SEED_DOCX))
    page.click("text=Прочитать файл")
    page.wait_for_selector("text=Проверьте прочитанное")
    shots(page, "plan-preview")
    page.click("text=Сохранить план")
    page.wait_for_selector("text=Подготовительный этап")
    shots(page, "plan")


def _secretary_records_the_vote(secretary: Role, council_id: int, act_id: int, shots) -> None:
    page = secretary.go(f"/approvals/councils/{council_id}")
    page.click("summary:has-text('Назначить заседание')")
    page.fill("input[name='g-held_on']", "2017-09-20")
    page.select_option("select[name='g-acts']", str(act_id))
    page.click("form:has(input[name='g-held_on']) button[type=submit]")
    page.wait_for_url("**/meetings/*")
    boxes = page.locator("input[name=present]")
    for i in range(7):
        boxes.nth(i).check()
    page.click("text=Сохранить явку")
    for _ in range(7):  # a roll-call vote: each present member's choice, as the secretary hears it
        ballot = page.locator("form:has(select[name=choice])").first
        ballot.locator("select[name=choice]").select_option("for")
        ballot.locator("button").click()
    shots(page, "council-meeting")
    page.click("text=Подвести итоги")
    shots(secretary.go(f"/approvals/acts/{act_id}"), "council-vote")


def _director_issues_the_order(director: Role, shots) -> None:
    page = director.go("/orders/")
    page.click("form[action$='/orders/seed'] button")
    page.wait_for_url("**/orders/*/edit")
    shots(page, "order-draft")
    page = director.go(page.url.rsplit("/", 1)[0].replace(director.base, ""))  # the draft's own page
    for label in ("Подписать", "Зарегистрировать", "Ввести в действие"):
        page.click(f"button:has-text('{label}')")
    page.wait_for_selector("text=1-од")
    shots(page, "order")


def _web_admin_publishes(web: Role, shots) -> None:
    web.go("/site/").locator("form[action*='/site/publish/order/'] button").first.click()
    page = web.go("/sveden/document")
    assert "1-од" in page.content()
    shots(page, "site-documents")


def _teacher_types_marks(teacher: Role, child: Student, lesson: Lesson, shots) -> None:
    page = teacher.go(f"/journal/course/{lesson.course_id}")
    page.focus(f"input[name='c_{child.id}'][form='col-{lesson.id}']")
    page.keyboard.type("5")
    page.keyboard.press("Enter")  # down to the next student, as on paper
    page.keyboard.type("н")
    page.fill(f"input[name=reason][form='col-{lesson.id}']", "перенос с бумажного журнала")
    page.click(f"#col-{lesson.id} button")
    page.wait_for_selector("text=Сохранено изменений: 2")
    shots(page, "journal-grid")


def _parent_reads_the_diary(parent: Role, child: Student, lesson: Lesson, shots) -> str:
    monday = lesson.on_date - timedelta(days=lesson.on_date.weekday())
    page = parent.go(f"/journal/diary/{child.id}?week={monday.isoformat()}")
    day = page.locator("section.panel", has_text=ru_date(lesson.on_date))
    row = day.locator("tbody tr", has_text=lesson.course.subject.name).filter(
        has=page.locator(f"td:text-is('{lesson.lesson_no}')"))
    shots(page, "diary")
    return row.locator("td").last.inner_text().strip()


def test_the_rollout_in_the_browser_role_by_role(browser, served, session, shots):
    load_demo(session, FAST_HASH)
    session.commit()
    act_id = _act_ready_for_the_council(session)
    roles = [Role(browser, served, login) for login in ("kuznetsova", "sokolova", "faerberg", "vinter")]
    _working_group_imports_the_plan(roles[0], shots)
    council = session.scalar(select(Council).where(Council.kind == "pedagogical"))
    _secretary_records_the_vote(roles[1], council.id, act_id, shots)
    session.expire_all()
    assert session.get(acts.Act, act_id).status == "adopted"
    _director_issues_the_order(roles[2], shots)
    _web_admin_publishes(roles[3], shots)
    child, lesson, teacher_login = _child_lesson(session)
    roles += [Role(browser, served, teacher_login), Role(browser, served, "popov")]
    _teacher_types_marks(roles[4], child, lesson, shots)
    assert _parent_reads_the_diary(roles[5], child, lesson, shots) == "5"
    session.expire_all()
    assert session.scalar(select(Mark.value).where(Mark.lesson_id == lesson.id, Mark.student_id == child.id)) == "5"
    assert [e for r in roles for e in r.errors] == []
