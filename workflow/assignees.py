"""Executor cells ("Фаерберг Е.И. Федорова Л.Ю. Кл. руководители") split into people, roles,
groups and councils (pure). Cells come with or without separators; what is not recognised is kept
as an `unknown` assignee so a person can decide."""
from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("person", "role", "group", "council", "unknown")

_UP, _LOW = "А-ЯЁ", "а-яё"
_SURNAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_INITIALS = rf"[{_UP}]\.\s?[{_UP}]\.?"
PERSON_RE = re.compile(rf"(?P<s1>{_SURNAME})\s+(?P<i1>{_INITIALS})|(?P<i2>{_INITIALS})\s*(?P<s2>{_SURNAME})")

# (pattern, kind, canonical name); the first match at a position wins, longer phrases first.
PHRASES: tuple[tuple[str, str, str], ...] = (
    (r"зам(?:естител[ьи]|\.)\s*директора\s+по\s+(?:увр|учебно-воспитательной работе)", "role", "deputy"),
    (r"зам(?:естител[ьи]|\.)\s*директора\s+по\s+вр", "role", "deputy_vr"),
    (r"кл(?:ассные|ассный|\.)\s*руководител[ьи]", "role", "class_teacher"),
    (r"(?:члены\s+)?рабоч(?:ая|ей|ую)\s+групп[аыу]", "group", "working_group"),
    (r"администраци[яи](?:\s+оу)?", "group", "administration"),
    (r"педагогическ(?:ий|ого)\s+совет\w*", "council", "pedagogical"),
    (r"управляющ(?:ий|его)\s+совет\w*", "council", "governing"),
    (r"совет\w*\s+(?:обучающихся|учащихся|старшеклассников)", "council", "students"),
    (r"совет\w*\s+родител\w*|родительск\w+\s+комитет\w*", "council", "parents"),
    (r"профсоюзн\w+\s+(?:комитет|организаци)\w*|профком|профсоюз\w*", "council", "trade_union"),
    (r"директор\w*", "role", "director"),
    (r"педагог\w*|учител\w*", "role", "teacher"),
    (r"секретар\w*", "role", "secretary"),
    (r"ответственн\w+\s+за\s+сайт", "role", "web_admin"),
    (r"учредител\w*", "group", "founder"),
)
_PHRASE_RE = re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _, _) in enumerate(PHRASES)),
                        re.IGNORECASE)
_FILLER = re.compile(r"^(?:[\s,;.:/]|\bи\b|\bоу\b|\bоо\b|\bшколы\b)*$", re.IGNORECASE)
_PLACE_NOTE = re.compile(r"\s(?:в|на|при|во|через)\s[^,;]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Assignee:
    """One executor: the text as written, its kind and a canonical name (role key, person name)."""

    raw: str
    kind: str
    name: str

    def as_json(self) -> dict:
        """As the importer's JSON prints it."""
        return {"raw": self.raw, "kind": self.kind, "name": self.name}


def _person_name(m: re.Match) -> str:
    surname = m["s1"] or m["s2"]
    initials = re.sub(r"\s", "", m["i1"] or m["i2"])
    if not initials.endswith("."):
        initials += "."
    return f"{surname} {initials}"


def _matches(text: str) -> list[tuple[int, int, Assignee]]:
    found = [(m.start(), m.end(), Assignee(m[0], "person", _person_name(m)))
             for m in PERSON_RE.finditer(text)]
    taken = [(a, b) for a, b, _ in found]
    for m in _PHRASE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        index = int(m.lastgroup[1:])
        _, kind, name = PHRASES[index]
        found.append((m.start(), m.end(), Assignee(m[0].strip(), kind, name)))
    return sorted(found, key=lambda t: t[0])


def parse_assignees(cell: str) -> tuple[list[Assignee], str]:
    """Split a cell into assignees; also return a note (e.g. "в виртуальной учительской").

    Unrecognised words become `unknown` assignees; a trailing phrase that starts with a
    preposition is a note about where or how, not an assignee."""
    text = re.sub(r"\s+", " ", (cell or "").replace("\u00a0", " ")).strip()
    result: list[Assignee] = []
    notes: list[str] = []
    place = _PLACE_NOTE.search(text)
    if place:  # "Классные руководители в виртуальной учительской": where, not who
        notes.append(place[0].strip())
        text = text[:place.start()]
    pos = 0
    for start, end, assignee in _matches(text) + [(len(text), len(text), None)]:
        gap = text[pos:start]
        if not _FILLER.match(gap):
            chunk = gap.strip(" ,;.")
            result.extend(Assignee(part.strip(), "unknown", part.strip())
                          for part in re.split(r"[,;]|\s+и\s+", chunk) if part.strip())
        if assignee:
            result.append(assignee)
        pos = max(pos, end)
    return result, "; ".join(notes)
