"""The navigation menu by permission (pure): a page shows only what the user may open."""
from __future__ import annotations

NAV_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("Главная", "core.dashboard", "login"),
    ("Уведомления", "core.inbox", "login"),
    ("План-график", "workflow.index", "plan.view"),
    ("Локальные акты", "documents.index", "acts.view"),
    ("Приказы", "orders.index", "orders.view"),
    ("Согласования", "approvals.index", "approvals.view"),
    ("Согласования", "approvals.index", "founder.coordinate"),
    ("Сайт", "site.desk", "site.publish"),
    ("Журнал", "journal.index", "journal.read"),
    ("Дневник", "journal.index", "diary.read"),
    ("Пользователи", "admin.users", "admin.users"),
    ("Токены API", "api_docs.school_tokens", "admin.users"),
    ("Вход через поставщиков", "sso.providers", "admin.users"),
    ("Журнал событий", "admin.audit_log", "admin.audit"),
    ("Календарь", "admin.calendar", "admin.calendar"),
)


def navigation_for(permissions: frozenset[str]) -> list[tuple[str, str]]:
    """(label, endpoint) pairs the holder of these permissions may open, without repeats."""
    seen: set[str] = set()
    items = []
    for label, endpoint, perm in NAV_ITEMS:
        if (perm == "login" or perm in permissions) and endpoint not in seen:
            seen.add(endpoint)
            items.append((label, endpoint))
    return items
