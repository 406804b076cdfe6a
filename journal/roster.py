"""Reading a class list (students and parents) from CSV or XLSX (pure): columns found by their
Russian names, one row per student, every problem reported with its line number."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from core.errors import ValidationFailed
from core.text import clean_text
from core.uploads import xlsx_rows

COLUMNS = {
    "class": ("класс",), "surname": ("фамилия",), "name": ("имя",), "patronymic": ("отчество",),
    "birth": ("дата рождения", "д.р.", "др"), "group": ("группа", "подгруппа"),
    "parent_surname": ("фамилия родителя",), "parent_name": ("имя родителя",),
    "parent_patronymic": ("отчество родителя",),
}
REQUIRED = ("class", "surname", "name")


@dataclass(frozen=True)
class RosterRow:
    """One student line as read: line number and the cleaned fields."""

    line: int
    class_name: str
    surname: str
    name: str
    patronymic: str
    birth: date | None
    group_no: int
    parent: tuple[str, str, str] | None


def _decode(data: bytes) -> tuple[str, bool]:
    try:
        return clean_text(data.decode("utf-8-sig")), True
    except UnicodeDecodeError:
        return clean_text(data.decode("cp1251", errors="replace")), False


def _table(data: bytes, filename: str) -> tuple[list[list[str]], bool]:
    if filename.lower().endswith(".xlsx"):
        rows = [["" if v is None else (v.strftime("%d.%m.%Y") if hasattr(v, "strftime") else str(v)) for v in row]
                for row in xlsx_rows(data, filename)]
        return rows, True
    text, utf8 = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:  # one column or an odd file: the header check below says what is wrong
        dialect = "excel"
    try:  # newline="": the csv module reads "\r", "\n" and "\r\n" line ends itself
        return list(csv.reader(io.StringIO(text, newline=""), dialect, **({"delimiter": ";"} if dialect == "excel" else {}))), utf8
    except csv.Error:
        raise ValidationFailed("Не удалось разобрать таблицу: сохраните список как CSV (разделитель «;») или XLSX.") from None


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        text = " ".join(cell.strip().lower().replace("ё", "е").split())
        for key, names in COLUMNS.items():
            if text in names and key not in found:
                found[key] = index
    return found


def _date(text: str) -> date:
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text.strip())
    if not m:
        raise ValueError(text)
    return date(int(m[3]), int(m[2]), int(m[1]))


def read_roster(data: bytes, filename: str) -> tuple[list[RosterRow], list[str]]:
    """Rows and problems (Russian, with line numbers). Problems mean the file must not be imported."""
    if not data:
        raise ValidationFailed("Файл пустой.")
    table, utf8 = _table(data, filename)
    if not table:
        raise ValidationFailed("Файл пустой.")
    cols = _columns(table[0])
    if not set(REQUIRED) <= cols.keys():
        hint = "" if utf8 else " Возможно, неверная кодировка: сохраните файл в UTF-8 или Windows-1251."
        raise ValidationFailed("Нет столбцов «Класс», «Фамилия», «Имя» в первой строке." + hint)
    rows, problems = [], []
    for line, raw in enumerate(table[1:], 2):
        cell = {k: (raw[i].strip() if i < len(raw) else "") for k, i in cols.items()}
        if not any(cell.values()):
            continue
        row, errors = _row(line, cell)
        problems += errors
        if row:
            rows.append(row)
    return rows, problems


def _row(line: int, cell: dict[str, str]) -> tuple[RosterRow | None, list[str]]:
    errors = [f"Строка {line}: не заполнено поле «{label}»." for k, label in
              (("class", "Класс"), ("surname", "Фамилия"), ("name", "Имя")) if not cell.get(k)]
    birth = None
    if cell.get("birth"):
        try:
            birth = _date(cell["birth"])
        except ValueError:
            errors.append(f"Строка {line}: дата рождения «{cell['birth']}» — нужен формат дд.мм.гггг.")
    group = cell.get("group") or "1"
    if group not in ("1", "2"):
        errors.append(f"Строка {line}: группа «{group}» — допустимо 1 или 2.")
    if errors:
        return None, errors
    parent = None
    if cell.get("parent_surname") and cell.get("parent_name"):
        parent = (cell["parent_surname"], cell["parent_name"], cell.get("parent_patronymic", ""))
    return RosterRow(line, cell["class"].upper().replace(" ", ""), cell["surname"], cell["name"],
                     cell.get("patronymic", ""), birth, int(group), parent), []
