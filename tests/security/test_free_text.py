"""Every free-text field of every form, on the demo school, filled with a long string of odd
Unicode: nothing crashes, and every page and Word file opens afterwards with the text as text.

The forms are read from the pages themselves (as a browser would), so a new form is covered
without being listed here."""
from __future__ import annotations

import io
from html.parser import HTMLParser

import docx

from core.demo import DEMO_PASSWORD, load_demo
from tests.conftest import FAST_HASH, login
from tests.core.test_access import _declared, _is_api, _sample_url

# markup, right-to-left override, combining accents, zero-width joiner, an emoji outside the basic
# plane, Arabic, non-breaking space, noncharacters XML cannot hold, and length past any column
ODD = ('<b>«Положение»</b> & \u202eтекст\u202c й\u0306 👩\u200d🏫 مدرسة\u00a0\ufffe\uffff ' * 40)[:2500]
TEXT_TYPES = {"text", "search", "email", "url", "tel", ""}
def _signed_in(app, user_login: str):
    cl = app.test_client()
    assert login(cl, user_login, DEMO_PASSWORD).headers["Location"] == "/", user_login
    return cl


USERS = ("faerberg", "fedorova", "vinter", "sokolova", "morozova", "ivanova", "lebedeva", "admin")


class _Forms(HTMLParser):
    """The POST forms of a page: action, and each field's name and value as a browser sends them."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str], bool]] = []  # action, fields, multipart
        self._form: tuple[str, dict[str, str], bool] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = (a.get("action", ""), {}, "multipart" in a.get("enctype", ""))
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "") not in ("checkbox", "radio", "file", "submit"):
            self._form[1][a["name"]] = ODD if a.get("type", "") in TEXT_TYPES else a.get("value", "")
        elif tag in ("input",) and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self._form[1][a["name"]] = a.get("value", "on")
        elif tag == "textarea":
            self._form[1][a["name"]] = ODD
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and a.get("value") and (
                "selected" in a or self._select not in self._form[1]):
            self._form[1][self._select] = a["value"]  # the selected option, else the first

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _pages(app) -> list[str]:
    return [_sample_url(rule) for rule, perms in _declared(app) if "GET" in rule.methods and not _is_api(perms)
            and not rule.rule.endswith((".docx", ".xlsx", ".pdf", ".ics", ".zip", ".xml", ".json"))]


def test_every_form_takes_long_odd_unicode_and_every_page_and_word_file_still_opens(app, session):
    load_demo(session, FAST_HASH)
    session.commit()
    submitted, failures = 0, []
    for user_login in USERS:
        cl = _signed_in(app, user_login)
        for page in _pages(app):
            response = cl.get(page)
            if response.status_code != 200:
                continue
            parser = _Forms()
            parser.feed(response.get_data(as_text=True))
            for action, fields, _multipart in parser.forms:
                if action.endswith(("/logout", "/active")):  # signing out or switching accounts off is no text
                    continue
                answer = cl.post(action or page, data=fields)
                submitted += 1

                if answer.status_code >= 500:
                    failures.append((user_login, page, action, answer.status_code))
        assert cl.get("/").status_code == 200, f"{user_login} was signed out on the way"
    assert failures == []
    assert submitted > 100
    _everything_opens(app, session)


def _everything_opens(app, session) -> None:
    """Every page and file for the director and the deputy after the odd text went in."""
    for user_login in ("faerberg", "fedorova", "vinter"):
        cl, opened = _signed_in(app, user_login), 0
        for rule, perms in _declared(app):
            if "GET" not in rule.methods or _is_api(perms):
                continue
            response = cl.get(_sample_url(rule))
            assert response.status_code < 500, (user_login, rule.rule)
            if response.status_code == 200 and rule.rule.endswith(".docx"):
                docx.Document(io.BytesIO(response.data))  # opens: no character Word cannot hold
                opened += 1
            if response.status_code == 200 and response.mimetype == "text/html":
                assert "<b>«Положение»</b>" not in response.get_data(as_text=True), rule.rule
        assert opened >= 4, user_login  # the plan, an act and its changes, an order


def test_odd_unicode_in_a_lesson_goes_into_the_quarter_printout_and_the_summary_sheet_as_text(app, session, school):
    """A topic, homework and late-entry reason of odd Unicode typed into the grid: the paper
    journal of the quarter (Word) and the year's summary sheet open and hold the topic as typed,
    less the two characters XML cannot hold."""
    from datetime import date

    from sqlalchemy import select

    from core.models import SchoolPeriod, User
    from journal.models import Lesson
    from tests.conftest import csrf_token
    from tests.journal import school as js

    s = js.build(session, school, until=date(2017, 9, 8))
    lesson = session.scalar(select(Lesson).where(Lesson.course_id == s.math.id).order_by(Lesson.on_date))
    teacher, deputy = app.test_client(), app.test_client()
    login(teacher, s.teacher.login)
    login(deputy, session.get(User, s.deputy.user_id).login)
    token = csrf_token(teacher, f"/journal/course/{s.math.id}")
    form = {"csrf_token": token, "seen": "", "topic": ODD, "homework": ODD, "reason": ODD, "back": "/journal/"}
    answer = teacher.post(f"/journal/lesson/{lesson.id}", data=form | {f"c_{st.id}": "5" for st in s.students})
    assert answer.status_code == 302
    grid = teacher.get(f"/journal/course/{s.math.id}").get_data(as_text=True)
    assert "<b>«Положение»</b>" not in grid and "&lt;b&gt;«Положение»&lt;/b&gt;" in grid  # topic, homework as text
    q1 = session.scalar(select(SchoolPeriod.id).where(SchoolPeriod.kind == "quarter", SchoolPeriod.number == 1))
    printout = deputy.post("/journal/admin/print", data={"csrf_token": csrf_token(deputy, "/journal/admin/dashboard"),
                                                         "class_id": str(s.klass.id), "period_id": str(q1)})
    assert printout.status_code == 200
    cells = {c.text for t in docx.Document(io.BytesIO(printout.data)).tables for r in t.rows for c in r.cells}
    assert ODD.replace("\ufffe", "").replace("\uffff", "").strip() in cells  # topic and homework
    sheet = deputy.get(f"/journal/admin/summary/{s.klass.id}.docx")
    assert sheet.status_code == 200 and docx.Document(io.BytesIO(sheet.data)).tables
