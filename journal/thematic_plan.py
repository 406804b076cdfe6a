"""The thematic plan (КТП) of a course, loaded from XLSX: the topics that pre-fill lessons and the
hours programme completion is measured against (CTL-05)."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.errors import NotAllowed, ValidationFailed
from core.uploads import xlsx_rows
from journal.access import course_for_reading
from journal.models import Lesson, ThematicPlanItem

HEADERS = {"№": "position", "№ урока": "position", "тема": "topic", "тема урока": "topic", "часы": "hours",
           "кол-во часов": "hours", "часов": "hours"}


def read_plan(data: bytes, filename: str) -> list[tuple[int, str, int]]:
    """Rows (position, topic, hours) of the first sheet; problems are reported by line, nothing is loaded."""
    rows = xlsx_rows(data, filename)
    if not rows:
        raise ValidationFailed("Файл пустой.")
    cols = {HEADERS[str(v).strip().lower()]: i for i, v in enumerate(rows[0]) if v and str(v).strip().lower() in HEADERS}
    if "topic" not in cols:
        raise ValidationFailed("Нет столбца «Тема урока» в первой строке.")
    items, problems = [], []
    for line, row in enumerate(rows[1:], 2):
        topic = str(row[cols["topic"]] or "").strip()
        if not topic:
            continue
        hours = row[cols["hours"]] if "hours" in cols else 1
        if not isinstance(hours, int | float) or hours < 1:
            problems.append(f"Строка {line}: часы «{hours}» — целое число не меньше 1.")
            continue
        items.append((len(items) + 1, topic[:500], int(hours)))
    if problems:
        raise ValidationFailed("КТП не загружен: исправьте строки.", problems)
    return items


def load_plan(session: Session, actor: Actor, course_id: int, items: list[tuple[int, str, int]]) -> int:
    """Replace the course's thematic plan (the course's teacher or the deputy)."""
    course = course_for_reading(session, actor, course_id)
    if course.teacher_id != actor.user_id and "deputy" not in actor.roles:
        raise NotAllowed("КТП загружает учитель курса или заместитель директора.")
    session.execute(delete(ThematicPlanItem).where(ThematicPlanItem.course_id == course.id))
    session.add_all(ThematicPlanItem(course_id=course.id, position=p, topic=t, hours=h) for p, t, h in items)
    session.flush()
    audit.record(session, actor, "journal.thematic_plan", object_type="course", object_id=course.id,
                 new={"items": len(items), "hours": sum(h for _, _, h in items)})
    return len(items)


def planned_topics(session: Session, course_id: int) -> dict[int, str]:
    """Lesson id → the КТП topic for it: the n-th lesson of the year gets the n-th hour of the plan."""
    items = session.scalars(select(ThematicPlanItem).where(ThematicPlanItem.course_id == course_id)
                            .order_by(ThematicPlanItem.position)).all()
    hours = [item.topic for item in items for _ in range(item.hours)]
    lessons = session.scalars(select(Lesson.id).where(Lesson.course_id == course_id, Lesson.state != "cancelled")
                              .order_by(Lesson.on_date, Lesson.lesson_no)).all()
    return {lesson_id: hours[i] for i, lesson_id in enumerate(lessons) if i < len(hours)}
