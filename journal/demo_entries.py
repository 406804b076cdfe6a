"""A year of journal entries for the large demo school, one class at a time (memory stays bounded):
topics, attendance with illnesses lasting several days, marks around each student's level, tests
every eighth lesson, homework, the change log, the quarters' final marks — with about 6 % of
records entered late and 3 % missing, and three faults planted where the deputy's controls must
find them (`PLANTED`)."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.bulk import insert_returning_ids, insert_rows
from core.models import Organisation, SchoolPeriod
from journal.deadlines import late_minutes, record_due, written_mark_due
from journal.demo_curriculum import TOPIC_KINDS, UNMARKED_GRADES
from journal.grading import suggest_final, weighted_average
from journal.models import Absence, EntryChange, FinalMark, Homework, Lesson, Mark

# (class, subject, group, fault, from, to): a week never entered, a quarter entered five days late,
# a group left without marks for a quarter (CTL-01, CTL-02, CTL-03 find them)
PLANTED = (("7Б", "История", None, "gap", date(2017, 11, 13), date(2017, 11, 17)),
           ("9В", "Физика", None, "late", date(2018, 1, 11), date(2018, 3, 23)),
           ("6Г", "Английский язык", 2, "no_marks", date(2017, 11, 7), date(2017, 12, 28)))
GAP, LATE = 0.03, 0.06
MARK_RATE = 0.39  # share of present students marked on an ordinary lesson
TEST_EVERY = 8


def _planted(class_name: str, course: dict, day: date) -> str | None:
    for name, subject, group, fault, start, end in PLANTED:
        if (name, subject, group) == (class_name, course["subject"], course["group_no"]) and start <= day <= end:
            return fault
    return None


def _sick_days(days: list[date], rng: random.Random) -> set[date]:
    """A few illnesses of two to six school days each."""
    sick: set[date] = set()
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        start = rng.randrange(len(days))
        sick.update(days[start:start + rng.randint(2, 6)])
    return sick


class ClassYear:
    """The entries of one class's year, built as rows for bulk inserts."""

    def __init__(self, org_id: int, klass: dict, students: list[tuple[int, int]], courses: dict, kinds: dict,
                 tz: str, rng: random.Random):
        self.org_id, self.klass, self.courses, self.tz, self.rng = org_id, klass, courses, tz, rng
        self.students = students
        self.kinds = kinds
        self.marked = klass["grade"] not in UNMARKED_GRADES
        self.level = {sid: rng.uniform(2.9, 4.9) for sid, _ in students}
        self.marks: list[dict] = []
        self.absences: list[dict] = []
        self.homework: list[dict] = []
        self.changes: list[dict] = []
        # (course, student) → [(mark, weight, day)] for the quarters' finals
        self.weighted: dict[tuple[int, int], list[tuple[str, int, date]]] = defaultdict(list)

    def _local(self, day: date, hh: int, mm: int) -> datetime:
        return datetime.combine(day, time(hh, mm), ZoneInfo(self.tz))

    def enter_lessons(self, rows: list[dict]) -> list[tuple[dict, datetime, bool, str | None]]:
        """Decide each lesson's fate and fill its record; returns (row, entered at, test, planted
        fault) of those entered."""
        entered, count = [], defaultdict(int)
        for row in rows:
            row |= {"topic_at": None, "attendance_taken_at": None, "work_kind_id": None}  # same keys in every row
            if row["state"] == "cancelled":
                continue
            count[row["course_id"]] += 1
            fault = _planted(self.klass["name"], self.courses[row["course_id"]], row["on_date"])
            roll = self.rng.random()
            if fault == "gap" or (fault is None and roll < GAP):
                continue
            day = row["on_date"]
            if fault == "late" or roll < GAP + LATE:
                at = self._local(day + timedelta(days=5 if fault else self.rng.randint(1, 4)), 9, self.rng.randint(0, 59))
            else:
                at = self._local(day, self.rng.randint(13, 18), self.rng.randint(0, 59))
            test = count[row["course_id"]] % TEST_EVERY == 0
            subject = self.courses[row["course_id"]]["subject"]
            row |= {"topic": f"{TOPIC_KINDS[count[row['course_id']] % len(TOPIC_KINDS)]}: {subject.lower()}, "
                             f"урок {count[row['course_id']]}",
                    "topic_at": at, "attendance_taken_at": at,
                    "work_kind_id": self.kinds["test" if test else "answer"].id,
                    "state": "held" if row["state"] == "scheduled" else row["state"]}
            entered.append((row, at, test, fault))
        return entered

    def enter_cells(self, lesson_id: int, row: dict, at: datetime, test: bool, fault: str | None,
                    sick: dict[int, set[date]], next_day: date | None) -> None:
        """Attendance, marks and homework of one entered lesson, with their change log."""
        course, day = self.courses[row["course_id"]], row["on_date"]
        late = late_minutes(at, record_due(day, self.tz))
        base = {"lesson_id": lesson_id, "entered_by": row["teacher_id"]}
        log = {"organisation_id": self.org_id, "lesson_id": lesson_id, "author_id": row["teacher_id"], "old": "",
               "reason": "внесено позже" if late else "", "closed_period": False}
        self.changes.append(log | {"student_id": None, "field": "topic", "new": row["topic"], "at": at, "late_minutes": late})
        for sid, group in self.students:
            if course["group_no"] and group != course["group_no"]:
                continue
            ill, roll = day in sick[sid], self.rng.random()
            if ill or roll < 0.015:
                self.absences.append(base | {"student_id": sid, "code": "н", "reason": "б" if ill else "",
                                             "reason_document": "справка" if ill else "", "entered_at": at,
                                             "late_minutes": late})
                self.changes.append(log | {"student_id": sid, "field": "absence", "new": "н", "at": at, "late_minutes": late})
                continue
            if not self.marked or fault == "no_marks" or not (test or roll < MARK_RATE + 0.015):
                continue
            value = str(min(5, max(2, round(self.rng.gauss(self.level[sid], 0.8)))))
            mark_at = at + timedelta(days=self.rng.randint(1, 5)) if test and fault is None else at
            due = written_mark_due(day, self.tz) if test else record_due(day, self.tz)
            mark_late = late_minutes(mark_at, due)
            self.marks.append(base | {"student_id": sid, "value": value, "work_kind_id": row["work_kind_id"],
                                      "comment": "", "entered_at": mark_at, "late_minutes": mark_late})
            self.changes.append(log | {"student_id": sid, "field": "mark", "new": value, "at": mark_at,
                                       "late_minutes": mark_late, "reason": "внесено позже" if mark_late else ""})
            self.weighted[(row["course_id"], sid)].append((value, 2 if test else 1, day))
        if self.rng.random() < 0.9:
            text = f"§ {self.rng.randint(1, 40)}, упражнения {self.rng.randint(1, 300)}–{self.rng.randint(301, 600)}"
            self.homework.append(base | {"text": text, "due_on": next_day or day + timedelta(days=7),
                                         "minutes": self.rng.choice((15, 20, 30, 40)), "visible_from": None,
                                         "entered_at": at, "late_minutes": late})
            self.changes.append(log | {"student_id": None, "field": "homework", "new": text, "at": at, "late_minutes": late})

    def finals(self, quarters: list[SchoolPeriod]) -> list[dict]:
        """Each quarter's final marks from the weighted averages, as a teacher would confirm them."""
        rows = []
        for (course_id, sid), marks in self.weighted.items():
            for q in quarters:
                value = suggest_final(weighted_average([(v, w) for v, w, d in marks if q.start <= d <= q.end]))
                if value:
                    rows.append({"course_id": course_id, "student_id": sid, "period_id": q.id, "value": value,
                                 "suggested": value, "set_by": self.courses[course_id]["teacher_id"],
                                 "set_at": self._local(q.end, 15, 0)})
        return rows


def _fill_class(session: Session, org_id: int, built, klass: dict, rows: list[dict], kinds: dict, tz: str,
                quarters: list[SchoolPeriod], rng: random.Random) -> dict[str, int]:
    if not rows:
        return {}
    year = ClassYear(org_id, klass, built.students.get(klass["id"], []), built.courses, kinds, tz, rng)
    rows.sort(key=lambda r: (r["on_date"], r["lesson_no"]))
    days = sorted({r["on_date"] for r in rows})
    sick = {sid: _sick_days(days, rng) for sid, _ in year.students}
    entered = year.enter_lessons(rows)
    ids = dict(zip(((r["course_id"], r["on_date"], r["lesson_no"]) for r in rows),
                   insert_returning_ids(session, Lesson, rows),
                   strict=True))
    next_day: dict[tuple[int, date], date] = {}
    last: dict[int, date] = {}
    for r in reversed(rows):
        next_day[(r["course_id"], r["on_date"])] = last.get(r["course_id"])
        last[r["course_id"]] = r["on_date"]
    for row, at, test, fault in entered:
        year.enter_cells(ids[(row["course_id"], row["on_date"], row["lesson_no"])], row, at, test, fault, sick,
                         next_day[(row["course_id"], row["on_date"])])
    finals = year.finals(quarters)
    for model, items in ((Mark, year.marks), (Absence, year.absences), (Homework, year.homework),
                         (EntryChange, year.changes), (FinalMark, finals)):
        if items:
            insert_rows(session, model, items)
    return {"marks": len(year.marks), "absences": len(year.absences), "homework": len(year.homework),
            "entry_changes": len(year.changes), "final_marks": len(finals)}


def fill_year(session: Session, org_id: int, year_id: int, built, lessons: list[dict], kinds: dict,
              rng: random.Random, progress) -> dict[str, int]:
    """Insert the year's lessons with everything entered on them, class by class; returns the counts."""
    tz = session.get(Organisation, org_id).timezone
    quarters = list(session.scalars(select(SchoolPeriod).where(SchoolPeriod.year_id == year_id,
                                                               SchoolPeriod.kind == "quarter")))
    by_class: dict[int, list[dict]] = defaultdict(list)
    for row in lessons:
        by_class[built.courses[row["course_id"]]["class_id"]].append(row)
    totals: dict[str, int] = defaultdict(int)
    for i, klass in enumerate(built.classes, 1):
        for key, value in _fill_class(session, org_id, built, klass, by_class.get(klass["id"], []), kinds, tz,
                                      quarters, rng).items():
            totals[key] += value
        if i % 4 == 0 or i == len(built.classes):
            progress(f"Журнал: {i}/{len(built.classes)} классов, отметок {totals['marks']}")
    return dict(totals)
