"""The teacher's grid as HTML built in Python (pure, no Flask): the lesson columns' headers with
their save forms, the students' cells and the rows beneath (topic, homework, attendance, kind of
work, reason for a late entry).

The grid's inner loop runs once per cell (31 students × 48 lessons ≈ 1,500 times); rendered by
Jinja, escaping and attribute look-ups there took 40 % of the page's time. Every text that comes
from the journal is escaped here; ids are integers and classes are this module's own.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from journal.grid_service import Grid
from journal.models.entries import LESSON_STATES


@dataclass(frozen=True)
class ColumnForms:
    """What each lesson's column form carries besides its cells: the request's CSRF token, the page
    to come back to, and the lesson's own page and save address."""

    csrf_token: str
    back: str
    lesson_url: Callable[[int], str]
    save_url: Callable[[int], str]


def header(grid: Grid, editable: set[int], forms: ColumnForms) -> Markup:
    """The date of each lesson, linked to its page, with the column's save form (✓) where the user
    may write; the form holds what the column showed, to detect a concurrent change."""
    seen, hidden = grid.seen(), (f'<input type="hidden" name="csrf_token" value="{escape(forms.csrf_token)}">'
                                 f'<input type="hidden" name="back" value="{escape(forms.back)}">')
    cells = []
    for lesson in grid.lessons:
        css = ' class="off"' if lesson.state == "cancelled" else ""
        cell = (f'<th id="l{lesson.id}"{css} title="{escape(LESSON_STATES[lesson.state])}">'
                f'<a href="{forms.lesson_url(lesson.id)}">{lesson.on_date:%d.%m}</a><br><small>{lesson.lesson_no} ур.</small>')
        if lesson.id in editable:
            cell += (f'\n  <form id="col-{lesson.id}" autocomplete="off" method="post" action="{forms.save_url(lesson.id)}">'
                     f'{hidden}<input type="hidden" name="seen" value="{escape(seen.get(lesson.id, ""))}">'
                     '<button type="submit" class="small" title="Сохранить столбец">✓</button></form>')
        cells.append(cell + "</th>")
    return Markup("".join(cells))


def _cell(student_id: int, lesson_id: int, text: str, css: str, editable: bool) -> str:
    attr = f' class="{css}"' if css else ""
    if not editable:
        return f"<td{attr}>{escape(text)}</td>"
    return (f'<td{attr}><input name="c_{student_id}" value="{escape(text)}" form="col-{lesson_id}" '
            f'aria-labelledby="s{student_id} l{lesson_id}"></td>')


def rows(grid: Grid, editable: set[int]) -> list[tuple[object, Markup]]:
    """Each student with the HTML of their row's cells, one per lesson of the grid: the text shown,
    "late" for an entry made after its deadline, "off" for a cancelled lesson, an input where the
    user may write."""
    columns = [(x.id, "off" if x.state == "cancelled" else "", x.id in editable) for x in grid.lessons]
    out = []
    for s in grid.students:
        cells = []
        for lesson_id, off, can in columns:
            css = " ".join(filter(None, ("late" if (lesson_id, s.id) in grid.late_cells else "", off)))
            cells.append(_cell(s.id, lesson_id, grid.cells.get((lesson_id, s.id), ""), css, can))
        out.append((s, Markup("".join(cells))))
    return out


def _topic(lesson, planned: str, editable: bool) -> str:
    topic = escape(lesson.topic or "")
    if not editable:
        return f"<td>{topic}</td>"
    return (f'<td><textarea name="topic" form="col-{lesson.id}" rows="3" placeholder="{escape(planned)}">{topic}'
            f'</textarea><input type="hidden" name="seen_topic" value="{topic}" form="col-{lesson.id}"></td>')


def _homework(lesson_id: int, hw, editable: bool) -> str:
    text = escape(hw.text if hw else "")
    if not editable:
        return f"<td>{text}</td>"
    due = hw.due_on.isoformat() if hw and hw.due_on else ""
    minutes = hw.minutes if hw and hw.minutes else ""
    visible = hw.visible_from.isoformat() if hw and hw.visible_from else ""
    form = f'form="col-{lesson_id}"'
    return (f'<td><textarea name="homework" {form} rows="3">{text}</textarea>'
            f'<input type="hidden" name="seen_homework" value="{text}" {form}>\n'
            f'  <label>к <input type="date" name="homework_due" value="{due}" {form}></label>\n'
            f'  <label>мин <input type="number" name="homework_minutes" min="0" max="600" value="{minutes}" {form}></label>\n'
            f'  <label>видно с <input type="date" name="homework_visible_from" value="{visible}" {form}></label></td>')


def _attendance(lesson, editable: bool) -> str:
    if lesson.attendance_taken_at:
        return "<td>✓</td>"
    if editable:
        return f'<td><input type="checkbox" name="attendance_taken" value="1" form="col-{lesson.id}"></td>'
    return "<td></td>"


def _work_kind(lesson, options: list[tuple[int, str]], editable: bool) -> str:
    if not editable:
        return "<td></td>"
    chosen = "".join(f'<option value="{kid}"{" selected" if lesson.work_kind_id == kid else ""}>{label}</option>'
                     for kid, label in options)
    return f'<td><select name="work_kind" form="col-{lesson.id}"><option value="">—</option>{chosen}</select></td>'


def meta_rows(grid: Grid, editable: set[int]) -> dict[str, Markup]:
    """The cells beneath the marks, one per lesson, for each of the rows: the topic (with the
    thematic plan's topic as a hint), homework with its due date, minutes and visibility,
    attendance taken, kind of work, and the reason a late entry needs. Inputs only where the user
    may write."""
    options = [(k.id, escape(f"{k.name} ({k.weight})")) for k in grid.kinds]
    cells: dict[str, list[str]] = {"topic": [], "homework": [], "attendance": [], "kind": [], "reason": []}
    for lesson in grid.lessons:
        can = lesson.id in editable
        cells["topic"].append(_topic(lesson, grid.planned.get(lesson.id, ""), can))
        cells["homework"].append(_homework(lesson.id, grid.homework.get(lesson.id), can))
        cells["attendance"].append(_attendance(lesson, can))
        cells["kind"].append(_work_kind(lesson, options, can))
        cells["reason"].append(f'<td><input name="reason" form="col-{lesson.id}" size="10" placeholder="если поздно"></td>'
                               if can else "<td></td>")
    return {name: Markup("".join(parts)) for name, parts in cells.items()}
