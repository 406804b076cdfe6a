"""Free text as the system keeps it (pure): without control characters, which have no meaning in a
school's texts and which a Word or Excel file's XML cannot hold (found by the hostile-input tests)."""
from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates; and the
# noncharacters U+FFFE and U+FFFF, which XML 1.0 excludes (one in an act's title broke its Word file)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """The text without control characters (tab and line breaks stay)."""
    return _CONTROL.sub("", value)


def clean_json(value):
    """Every string inside a decoded JSON document, cleaned; other values as they are."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(k): clean_json(v) for k, v in value.items()}
    return value
