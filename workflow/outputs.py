"""Outputs of a plan (pure builders): the Word table like the original with the completion column,
the XLSX sheet, the iCalendar feed and the Gantt timeline as SVG."""
from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

import icalendar
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font


@dataclass(frozen=True)
class TaskRow:
    """One task as the outputs print it."""

    id: int
    stage: str
    section: str
    number: str
    title: str
    items: tuple[str, ...]
    term: str
    assignees: str
    mark: str
    start: date | None
    due: date | None
    occurrences: tuple[date, ...] = ()


HEADERS = ("№", "Мероприятия", "Сроки", "Исполнитель", "Отметка о выполнении")
WIDTHS_CM = (1.2, 10.5, 3.6, 4.6, 4.2)


def _set_widths(table, widths) -> None:
    # Explicit grid and cell widths, or LibreOffice redistributes the columns.
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def plan_docx(title: str, rows: list[TaskRow]) -> bytes:
    """The plan as a landscape Word table like the paper original, with the completion column."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    heading = doc.add_paragraph()
    heading.alignment = 1
    heading.add_run(title).bold = True
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    stage = None
    for r in rows:
        if (r.section, r.stage) != stage:
            if r.section and (stage is None or stage[0] != r.section):
                _merged_row(table, r.section)
            _merged_row(table, r.stage)
            stage = (r.section, r.stage)
        cells = table.add_row().cells
        cells[0].text, cells[2].text, cells[3].text, cells[4].text = r.number, r.term, r.assignees, r.mark
        cells[1].text = r.title
        for item in r.items:
            cells[1].add_paragraph(f"- {item}")
    _set_widths(table, WIDTHS_CM)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _merged_row(table, text: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.text = ""
    run = merged.paragraphs[0].add_run(text)
    run.bold = True
    merged.paragraphs[0].alignment = 1


def plan_xlsx(title: str, rows: list[TaskRow]) -> bytes:
    """The plan as one XLSX sheet: stage, number, title, items, term, dates, assignees, mark."""
    wb = Workbook()
    ws = wb.active
    ws.title = "План-график"
    ws.append([title])
    ws["A1"].font = Font(bold=True)
    header = ["Раздел", "Этап", "№", "Мероприятия", "Пункты", "Сроки", "Начало", "Срок", "Исполнитель",
              "Отметка о выполнении"]
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([r.section, r.stage, r.number, r.title, "\n".join(r.items), r.term, r.start, r.due,
                   r.assignees, r.mark])
    for col, width in zip("ABCDEFGHIJ", (18, 28, 6, 60, 50, 18, 12, 12, 28, 24), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in row[6:8]:
            cell.number_format = "DD.MM.YYYY"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ical_feed(name: str, rows: Iterable[TaskRow], stamp: datetime, base_url: str) -> bytes:
    """An iCalendar feed: one all-day event per task due date or recurring occurrence."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Reglament//plan//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for r in rows:
        dates = r.occurrences or ((r.due,) if r.due else ())
        for d in dates:
            ev = icalendar.Event()
            ev.add("uid", f"plan-task-{r.id}-{d.isoformat()}@reglament")
            ev.add("dtstamp", stamp)
            ev.add("dtstart", d)
            ev.add("dtend", d + timedelta(days=1))
            ev.add("summary", f"{r.number} {r.title}".strip()[:250])
            ev.add("description", f"{r.stage}\nСрок: {r.term}\nИсполнитель: {r.assignees}\n{r.mark}")
            ev.add("url", f"{base_url}/plan/task/{r.id}")
            cal.add_component(ev)
    return cal.to_ical()


def gantt_svg(rows: list[TaskRow], today: date, width: int = 1100) -> str:
    """A timeline of the plan: a bar per dated task, a tick per recurring occurrence, today's line."""
    dated = [r for r in rows if r.due or r.occurrences]
    starts = [r.start or r.due for r in dated if (r.start or r.due)] + [o for r in dated for o in r.occurrences]
    ends = [r.due for r in dated if r.due] + [o for r in dated for o in r.occurrences]
    if not starts:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="10" y="25">Нет мероприятий с датами</text></svg>'
    lo, hi = min(starts).replace(day=1), max(ends) + timedelta(days=1)
    label_w, row_h, top = 330, 22, 30
    span = max((hi - lo).days, 1)
    scale = (width - label_w - 10) / span

    def x(d: date) -> float:
        return label_w + (d - lo).days * scale

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="{width}" '
             f'height="{top + row_h * len(rows) + 10}" role="img" aria-label="График плана">']
    month = lo
    while month <= hi:
        parts.append(f'<line x1="{x(month):.1f}" y1="{top - 12}" x2="{x(month):.1f}" '
                     f'y2="{top + row_h * len(rows)}" stroke="#e3e7ee"/>'
                     f'<text x="{x(month) + 2:.1f}" y="{top - 16}">{month:%m.%Y}</text>')
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    for i, r in enumerate(rows):
        y = top + i * row_h
        label = escape(f"{r.number} {r.title}"[:52])
        parts.append(f'<text x="4" y="{y + 15}"><title>{escape(r.title)}</title>{label}</text>')
        color = "#1c7c3a" if r.mark.startswith("Выполнено") else "#1f5fa8"
        if r.due and not r.occurrences:
            a = x(r.start or r.due)
            parts.append(f'<rect x="{a:.1f}" y="{y + 4}" width="{max(x(r.due + timedelta(days=1)) - a, 3):.1f}" '
                         f'height="{row_h - 8}" rx="3" fill="{color}"><title>{escape(r.term)}</title></rect>')
        for o in r.occurrences:
            parts.append(f'<rect x="{x(o) - 1.5:.1f}" y="{y + 3}" width="3" height="{row_h - 6}" fill="#9a6700"/>')
    if lo <= today <= hi:
        parts.append(f'<line x1="{x(today):.1f}" y1="{top - 12}" x2="{x(today):.1f}" '
                     f'y2="{top + row_h * len(rows)}" stroke="#b3261e" stroke-width="2"/>'
                     f'<text x="{x(today) + 3:.1f}" y="{top - 4}" fill="#b3261e">сегодня</text>')
    parts.append("</svg>")
    return "".join(parts)
