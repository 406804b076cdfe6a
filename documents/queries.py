"""Read-side services of local acts and orders: lists and registers, the act page, differences,
Word files."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.db import within
from core.errors import NotFound
from core.models import Organisation, User
from documents.act_docx import act_docx, diff_docx
from documents.content import numbered
from documents.diff import DiffRow, diff_blocks
from documents.models import Act, ActComment, ActHistory, ActMark, ActVersion
from documents.order_models import Order, OrderRegister
from documents.service import get_act, version_blocks


def list_acts(session: Session, actor: Actor) -> list[tuple[Act, int]]:
    """The school's acts with their latest version number, newest first (2 queries)."""
    actor.require("acts.view")
    acts = list(session.scalars(select(Act).where(Act.organisation_id == actor.organisation_id)
                                .order_by(Act.created_at.desc())))
    latest: dict[int, int] = {}
    for act_id, number in session.execute(select(ActVersion.act_id, ActVersion.number)
                                          .where(ActVersion.act_id.in_([a.id for a in acts]))):
        latest[act_id] = max(latest.get(act_id, 0), number)
    return [(a, latest.get(a.id, 0)) for a in acts]


def acts_query(actor: Actor, *, status: str | None = None, date_from=None, date_to=None):
    """The register of the school's acts, oldest first, filtered by state and creation date."""
    actor.require("acts.view")
    stmt = select(Act).where(Act.organisation_id == actor.organisation_id).order_by(Act.created_at, Act.id)
    if status:
        stmt = stmt.where(Act.status == status)
    if date_to:
        stmt = stmt.where(Act.created_at < _day_start(date_to + timedelta(days=1)))
    return within(stmt, Act.created_at, _day_start(date_from) if date_from else None)


def orders_query(actor: Actor, *, register: str | None = None, date_from=None, date_to=None):
    """The order registers: registered orders by register, year and number, filtered by
    registration date; drafts and signed-but-unregistered orders are not in a register yet."""
    actor.require("orders.view")
    stmt = (select(Order).join(OrderRegister).where(Order.organisation_id == actor.organisation_id,
                                                     Order.number.is_not(None))
            .order_by(OrderRegister.code, Order.year, Order.number))
    if register:
        stmt = stmt.where(OrderRegister.code == register)
    return within(stmt, Order.reg_date, date_from, date_to)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def act_with_versions(session: Session, actor: Actor, act_id: int) -> Act:
    """An act of the actor's school with its versions loaded (two queries)."""
    act = get_act(session, actor, act_id)
    session.scalars(select(ActVersion).where(ActVersion.act_id == act.id)).all()
    return act


def act_of_version(session: Session, version_id: int) -> int:
    """The act id of a version."""
    return session.scalar(select(ActVersion.act_id).where(ActVersion.id == version_id))


def get_version(session: Session, act: Act, number: int | None) -> ActVersion:
    """A version by number, or the latest."""
    stmt = select(ActVersion).where(ActVersion.act_id == act.id)
    stmt = stmt.where(ActVersion.number == number) if number else stmt.order_by(ActVersion.number.desc())
    version = session.scalars(stmt).first()
    if version is None:
        raise NotFound("Редакция не найдена.")
    return version


@dataclass
class ActPage:
    """Everything the act page shows."""

    act: Act
    version: ActVersion
    versions: list[ActVersion]
    paragraphs: list
    comments: dict[int, list[ActComment]]
    history: list[ActHistory]
    marks: list[ActMark]
    authors: dict[int, str]


def act_page(session: Session, actor: Actor, act_id: int, number: int | None = None) -> ActPage:
    """The act with one version's numbered text, comments by paragraph, history and marks."""
    act = get_act(session, actor, act_id)
    version = get_version(session, act, number)
    versions = list(session.scalars(select(ActVersion).where(ActVersion.act_id == act.id)
                                    .order_by(ActVersion.number)))
    comments: dict[int, list[ActComment]] = {}
    for c in session.scalars(select(ActComment).where(ActComment.version_id == version.id)
                             .order_by(ActComment.at)):
        comments.setdefault(c.block_index, []).append(c)
    history = list(session.scalars(select(ActHistory).where(ActHistory.act_id == act.id)
                                   .order_by(ActHistory.at)))
    authors = {u.id: u.display_name for u in session.scalars(
        select(User).where(User.organisation_id == act.organisation_id))}
    return ActPage(act, version, versions, numbered(version_blocks(version)), comments, history,
                   marks_of(session, version), authors)


def marks_of(session: Session, version: ActVersion) -> list[ActMark]:
    """The approval marks a version has earned, in order."""
    return list(session.scalars(select(ActMark).where(ActMark.version_id == version.id)
                                .order_by(ActMark.at)))


def version_diff(session: Session, actor: Actor, act_id: int, old_no: int, new_no: int
                 ) -> tuple[Act, ActVersion, ActVersion, list[DiffRow]]:
    """The difference between two versions of an act."""
    act = get_act(session, actor, act_id)
    old, new = get_version(session, act, old_no), get_version(session, act, new_no)
    return act, old, new, diff_blocks(version_blocks(old), version_blocks(new))


def act_word_file(session: Session, actor: Actor, act_id: int, number: int | None = None) -> tuple[str, bytes]:
    """The act (a version, or the latest) as a Word file with its marks; returns (name, bytes)."""
    act = get_act(session, actor, act_id)
    version = get_version(session, act, number)
    org = session.get(Organisation, act.organisation_id)
    data = act_docx(org.name, act.kind.code, version.title, version_blocks(version),
                    [m.text for m in marks_of(session, version)],
                    violation=act.violation_reason if act.adopted_with_violation else "")
    return f"act-{act.id}-v{version.number}.docx", data


def diff_word_file(session: Session, actor: Actor, act_id: int, old_no: int, new_no: int) -> bytes:
    """The difference of two versions as a Word file with the changes marked."""
    act, old, new, rows = version_diff(session, actor, act_id, old_no, new_no)
    return diff_docx(act.title, f"редакция {old.number}", f"редакция {new.number}", rows)
