"""Small HTTP helpers shared by the apps' views."""
from __future__ import annotations

from urllib.parse import quote

from flask import Response
from werkzeug.routing import IntegerConverter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def download(data: bytes, mimetype: str, filename: str) -> Response:
    """A file to save, with an RFC 5987 file name (Cyrillic names survive every browser)."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


class DatabaseId(IntegerConverter):
    """`<int:…>` in every URL: an integer that fits the database's integer columns, so that an
    absurd id is a 404 like any missing one, not an overflow in the driver (found by fuzzing)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002 — werkzeug's names
        super().__init__(map, fixed_digits, min, 2**31 - 1 if max is None else max, signed)
