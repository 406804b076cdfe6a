"""The journal in the API: courses, students, lessons with their entries, the exchange format of
a class's period (read), and a lesson's column (write) through the grid's own entry service."""
from __future__ import annotations

from flask import Response, current_app, request

from core.api import ApiBlueprint, call_actor, paged, token_required
from core.clock import school_today
from core.db import get_session, utcnow
from journal import api_service, entry_service, exchange
from journal.api_schemas import (
    ClassFilterArgs,
    CourseSchema,
    EntriesInput,
    ExchangeSchema,
    LessonColumnSchema,
    LessonFilterArgs,
    LessonSchema,
    PeriodSchema,
    SaveResultSchema,
    StudentSchema,
)

blp = ApiBlueprint("api_journal", __name__, url_prefix="/journal",
                   description="Электронный журнал: курсы, уроки, отметки, посещаемость, задания")


@blp.route("/courses", methods=["GET"])
@token_required("journal.read", "Курсы (предметы классов)")
@blp.etag
@blp.arguments(ClassFilterArgs, location="query", as_kwargs=True)
@blp.response(200, CourseSchema(many=True))
@blp.paginate(page_size=100, max_page_size=1000)
def courses(pagination_parameters, class_id=None):
    """The courses the token's user reads: their own, their class's as class teacher, all for
    the administration."""
    session = get_session()
    rows = paged(session, api_service.courses_query(call_actor(), class_id), pagination_parameters)
    teachers = api_service.teacher_names(session, rows)
    return [{"id": c.id, "class_id": c.class_id, "class_name": c.school_class.name, "subject": c.subject.name,
             "group": c.group_no, "hours_per_week": c.hours_per_week, "teacher": teachers.get(c.teacher_id, "")}
            for c in rows]


@blp.route("/periods", methods=["GET"])
@token_required("journal.read", "Учебные периоды")
@blp.etag
@blp.response(200, PeriodSchema(many=True))
def periods():
    """The school's quarters and half-years."""
    return [{"id": p.id, "year": title, "kind": p.kind, "number": p.number, "start": p.start, "end": p.end}
            for p, title in api_service.periods(get_session(), call_actor())]


@blp.route("/courses/<int:course_id>/lessons", methods=["GET"])
@token_required("journal.read", "Уроки курса с записями")
@blp.etag
@blp.arguments(LessonFilterArgs, location="query", as_kwargs=True)
@blp.response(200, LessonSchema(many=True))
@blp.paginate(page_size=50, max_page_size=500)
def course_lessons(course_id: int, pagination_parameters, **dates):
    """A course's lessons with topics, homework, marks and absences, by date."""
    session = get_session()
    lessons = paged(session, api_service.course_lessons_query(session, call_actor(), course_id, **dates),
                    pagination_parameters)
    return api_service.lesson_records(session, lessons, school_today())


@blp.route("/students", methods=["GET"])
@token_required("journal.read", "Обучающиеся")
@blp.etag
@blp.arguments(ClassFilterArgs, location="query", as_kwargs=True)
@blp.response(200, StudentSchema(many=True))
@blp.paginate(page_size=100, max_page_size=1000)
def students(pagination_parameters, class_id=None):
    """The students the token's user may read: a parent their children, a student themself."""
    session = get_session()
    return paged(session, api_service.students_query(session, call_actor(), class_id), pagination_parameters)


@blp.route("/students/<int:student_id>/lessons", methods=["GET"])
@token_required("journal.read", "Уроки обучающегося (дневник)")
@blp.etag
@blp.arguments(LessonFilterArgs, location="query", as_kwargs=True)
@blp.response(200, LessonSchema(many=True))
@blp.paginate(page_size=50, max_page_size=500)
def student_lessons(student_id: int, pagination_parameters, **dates):
    """A student's lessons with only that student's marks and absences (the diary's data)."""
    session = get_session()
    lessons = paged(session, api_service.student_lessons_query(session, call_actor(), student_id, **dates),
                    pagination_parameters)
    return api_service.lesson_records(session, lessons, school_today(), student_id)


@blp.route("/classes/<int:class_id>/periods/<int:period_id>/exchange", methods=["GET"])
@token_required("journal.read", "Выгрузка журнала класса за период")
@blp.response(200, ExchangeSchema)
def class_period(class_id: int, period_id: int):
    """A class's period in the exchange format «reglament.journal/1» (for the deputy director and
    the director: the journal control's machine export), byte for byte as the export file."""
    data = exchange.export_period(get_session(), call_actor(), class_id, period_id)
    response = Response(data, mimetype="application/json")
    response.add_etag()
    return response.make_conditional(request)


@blp.route("/lessons/<int:lesson_id>", methods=["GET"])
@token_required("journal.read", "Колонка урока")
@blp.etag
@blp.response(200, LessonColumnSchema)
def lesson(lesson_id: int):
    """A lesson with each student's cell, to write it back with `seen`."""
    return api_service.lesson_column(get_session(), call_actor(), lesson_id, school_today())


@blp.route("/lessons/<int:lesson_id>/entries", methods=["POST"])
@token_required("marks.write", "Запись колонки урока")
@blp.arguments(EntriesInput)
@blp.response(200, SaveResultSchema)
def save_entries(data, lesson_id: int):
    """Save a lesson's column in one transaction by the grid's rules: the lesson's teacher only,
    deadlines and lateness with a reason (REG-01…07), conflicts reported and not overwritten,
    every change in the change log and the audit trail."""
    session, actor = get_session(), call_actor()
    result = entry_service.save_column(session, actor, lesson_id, api_service.column_input(session, actor, data),
                                       utcnow(), current_app.config["SCHOOL_TIMEZONE"])
    session.commit()
    return {"saved": result.saved, "conflicts": [{"field": f, "current": c} for f, c in result.conflicts],
            "late": [{"field": f, "minutes": m} for f, m in result.late]}
