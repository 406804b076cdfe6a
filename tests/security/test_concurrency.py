"""Sixteen teachers save marks at once against the app served on loopback: every acknowledged
write is in the database afterwards, no 500, no deadlock (both databases). The run lasts
REGLAMENT_STRESS_SECONDS (10 s here; 60 s in the benchmark's full run)."""
from __future__ import annotations

import os
import random
import re
import threading
import time
from datetime import date

import requests
from sqlalchemy import select

from core.actor import system_actor
from core.calendar_service import school_calendar
from core.models import SchoolYear
from journal import setup_service as setup
from journal.grid_service import cell_text
from journal.models import Absence, Lesson, Mark
from journal.timetable_service import generate_lessons
from tests import factories
from tests.journal import school as js

TEACHERS, STUDENTS = 16, 10
SECONDS = float(os.environ.get("REGLAMENT_STRESS_SECONDS", "10"))
VALUES = ["5", "4", "3", "2", "н", "о", ""]


def _sixteen_courses(session, school) -> tuple[list, dict[int, list[int]], list[int]]:
    """Class 5Б with 10 students and 16 courses, each with its own teacher and weekly slot."""
    js.build(session, school, n_students=1)
    admin = system_actor(school.id)
    year = session.scalar(select(SchoolYear))
    klass = setup.add_class(session, admin, year, "5Б", None)
    students = [setup.add_student(session, admin, school, klass, f"Нагрузка{i:02d}", "Ученик", "").id for i in range(STUDENTS)]
    teachers, courses = [], {}
    for i in range(TEACHERS):
        user = factories.make_user(session, school, ["teacher"], login=f"stress{i:02d}")
        course = setup.add_course(session, admin, klass, setup.add_subject(session, admin, f"Предмет {i}"), user.id, 1)
        setup.add_timetable(session, admin, course, i % 5, 1 + i // 5, year.start, year.end)
        teachers.append(user)
        courses[user.id] = course.id
    generate_lessons(session, school.id, school_calendar(session, school.id, title="2017/2018"), year.start,
                     date(2017, 9, 30))
    session.commit()
    lessons = {t.id: list(session.scalars(select(Lesson.id).where(Lesson.course_id == courses[t.id]))) for t in teachers}
    return teachers, lessons, students


class Teacher(threading.Thread):
    """Signs in, then saves random columns of their own lessons until the deadline, remembering
    what the server acknowledged."""

    def __init__(self, base: str, login: str, lessons: list[int], students: list[int], until: float):
        super().__init__()
        self.base, self.login, self.lessons, self.students, self.until = base, login, lessons, students, until
        self.known: dict[tuple[int, int], str] = {}
        self.saves, self.failures = 0, []

    def run(self) -> None:
        http, rng = requests.Session(), random.Random(self.login)
        page = http.get(self.base + "/login").text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        http.post(self.base + "/login", data={"csrf_token": token, "login": self.login, "password": factories.PASSWORD})
        while time.monotonic() < self.until:
            lesson = rng.choice(self.lessons)
            typed = {sid: rng.choice(VALUES) for sid in self.students}
            seen = ";".join(f"{sid}:{self.known.get((lesson, sid), '')}" for sid in self.students)
            data = {"csrf_token": token, "seen": seen, "reason": "нагрузочный тест", "back": "/journal/"}
            data |= {f"c_{sid}": value for sid, value in typed.items()}
            response = http.post(f"{self.base}/journal/lesson/{lesson}", data=data, allow_redirects=False)
            if response.status_code == 302:
                self.saves += 1
                self.known.update({(lesson, sid): value for sid, value in typed.items()})
            else:
                self.failures.append((response.status_code, re.sub(r"\s+", " ", response.text)[-300:]))


def test_sixteen_teachers_saving_at_once_lose_nothing(served, session, school):
    teachers, lessons, students = _sixteen_courses(session, school)
    until = time.monotonic() + SECONDS
    threads = [Teacher(served, t.login, lessons[t.id], students, until) for t in teachers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=SECONDS + 120)
    assert [f for t in threads for f in t.failures] == []
    saves = sum(t.saves for t in threads)
    assert saves >= TEACHERS  # everybody got through at least once
    session.expire_all()
    marks = {(m.lesson_id, m.student_id): m for m in session.scalars(select(Mark).where(Mark.student_id.in_(students)))}
    absences = {(a.lesson_id, a.student_id): a for a in session.scalars(select(Absence).where(Absence.student_id.in_(students)))}
    acknowledged = {key: value for t in threads for key, value in t.known.items()}
    stored = {key: cell_text(marks.get(key), absences.get(key)) for key in acknowledged}
    assert stored == acknowledged
    print(f"\n{saves} column saves by {TEACHERS} teachers in {SECONDS:.0f} s, {len(acknowledged)} cells checked")
