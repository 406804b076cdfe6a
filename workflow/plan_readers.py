"""Readers of plan files into rows: a Word table (.docx) or the tab-separated text export."""
from __future__ import annotations

import html
import re

from docx.table import Table

from core.uploads import open_docx
from workflow.plan_draft import NotAPlan, PlanDraft, SourceRow, assemble, map_columns

HEADER_SCAN_ROWS = 3


def _row_cells(row) -> tuple[list[list[str]], bool]:
    cells = row.cells  # python-docx repeats a merged cell's object: vertical merges come filled
    merged = len(cells) > 1 and len({id(c._tc) for c in cells}) == 1
    return [[p.text for p in c.paragraphs] for c in cells], merged


def _find_table(document) -> tuple[Table, int, list[str]] | None:
    for table in document.tables:
        for index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
            header = [c.text.strip() for c in row.cells]
            if map_columns(header):
                return table, index, header
    return None


def read_docx(data: bytes, filename: str, default_year: int) -> PlanDraft:
    """Read a plan from a Word file: the first table whose header names the plan's columns."""
    document = open_docx(data, filename)
    if not document.tables:
        raise NotAPlan("В документе нет таблицы: план-график должен быть таблицей.")
    found = _find_table(document)
    if found is None:
        raise NotAPlan("В таблицах документа нет столбцов «Мероприятия» и «Сроки»: "
                       "это не похоже на план-график.")
    table, header_index, header = found
    rows = []
    for n, row in enumerate(table.rows[header_index + 1:], header_index + 2):
        cells, merged = _row_cells(row)
        rows.append(SourceRow(cells, merged, n))
    body = document.element.body
    title_lines = [p.text.strip() for p in document.paragraphs
                   if p.text.strip() and body.index(p._p) < body.index(table._tbl)]
    return assemble(" ".join(title_lines), header, rows, default_year)


_BREAKS = re.compile(r"</?p[^>]*>|<br\s*/?>|</?(?:ul|ol)[^>]*>|</li>", re.I)
_LI = re.compile(r"<li[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")


def _inline_items(text: str) -> list[str]:
    """ " - a; - b" inside one line → paragraphs ["- a;", "- b"], only when it reads as a list:
    it starts with a dash or has "; -" between items (a lone " - " in a title is kept)."""
    text = text.strip()
    if not (text.startswith("- ") or re.search(r"[;:]\s+-\s", text)):
        return [text] if text else []
    parts = re.split(r"(?:^|\s)-\s+", text)
    head = parts[0].strip()
    return ([head] if head else []) + [f"- {p.strip()}" for p in parts[1:] if p.strip()]


def text_cell_paragraphs(cell: str) -> list[str]:
    """A text-export cell (plain, or with <p>, <ul>, <li> fragments, closed or not) → paragraphs,
    list items as "- ..."."""
    marked = _LI.sub("\n- ", _BREAKS.sub("\n", cell))
    plain = html.unescape(_TAGS.sub("", marked))
    return [p for line in plain.split("\n") for p in _inline_items(line)]


def read_text(text: str, default_year: int) -> PlanDraft:
    """Read a plan from its tab-separated text export: title lines, a header, stage lines, rows."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header_at = next((i for i, line in enumerate(lines)
                      if "\t" in line and map_columns(line.split("\t"))), None)
    if header_at is None:
        raise NotAPlan("В тексте нет строки заголовка с колонками «Мероприятия» и «Сроки» "
                       "(колонки разделяются табуляцией).")
    header = [h.strip() for h in lines[header_at].split("\t")]
    title = " ".join(line.strip().strip("*").strip() for line in lines[:header_at] if line.strip())
    rows = []
    for n, line in enumerate(lines[header_at + 1:], header_at + 2):
        if not line.strip():
            continue
        cells = [text_cell_paragraphs(c) for c in line.split("\t")]
        rows.append(SourceRow(cells, merged=False, line=n))
    return assemble(re.sub(r"\s+", " ", title), header, rows, default_year, infer_merges=True)
