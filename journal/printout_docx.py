"""The paper journal of a class's quarter (pure builder, ARC-03, ARC-07): per subject the marks
grid with dates, lessons with topics and homework, final marks; attendance; the corrections sheet;
the snapshot number and SHA-256 in every page's footer; the binding note on the last page."""
from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from core.docx_fields import add_page_number
from core.docx_table import add_grid_table

BINDING = "Прошито, пронумеровано и скреплено печатью ___ листов"


@dataclass(frozen=True)
class CorrectionLine:
    """A change after the previous printout."""

    when: str
    cell: str
    old: str
    new: str
    who: str
    reason: str


def _footer(section, text: str) -> None:
    p = section.footer.paragraphs[0]
    p.text = text + " · стр. "
    add_page_number(p.add_run())
    for r in p.runs:
        r.font.size = Pt(7)


def _subject(doc, course: dict) -> None:
    title = course["subject"] + (f" (группа {course['group']})" if course["group"] else "")
    doc.add_paragraph().add_run(f"{title} — учитель {course['teacher']}").bold = True
    dates = [lesson["date"][8:10] + "." + lesson["date"][5:7] for lesson in course["lessons"]]
    cols = dates[:40]  # a paper page holds forty dates; the rest follow in the lessons table
    rows = [[name] + marks[:40] + [avg, final] for name, marks, avg, final in
            zip(course["students"], course["marks"], course["averages"], course["finals"], strict=True)]
    add_grid_table(doc, ["Ученик", *cols, "Ср.", "Итог"], rows, [4.2] + [0.55] * len(cols) + [0.9, 0.9])
    lessons = [[lesson["date"], str(lesson["no"]), lesson["topic"], lesson["homework"]] for lesson in course["lessons"]]
    add_grid_table(doc, ["Дата", "Урок", "Тема урока", "Домашнее задание"], lessons, [2.2, 1.0, 12.0, 10.0])


def quarter_docx(school: str, data: dict, number: int, sha256: str, corrections: list[CorrectionLine],
                 director: str) -> bytes:
    """The Word file; `number` and `sha256` identify the snapshot it prints."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.2)
    doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = "Times New Roman", Pt(8)
    _footer(section, f"Снимок № {number} · SHA-256 {sha256}")
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(f"{school}\nКлассный журнал {data['class']} класса · {data['period']['number']} четверть "
                 f"({data['period']['start']} — {data['period']['end']})").bold = True
    for course in data["courses"]:
        _subject(doc, course)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph().add_run("Сводка посещаемости").bold = True
    add_grid_table(doc, ["Ученик", "Пропущено уроков", "из них по болезни", "Опозданий"],
           [[a["student"], str(a["missed"]), str(a["ill"]), str(a["late"])] for a in data["attendance"]],
           [8.0, 3.0, 3.0, 3.0])
    if corrections:
        doc.add_paragraph().add_run("Лист исправлений после предыдущей распечатки").bold = True
        add_grid_table(doc, ["Дата", "Ячейка", "Было", "Стало", "Кто", "Причина"],
               [[c.when, c.cell, c.old, c.new, c.who, c.reason] for c in corrections], [3.0, 6.0, 2.0, 2.0, 3.0, 8.0])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for text in (BINDING, f"Директор ______________ {director}", "М.П."):
        doc.add_paragraph(text).runs[0].font.size = Pt(12)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
