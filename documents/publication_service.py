"""Publication of the normative base on the school site (L10, L11): what is published, due and
overdue, withdrawal with a reason, the public pages' data, search, the feed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.calendar_service import production_calendar
from core.db import utcnow, within
from core.errors import InvalidTransition, NotFound
from core.formatting import short_date
from core.models import Organisation
from core.pdf import docx_to_pdf
from documents import queries
from documents import service as acts
from documents.content import Block
from documents.models import Act, ActHistory, ActMark
from documents.order_docx import order_docx
from documents.order_lifecycle import PUBLICATION
from documents.order_models import Publication
from documents.order_service import get_order, order_text
from workflow import task_service
from workflow.models import Plan, PlanTask

PUBLISH_DAYS = 10  # working days after adoption (L10)


def adoption_date(session: Session, act: Act) -> date | None:
    """The day the act was adopted (its "adopt" history row), in UTC date terms."""
    at = session.scalar(select(func.max(ActHistory.at)).where(ActHistory.act_id == act.id,
                                                              ActHistory.action == "adopt"))
    return at.date() if at else None


def publication_due(adopted_on: date, session: Session) -> date:
    """Adoption + 10 working days by the production calendar (L10)."""
    return production_calendar(session).add_working_days(adopted_on, PUBLISH_DAYS)


def _search_text(title: str, blocks: list[Block]) -> str:
    return (title + "\n" + "\n".join(b.text for b in blocks)).lower()


def publish_act(session: Session, actor: Actor, act_id: int) -> Publication:
    """Publish the adopted version of an act with its Word and PDF files and adoption details."""
    actor.require("site.publish")
    act = acts.get_act(session, actor, act_id)
    if act.status not in ("adopted", "in_force"):
        raise InvalidTransition("Публикуются только принятые акты.")
    version = acts.latest_version(session, act)
    _, data = queries.act_word_file(session, actor, act.id, version.number)
    marks = [m.text for m in session.scalars(select(ActMark).where(ActMark.version_id == version.id)
                                             .order_by(ActMark.at))]
    adopted_on = adoption_date(session, act)
    pub = Publication(organisation_id=act.organisation_id, object_type="act", object_id=act.id,
                      act_version_id=version.id, kind_title=act.kind.title, title=version.title,
                      details="; ".join(m for m in marks if not m.startswith("УЧТЕНО")),
                      search_text=_search_text(version.title, acts.version_blocks(version)),
                      docx=data, pdf=docx_to_pdf(data), adopted_on=adopted_on,
                      due_on=publication_due(adopted_on, session) if adopted_on else None,
                      published_by_id=actor.user_id)
    return _save(session, actor, pub)


def publish_order(session: Session, actor: Actor, order_id: int) -> Publication:
    """Publish a registered order of the main register; names in its items are hidden, and
    personnel orders ("-лс") are never published (personal data)."""
    actor.require("site.publish")
    order = get_order(session, actor, order_id)
    if order.number is None or order.status == "annulled":
        raise InvalidTransition("Публикуются только зарегистрированные действующие приказы.")
    if order.register.code == "ls":
        raise InvalidTransition("Приказы по личному составу содержат персональные данные и не публикуются.")
    data = order_docx(order_text(session, order, public=True))
    title = f"Приказ от {short_date(order.reg_date)} № {order.full_number} «{order.heading}»"
    pub = Publication(organisation_id=order.organisation_id, object_type="order", object_id=order.id,
                      kind_title="Приказы", title=title, details="", search_text=title.lower(),
                      docx=data, pdf=docx_to_pdf(data), adopted_on=order.reg_date,
                      published_by_id=actor.user_id)
    return _save(session, actor, pub)


def _save(session: Session, actor: Actor, pub: Publication) -> Publication:
    session.add(pub)
    session.flush()
    audit.record(session, actor, "publication.publish", object_type=pub.object_type, object_id=pub.object_id,
                 new={"publication_id": pub.id, "title": pub.title[:200], "pdf": pub.pdf is not None})
    return pub


def withdraw(session: Session, actor: Actor, publication_id: int, reason: str) -> Publication:
    """Take a document off the site with a reason; it stays in the history."""
    pub = session.get(Publication, publication_id)
    if pub is None or pub.organisation_id != actor.organisation_id:
        raise NotFound("Публикация не найдена.")
    old = pub.status
    pub.status = PUBLICATION.next_state(actor, old, "withdraw", reason=reason)
    pub.withdrawn_at, pub.withdraw_reason = utcnow(), reason.strip()
    session.flush()
    audit.record(session, actor, "publication.withdraw", object_type=pub.object_type, object_id=pub.object_id,
                 old={"status": old}, new={"status": pub.status}, reason=reason.strip())
    return pub


@dataclass(frozen=True)
class DueRow:
    """An adopted act and its publication deadline (L10)."""

    act: Act
    adopted_on: date | None
    due_on: date | None
    published: bool


def due_list(session: Session, actor: Actor) -> list[DueRow]:
    """Adopted acts with their publication due dates and whether they are on the site."""
    actor.require("site.publish")
    adopted = list(session.scalars(select(Act).where(Act.organisation_id == actor.organisation_id,
                                                     Act.status.in_(["adopted", "in_force"]))))
    published = set(session.scalars(select(Publication.object_id).where(
        Publication.object_type == "act", Publication.status == "published",
        Publication.organisation_id == actor.organisation_id)))
    adopted_at = dict(session.execute(select(ActHistory.act_id, func.max(ActHistory.at)).where(
        ActHistory.act_id.in_([a.id for a in adopted]), ActHistory.action == "adopt").group_by(ActHistory.act_id)).all())
    calendar = production_calendar(session)  # read once, not per act
    rows = []
    for act in adopted:
        on = adopted_at[act.id].date() if act.id in adopted_at else None
        due = calendar.add_working_days(on, PUBLISH_DAYS) if on else None
        rows.append(DueRow(act, on, due, act.id in published))
    return sorted(rows, key=lambda r: (r.published, r.due_on or date.max))


def public_documents(session: Session, org_id: int, query: str = "") -> list[Publication]:
    """Published documents of a school for the public page, optionally matching a search."""
    stmt = select(Publication).where(Publication.organisation_id == org_id, Publication.status == "published")
    q = " ".join(query.split())[:200]
    if q:
        if session.bind.dialect.name == "postgresql":  # Russian morphology: "журналы" finds "журнал"
            stmt = stmt.where(text("to_tsvector('russian', publication.search_text) @@ "
                                   "plainto_tsquery('russian', :q)").bindparams(q=q))
        else:
            stmt = stmt.where(or_(*[Publication.search_text.contains(w.lower()) for w in q.split()]))
    return list(session.scalars(stmt.order_by(Publication.kind_title, Publication.published_at.desc())))


def publications_query(actor: Actor, *, date_from: date | None = None, date_to: date | None = None):
    """What the school's site shows now (public anyway), oldest publication first, by date of
    publication (school days as UTC dates: the site's own list uses the same)."""
    stmt = (select(Publication).where(Publication.organisation_id == actor.organisation_id,
                                      Publication.status == "published")
            .order_by(Publication.published_at, Publication.id))
    return within(stmt, func.date(Publication.published_at), date_from, date_to)


def history_of(session: Session, org_id: int) -> dict[tuple[str, int], list[Publication]]:
    """Every publication (withdrawn too) grouped by the document it publishes."""
    groups: dict[tuple[str, int], list[Publication]] = {}
    for p in session.scalars(select(Publication).where(Publication.organisation_id == org_id)
                             .order_by(Publication.published_at)):
        groups.setdefault((p.object_type, p.object_id), []).append(p)
    return groups


def public_school(session: Session, school_id: int | None = None) -> Organisation:
    """The school whose site this is (the only school, or the one asked for)."""
    stmt = select(Organisation).where(Organisation.kind == "school")
    if school_id:
        stmt = stmt.where(Organisation.id == school_id)
    school = session.scalars(stmt.order_by(Organisation.id)).first()
    if school is None:
        raise NotFound("Школа не найдена.")
    return school


PUBLICATION_TASK_PREFIX = "Публикация всей нормативной базы"


def close_publication_task(session: Session, actor: Actor, documents_url: str):
    """Close the seed plan's publication task with the public documents page as its evidence."""
    task = session.scalar(select(PlanTask).join(Plan).where(
        Plan.organisation_id == actor.organisation_id, PlanTask.title.startswith(PUBLICATION_TASK_PREFIX),
        PlanTask.status.in_(["planned", "in_progress"])).order_by(PlanTask.id))
    if task is None:
        raise NotFound("В плане нет открытой задачи публикации нормативной базы.")
    task_service.add_evidence(session, actor, task.id, kind="link", title="Раздел «Документы» сайта школы",
                              url=documents_url)
    return task_service.change_status(session, actor, task.id, "complete", task.status)
