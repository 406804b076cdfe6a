"""The large demo school (`reglament demo --size large`): 44 classes of four parallels, about 1,100
students with parents, about 90 teachers, the federal basic curriculum, a timetable without teacher
clashes, substitutions and cancellations, and a whole year of entries (see `demo_entries`).

Every row goes in through bulk inserts (never one ORM object per row), and the same seed always
gives the same school, so benchmarks and tests see the same data."""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from core import audit
from core.actor import Actor
from core.bulk import insert_returning_ids, insert_rows
from core.calendar_service import school_calendar
from core.demo import DemoOptions
from core.models import Organisation, Person, SchoolYear, User, UserRole
from journal import setup_service as setup
from journal.demo_curriculum import CURRICULUM, PRIMARY_SPECIALISTS, SPLIT, SURNAMES, first_names
from journal.demo_entries import fill_year
from journal.models import Course, ParentLink, SchoolClass, Student, Subject, Substitution, TimetableEntry
from journal.timetable_service import lesson_rows

LETTERS = "АБВГДЕ"
DAYS, LESSONS_A_DAY = 5, 7
TEACHER_LOAD = 14  # hours a week a generated subject teacher carries before another is hired
SEED_TEACHERS = {"Русский язык": "ivanova", "Математика": "kuznetsova", "Английский язык": "smirnova",
                 "История": "sokolova", "Информатика": "vinter"}
SEED_CLASS_TEACHERS = {"5А": "ivanova", "5Б": "smirnova"}


@dataclass(frozen=True)
class SchoolShape:
    """How big the generated school is; tests use a small shape, `--size large` the default."""

    parallels: int = 4
    grades: tuple[int, ...] = tuple(range(1, 12))
    students_per_class: tuple[int, int] = (20, 30)  # the fullest class has 30 (the benchmark's grid)
    until: date | None = None  # last day with lessons (default: the end of the last quarter)


@dataclass
class Built:
    """What the structure step made, for the entries step and the report."""

    classes: list[dict] = field(default_factory=list)  # id, name, grade
    students: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # class → [(id, group)]
    courses: dict[int, dict] = field(default_factory=dict)  # id → class_id, group_no, subject, teacher_id
    teachers_by_subject: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    clashes: int = 0


def _person_rows(org_id: int, rng: random.Random, count: int, position: str) -> list[dict]:
    rows = []
    for _ in range(count):
        surname, female = rng.choice(SURNAMES), rng.random() < 0.5
        name, patronymic = rng.choice(first_names(female))
        rows.append({"organisation_id": org_id, "surname": surname + ("а" if female and not surname.endswith("а") and
                                                                      surname[-1] in "вн" else ""),
                     "name": name, "patronymic": patronymic, "position": position})
    return rows


def _parent_row(child: dict, rng: random.Random) -> dict:
    mother = rng.random() < 0.7
    name, patronymic = rng.choice(first_names(mother))
    surname = child["surname"]
    if mother and surname[-1] in "вн":
        surname += "а"
    elif not mother and surname.endswith(("ва", "на")):
        surname = surname[:-1]
    return child | {"surname": surname, "name": name, "patronymic": patronymic, "position": "Родитель"}


def _add_users(session: Session, org_id: int, person_ids: list[int], logins: list[str], role: str,
               password_hash: str) -> list[int]:
    ids = insert_returning_ids(session, User, [
        {"login": login, "password_hash": password_hash, "active": True, "email": "", "organisation_id": org_id,
         "person_id": pid} for login, pid in zip(logins, person_ids, strict=True)])
    insert_rows(session, UserRole, [{"user_id": uid, "role": role} for uid in ids])
    return ids


def _classes(session: Session, actor: Actor, year: SchoolYear, shape: SchoolShape) -> list[dict]:
    rows = [{"organisation_id": actor.organisation_id, "year_id": year.id, "grade": grade,
             "name": f"{grade}{LETTERS[p]}", "shift": 1, "class_teacher_id": None}
            for grade in shape.grades for p in range(shape.parallels)]
    ids = insert_returning_ids(session, SchoolClass, rows)
    return [{"id": i, "name": r["name"], "grade": r["grade"]} for i, r in zip(ids, rows, strict=True)]


def _students(session: Session, org_id: int, built: Built, shape: SchoolShape, rng: random.Random,
              password_hash: str, seed_people: dict) -> None:
    """Students with one parent each (a parent's account logs in as parentNNNN)."""
    low, high = shape.students_per_class
    sizes = {c["id"]: rng.randint(low, high) for c in built.classes}
    five_a = next((c["id"] for c in built.classes if c["name"] == "5А"), None)
    if five_a:
        sizes[five_a] = high  # the benchmark's grid is 5А's: a full class
    all_rows, owners = [], []
    for c in built.classes:
        rows = _person_rows(org_id, rng, sizes[c["id"]], f"Обучающийся {c['name']} класса")
        all_rows += rows
        owners += [c["id"]] * len(rows)
    person_ids = insert_returning_ids(session, Person, all_rows)
    student_rows = [{"organisation_id": org_id, "person_id": pid, "class_id": cid, "group_no": 1 + i % 2,
                     "active": True} for i, (pid, cid) in enumerate(zip(person_ids, owners, strict=True))]
    artem, father = seed_people.get(("Попов", "Артём")), seed_people.get(("Попов", "Дмитрий"))
    if artem and five_a:  # the seed's student keeps his account and his father
        student_rows.append({"organisation_id": org_id, "person_id": artem, "class_id": five_a, "group_no": 2,
                             "active": True})
    student_ids = insert_returning_ids(session, Student, student_rows)
    for sid, row in zip(student_ids, student_rows, strict=True):
        built.students.setdefault(row["class_id"], []).append((sid, row["group_no"]))
    parent_rows = [_parent_row(child, rng) for child in all_rows]
    parent_ids = insert_returning_ids(session, Person, parent_rows)
    links = [{"parent_person_id": pid, "student_id": sid} for pid, sid in zip(parent_ids, student_ids, strict=False)]
    if artem and father and five_a:
        links.append({"parent_person_id": father, "student_id": student_ids[-1]})
    insert_rows(session, ParentLink, links)
    _add_users(session, org_id, parent_ids, [f"parent{i + 1:04d}" for i in range(len(parent_ids))], "parent",
               password_hash)
    built.counts.update(students=len(student_ids), parents=len(parent_ids))


def _hours(grade: int) -> dict[str, int]:
    return {subject: hours[grade - 1] for subject, hours in CURRICULUM.items() if hours[grade - 1]}


def _teachers(session: Session, org_id: int, built: Built, rng: random.Random, password_hash: str,
              seed_users: dict[str, int]) -> dict[int, int]:
    """Hire teachers: a primary teacher per class of grades 1–4, and subject teachers enough to
    carry every subject's hours; returns the class teacher of every class."""
    load: dict[str, int] = defaultdict(int)
    for c in built.classes:
        for subject, hours in _hours(c["grade"]).items():
            if c["grade"] > 4 or subject in PRIMARY_SPECIALISTS:
                load[subject] += hours * (2 if subject in SPLIT else 1)
    primary = [c for c in built.classes if c["grade"] <= 4]
    needed = {s: max(1, round(h / TEACHER_LOAD)) - (1 if s in SEED_TEACHERS else 0) for s, h in load.items()}
    slots = [("primary", None)] * len(primary) + [(s, None) for s, n in needed.items() for _ in range(n)]
    person_ids = insert_returning_ids(session, Person, [
        row | {"position": "Учитель начальных классов" if s == "primary" else f"Учитель ({s.lower()})"}
        for row, (s, _) in zip(_person_rows(org_id, rng, len(slots), ""), slots, strict=True)])
    user_ids = _add_users(session, org_id, person_ids, [f"teacher{i + 1:03d}" for i in range(len(slots))], "teacher",
                          password_hash)
    by_subject: dict[str, list[int]] = defaultdict(list)
    for subject, login in SEED_TEACHERS.items():
        by_subject[subject].append(seed_users[login])
    for (subject, _), uid in zip(slots, user_ids, strict=True):
        by_subject[subject].append(uid)
    built.teachers_by_subject = dict(by_subject)
    built.counts["teachers"] = len(user_ids) + len(SEED_TEACHERS)
    class_teacher = {c["id"]: uid for c, uid in zip(primary, by_subject["primary"], strict=True)}
    secondary = [uid for s, ids in by_subject.items() if s != "primary" for uid in ids]
    for i, c in enumerate(x for x in built.classes if x["grade"] > 4):
        class_teacher[c["id"]] = seed_users.get(SEED_CLASS_TEACHERS.get(c["name"], ""), secondary[i % len(secondary)])
    return class_teacher


def _courses(session: Session, org_id: int, built: Built, subject_ids: dict[str, int],
             class_teacher: dict[int, int]) -> None:
    """A course per class and subject (two for a split subject); the least loaded teacher of the
    subject takes it, a primary class teacher teaches their class everything but the specialists'."""
    given: dict[int, int] = defaultdict(int)
    rows = []
    for c in built.classes:
        for subject, hours in _hours(c["grade"]).items():
            for group in ((1, 2) if subject in SPLIT else (None,)):
                if c["grade"] <= 4 and subject not in PRIMARY_SPECIALISTS:
                    teacher = class_teacher[c["id"]]
                else:
                    teacher = min(built.teachers_by_subject[subject], key=lambda t: (given[t], t))
                given[teacher] += hours
                rows.append({"organisation_id": org_id, "class_id": c["id"], "group_no": group,
                             "subject_id": subject_ids[subject], "teacher_id": teacher, "hours_per_week": hours})
    for cid, row in zip(insert_returning_ids(session, Course, rows), rows, strict=True):
        built.courses[cid] = {**row, "subject": next(s for s, i in subject_ids.items() if i == row["subject_id"])}


def _timetable(session: Session, org_id: int, built: Built, year: SchoolYear) -> None:
    """Each class's week: every hour on the earliest free lesson of a day without that subject,
    where the teachers are free (a clash is allowed only when no such slot is left, and counted)."""
    busy: set[tuple[int, int, int]] = set()
    by_class: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for cid, c in built.courses.items():
        by_class[c["class_id"]][c["subject"]].append(cid)
    rows = []
    for subjects in by_class.values():
        taken: set[tuple[int, int]] = set()
        days_of: dict[str, set[int]] = defaultdict(set)
        units = [(s, ids) for s, ids in subjects.items() for _ in range(built.courses[ids[0]]["hours_per_week"])]
        units.sort(key=lambda u: -built.courses[u[1][0]]["hours_per_week"])
        for subject, ids in units:
            teachers = [built.courses[i]["teacher_id"] for i in ids]
            free = [(n, d) for n in range(1, LESSONS_A_DAY + 1) for d in range(DAYS) if (d, n) not in taken]
            fits = [s for s in free if s[1] not in days_of[subject] and all((t, s[1], s[0]) not in busy for t in teachers)]
            clash_free = [s for s in free if all((t, s[1], s[0]) not in busy for t in teachers)]
            number, day = (fits or clash_free or free)[0]
            built.clashes += not (fits or clash_free)
            taken.add((day, number))
            days_of[subject].add(day)
            busy.update((t, day, number) for t in teachers)
            rows += [{"organisation_id": org_id, "course_id": i, "weekday": day, "lesson_no": number,
                      "valid_from": year.start, "valid_to": year.end} for i in ids]
    insert_rows(session, TimetableEntry, rows)


def _substitutions(org_id: int, built: Built, lessons: list[dict], rng: random.Random) -> list[dict]:
    """About 1.5 % of lessons cancelled and 2 % given to another teacher of the subject."""
    subs = []
    for row in lessons:
        roll = rng.random()
        course = built.courses[row["course_id"]]
        others = [t for t in built.teachers_by_subject.get(course["subject"], []) if t != row["teacher_id"]]
        if roll < 0.015:
            row["state"] = "cancelled"
            subs.append({"kind": "cancel", "substitute_id": None, "reason": "Учитель на курсах повышения квалификации"})
        elif roll < 0.035 and others:
            row["state"], row["teacher_id"] = "replaced", rng.choice(others)
            subs.append({"kind": "replace", "substitute_id": row["teacher_id"], "reason": "Болезнь учителя"})
        else:
            continue
        subs[-1] |= {"organisation_id": org_id, "on_date": row["on_date"], "course_id": row["course_id"],
                     "lesson_no": row["lesson_no"], "new_lesson_no": None}
    return subs


def load(session: Session, actor: Actor, school: Organisation, options: DemoOptions) -> dict[str, int]:
    """Generate the large school into the demo school's 2017/2018 year; returns what was made."""
    shape, rng, progress = options.shape or SchoolShape(), random.Random(options.seed), options.progress
    org_id, built = school.id, Built()
    year = session.scalar(select(SchoolYear).where(SchoolYear.organisation_id == org_id))
    users = dict(session.execute(select(User.login, User.id).where(User.organisation_id == org_id)).all())
    seed_people = {(p.surname, p.name): p.id for p in session.scalars(select(Person).where(Person.organisation_id == org_id))}
    setup.set_bells(session, actor)
    kinds = setup.ensure_work_kinds(session, org_id)
    password_hash = generate_password_hash("reglament-demo")  # one hash for all generated accounts: demo only
    built.classes = _classes(session, actor, year, shape)
    _students(session, org_id, built, shape, rng, password_hash, seed_people)
    progress(f"Классы: {len(built.classes)}, обучающиеся: {built.counts['students']}")
    class_teacher = _teachers(session, org_id, built, rng, password_hash, users)
    session.execute(update(SchoolClass), [{"id": c["id"], "class_teacher_id": class_teacher[c["id"]]}
                                          for c in built.classes])
    subject_ids = dict(zip(CURRICULUM, insert_returning_ids(session, Subject, [
        {"organisation_id": org_id, "name": s} for s in CURRICULUM]), strict=True))
    _courses(session, org_id, built, subject_ids, class_teacher)
    _timetable(session, org_id, built, year)
    calendar = school_calendar(session, org_id, title=year.title)
    lessons = lesson_rows(session, org_id, calendar, year.start, shape.until or calendar.quarter_ends()[-1])
    subs = _substitutions(org_id, built, lessons, rng)
    insert_rows(session, Substitution, subs)
    progress(f"Учителя: {built.counts['teachers']}, курсы: {len(built.courses)}, уроки: {len(lessons)}")
    built.counts |= fill_year(session, org_id, year.id, built, lessons, kinds, rng, progress)
    built.counts |= {"classes": len(built.classes), "courses": len(built.courses), "lessons": len(lessons),
                     "substitutions": len(subs), "timetable_clashes": built.clashes}
    audit.record(session, actor, "demo.large_school", object_type="organisation", object_id=org_id,
                 new={"seed": options.seed, **built.counts})
    progress("Итого: " + ", ".join(f"{key} {value}" for key, value in built.counts.items()))
    return built.counts
