"""Dashboard panels per role (pure): what each role comes here to do, with its links."""
from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.roles import ROLE_LABELS


@dataclass(frozen=True)
class Panel:
    """One panel of the start page."""

    role: str
    title: str
    text: str
    links: tuple[tuple[str, str], ...]


PANELS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "admin": ("Пользователи, роли, журнал событий и производственный календарь.",
              (("Пользователи", "admin.users"), ("Журнал событий", "admin.audit_log"),
               ("Календарь", "admin.calendar"), ("Виды актов", "documents.kinds"))),
    "director": ("Ход перехода на электронный журнал, приказы и принятие локальных актов.",
                 (("План-график", "workflow.index"), ("Локальные акты", "documents.index"))),
    "deputy": ("Задачи плана, проекты актов и контроль ведения журнала (ВШК).",
               (("План-график", "workflow.index"), ("Журнал", "journal.index"),
                ("Контроль (ВШК)", "journal_controls.dashboard"),
                ("Список исправлений", "journal_admin.corrections"), ("Замены и уроки", "journal_admin.substitutions"),
                ("Импорт списков классов", "journal_admin.roster"),
                ("Классы, курсы, расписание", "journal_structure.structure"))),
    "working_group": ("Задачи рабочей группы и проекты локальных актов.",
                      (("План-график", "workflow.index"), ("Локальные акты", "documents.index"))),
    "teacher": ("Уроки, посещаемость, отметки и домашние задания.", (("Журнал", "journal.index"),)),
    "class_teacher": ("Журнал класса, причины пропусков, активность родителей.",
                      (("Журнал", "journal.index"),)),
    "council_secretary": ("Заседания совета, голосования и протоколы.",
                          (("Согласования", "approvals.index"),)),
    "web_admin": ("Публикация нормативной базы на сайте школы.",
                  (("Локальные акты", "documents.index"),)),
    "secretary": ("Листы ознакомления и бумажный архив.", (("Локальные акты", "documents.index"),)),
    "parent": ("Дневник ребёнка: уроки, задания, отметки.", (("Дневник", "journal.index"),)),
    "student": ("Дневник: уроки, задания, отметки.", (("Дневник", "journal.index"),)),
    "founder_officer": ("Акты школ, направленные на согласование учредителю.",
                        (("Согласования", "approvals.index"),)),
}


def panels_for(actor: Actor) -> list[Panel]:
    """The panels of the actor's roles, in the order roles are listed."""
    return [Panel(role, ROLE_LABELS[role], *PANELS[role]) for role in ROLE_LABELS
            if role in actor.roles]
