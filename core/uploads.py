"""Safe intake of uploaded Office files: refuse what is not what it claims before parsing it.

Checks are cheap and run on the bytes: legacy .doc and encrypted files (OLE containers),
macro-enabled documents, corrupt archives, archive bombs and DTDs (external entities)."""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath, PureWindowsPath

import docx
from openpyxl import load_workbook

from core.errors import ValidationFailed

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 64 * 1024 * 1024  # bytes all members may unpack to
MAX_RATIO = 200  # unpacked / packed per member; real Word XML stays far below
MAX_MEMBERS = 2000
# what reading a damaged member of a zip can raise
_BROKEN_MEMBER = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError,
                  KeyError)


def safe_name(name: str) -> str:
    """An uploaded file's own name: no folders, no control or reserved characters, at most 120
    characters (a name like "../../etc/passwd" or "C:\\x.docx" keeps only its last part)."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", base).strip(" .")
    return base[-120:] or "файл"


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message)


def check_office_zip(data: bytes, filename: str, main_part: str, kind_name: str) -> None:
    """Raise ValidationFailed with a Russian message unless `data` is a plain OOXML package."""
    name = (filename or "").lower()
    if not data:
        raise _refuse("Файл пустой.")
    if data.startswith(OLE_MAGIC):
        if name.endswith((".doc", ".xls")):
            raise _refuse("Старый формат Word/Excel (.doc, .xls) не поддерживается: "
                          "сохраните файл как .docx или .xlsx.")
        raise _refuse("Файл зашифрован или защищён паролем: снимите защиту и загрузите снова.")
    if name.endswith((".docm", ".xlsm", ".dotm")):
        raise _refuse("Документы с макросами (.docm, .xlsm) не принимаются.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(f"Файл повреждён или не является {kind_name}.") from None
    _check_members(archive, infos, main_part, kind_name)


def _check_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], main_part: str,
                   kind_name: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _refuse("Архив содержит слишком много частей.")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1_000_000:
            raise _refuse("Файл распаковывается в слишком большой объём (похоже на «архивную бомбу»).")
        if info.filename.lower().endswith("vbaproject.bin"):
            raise _refuse("Документы с макросами (.docm, .xlsm) не принимаются.")
    if total > MAX_UNPACKED:
        raise _refuse("Файл распаковывается в слишком большой объём (похоже на «архивную бомбу»).")
    names = {i.filename for i in infos}
    if main_part not in names or "[Content_Types].xml" not in names:
        raise _refuse(f"Файл повреждён или не является {kind_name}.")
    try:
        content_types = archive.read("[Content_Types].xml")
        head = archive.read(main_part)[:4096]
    except _BROKEN_MEMBER:  # found by fuzzing: a cut or overwritten file fails inside zlib
        raise _refuse(f"Файл повреждён или не является {kind_name}.") from None
    if b"macroEnabled" in content_types:
        raise _refuse("Документы с макросами (.docm, .xlsm) не принимаются.")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _refuse("Документ содержит объявления DTD/сущностей; такие файлы не принимаются.")


def check_docx(data: bytes, filename: str) -> None:
    """Refuse anything but a plain .docx (see module docstring)."""
    check_office_zip(data, filename, "word/document.xml", "документом Word (.docx)")


def check_xlsx(data: bytes, filename: str) -> None:
    """Refuse anything but a plain .xlsx."""
    check_office_zip(data, filename, "xl/workbook.xml", "книгой Excel (.xlsx)")


def open_docx(data: bytes, filename: str):
    """A checked .docx parsed by python-docx. The parser meets damaged parts with many kinds of
    exception; each becomes the same Russian refusal, never a crash."""
    check_docx(data, filename)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — the boundary of a third-party parser of untrusted bytes
        raise _refuse("Не удалось прочитать документ Word: файл повреждён.") from None


def xlsx_rows(data: bytes, filename: str) -> list[tuple]:
    """The values of a checked .xlsx's first sheet, row by row (refused in Russian when damaged)."""
    check_xlsx(data, filename)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return list(book.worksheets[0].iter_rows(values_only=True))
    except Exception:  # noqa: BLE001 — as above: openpyxl parses lazily, so reading the rows counts too
        raise _refuse("Не удалось прочитать книгу Excel: файл повреждён.") from None
