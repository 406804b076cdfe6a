"""Differences between two versions of an act (pure): paragraph by paragraph, with the changed
words of a changed paragraph."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from documents.content import Block

WORD_RE = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffRow:
    """One row: `equal`, `added`, `removed` or `changed`; `words` are (op, text) for `changed`,
    op being "=", "+" or "-"."""

    op: str
    old: Block | None
    new: Block | None
    words: tuple[tuple[str, str], ...] = field(default=())


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Words of two texts marked kept "=", added "+" or removed "-" (spaces kept as they are)."""
    a, b = WORD_RE.findall(old), WORD_RE.findall(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return tuple(out)


def _similar(a: Block, b: Block) -> bool:
    """Two paragraphs are one paragraph edited when enough of their words survive."""
    return a.kind == b.kind and SequenceMatcher(None, a.text.split(), b.text.split(),
                                                autojunk=False).ratio() >= 0.4


def _replace(old: list[Block], new: list[Block]) -> list[DiffRow]:
    rows: list[DiffRow] = []
    for k in range(max(len(old), len(new))):
        a = old[k] if k < len(old) else None
        b = new[k] if k < len(new) else None
        if a and b and _similar(a, b):
            rows.append(DiffRow("changed", a, b, word_diff(a.text, b.text)))
        else:
            if a:
                rows.append(DiffRow("removed", a, None))
            if b:
                rows.append(DiffRow("added", None, b))
    return rows


def diff_blocks(old: list[Block], new: list[Block]) -> list[DiffRow]:
    """The paragraph-level difference between two block lists, in reading order."""
    key = [(b.kind, b.text) for b in old], [(b.kind, b.text) for b in new]
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, *key, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [DiffRow("equal", a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        elif tag == "delete":
            rows += [DiffRow("removed", a, None) for a in old[i1:i2]]
        elif tag == "insert":
            rows += [DiffRow("added", None, b) for b in new[j1:j2]]
        else:
            rows += _replace(old[i1:i2], new[j1:j2])
    return rows


def has_changes(rows: list[DiffRow]) -> bool:
    """True when any row is not `equal`."""
    return any(r.op != "equal" for r in rows)
