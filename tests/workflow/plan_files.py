"""Plan files for tests: the seed (shipped in workflow/seeds) and plans made here in other layouts."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document

SEEDS = Path(__file__).resolve().parents[2] / "workflow" / "seeds"
SEED_DOCX = SEEDS / "plan-grafik-sosh65.docx"
SEED_TEXT = SEEDS / "plan-grafik-sosh65.txt"


def other_layout_docx() -> bytes:
    """Another school's plan: other column order and names, a column-number row, Roman stage
    numbers, hierarchical task numbers, "•" bullets, a vertically merged executor cell,
    an extra completion column and one term nobody can read."""
    doc = Document()
    doc.add_paragraph("План мероприятий по внедрению электронного журнала")
    doc.add_paragraph("на 2020-2021 учебный год")
    t = doc.add_table(rows=0, cols=5)
    rows = [
        ["Наименование мероприятия", "Ответственные", "Срок исполнения", "№ п/п", "Отметка о выполнении"],
        ["1", "2", "3", "4", "5"],
        ["I. Организационный этап"] * 5,
        ["Приказ о рабочей группе", "Директор", "до 15.09.2020", "1.1", "выполнено"],
        ["Обучение педагогов\n• работа с журналом\n• выставление отметок", "Иванова И.И.", "октябрь", "1.2", ""],
        ["Проверка заполнения", "", "как только, так сразу", "1.3", ""],
        ["II. Основной этап"] * 5,
        ["Выгрузка журналов", "Зам. директора по УВР", "в конце каждой четверти", "2.1", ""],
        ["Анализ активности родителей", "Классные руководители", "ежемесячно", "2.2", ""],
    ]
    for values in rows:
        cells = t.add_row().cells
        if len(set(values)) == 1 and values[0].startswith(("I.", "II.")):
            merged = cells[0].merge(cells[-1])
            merged.text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    # "Проверка заполнения" shares the executor cell of the task above (vertical merge in Word).
    t.cell(4, 1).merge(t.cell(5, 1))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_without_table() -> bytes:
    doc = Document()
    doc.add_paragraph("Просто текст, без таблицы.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_with_wrong_table() -> bytes:
    doc = Document()
    t = doc.add_table(rows=2, cols=3)
    for cell, text in zip(t.rows[0].cells, ["Фамилия", "Класс", "Телефон"], strict=True):
        cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def macro_docm() -> bytes:
    """A real package whose content types declare macros."""
    src = zipfile.ZipFile(io.BytesIO(SEED_DOCX.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml",
                                    b"ms-word.document.macroEnabled.main+xml")
            dst.writestr(item, data)
    return out.getvalue()


def archive_bomb() -> bytes:
    """A small zip that claims to be a docx and unpacks to about 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    return out.getvalue()


def entity_docx() -> bytes:
    """A docx whose document part declares an external entity (XXE)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM '
                   '"file:///etc/passwd">]><d>&x;</d>')
    return out.getvalue()


OLE_ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024
