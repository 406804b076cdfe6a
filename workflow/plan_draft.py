"""From table rows to a plan draft (pure): column detection, stages and sections, tasks with their
sub-items, terms and assignees, and the warnings a person must read before saving."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from workflow.assignees import Assignee, parse_assignees
from workflow.terms import _MONTH_RE, AcademicPeriod, Term, _month, parse_term

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "number": (r"№.*", r"n", r"номер", r"п/п"),
    "title": (r"содержание.*", r"мероприяти.*", r"наименование.*", r"вид(ы)? работ.*", r"задач.*",
              r"действи.*"),
    "term": (r"срок.*", r"дата.*", r"период.*", r"время.*"),
    "assignees": (r"ответственн.*", r"исполнител.*", r"кто.*"),
    "done": (r"отметка.*", r"выполнени.*"),
}
BULLET_RE = re.compile(r"^\s*[-–—•·*]\s*")
ROMAN_RE = re.compile(r"^\s*([IVXLC]+|\d+)\s*[.)]\s+(.+)$")


@dataclass
class SourceRow:
    """One table row as read from a file: paragraphs per cell; `merged` when one cell spans all."""

    cells: list[list[str]]
    merged: bool = False
    line: int = 0

    def text(self, index: int | None) -> str:
        """The cell's paragraphs joined by spaces ("" for a missing column)."""
        if index is None or index >= len(self.cells):
            return ""
        return " ".join(p.strip() for p in self.cells[index] if p.strip())


@dataclass
class TaskDraft:
    """A task as read, before it is saved."""

    number: str
    title: str
    items: list[str]
    term: Term
    assignees: list[Assignee]
    assignees_raw: str
    assignee_note: str = ""
    done_mark: str = ""

    def as_json(self) -> dict:
        """The task as `plan import --format json` prints it."""
        return {"number": self.number, "title": self.title, "items": self.items,
                "term": self.term.as_json(), "assignees": [a.as_json() for a in self.assignees]}


@dataclass
class StageDraft:
    """A stage with its tasks; `section` is the heading that groups it, if any."""

    title: str
    number: str = ""
    section: str = ""
    tasks: list[TaskDraft] = field(default_factory=list)


@dataclass
class PlanDraft:
    """The whole plan as read, with warnings for what a person must check."""

    title: str
    period: AcademicPeriod
    stages: list[StageDraft]
    warnings: list[str]

    @property
    def task_count(self) -> int:
        """The number of tasks in all stages."""
        return sum(len(s.tasks) for s in self.stages)

    def as_json(self) -> dict:
        """The draft as `plan import --format json` prints it."""
        return {"title": self.title, "academic_year": self.period.title,
                "stages": [{"title": s.title, "number": s.number, "section": s.section or None,
                            "tasks": [t.as_json() for t in s.tasks]} for s in self.stages],
                "warnings": self.warnings}


class NotAPlan(ValueError):
    """The file holds no table that looks like a plan; the message says why, in Russian."""


def map_columns(header: list[str]) -> dict[str, int] | None:
    """Column roles by header text; None unless at least the title and term columns are found."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = re.sub(r"\s+", " ", cell.strip().lower().replace("ё", "е"))
        for role, patterns in COLUMN_NAMES.items():
            if role not in found and any(re.fullmatch(p, text) for p in patterns):
                found[role] = index
                break
    return found if {"title", "term"} <= found.keys() else None


def is_column_numbers(row: SourceRow) -> bool:
    """The row of column numbers ("1 2 3 4") printed under some headers."""
    texts = [row.text(i) for i in range(len(row.cells))]
    filled = [t for t in texts if t]
    return len(filled) >= 2 and all(t.rstrip(".").isdigit() for t in filled) and \
        [int(t.rstrip(".")) for t in filled] == list(range(1, len(filled) + 1))


def split_cell(paragraphs: list[str]) -> tuple[str, list[str]]:
    """A content cell → (title, sub-items): bullet paragraphs ("- ...") are the items."""
    heads, items = [], []
    for p in (p.strip() for p in paragraphs):
        if not p:
            continue
        if BULLET_RE.match(p):
            items.append(BULLET_RE.sub("", p).rstrip(" ;").strip())
        elif items:  # a paragraph after the bullets continues the last item
            items[-1] = f"{items[-1]} {p}".strip()
        else:
            heads.append(p)
    if not heads and len(items) == 1:
        return items[0], []
    return " ".join(heads), items


def guess_period(texts: list[str], default_first_year: int) -> AcademicPeriod:
    """The plan's academic year: named in the text ("2017-2018 учебного года"), else the earliest
    year its terms mention, else the default."""
    joined = " ".join(texts)
    m = re.search(r"(\d{4})\s*[-–—/]\s*(\d{4})\s*(?:уч|г)", joined)
    if m and int(m[2]) == int(m[1]) + 1:
        return AcademicPeriod(int(m[1]))
    lowered = joined.lower()
    dated = [(int(mo), int(y)) for mo, y in re.findall(r"\d{1,2}\.(\d{1,2})\.(\d{4})", lowered)]
    dated += [(_month(w), int(y)) for w, y in re.findall(rf"{_MONTH_RE}\s+(\d{{4}})", lowered)]
    if dated:
        return AcademicPeriod(min(y if mo >= 6 else y - 1 for mo, y in dated))
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d{2})(?!\d)", joined)]
    return AcademicPeriod(min(years) if years else default_first_year)


def _heading(row: SourceRow, cols: dict[str, int]) -> str | None:
    """The heading text when the row is a stage or section line, else None."""
    texts = [row.text(i) for i in range(len(row.cells))]
    filled = [t for t in dict.fromkeys(texts) if t]
    if row.merged and filled:
        return filled[0]
    if len(filled) == 1 and not row.text(cols.get("term")) and not row.text(cols.get("assignees")):
        number = row.text(cols.get("number"))
        if not (number and filled[0] == number and number.rstrip(".").isdigit()):
            return filled[0]
    return None


def _stage_from_heading(text: str) -> StageDraft:
    m = ROMAN_RE.match(text)
    number, title = (m[1], m[2]) if m and re.fullmatch(r"[IVXLC]+", m[1]) else ("", text)
    title = title.strip()
    if title.startswith("«") and title.endswith("»") and title.count("«") == 1:
        title = title[1:-1].strip()
    return StageDraft(title=title, number=number)


def _task(row: SourceRow, cols: dict[str, int], period: AcademicPeriod) -> TaskDraft:
    title_cell = row.cells[cols["title"]] if cols["title"] < len(row.cells) else []
    title, items = split_cell(title_cell)
    raw_assignees = row.text(cols.get("assignees"))
    assignees, note = parse_assignees(raw_assignees)
    return TaskDraft(number=row.text(cols.get("number")), title=title, items=items,
                     term=parse_term(row.text(cols["term"]), period), assignees=assignees,
                     assignees_raw=raw_assignees, assignee_note=note,
                     done_mark=row.text(cols.get("done")))


def _where(stage_no: int, task: TaskDraft) -> str:
    return f"этап {stage_no}, задача {task.number or '(без номера)'}"


def _warn_task(stage_no: int, task: TaskDraft, warnings: list[str]) -> None:
    if task.term.needs_attention:
        warnings.append(f"{_where(stage_no, task)}: срок «{task.term.raw}» не распознан, "
                        "проверьте его вручную.")
    for a in task.assignees:
        if a.kind == "unknown":
            warnings.append(f"{_where(stage_no, task)}: исполнитель «{a.raw}» не распознан.")


def infer_merged_assignees(stage_no: int, stage: StageDraft, warnings: list[str]) -> None:
    """Text exports lose Word's vertical merges: a run of empty executor cells that reaches the end
    of a stage after a filled one is read as one merged cell, and said so."""
    tasks = stage.tasks
    filled = [i for i, t in enumerate(tasks) if t.assignees_raw]
    if len(filled) != 1 or filled[0] == len(tasks) - 1:
        return
    source = tasks[filled[0]]
    if any(t.assignees_raw for t in tasks[filled[0] + 1:]):
        return
    for t in tasks[filled[0] + 1:]:
        t.assignees, t.assignees_raw = list(source.assignees), source.assignees_raw
    warnings.append(f"этап {stage_no}: исполнитель задач после {source.number} не указан; "
                    f"принят «{source.assignees_raw}» (объединённая ячейка). Проверьте.")


def assemble(title: str, header: list[str], rows: list[SourceRow], default_year: int,
             infer_merges: bool = False) -> PlanDraft:
    """Build the draft from the rows under the header. Raises NotAPlan when no task is found."""
    cols = map_columns(header)
    if cols is None:
        raise NotAPlan("В таблице нет столбцов «Мероприятия» и «Сроки»: это не похоже на план-график.")
    texts = [title] + [row.text(i) for row in rows for i in range(len(row.cells))]
    period = guess_period(texts, default_year)
    stages: list[StageDraft] = []
    warnings: list[str] = []
    pending_heading: str | None = None
    section = ""
    for row in rows:
        if is_column_numbers(row):
            continue
        heading = _heading(row, cols)
        if heading:
            if pending_heading is not None:  # two headings in a row: the first is a section
                section = pending_heading
            pending_heading = heading
            continue
        if pending_heading is not None or not stages:
            stage = _stage_from_heading(pending_heading or "Без этапа")
            stage.section = section
            stages.append(stage)
            pending_heading = None
        task = _task(row, cols, period)
        if not task.title:
            warnings.append(f"строка {row.line}: нет содержания мероприятия, строка пропущена.")
            continue
        stages[-1].tasks.append(task)
    if not any(s.tasks for s in stages):
        raise NotAPlan("В таблице не найдено ни одного мероприятия.")
    for n, stage in enumerate(stages, 1):
        if infer_merges:
            infer_merged_assignees(n, stage, warnings)
        for task in stage.tasks:
            _warn_task(n, task, warnings)
    return PlanDraft(title=title or "План-график", period=period, stages=stages, warnings=warnings)
