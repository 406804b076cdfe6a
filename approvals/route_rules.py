"""The approval route of a local act, built from the law (pure).

Stages run in order; steps within a stage may run in parallel (the councils' opinions).
Each step carries its legal citation, so the act page can say why adoption is not yet possible."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from core.calendar.production import ProductionCalendar

STAGE_DISCUSSION, STAGE_OPINIONS, STAGE_ADOPTION, STAGE_FOUNDER, STAGE_ORDER = range(5)

DISCUSSION_BODIES = {
    "admin_meeting": "административное совещание",
    "staff_meeting": "собрание трудового коллектива",
    "parents_meeting": "родительское собрание",
    "class_meetings": "классные ученические собрания",
}
BODY_NAMES = {"pedagogical": "педагогическим советом", "governing": "управляющим советом",
              "director": "директором"}

STEP_INFO: dict[str, tuple[str, str, int]] = {  # kind: (title, citation, stage)
    "discussion": ("Общественное обсуждение", "План-график, этап проектирования, п. 4", STAGE_DISCUSSION),
    "legal_review": ("Правовая экспертиза", "План-график, этап проектирования, п. 5 («при необходимости»)",
                     STAGE_DISCUSSION),
    "opinion_students": ("Мнение совета обучающихся", "273-ФЗ ст. 30 ч. 3 (L3)", STAGE_OPINIONS),
    "opinion_parents": ("Мнение совета родителей", "273-ФЗ ст. 30 ч. 3 (L3)", STAGE_OPINIONS),
    "opinion_union": ("Мотивированное мнение профсоюзного комитета",
                      "ТК РФ ст. 372 ч. 1–2, ст. 8 (L5, L6)", STAGE_OPINIONS),
    "union_consultation": ("Дополнительные консультации с профсоюзом", "ТК РФ ст. 372 ч. 3 (L7)",
                           STAGE_OPINIONS),
    "union_protocol": ("Протокол разногласий", "ТК РФ ст. 372 ч. 4–5 (L8)", STAGE_OPINIONS),
    "adoption": ("Принятие", "273-ФЗ ст. 30 ч. 1, устав школы (L1, L17)", STAGE_ADOPTION),
    "founder": ("Согласование с Учредителем", "273-ФЗ ст. 25; акты учредителя, устав (L16)", STAGE_FOUNDER),
    "order": ("Приказ об утверждении и введении в действие", "ГОСТ Р 7.0.97 (L12)", STAGE_ORDER),
}
OPINION_BODY = {"opinion_students": "students", "opinion_parents": "parents", "opinion_union": "trade_union",
                "union_consultation": "trade_union", "union_protocol": "trade_union"}
OPINION_DAYS = 5  # working days for a reasoned opinion (L6; L9 for councils by school practice)
CONSULTATION_DAYS = 3  # calendar days to start consultations (L7)


@dataclass(frozen=True)
class Flags:
    """The legal flags of an act."""

    affects_students: bool = False
    affects_employees: bool = False
    labour_norms: bool = False
    part2: bool = False
    needs_founder: bool = False


@dataclass(frozen=True)
class SchoolBodies:
    """Which bodies the school has formed (a body "not formed" gives no opinion: L3)."""

    students_council: bool = True
    parents_council: bool = True
    trade_union: bool = True


@dataclass(frozen=True)
class StepSpec:
    """A step to create: kind, title, citation, stage, whether the law requires it, its body."""

    kind: str
    title: str
    citation: str
    stage: int
    required: bool
    body: str = ""


def _spec(kind: str, required: bool, body: str = "", title: str | None = None) -> StepSpec:
    base_title, citation, stage = STEP_INFO[kind]
    return StepSpec(kind, title or base_title, citation, stage, required, body)


def build_route(flags: Flags, bodies: SchoolBodies, adopting_body: str,
                discussions: Iterable[str] = (), legal_review: bool = False) -> list[StepSpec]:
    """The steps of an act's route: chosen discussion rounds and legal review (optional), the
    opinions the law requires (L3, L6), adoption by the body the charter names (L1), founder
    coordination where required (L16), and the order (L12)."""
    steps = [_spec("discussion", False, key, f"Обсуждение: {DISCUSSION_BODIES[key]}")
             for key in discussions if key in DISCUSSION_BODIES]
    if legal_review:
        steps.append(_spec("legal_review", False))
    if flags.affects_students:
        if bodies.students_council:
            steps.append(_spec("opinion_students", True, "students"))
        if bodies.parents_council:
            steps.append(_spec("opinion_parents", True, "parents"))
    if (flags.affects_employees or flags.labour_norms) and bodies.trade_union:
        steps.append(_spec("opinion_union", True, "trade_union"))
    steps.append(_spec("adoption", True, adopting_body,
                       f"Принятие {BODY_NAMES.get(adopting_body, adopting_body)}"))
    if flags.needs_founder:
        steps.append(_spec("founder", True, "founder"))
    steps.append(_spec("order", True, "director"))
    return steps


def opinion_due(received: date, calendar: ProductionCalendar) -> date:
    """A reasoned opinion is due 5 working days after the draft is received (L6)."""
    return calendar.add_working_days(received, OPINION_DAYS)


def consultation_due(opinion_received: date, working_days: bool, calendar: ProductionCalendar) -> date:
    """Consultations start within 3 days of receiving a disagreeing opinion (L7): calendar days
    by the Code, working days where the school's setting says so."""
    if working_days:
        return calendar.add_working_days(opinion_received, CONSULTATION_DAYS)
    return opinion_received + timedelta(days=CONSULTATION_DAYS)


@dataclass(frozen=True)
class StepState:
    """A step as the rules see it: kind, stage, required, status, due date, and the body's
    "silence means no objection" setting (L9)."""

    kind: str
    title: str
    citation: str
    stage: int
    required: bool
    status: str
    due: date | None = None
    silence_is_consent: bool = False


def counts_as_done(step: StepState, today: date) -> bool:
    """Done, skipped, or (L9) an opinion not given by its due date where silence means consent."""
    if step.status in ("done", "skipped"):
        return True
    return (step.status == "waiting" and step.silence_is_consent and step.due is not None
            and step.due < today and step.kind.startswith("opinion"))


def missing_before(stage: int, steps: Iterable[StepState], today: date) -> list[StepState]:
    """Required steps of earlier stages that are not done (stale ones included: L18). Adoption
    with any of them is refused (L4)."""
    return [s for s in steps if s.stage < stage and s.required and not counts_as_done(s, today)]
