"""Daily reminders of route steps: opinions and other answers due within 3 days or overdue go to
the act's author and to the secretaries of the body that owes the answer."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from approvals.models import CouncilMember, RouteStep
from core.formatting import ru_date
from core.models import User
from core.notify import notify
from documents.models import Act
from workflow.tracking import DUE_SOON_DAYS


def send_step_reminders(session: Session, today: date) -> int:
    """One notification per step, due date, kind (soon/overdue) and user; returns how many are new."""
    rows = session.execute(
        select(RouteStep, Act).join(Act, Act.id == RouteStep.act_id)
        .where(RouteStep.status == "waiting", RouteStep.due.is_not(None),
               RouteStep.due <= today + timedelta(days=DUE_SOON_DAYS))).all()
    if not rows:
        return 0
    council_ids = {s.council_id for s, _ in rows if s.council_id}
    secretaries: dict[int, set[int]] = {}
    for council_id, user_id in session.execute(
            select(CouncilMember.council_id, User.id).join(User, User.person_id == CouncilMember.person_id)
            .where(CouncilMember.council_id.in_(council_ids), CouncilMember.role == "secretary",
                   User.active.is_(True))):
        secretaries.setdefault(council_id, set()).add(user_id)
    sent = 0
    for step, act in rows:
        overdue = step.due < today
        title = (f"Просрочен ответ: {step.title} — {act.title[:150]}" if overdue
                 else f"Срок {ru_date(step.due)}: {step.title} — {act.title[:150]}")
        for user_id in {act.author_id, *secretaries.get(step.council_id, set())} - {None}:
            key = f"route_step:{step.id}:{step.due.isoformat()}:{'overdue' if overdue else 'soon'}"
            if notify(session, user_id, title, body=step.citation, link=f"/approvals/acts/{act.id}",
                      dedupe_key=key):
                sent += 1
    return sent
