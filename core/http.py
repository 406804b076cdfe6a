"""Small HTTP helpers shared by the apps' views."""
from __future__ import annotations

from functools import cached_property
from urllib.parse import quote

from flask import Request, Response
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from core.text import clean_json, clean_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def download(data: bytes, mimetype: str, filename: str) -> Response:
    """A file to save, with an RFC 5987 file name (Cyrillic names survive every browser)."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# Every response: no inline script or style can run (a stored "<script>" in a free-text field would
# be inert even if a template forgot to escape it), no framing, no MIME sniffing, no full URLs with
# ids or search terms leaking to other sites.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def add_security_headers(response: Response) -> Response:
    """Put the security headers on a response (kept when a view set its own)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class CleanRequest(Request):
    """Form fields, query arguments and JSON bodies without control characters, for every view and
    API call at once: they would crash the Word files and spreadsheets made from the text later."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__["form"]
        self.__dict__["form"] = ImmutableMultiDict([(k, clean_text(v)) for k, v in form.items(multi=True)])

    @cached_property
    def args(self):
        raw = super().args
        return ImmutableMultiDict([(clean_text(k), clean_text(v)) for k, v in raw.items(multi=True)])

    def get_json(self, *args, **kwargs):
        return clean_json(super().get_json(*args, **kwargs))


class DatabaseId(IntegerConverter):
    """`<int:…>` in every URL: an integer that fits the database's integer columns, so that an
    absurd id is a 404 like any missing one, not an overflow in the driver (found by fuzzing)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002 — werkzeug's names
        super().__init__(map, fixed_digits, min, 2**31 - 1 if max is None else max, signed)
