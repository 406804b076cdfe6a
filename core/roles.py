"""Roles and permissions: one table in code, granting named permissions to roles (pure)."""
from __future__ import annotations

ROLE_LABELS: dict[str, str] = {
    "admin": "Администратор",
    "director": "Директор",
    "deputy": "Заместитель директора по УВР",
    "working_group": "Член рабочей группы",
    "teacher": "Учитель",
    "class_teacher": "Классный руководитель",
    "council_secretary": "Секретарь совета",
    "web_admin": "Ответственный за сайт",
    "secretary": "Секретарь",
    "parent": "Родитель",
    "student": "Обучающийся",
    "founder_officer": "Специалист учредителя",
}

PERMISSION_LABELS: dict[str, str] = {
    "admin.users": "Управление пользователями",
    "admin.audit": "Просмотр журнала событий",
    "admin.calendar": "Правка производственного календаря",
    "plan.view": "Просмотр плана-графика",
    "plan.edit": "Ведение плана-графика",
    "acts.view": "Просмотр локальных актов",
    "acts.edit": "Подготовка локальных актов",
    "approvals.view": "Просмотр согласований",
    "council.record": "Ведение заседаний совета",
    "orders.view": "Просмотр приказов",
    "orders.edit": "Подготовка проектов приказов",
    "orders.sign": "Подписание приказов",
    "orders.register": "Регистрация приказов",
    "site.publish": "Публикация на сайте",
    "acquaintance.record": "Учёт ознакомления",
    "journal.read": "Просмотр журнала",
    "journal.write": "Ведение журнала",
    "journal.control": "Контроль ведения журнала (ВШК)",
    "diary.read": "Просмотр дневника",
    "founder.coordinate": "Согласование актов учредителем",
}

_STAFF_VIEW = {"plan.view", "acts.view", "approvals.view", "orders.view"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset({"admin.users", "admin.audit", "admin.calendar"} | _STAFF_VIEW),
    "director": frozenset(
        _STAFF_VIEW | {"plan.edit", "acts.edit", "orders.edit", "orders.sign", "orders.register",
                       "journal.read", "journal.control", "admin.audit"}
    ),
    "deputy": frozenset(
        _STAFF_VIEW | {"plan.edit", "acts.edit", "orders.edit", "journal.read", "journal.control"}
    ),
    "working_group": frozenset(_STAFF_VIEW | {"plan.edit", "acts.edit"}),
    "teacher": frozenset({"plan.view", "acts.view", "journal.read", "journal.write"}),
    "class_teacher": frozenset({"plan.view", "acts.view", "journal.read", "journal.write"}),
    "council_secretary": frozenset({"acts.view", "approvals.view", "council.record"}),
    "web_admin": frozenset({"acts.view", "orders.view", "site.publish", "plan.view"}),
    "secretary": frozenset({"acts.view", "orders.view", "orders.edit", "orders.register",
                            "acquaintance.record"}),
    "parent": frozenset({"diary.read"}),
    "student": frozenset({"diary.read"}),
    "founder_officer": frozenset({"acts.view", "approvals.view", "founder.coordinate"}),
}

assert set(ROLE_PERMISSIONS) == set(ROLE_LABELS)
assert all(p in PERMISSION_LABELS for perms in ROLE_PERMISSIONS.values() for p in perms)


def permissions_of(roles: frozenset[str] | set[str]) -> frozenset[str]:
    """All permissions granted by the given roles; unknown roles grant nothing."""
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)
