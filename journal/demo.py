"""Demo data of the journal: 5А and 5Б with students and parents, subjects, the timetable, and the
first quarter of 2017/2018 entered — with late entries and gaps planted where a deputy should find
them. Written with bulk inserts and a fixed random seed, so every demo is the same."""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from core.actor import Actor
from core.calendar_service import school_calendar
from core.models import Organisation, Person, SchoolYear, User
from journal import setup_service as setup
from journal.deadlines import record_due
from journal.models import Absence, Course, Homework, Lesson, Mark, ParentLink, Student
from journal.timetable_service import generate_lessons

TZ = "Asia/Yekaterinburg"
SURNAMES = ("Андреев", "Борисова", "Васильев", "Григорьева", "Дмитриев", "Егорова", "Жуков", "Зайцева", "Ильин",
            "Королёва", "Лебедев", "Морозова", "Никитин", "Орлова", "Павлов", "Романова", "Соловьёв", "Тихонова",
            "Уткин", "Фомина", "Харитонов", "Цветкова", "Чернов", "Шестакова")
NAMES = (("Артём", "Дмитриевич"), ("Анна", "Сергеевна"), ("Максим", "Игоревич"), ("Мария", "Андреевна"),
         ("Иван", "Олегович"), ("Дарья", "Павловна"))
# subject: (teacher login, hours a week, split into groups)
CURRICULUM = {"Русский язык": ("ivanova", 5, False), "Литература": ("ivanova", 3, False),
              "Математика": ("kuznetsova", 5, False), "Английский язык": ("smirnova", 3, True),
              "История": ("sokolova", 2, False), "Информатика": ("vinter", 1, True),
              "Биология": ("sokolova", 1, False), "Физическая культура": ("vinter", 3, False)}
Q1 = (date(2017, 9, 1), date(2017, 10, 28))


def _users(session: Session, org_id: int) -> dict[str, int]:
    return dict(session.execute(select(User.login, User.id).where(User.organisation_id == org_id)).all())


def _students(session, actor, school, klass, rng, artem: Person | None, father: Person | None) -> None:
    for i, surname in enumerate(rng.sample(SURNAMES, 12)):
        name, patronymic = NAMES[i % len(NAMES)]
        female = name in ("Анна", "Мария", "Дарья")
        surname = surname if not female or surname.endswith("а") else surname + "а"
        setup.add_student(session, actor, school, klass, surname, name, patronymic, group_no=1 + i % 2,
                          parent=(surname, "Елена" if i % 2 else "Сергей", "Викторовна" if i % 2 else "Иванович"))
    if artem is not None:
        student = Student(organisation_id=school.id, person_id=artem.id, class_id=klass.id, group_no=2)
        session.add(student)
        session.flush()
        if father is not None:
            session.add(ParentLink(parent_person_id=father.id, student_id=student.id))


def _timetable(session, actor, klass, users, year: SchoolYear) -> None:
    slots = [(d, n) for n in range(1, 7) for d in range(5)]
    position = 0
    for subject_name, (login, hours, split) in CURRICULUM.items():
        subject = setup.add_subject(session, actor, subject_name)
        groups = (1, 2) if split else (None,)
        courses = [setup.add_course(session, actor, klass, subject, users[login], hours, g) for g in groups]
        for _ in range(hours):
            weekday, number = slots[position]
            for course in courses:  # the two groups of a split subject study side by side
                setup.add_timetable(session, actor, course, weekday, number, year.start, year.end)
            position += 1


def _local(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), ZoneInfo(TZ))


def _fill_quarter(session: Session, org_id: int, rng: random.Random) -> None:
    """Topics, attendance, marks and homework of the first quarter; about 6 % of records entered
    late and 3 % missing — what the deputy's controls must find."""
    lessons = session.execute(select(Lesson.id, Lesson.on_date, Lesson.course_id, Lesson.teacher_id).where(
        Lesson.organisation_id == org_id, Lesson.on_date.between(*Q1), Lesson.state != "cancelled")).all()
    students = session.execute(select(Student.id, Student.class_id, Student.group_no)).all()
    course_of = {c.id: c for c in session.scalars(select(Course).where(Course.organisation_id == org_id))}
    lesson_updates, marks, absences, homework = [], [], [], []
    for lesson_id, day, course_id, teacher_id in lessons:
        roll = rng.random()
        if roll < 0.03:
            continue  # a gap: nothing entered for this lesson
        entered = _local(day, 15, rng.randint(0, 59)) if roll > 0.09 else _local(day + timedelta(days=rng.randint(1, 4)), 9, 30)
        lesson_updates.append({"id": lesson_id, "topic": f"Тема урока {day:%d.%m}", "topic_at": entered,
                               "attendance_taken_at": entered, "state": "held"})
        course = course_of[course_id]
        for sid, class_id, group in students:
            if class_id != course.class_id or (course.group_no and group != course.group_no):
                continue
            base = {"lesson_id": lesson_id, "student_id": sid, "entered_at": entered, "entered_by": teacher_id,
                    "late_minutes": max(0, int((entered - record_due(day, TZ)).total_seconds() // 60))}
            if rng.random() < 0.05:
                absences.append(base | {"code": "н", "reason": "", "reason_document": ""})
            elif rng.random() < 0.3:
                marks.append(base | {"value": rng.choice("5554443332"), "comment": "", "work_kind_id": None})
        if rng.random() > 0.05:
            homework.append({"lesson_id": lesson_id, "text": f"Упражнения к уроку {day:%d.%m}", "due_on": day + timedelta(days=2),
                             "minutes": rng.choice((15, 20, 30)), "entered_at": entered, "entered_by": teacher_id,
                             "late_minutes": 0})
    session.execute(update(Lesson), lesson_updates)
    for model, rows in ((Mark, marks), (Absence, absences), (Homework, homework)):
        if rows:
            session.execute(insert(model), rows)


def load(session: Session, actor: Actor, school: Organisation, options=None) -> None:
    """5А (class teacher Иванова Т.Н.) and 5Б (Смирнова А.П.), their timetable and a quarter of entries."""
    rng = random.Random(2017)
    users = _users(session, school.id)
    year = session.scalar(select(SchoolYear).where(SchoolYear.organisation_id == school.id))
    setup.set_bells(session, actor)
    setup.ensure_work_kinds(session, school.id)
    people = {(p.surname, p.name): p for p in session.scalars(select(Person).where(Person.organisation_id == school.id))}
    for name, teacher in (("5А", "ivanova"), ("5Б", "smirnova")):
        klass = setup.add_class(session, actor, year, name, users[teacher])
        artem = people.get(("Попов", "Артём")) if name == "5А" else None
        _students(session, actor, school, klass, rng, artem, people.get(("Попов", "Дмитрий")))
        _timetable(session, actor, klass, users, year)
    generate_lessons(session, school.id, school_calendar(session, school.id, title=year.title), year.start, Q1[1])
    _fill_quarter(session, school.id, rng)
