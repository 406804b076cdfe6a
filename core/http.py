"""Small HTTP helpers shared by the apps' views."""
from __future__ import annotations

from urllib.parse import quote

from flask import Response

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def download(data: bytes, mimetype: str, filename: str) -> Response:
    """A file to save, with an RFC 5987 file name (Cyrillic names survive every browser)."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
