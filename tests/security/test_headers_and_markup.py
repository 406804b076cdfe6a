"""Security headers on every response, no inline script or style in any page, and free text shown
as text on pages and in Word files (SEC-01; the issue of reliability and security)."""
import io
import re
from pathlib import Path

import docx
from sqlalchemy import select

from core.http import SECURITY_HEADERS
from core.text import clean_json, clean_text
from documents.models import Act
from tests.conftest import csrf_token

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> «Положение» \u202e\u0007\ufffe'


def test_every_kind_of_response_carries_the_security_headers(client, client_as):
    director = client_as("director")
    responses = [client.get("/login"), client.get("/sveden/document"), client.get("/no-such-page"),
                 client.get("/api/v1/plans"), client.get("/api/v1/openapi.json"), director.get("/"),
                 director.get("/acts/")]
    for response in responses:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.request.path, name)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_no_template_has_inline_script_handlers_or_styles():
    """The CSP forbids them; a template that used one would break in the browser."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text) \
                or re.search(r"\sstyle\s*=", text):
            offenders.append(path.name)
    assert offenders == []


def test_session_cookie_is_httponly_and_samesite(client):
    cookie = client.get("/login").headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_markup_and_control_characters_in_free_text_are_inert_on_the_page_and_in_word(session, client_as):
    """Typed into the form: the page shows the markup as text, the Word file holds it literally,
    the control character is dropped instead of crashing the Word file."""
    author = client_as("working_group")
    author.post("/acts/new", data={"csrf_token": csrf_token(author, "/acts/new"), "kind": "polozhenie",
                                   "title": HOSTILE, "text": "1. Раздел\n1.1. " + HOSTILE})
    act = session.scalar(select(Act))
    assert act.title.startswith("<script>") and "\u0007" not in act.title and "\ufffe" not in act.title
    page = author.get(f"/acts/{act.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;" in page
    word = author.get(f"/acts/{act.id}/act.docx")
    assert word.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs)
    assert '<script>alert("x")</script>' in text


def test_clean_text_drops_controls_and_keeps_tabs_line_breaks_and_bidi_marks():
    assert clean_text("a\x00b\x07c\td\ne\u202e\ufffe\uffff👩\u200d🏫") == "abc\td\ne\u202e👩\u200d🏫"
    assert clean_json({"k\x01": ["x\x02", 1, None]}) == {"k": ["x", 1, None]}
