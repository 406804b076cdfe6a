"""Choosing the reader for an uploaded plan file (pure, on bytes)."""
from __future__ import annotations

from datetime import date

from core.errors import ValidationFailed
from core.uploads import OLE_MAGIC
from workflow.plan_draft import NotAPlan, PlanDraft
from workflow.plan_readers import read_docx, read_text

MAX_PLAN_BYTES = 5 * 1024 * 1024


def default_first_year(today: date) -> int:
    """The first year of the academic year that `today` falls in (June onwards: this year)."""
    return today.year if today.month >= 6 else today.year - 1


def read_plan_file(data: bytes, filename: str, today: date) -> PlanDraft:
    """Read a plan from a .docx or a UTF-8/CP1251 text export; refuse anything else in Russian."""
    name = (filename or "").lower()
    if not data:
        raise ValidationFailed("Файл пустой.")
    if len(data) > MAX_PLAN_BYTES:
        raise ValidationFailed("Файл плана больше 5 МБ: это не похоже на план-график.")
    try:
        if name.endswith((".txt", ".tsv", ".csv")) and not data.startswith((b"PK", OLE_MAGIC)):
            return read_text(_decode(data), default_first_year(today))
        return read_docx(data, filename, default_first_year(today))
    except NotAPlan as exc:
        raise ValidationFailed(str(exc)) from None


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed("Не удалось прочитать текст: сохраните файл в кодировке UTF-8.")
