"""Russian deadline cells of a plan turned into structured terms (pure).

The raw text is always kept. Nothing here raises on user text: what cannot be read becomes an
`unparsed` term flagged for a person. A month without a year takes its year from the plan's
academic period (June–December: the first calendar year, January–May: the second)."""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta

KINDS = ("date", "window", "recurring", "event", "continuous", "reference", "unparsed")
RECURRENCES = ("daily", "weekly", "monthly", "quarterly", "end_of_quarter", "end_of_half_year",
               "end_of_year")

MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
          "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_MONTH_RE = r"(январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(\d{4})"


@dataclass(frozen=True)
class AcademicPeriod:
    """The plan's academic year: September of `first_year` to August of the next."""

    first_year: int

    @property
    def start(self) -> date:
        """1 September of the first year."""
        return date(self.first_year, 9, 1)

    @property
    def end(self) -> date:
        """31 August of the second year."""
        return date(self.first_year + 1, 8, 31)

    def year_of_month(self, month: int) -> int:
        """The calendar year of a month named without a year."""
        return self.first_year if month >= 6 else self.first_year + 1

    @property
    def title(self) -> str:
        """"2017/2018"."""
        return f"{self.first_year}/{self.first_year + 1}"


@dataclass(frozen=True)
class Term:
    """A parsed deadline: kind, dates (ISO in JSON), recurrence and the original text."""

    raw: str
    kind: str
    start: date | None = None
    end: date | None = None
    recurrence: tuple[str, ...] = ()
    reference: str = ""
    offset_working_days: int | None = None
    note: str = ""
    details: dict = field(default_factory=dict, compare=False)

    @property
    def needs_attention(self) -> bool:
        """True when a person must read the term (nothing was understood)."""
        return self.kind == "unparsed"

    @property
    def due(self) -> date | None:
        """The date by which a one-off task is due (end of its window), None otherwise."""
        return self.end if self.kind in ("date", "window") else None

    def as_json(self) -> dict:
        """The term as the importer's JSON prints it."""
        return {"raw": self.raw, "kind": self.kind,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "recurrence": list(self.recurrence) or None}


def _month(word: str) -> int:
    for stem, number in MONTHS.items():
        if word.startswith(stem):
            return number
    raise ValueError(word)


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def normalise(text: str) -> str:
    """Lower case, one kind of dash, single spaces, without "г.", "года" and trailing dots."""
    s = text.replace("\u00a0", " ").lower().replace("ё", "е")
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"(?<=\d)\s*(?:гг|г|года|год)\b\.?", "", s)
    s = re.sub(r"\s+", " ", s).strip(" .;,")
    return s


def _year_or_default(year: str | None, month: int, period: AcademicPeriod) -> int:
    return int(year) if year else period.year_of_month(month)


def _dotted(s: str) -> date | None:
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", s)
    if not m:
        return None
    year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    return date(year, int(m[2]), int(m[1]))


def _day_month(s: str, period: AcademicPeriod) -> date | None:
    m = re.fullmatch(rf"(\d{{1,2}}) {_MONTH_RE}(?: {_YEAR})?", s)
    if not m:
        return None
    month = _month(m[2])
    return date(_year_or_default(m[3], month, period), month, int(m[1]))


def _single_day(s: str, period: AcademicPeriod) -> date | None:
    return _dotted(s) or _day_month(s, period)


def _parse_dates(s: str, raw: str, period: AcademicPeriod) -> Term | None:
    day = _single_day(s, period)
    if day:
        return Term(raw, "date", day, day)
    m = re.fullmatch(r"(?:до|не позднее|не позже|к|в срок до)\s+(.+)", s)
    if m and (day := _single_day(m[1], period)):
        return Term(raw, "date", None, day, note="крайний срок")
    m = re.fullmatch(r"(?:с\s+)?(.+?)\s*(?:-|по|до)\s*(.+)", s)
    if m and (a := _single_day(m[1], period)) and (b := _single_day(m[2], period)):
        return Term(raw, "window", a, b)
    return None


def _parse_months(s: str, raw: str, period: AcademicPeriod) -> Term | None:
    m = re.fullmatch(rf"(?:в )?{_MONTH_RE}(?: {_YEAR})?", s)
    if m:
        month = _month(m[1])
        year = _year_or_default(m[2], month, period)
        return Term(raw, "window", date(year, month, 1), _month_end(year, month))
    m = re.fullmatch(rf"(?:с )?{_MONTH_RE}(?: {_YEAR})?\s*(?:-|по|до)\s*{_MONTH_RE}(?: {_YEAR})?", s)
    if m:
        m1, m2 = _month(m[1]), _month(m[3])
        y2 = _year_or_default(m[4], m2, period)
        y1 = int(m[2]) if m[2] else (y2 if m1 <= m2 else y2 - 1)
        if not m[4] and m[2]:
            y2 = y1 if m2 >= m1 else y1 + 1
        return Term(raw, "window", date(y1, m1, 1), _month_end(y2, m2))
    m = re.fullmatch(rf"(\d)-?(?:я|ая)? неделя {_MONTH_RE}(?: {_YEAR})?", s)
    if m:
        month = _month(m[2])
        first = date(_year_or_default(m[3], month, period), month, 1)
        while first.weekday() >= 5:  # the week of the month's first weekday counts as the first
            first += timedelta(days=1)
        monday = first - timedelta(days=first.weekday()) + timedelta(weeks=int(m[1]) - 1)
        return Term(raw, "window", monday, monday + timedelta(days=6))
    return None


def _parse_spans(s: str, raw: str, period: AcademicPeriod) -> Term | None:
    m = re.fullmatch(rf"(i{{1,3}}|iv|[1-4])(?:-?й)? квартал(?: {_YEAR})?", s)
    if m:
        q = _ROMAN.get(m[1]) or int(m[1])
        year = int(m[2]) if m[2] else period.year_of_month(q * 3)
        return Term(raw, "window", date(year, q * 3 - 2, 1), _month_end(year, q * 3))
    m = re.fullmatch(rf"(i{{1,2}}|[12])(?:-?е)? полугодие(?: {_YEAR})?(?: учебного года)?", s)
    if m:
        half = _ROMAN.get(m[1]) or int(m[1])
        if m[2]:  # a calendar half of the named year
            y = int(m[2])
            return Term(raw, "window", date(y, 1 if half == 1 else 7, 1),
                        date(y, 6, 30) if half == 1 else date(y, 12, 31))
        if half == 1:  # the school's half: September to December
            return Term(raw, "window", period.start, date(period.first_year, 12, 31))
        return Term(raw, "window", date(period.first_year + 1, 1, 1), date(period.first_year + 1, 5, 31))
    m = re.fullmatch(rf"{_YEAR}\s*[-/]\s*{_YEAR}\s*(?:учебный|уч\.?) год", s)
    if m and int(m[2]) == int(m[1]) + 1:
        ap = AcademicPeriod(int(m[1]))
        return Term(raw, "window", ap.start, ap.end)
    m = re.fullmatch(rf"{_YEAR}", s)
    if m:
        return Term(raw, "window", date(int(m[1]), 1, 1), date(int(m[1]), 12, 31))
    return None


_RECURRING_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(?:ежедневно|каждый день)", ("daily",)),
    (r"(?:еженедельно|каждую неделю|1 раз в неделю|раз в неделю)", ("weekly",)),
    (r"(?:ежемесячно|каждый месяц|1 раз в месяц|раз в месяц)", ("monthly",)),
    (r"(?:ежеквартально|1 раз в четверть|раз в четверть|один раз в четверть)", ("quarterly",)),
)
_END_WORDS = r"(?:в конце|по окончании|по итогам|по завершении|в конце каждой|по окончании каждой)"


def _parse_recurring(s: str, raw: str, period: AcademicPeriod) -> Term | None:
    for pattern, rec in _RECURRING_PHRASES:
        if re.fullmatch(pattern, s):
            return Term(raw, "recurring", period.start, period.end, rec)
    if not re.match(_END_WORDS, s):
        return None
    rest = re.sub(rf"^{_END_WORDS}\s*", "", s)
    found: list[str] = []
    if re.search(r"четверт|триместр", rest):
        found.append("end_of_quarter")
    if re.search(r"полугод", rest):
        found.append("end_of_half_year")
    if re.search(r"(?:учебного )?года\b|\bгод\b", rest):
        found.append("end_of_year")
    leftover = re.sub(r"каждой|каждого|четверт\w*|триместр\w*|полугод\w*|учебного|года?|\bи\b|[,\s]", "", rest)
    if found and not leftover:
        return Term(raw, "recurring", period.start, period.end, tuple(found))
    return None


def _parse_open(s: str, raw: str, period: AcademicPeriod) -> Term | None:
    if re.fullmatch(r"(?:постоянно|в течение (?:всего )?(?:учебного )?года|весь период|систематически)", s):
        return Term(raw, "continuous", period.start, period.end)
    if re.fullmatch(r"(?:по мере необходимости|по необходимости|при необходимости|по мере поступления)", s):
        return Term(raw, "event")
    m = re.fullmatch(r"(?:по|согласно) (?:плану|графику) (.+)", s)
    if m:
        return Term(raw, "reference", reference=raw.strip().split(" ", 2)[-1])
    m = re.fullmatch(r"в течение (\d+) (рабочих|календарных)? ?дн\w* (?:после|с момента|со дня) (.+)", s)
    if m:
        working = m[2] != "календарных"
        return Term(raw, "event", offset_working_days=int(m[1]) if working else None,
                    note=f"{m[1]} {'рабочих' if working else 'календарных'} дней после: {m[3]}",
                    details={"days": int(m[1]), "working": working, "after": m[3]})
    return None


_PARSERS = (_parse_open, _parse_recurring, _parse_dates, _parse_months, _parse_spans)


def parse_term(raw: str, period: AcademicPeriod) -> Term:
    """Read one deadline cell. Never raises: unreadable text gives an `unparsed` term."""
    text = raw if isinstance(raw, str) else str(raw)
    s = normalise(text)
    if not s:
        return Term(text, "unparsed", note="срок не указан")
    for parser in _PARSERS:
        try:
            term = parser(s, text, period)
        except (ValueError, OverflowError):  # e.g. "31.02.2018": a date that does not exist
            return Term(text, "unparsed", note="несуществующая дата")
        if term:
            return term
    return Term(text, "unparsed", note="срок не распознан")
