"""Russian formatting of dates and times for pages and documents (pure)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")
MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                     "сентябрь", "октябрь", "ноябрь", "декабрь")
WEEKDAYS_SHORT = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


def short_person_name(surname: str, name: str, patronymic: str) -> str:
    """"Фаерберг Е.И." — surname with initials, as Russian documents write it."""
    initials = "".join(f"{part[0]}." for part in (name, patronymic) if part)
    return f"{surname} {initials}".strip()


def duration_ru(minutes: int) -> str:
    """"2 дн. 3 ч", "5 ч 10 мин" or "12 мин": a delay as a person says it."""
    days, rest = divmod(max(minutes, 0), 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} дн. {hours} ч"
    return f"{hours} ч {mins} мин" if hours else f"{mins} мин"


def ru_date(value: date | datetime | None, tz: str | None = None) -> str:
    """"5 июня 2017 г."; an aware datetime is first shown in the given zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(tz)) if tz and value.tzinfo else value
        value = value.date()
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def ru_datetime(value: datetime | None, tz: str) -> str:
    """"5 июня 2017 г., 14:05" in the school's zone."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(tz))
    return f"{ru_date(local.date())}, {local:%H:%M}"


def short_date(value: date | None) -> str:
    """"05.06.2017", as Russian forms write dates."""
    return value.strftime("%d.%m.%Y") if value else ""
