"""Saving a lesson's column in one transaction: topic, attendance, marks, homework, with the
regulation's deadlines (REG-01…07), conflicts shown instead of overwritten, every change kept."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import NotAllowed, ValidationFailed
from core.models import SchoolPeriod
from journal.access import lesson_for_writing
from journal.deadlines import homework_due, late_minutes, record_due, written_mark_due
from journal.grading import BadCell, Cell, parse_cell
from journal.grid_service import cell_text, course_students, lesson_entries
from journal.models import (
    Absence,
    EntryChange,
    Homework,
    Mark,
    PeriodClosure,
    WorkKind,
)
from journal.timetable_service import last_lesson_end


@dataclass
class ColumnInput:
    """What the grid sends for one lesson; `seen_*` is what the page showed when it was opened."""

    cells: dict[int, tuple[str, str]] = field(default_factory=dict)  # student → (typed, seen)
    cell_kinds: dict[int, int] = field(default_factory=dict)  # student → work kind of that mark
    cell_comments: dict[int, str] = field(default_factory=dict)  # student → comment on that mark
    topic: str | None = None
    seen_topic: str = ""
    homework: str | None = None
    seen_homework: str = ""
    homework_due: date | None = None
    homework_minutes: int | None = None
    homework_visible_from: date | None = None
    attendance_taken: bool = False
    work_kind_id: int | None = None
    reason: str = ""


@dataclass
class SaveResult:
    """What happened: changes saved, cells someone else changed meanwhile, late entries."""

    saved: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (field or student id, current)
    late: list[tuple[str, int]] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # the column's students, for messages


def is_closed(session: Session, organisation_id: int, day: date) -> bool:
    """True when the period containing the day is closed (REG-07)."""
    return session.scalar(select(PeriodClosure.id).join(SchoolPeriod, SchoolPeriod.id == PeriodClosure.period_id)
                          .where(PeriodClosure.organisation_id == organisation_id,
                                 SchoolPeriod.start <= day, SchoolPeriod.end >= day)) is not None


def _parse_all(data: ColumnInput, allowed: set[int]) -> dict[int, Cell]:
    errors, parsed = [], {}
    for student_id, (typed, _) in data.cells.items():
        if student_id not in allowed:
            raise NotAllowed("Ученик не относится к этому уроку.")
        try:
            parsed[student_id] = parse_cell(typed)
        except BadCell as exc:
            errors.append(str(exc))
    if errors:
        raise ValidationFailed("Колонка не сохранена: исправьте ячейки.", errors)
    return parsed


class _Column:
    """One save: collects the changes, their lateness and the conflicts before writing anything."""

    def __init__(self, session, actor, lesson, data: ColumnInput, now, tz):
        self.session, self.actor, self.lesson, self.data, self.now, self.tz = session, actor, lesson, data, now, tz
        self.changes: list[dict] = []
        self.result = SaveResult()
        self.record_late = late_minutes(now, record_due(lesson.on_date, tz))

    def change(self, field_name: str, old: str, new: str, late: int, student_id: int | None = None) -> None:
        self.changes.append({"field": field_name, "old": old, "new": new, "late": late, "student_id": student_id})
        if late:
            self.result.late.append((field_name, late))

    def mark_late(self, kind: WorkKind | None) -> int:
        if kind is not None and kind.written:
            return late_minutes(self.now, written_mark_due(self.lesson.on_date, self.tz))
        return 0


def save_column(session: Session, actor: Actor, lesson_id: int, data: ColumnInput, now: datetime,
                tz: str) -> SaveResult:
    """Save one lesson's column or nothing: bad cells, a late entry without a reason, or a closed
    period for anyone but the deputy director stop the whole save (REG-07)."""
    lesson = lesson_for_writing(session, actor, lesson_id)
    closed = is_closed(session, lesson.organisation_id, lesson.on_date)
    if closed and "deputy" not in actor.roles:
        raise NotAllowed("Период закрыт: изменения вносит заместитель директора по УВР.")
    students = course_students(session, lesson.course)
    parsed = _parse_all(data, {s.id for s in students})
    col = _Column(session, actor, lesson, data, now, tz)
    col.result.names = {s.id: s.person.short_name for s in students}
    kind = session.get(WorkKind, data.work_kind_id) if data.work_kind_id else None
    marks, absences = lesson_entries(session, lesson.id)
    _collect_cells(col, data, parsed, marks, absences, kind)
    homework = session.scalar(select(Homework).where(Homework.lesson_id == lesson.id))
    _collect_lesson(col, data, homework)
    if col.result.late and not data.reason.strip():
        raise ValidationFailed("Записи вносятся позже срока: укажите причину (п. REG-07 регламента).",
                               [f"{f}: опоздание {m} мин." for f, m in col.result.late])
    _apply(col, data, marks, absences, homework, kind, closed)
    return col.result


def _collect_cells(col: _Column, data: ColumnInput, parsed, marks, absences, kind) -> None:
    for student_id, cell in parsed.items():
        current = cell_text(marks.get(student_id), absences.get(student_id))
        typed, seen = data.cells[student_id]
        _collect_details(col, data, student_id, marks.get(student_id), cell)
        if cell.text() == current:
            continue
        if seen.strip() != current:
            col.result.conflicts.append((str(student_id), current))
            continue
        old = Cell(marks[student_id].value if student_id in marks else "",
                   absences[student_id].code if student_id in absences else "")
        if cell.mark != old.mark:
            col.change("mark", old.mark, cell.mark, col.mark_late(kind), student_id)
        if cell.absence != old.absence:
            col.change("absence", old.absence, cell.absence, col.record_late, student_id)


def _collect_details(col: _Column, data: ColumnInput, student_id: int, mark: Mark | None, cell: Cell) -> None:
    """A changed kind of work or comment of a mark that stays (the mark itself is collected apart)."""
    if mark is None or not cell.mark or cell.mark != mark.value:
        return
    kind = data.cell_kinds.get(student_id)
    comment = data.cell_comments.get(student_id)
    if kind is not None and kind != mark.work_kind_id:
        col.change("mark_kind", str(mark.work_kind_id or ""), str(kind), 0, student_id)
    if comment is not None and comment.strip() != mark.comment:
        col.change("mark_comment", mark.comment, comment.strip()[:500], 0, student_id)


def _collect_lesson(col: _Column, data: ColumnInput, homework: Homework | None) -> None:
    lesson = col.lesson
    if data.topic is not None and data.topic.strip() != lesson.topic:
        if data.seen_topic.strip() != lesson.topic:
            col.result.conflicts.append(("topic", lesson.topic))
        else:
            col.change("topic", lesson.topic, data.topic.strip(), col.record_late)
    current_hw = homework.text if homework else ""
    if data.homework is not None and data.homework.strip() != current_hw:
        if data.seen_homework.strip() != current_hw:
            col.result.conflicts.append(("homework", current_hw))
        else:
            due = homework_due(lesson.on_date, last_lesson_end(col.session, lesson.course, lesson.on_date), col.tz)
            col.change("homework", current_hw, data.homework.strip(), late_minutes(col.now, due))
    if data.attendance_taken and lesson.attendance_taken_at is None:
        col.change("attendance_taken", "", "да", col.record_late)


class _Rows:
    """Inserts, updates and deletes of one table, written in bulk: a column of 35 students costs
    the same number of statements as one of 10."""

    def __init__(self, model):
        self.model, self.new, self.changed, self.gone = model, [], [], []

    def put(self, current, values: dict, key: dict) -> None:
        """Insert when there is no row yet, else update it."""
        if current is None:
            self.new.append(key | values)
        else:
            self.changed.append({"id": current.id} | values)

    def write(self, session: Session) -> None:
        """One statement per kind of change."""
        if self.new:
            session.execute(insert(self.model), self.new)
        if self.changed:
            session.execute(update(self.model), self.changed)
        if self.gone:
            session.execute(delete(self.model).where(self.model.id.in_(self.gone)))


def _cell_rows(col: _Column, marks, absences, kind) -> tuple[_Rows, _Rows]:
    mark_rows, absence_rows = _Rows(Mark), _Rows(Absence)
    stamp = {"entered_at": col.now, "entered_by": col.actor.user_id}
    for change in col.changes:
        sid, new = change["student_id"], change["new"]
        key = {"lesson_id": col.lesson.id, "student_id": sid}
        if change["field"] in ("mark_kind", "mark_comment"):
            column = "work_kind_id" if change["field"] == "mark_kind" else "comment"
            mark_rows.changed.append({"id": marks[sid].id, column: int(new) if column == "work_kind_id" else new})
        elif change["field"] == "mark":
            if not new:
                mark_rows.gone.append(marks[sid].id)
                continue
            extra = {} if sid in marks else {
                "work_kind_id": col.data.cell_kinds.get(sid) or (kind.id if kind else col.lesson.work_kind_id),
                "comment": (col.data.cell_comments.get(sid) or "").strip()[:500]}
            mark_rows.put(marks.get(sid), {"value": new, "late_minutes": change["late"]} | stamp | extra, key)
        elif change["field"] == "absence":
            if not new:
                absence_rows.gone.append(absences[sid].id)
                continue
            extra = {} if sid in absences else {"reason": "", "reason_document": ""}
            absence_rows.put(absences.get(sid), {"code": new, "late_minutes": change["late"]} | stamp | extra, key)
    return mark_rows, absence_rows


def _apply(col: _Column, data: ColumnInput, marks, absences, homework, kind, closed: bool) -> None:
    session, lesson, actor, now = col.session, col.lesson, col.actor, col.now
    for change in col.changes:
        if change["field"] == "topic":
            lesson.topic, lesson.topic_at = change["new"], now
            if lesson.state == "scheduled":
                lesson.state = "held"
        elif change["field"] == "homework":
            _set_homework(session, lesson, homework, data, change["new"], actor, now, change["late"])
        elif change["field"] == "attendance_taken":
            lesson.attendance_taken_at = now
    if kind is not None:
        lesson.work_kind_id = kind.id
    if not col.changes:
        return
    lesson.version += 1
    session.flush()
    for rows in _cell_rows(col, marks, absences, kind):
        rows.write(session)
    reason = data.reason.strip()
    session.execute(insert(EntryChange), [
        {"organisation_id": lesson.organisation_id, "lesson_id": lesson.id, "student_id": c["student_id"],
         "field": c["field"], "old": c["old"], "new": c["new"], "at": now, "author_id": actor.user_id,
         "late_minutes": c["late"], "reason": reason, "closed_period": closed}
        for c in col.changes])
    col.result.saved = len(col.changes)
    audit.record(session, actor, "journal.save_column", object_type="lesson", object_id=lesson.id,
                 new={"changes": len(col.changes), "late": len(col.result.late), "closed_period": closed},
                 reason=reason)


def _set_homework(session, lesson, homework, data: ColumnInput, text, actor, now, late) -> None:
    if not text:
        if homework:
            session.delete(homework)
        return
    if homework is None:
        homework = Homework(lesson_id=lesson.id, text=text)
        session.add(homework)
    homework.text, homework.due_on = text, data.homework_due
    homework.minutes, homework.visible_from = data.homework_minutes, data.homework_visible_from
    homework.entered_at, homework.entered_by, homework.late_minutes = now, actor.user_id, late
