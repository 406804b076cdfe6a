"""Marks (pure): what a cell may hold, averages and the suggested final mark (MRK-01…04, ATT-01)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

NON_NUMERIC = {"зч": "зачёт", "нз": "незачёт", "осв": "освобождён", "н/а": "не аттестован"}
TEACHER_ABSENCE = {"н": "не был", "о": "опоздал"}  # ATT-02: the teacher marks these
ABSENCE_REASONS = {"б": "по болезни", "у": "по уважительной причине"}  # set by the class teacher
_MARK_RE = re.compile(r"[1-5](?:/[1-5])?")


class BadCell(ValueError):
    """A cell text the journal cannot hold; the message is Russian."""


@dataclass(frozen=True)
class Cell:
    """What one grid cell holds: a mark (or none) and an attendance code (or none)."""

    mark: str = ""
    absence: str = ""

    def text(self) -> str:
        """The cell as the grid shows it."""
        return cell_of(self.mark, self.absence)


def cell_of(mark: str, absence: str) -> str:
    """A grid cell's text from its mark and attendance code: "5", "н", "о 4"."""
    return f"{absence} {mark}" if absence and mark else absence or mark


def parse_cell(text: str) -> Cell:
    """Read a cell typed by a teacher: "5", "5/4", "зч", "нз", "осв", "н/а", "н", "о", "о 4" or empty.

    Raises BadCell with a Russian message for anything else (MRK-01: marks are 1–5)."""
    tokens = (text or "").strip().lower().replace("ё", "е").split()
    mark = absence = ""
    for token in tokens:
        if token in TEACHER_ABSENCE and not absence:
            absence = token
        elif (_MARK_RE.fullmatch(token) or token in NON_NUMERIC) and not mark:
            mark = token
        else:
            raise BadCell(f"«{text.strip()}»: допустимы отметки 1–5, «5/4», «зч», «нз», «осв», «н/а» и «н», «о».")
    if absence == "н" and mark and mark not in NON_NUMERIC:
        raise BadCell("Отсутствующему («н») нельзя поставить отметку за урок.")
    return Cell(mark, absence)


def numeric_values(mark: str) -> list[int]:
    """The numbers a mark counts as: "5/4" is two marks, non-numeric ones none (MRK-02)."""
    return [int(x) for x in mark.split("/")] if _MARK_RE.fullmatch(mark or "") else []


def weighted_average(marks: list[tuple[str, int]]) -> Decimal | None:
    """sum(mark × weight) / sum(weight) over numeric marks, two decimals (MRK-03); None if none."""
    total = weight_sum = 0
    for mark, weight in marks:
        for value in numeric_values(mark):
            total += value * weight
            weight_sum += weight
    if not weight_sum:
        return None
    return (Decimal(total) / Decimal(weight_sum)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}


def suggest_final(average: Decimal | None, rounding: str = "half_up") -> str:
    """The final mark the system suggests from the average; the teacher confirms it (MRK-04)."""
    if average is None:
        return ""
    return str(int(average.quantize(Decimal("1"), rounding=ROUNDING[rounding])))
