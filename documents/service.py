"""Local act services: kinds, creation from templates, versions (frozen once submitted), lifecycle
steps with history, comments anchored to paragraphs."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.db import utcnow
from core.errors import InvalidTransition, NotFound, StaleState, ValidationFailed
from documents.act_templates import TEMPLATES
from documents.content import Block, content_hash, from_json, parse_markup, validate
from documents.lifecycle import ACT, EDITABLE_ACT_STATES
from documents.models import ADOPTING_BODIES, Act, ActComment, ActHistory, ActKind, ActMark, ActVersion
from documents.order_models import Publication

DEFAULT_KINDS = (  # code, title, adopting body (L1: a school setting), founder coordination (L16)
    ("polozhenie", "Положение", "pedagogical", False),
    ("reglament", "Регламент", "pedagogical", False),
    ("poryadok", "Порядок", "pedagogical", False),
    ("pravila", "Правила", "pedagogical", False),
    ("instruktsiya", "Должностная инструкция", "director", False),
    ("plan", "План", "director", False),
    ("ustav", "Устав (изменения)", "governing", True),
)
FLAGS = ("affects_students", "affects_employees", "labour_norms", "part2", "needs_founder")

# Called as f(session, actor, act, new_version) when an edit starts a new version. The approval
# route (a higher app) registers here to mark opinions and votes on older versions stale (L18).
ON_NEW_VERSION: list[Callable[[Session, Actor, Act, ActVersion], None]] = []


def ensure_kinds(session: Session, organisation_id: int) -> list[ActKind]:
    """The school's act kinds, creating the usual ones on first use."""
    kinds = list(session.scalars(select(ActKind).where(ActKind.organisation_id == organisation_id)
                                 .order_by(ActKind.id)))
    if not kinds:
        kinds = [ActKind(organisation_id=organisation_id, code=c, title=t, adopting_body=b,
                         needs_founder=f) for c, t, b, f in DEFAULT_KINDS]
        session.add_all(kinds)
        session.flush()
    return kinds


def get_act(session: Session, actor: Actor, act_id: int, *, lock: bool = False) -> Act:
    """An act of the actor's school (NotFound otherwise); `lock` takes its row lock."""
    actor.require("acts.view")
    stmt = select(Act).where(Act.id == act_id)
    act = session.scalar(stmt.with_for_update(of=Act) if lock else stmt)
    if act is None or act.organisation_id != actor.organisation_id:
        raise NotFound("Акт не найден.")
    return act


def latest_version(session: Session, act: Act) -> ActVersion:
    """The newest version of an act."""
    return session.scalars(select(ActVersion).where(ActVersion.act_id == act.id)
                           .order_by(ActVersion.number.desc())).first()


def create_act(session: Session, actor: Actor, *, kind_code: str, title: str, text: str,
               flags: dict | None = None, plan_task_ids: list[int] | None = None) -> Act:
    """Create an act with its first (draft) version."""
    actor.require("acts.edit")
    kinds = {k.code: k for k in ensure_kinds(session, actor.organisation_id)}
    if kind_code not in kinds:
        raise ValidationFailed("Неизвестный вид акта.")
    title = " ".join(title.split())
    if not title:
        raise ValidationFailed("Укажите название акта.")
    blocks = parse_markup(text)
    if problems := validate(blocks):
        raise ValidationFailed("Текст не сохранён.", problems)
    flags = {f: bool((flags or {}).get(f)) for f in FLAGS}
    flags["needs_founder"] = flags["needs_founder"] or kinds[kind_code].needs_founder
    act = Act(organisation_id=actor.organisation_id, kind=kinds[kind_code], title=title,
              author_id=actor.user_id, plan_task_ids=plan_task_ids or None, **flags)
    session.add(act)
    session.flush()
    _new_version(session, actor, act, 1, title, blocks)
    audit.record(session, actor, "act.create", object_type="act", object_id=act.id,
                 new={"title": title, "kind": kind_code, **flags})
    return act


def create_from_template(session: Session, actor: Actor, key: str) -> Act:
    """Start a draft from one of the built-in templates."""
    template = TEMPLATES.get(key)
    if template is None:
        raise NotFound("Шаблон не найден.")
    return create_act(session, actor, kind_code=template.kind, title=template.title,
                      text=template.text, flags=template.flags)


def _new_version(session, actor, act, number, title, blocks) -> ActVersion:
    version = ActVersion(act_id=act.id, number=number, title=title,
                         blocks=[b.as_dict() for b in blocks], sha256=content_hash(title, blocks),
                         created_by_id=actor.user_id)
    session.add(version)
    session.flush()
    return version


def save_text(session: Session, actor: Actor, act_id: int, text: str, base_sha: str,
              title: str | None = None) -> ActVersion:
    """Save an edit. A draft version changes in place; a frozen one is kept and a new version
    starts. `base_sha` is the hash the editor started from: if someone saved in between, the
    save is refused (StaleState) and nothing is lost: the other text stays, this one is shown back."""
    act = get_act(session, actor, act_id, lock=True)  # the row lock serialises concurrent editors
    actor.require("acts.edit")
    if act.status not in EDITABLE_ACT_STATES:
        raise InvalidTransition(f"Акт в состоянии «{ACT.states[act.status]}» не редактируется: "
                                "изменения вносятся новой редакцией.")
    current = latest_version(session, act)
    if current.sha256 != base_sha:
        raise StaleState("Текст уже изменил другой пользователь. Ваш вариант не сохранён: "
                         "скопируйте его и откройте акт заново.")
    title = " ".join((title or current.title).split())
    blocks = parse_markup(text)
    if problems := validate(blocks):
        raise ValidationFailed("Текст не сохранён.", problems)
    new_sha = content_hash(title, blocks)
    if new_sha == current.sha256:
        return current
    if current.status == "draft":
        current.title, current.blocks, current.sha256 = title, [b.as_dict() for b in blocks], new_sha
        current.edit_count += 1
        version = current
    else:
        version = _new_version(session, actor, act, current.number + 1, title, blocks)
        for listener in ON_NEW_VERSION:
            listener(session, actor, act, version)
    act.title = title
    session.flush()
    audit.record(session, actor, "act.edit", object_type="act", object_id=act.id,
                 old={"sha256": base_sha}, new={"version": version.number, "sha256": new_sha})
    return version


def freeze(session: Session, actor: Actor, act: Act) -> ActVersion:
    """Freeze the latest version (on submission for discussion, an opinion or a vote)."""
    version = latest_version(session, act)
    if version.status == "draft":
        version.status, version.frozen_at = "frozen", utcnow()
        session.flush()
        audit.record(session, actor, "act.version_frozen", object_type="act_version",
                     object_id=version.id, new={"act_id": act.id, "number": version.number,
                                                "sha256": version.sha256})
    return version


def transition(session: Session, actor: Actor, act: Act, action: str, *, seen_state: str | None,
               reason: str = "", details: dict | None = None, by_decision: bool = False) -> Act:
    """Move an act along its lifecycle table, freezing the text when it leaves draft.
    `by_decision`: the step carries out a council's recorded decision, so the council's secretary
    may take it without the editors' permission."""
    old = act.status
    act.status = ACT.next_state(actor, old, action, seen_state=seen_state, reason=reason,
                                also_allowed=by_decision)
    version = freeze(session, actor, act) if old == "draft" else latest_version(session, act)
    session.add(ActHistory(act_id=act.id, actor_id=actor.user_id, action=action, from_status=old,
                           to_status=act.status, version_id=version.id, reason=reason.strip(),
                           details=details))
    if act.status in ("repealed", "superseded"):  # stays on the site, marked "утратил силу"
        session.execute(update(Publication).where(Publication.object_type == "act",
                                                  Publication.object_id == act.id).values(repealed=True))
    session.flush()
    audit.record(session, actor, f"act.{action}", object_type="act", object_id=act.id,
                 old={"status": old}, new={"status": act.status, "version": version.number},
                 reason=reason.strip())
    return act


def version_blocks(version: ActVersion) -> list[Block]:
    """The version's blocks."""
    return from_json(version.blocks)


def add_comment(session: Session, actor: Actor, version_id: int, block_index: int, text: str,
                parent_id: int | None = None) -> ActComment:
    """Comment on one paragraph of a version (or reply to a comment)."""
    version = session.get(ActVersion, version_id)
    if version is None:
        raise NotFound("Редакция не найдена.")
    get_act(session, actor, version.act_id)
    text = text.strip()
    if not text or len(text) > 5000:
        raise ValidationFailed("Комментарий пуст или длиннее 5000 символов.")
    if not 0 <= block_index < len(version.blocks):
        raise ValidationFailed("Нет такого абзаца.")
    comment = ActComment(version_id=version.id, block_index=block_index, parent_id=parent_id,
                         author_id=actor.user_id, text=text)
    session.add(comment)
    session.flush()
    audit.record(session, actor, "act.comment", object_type="act_version", object_id=version.id,
                 new={"comment_id": comment.id, "block": block_index})
    return comment


def resolve_comment(session: Session, actor: Actor, comment_id: int, resolved: bool) -> ActComment:
    """Mark a comment resolved or open again."""
    comment = session.get(ActComment, comment_id)
    if comment is None:
        raise NotFound("Комментарий не найден.")
    version = session.get(ActVersion, comment.version_id)
    get_act(session, actor, version.act_id)
    actor.require("acts.edit")
    comment.resolved = resolved
    session.flush()
    audit.record(session, actor, "act.comment_resolved" if resolved else "act.comment_reopened",
                 object_type="act_comment", object_id=comment.id)
    return comment


def add_mark(session: Session, actor: Actor, act: Act, version: ActVersion, kind: str, text: str) -> None:
    """Record an approval mark (гриф) a version has earned (L14); the deciding app calls this."""
    session.add(ActMark(act_id=act.id, version_id=version.id, kind=kind, text=text))
    session.flush()
    audit.record(session, actor, "act.mark", object_type="act_version", object_id=version.id,
                 new={"kind": kind, "text": text})


def add_kind(session: Session, actor: Actor, code: str, title: str, adopting_body: str,
             needs_founder: bool) -> ActKind:
    """An admin adds a kind of act with the body that adopts it under the school's charter (L1)."""
    actor.require("admin.users")
    code, title = code.strip().lower(), " ".join(title.split())
    if not code.replace("_", "").isalnum() or not title:
        raise ValidationFailed("Укажите код (латиница, цифры) и название вида акта.")
    if adopting_body not in ADOPTING_BODIES:
        raise ValidationFailed("Неизвестный орган, принимающий акт.")
    if any(k.code == code for k in ensure_kinds(session, actor.organisation_id)):
        raise ValidationFailed(f"Вид акта «{code}» уже есть.")
    kind = ActKind(organisation_id=actor.organisation_id, code=code, title=title,
                   adopting_body=adopting_body, needs_founder=needs_founder)
    session.add(kind)
    session.flush()
    audit.record(session, actor, "act_kind.create", object_type="act_kind", object_id=kind.id,
                 new={"code": code, "title": title, "adopting_body": adopting_body,
                      "needs_founder": needs_founder})
    return kind
