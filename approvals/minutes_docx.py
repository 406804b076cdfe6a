"""Minutes (протокол) of a council meeting as a Word document in the usual form (pure builder)."""
from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from approvals.council_rules import VoteCount
from core.formatting import ru_date


@dataclass(frozen=True)
class MinutesItem:
    """One agenda item as the minutes print it."""

    title: str
    speaker: str
    discussion: str
    proposal: str
    votes: VoteCount
    decided: bool | None


@dataclass(frozen=True)
class Minutes:
    """Everything the minutes print."""

    org_name: str
    council_name: str
    number: int
    held_on: object
    place: str
    present: list[str]
    absent: list[str]
    member_count: int
    items: list[MinutesItem]
    chair: str
    secretary: str


def _p(doc, text: str, bold: bool = False, center: bool = False):
    p = doc.add_paragraph()
    p.add_run(text).bold = bold
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def minutes_docx(m: Minutes) -> bytes:
    """The minutes: heading, date and number, attendance, agenda, "Слушали / Выступили /
    Постановили" with the votes, chair's and secretary's signatures."""
    doc = Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = "Times New Roman", Pt(14)
    _p(doc, m.org_name, center=True)
    _p(doc, "ПРОТОКОЛ", bold=True, center=True)
    _p(doc, f"{ru_date(m.held_on)}\t\t\t\t\t№ {m.number}")
    _p(doc, m.place, center=True)
    _p(doc, f"заседания: {m.council_name}", center=True)
    _p(doc, f"Председатель — {m.chair}\nСекретарь — {m.secretary}")
    _p(doc, f"Присутствовали: {len(m.present)} из {m.member_count} ({', '.join(m.present)})")
    if m.absent:
        _p(doc, f"Отсутствовали: {', '.join(m.absent)}")
    _p(doc, "Кворум имеется." if m.present else "Кворума нет.")
    _p(doc, "ПОВЕСТКА ДНЯ:", bold=True)
    for i, item in enumerate(m.items, 1):
        _p(doc, f"{i}. {item.title}")
    for i, item in enumerate(m.items, 1):
        _p(doc, f"{i}. СЛУШАЛИ: {item.speaker or '—'} — {item.title}.")
        if item.discussion:
            _p(doc, f"ВЫСТУПИЛИ: {item.discussion}")
        decision = item.proposal or f"Принять: {item.title}"
        verdict = "Решение принято." if item.decided else "Решение не принято."
        _p(doc, f"ПОСТАНОВИЛИ: {decision}")
        _p(doc, f"Голосовали: «за» — {item.votes.for_}, «против» — {item.votes.against}, "
                f"«воздержались» — {item.votes.abstained}. {verdict}")
    _p(doc, "")
    _p(doc, f"Председатель\t\t\t____________\t{m.chair}")
    _p(doc, f"Секретарь\t\t\t____________\t{m.secretary}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
