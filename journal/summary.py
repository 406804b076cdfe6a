"""The year-end summary sheet of a class (сводная ведомость, ARC-05): final marks per subject
for each quarter and the year, days and lessons missed (ATT-03), in Word and Excel."""
from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.actor import Actor
from core.db import utcnow
from core.docx_table import add_grid_table
from core.errors import NotAllowed, NotFound, ValidationFailed
from core.models import Organisation, SchoolPeriod
from journal.archive import canonical_hash
from journal.grading import numeric_values, suggest_final
from journal.models import Absence, Course, FinalMark, Lesson, SchoolClass, Student, SummarySignoff

STORAGE_NOTE = "Срок хранения: 25 лет (ARC-06). Основание: перечень типовых архивных документов."


@dataclass
class SummaryRow:
    """One student's line."""

    student: str
    marks: dict[str, list[str]] = field(default_factory=dict)  # subject → [q1..q4, year]
    days_missed: int = 0
    lessons_missed: int = 0
    ill: int = 0
    late: int = 0


def whole_days_missed(lessons_by_day: dict[date, int], missed_by_day: dict[date, int]) -> int:
    """ATT-03: a day counts only when every lesson of the student that day was missed."""
    return sum(1 for day, total in lessons_by_day.items() if total and missed_by_day.get(day, 0) >= total)


def year_mark(quarters: list[str]) -> str:
    """The year's mark from the quarters' finals (the teacher confirms it)."""
    values = [v for q in quarters for v in numeric_values(q)]
    return suggest_final(Decimal(sum(values)) / len(values)) if values else ""


def build(session: Session, actor: Actor, class_id: int) -> tuple[SchoolClass, list[str], list[SummaryRow]]:
    """The sheet's data: subjects in columns, students in rows."""
    actor.require("journal.read")
    klass = session.get(SchoolClass, class_id)
    if klass is None or klass.organisation_id != actor.organisation_id:
        raise NotFound("Класс не найден.")
    if not (actor.roles & {"deputy", "director"} or klass.class_teacher_id == actor.user_id):
        raise NotAllowed("Сводную ведомость готовит классный руководитель, проверяет заместитель директора.")
    quarters = list(session.scalars(select(SchoolPeriod).where(SchoolPeriod.year_id == klass.year_id,
                                                               SchoolPeriod.kind == "quarter").order_by(SchoolPeriod.number)))
    courses = list(session.scalars(select(Course).where(Course.class_id == klass.id)))
    subjects = sorted({c.subject.name for c in courses})
    students = sorted(session.scalars(select(Student).where(Student.class_id == klass.id)),
                      key=lambda s: (s.person.surname, s.person.name))
    finals = defaultdict(dict)
    for student_id, subject_id, period_id, value in session.execute(
            select(FinalMark.student_id, Course.subject_id, FinalMark.period_id, FinalMark.value)
            .join(Course, Course.id == FinalMark.course_id).where(Course.class_id == klass.id)):
        finals[student_id][(subject_id, period_id)] = value
    subject_ids = {c.subject.name: c.subject_id for c in courses}
    lessons = session.execute(select(Lesson.id, Lesson.on_date, Course.group_no).join(Course)
                              .where(Course.class_id == klass.id, Lesson.state != "cancelled")).all()
    absences: dict[int, list[tuple]] = defaultdict(list)  # grouped once, not scanned per student
    for sid, lid, code, reason in session.execute(select(Absence.student_id, Absence.lesson_id, Absence.code,
                                                         Absence.reason).join(Lesson).join(Course)
                                                  .where(Course.class_id == klass.id)):
        absences[sid].append((lid, code, reason))
    timetables: dict[int | None, _GroupDays] = {}  # students of one group share their lessons' days
    rows = []
    for s in students:
        row = SummaryRow(s.person.full_name)
        for name in subjects:
            q = [finals[s.id].get((subject_ids[name], p.id), "") for p in quarters]
            row.marks[name] = q + [year_mark(q)]
        if s.group_no not in timetables:
            timetables[s.group_no] = _GroupDays.of(lessons, s.group_no)
        _attendance(row, timetables[s.group_no], absences[s.id])
        rows.append(row)
    return klass, subjects, rows


@dataclass(frozen=True)
class _GroupDays:
    """The days of the lessons a student of one group attends, and how many lessons each day has."""

    day_of: dict[int, date]
    per_day: dict[date, int]

    @classmethod
    def of(cls, lessons, group_no: int | None) -> _GroupDays:
        day_of = {lid: d for lid, d, group in lessons if group in (None, group_no)}
        per_day: dict[date, int] = defaultdict(int)
        for d in day_of.values():
            per_day[d] += 1
        return cls(day_of, per_day)


def _attendance(row: SummaryRow, days: _GroupDays, mine: list[tuple]) -> None:
    """Lessons and whole days missed (ATT-03), of them for illness, and lateness apart;
    `mine` holds the student's (lesson id, code, reason) absences."""
    missed_day: dict[date, int] = defaultdict(int)
    for lid, code, _ in mine:
        if code == "н" and lid in days.day_of:
            missed_day[days.day_of[lid]] += 1
    row.lessons_missed = sum(code == "н" for _, code, _ in mine)
    row.ill = sum(code == "н" and reason == "б" for _, code, reason in mine)
    row.late = sum(code == "о" for _, code, _ in mine)
    row.days_missed = whole_days_missed(days.per_day, missed_day)


def to_docx(org: Organisation, klass: SchoolClass, year_title: str, subjects: list[str], rows: list[SummaryRow],
            signer: str) -> bytes:
    """The sheet as a Word document ready for 25-year storage."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = "Times New Roman", Pt(8)
    doc.add_paragraph(org.name)
    doc.add_paragraph().add_run(f"Сводная ведомость успеваемости и посещаемости {klass.name} класса, "
                                f"{year_title} учебный год").bold = True
    header = ["Ученик"] + [f"{s}: 1 2 3 4 год" for s in subjects] + ["Дней пропущено", "Уроков", "из них по болезни"]
    body = [[row.student] + [" ".join(m or "–" for m in row.marks[s]) for s in subjects] +
            [str(row.days_missed), str(row.lessons_missed), str(row.ill)] for row in rows]
    # 26.7 cm of landscape page: the name column, then the subjects and the three attendance figures share the rest
    share = round((26.7 - 4.5) / (len(subjects) + 3), 2)
    add_grid_table(doc, header, body, [4.5] + [share] * (len(subjects) + 3))
    doc.add_paragraph(STORAGE_NOTE)
    doc.add_paragraph("Классный руководитель ______________")
    doc.add_paragraph(f"Проверил: заместитель директора по УВР ______________ {signer}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_xlsx(klass: SchoolClass, subjects: list[str], rows: list[SummaryRow]) -> bytes:
    """The sheet as Excel: one column per subject and period."""
    wb = Workbook()
    ws = wb.active
    ws.title = klass.name
    ws.append(["Ученик"] + [f"{s} {p}" for s in subjects for p in ("1", "2", "3", "4", "год")] +
              ["Дней пропущено", "Уроков пропущено", "По болезни", "Опозданий"])
    for row in rows:
        ws.append([row.student] + [m for s in subjects for m in row.marks[s]] +
                  [row.days_missed, row.lessons_missed, row.ill, row.late])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def data_hash(subjects: list[str], rows: list[SummaryRow]) -> str:
    """SHA-256 of the sheet's contents: a signature belongs to these exact figures."""
    return canonical_hash({"subjects": subjects, "rows": [vars(r) for r in rows]})


def prepare(session: Session, actor: Actor, class_id: int) -> SummarySignoff:
    """The class teacher marks the sheet prepared (again, if the figures changed)."""
    klass, subjects, rows = build(session, actor, class_id)
    if klass.class_teacher_id != actor.user_id:
        raise NotAllowed("Сводную ведомость готовит классный руководитель.")
    signoff = session.scalar(select(SummarySignoff).where(SummarySignoff.class_id == klass.id)) or SummarySignoff(
        class_id=klass.id)
    signoff.sha256, signoff.prepared_by, signoff.prepared_at = data_hash(subjects, rows), actor.user_id, utcnow()
    signoff.signed_by = signoff.signed_at = None
    session.add(signoff)
    session.flush()
    audit.record(session, actor, "summary.prepare", object_type="school_class", object_id=klass.id,
                 new={"sha256": signoff.sha256})
    return signoff


def sign(session: Session, actor: Actor, class_id: int) -> SummarySignoff:
    """The deputy director checks and signs the prepared sheet; changed figures need preparing again."""
    if "deputy" not in actor.roles:
        raise NotAllowed("Сводную ведомость проверяет и подписывает заместитель директора по УВР.")
    klass, subjects, rows = build(session, actor, class_id)
    signoff = session.scalar(select(SummarySignoff).where(SummarySignoff.class_id == klass.id))
    if signoff is None:
        raise ValidationFailed("Классный руководитель ещё не подготовил ведомость.")
    if signoff.sha256 != data_hash(subjects, rows):
        raise ValidationFailed("Данные изменились после подготовки: классный руководитель готовит ведомость заново.")
    signoff.signed_by, signoff.signed_at = actor.user_id, utcnow()
    session.flush()
    audit.record(session, actor, "summary.sign", object_type="school_class", object_id=klass.id,
                 new={"sha256": signoff.sha256})
    return signoff
