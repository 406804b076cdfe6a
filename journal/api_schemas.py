"""Schemas of the journal in the API, and of the journal exchange format (reglament.journal/1)
so that a regional portal can read the format from the OpenAPI document."""
from __future__ import annotations

import marshmallow as ma

from core.api import DateRangeArgs
from journal import exchange_schema
from journal.models.entries import LESSON_STATES

F = ma.fields


class CourseSchema(ma.Schema):
    """A subject taught to a class or to one of its groups."""

    id = F.Integer()
    class_id = F.Integer()
    class_name = F.String(metadata={"example": "5А"})
    subject = F.String()
    group = F.Integer(allow_none=True)
    hours_per_week = F.Integer()
    teacher = F.String()


class StudentSchema(ma.Schema):
    """A student (personal data: visible only to those who may read them, SEC-02)."""

    id = F.Integer()
    class_id = F.Integer()
    surname = F.Function(lambda s: s.person.surname)
    name = F.Function(lambda s: s.person.name)
    patronymic = F.Function(lambda s: s.person.patronymic)
    group = F.Integer(attribute="group_no")


class MarkSchema(ma.Schema):
    """A mark of a student at a lesson."""

    student_id = F.Integer()
    value = F.String(metadata={"example": "5"})
    kind = F.String(allow_none=True, metadata={"description": "Код вида работы"})
    comment = F.String()
    late_minutes = F.Integer(metadata={"description": "На сколько минут позже срока внесена (REG-02…04)"})


class AbsenceSchema(ma.Schema):
    """An absence: н (пропуск), б (болезнь), у (уважительная), о (опоздание)."""

    student_id = F.Integer()
    code = F.String()
    reason = F.String()


class HomeworkSchema(ma.Schema):
    """Homework set at a lesson."""

    text = F.String()
    due_on = F.Date(allow_none=True)
    minutes = F.Integer(allow_none=True)


class LessonSchema(ma.Schema):
    """A lesson with its entries."""

    id = F.Integer()
    course_id = F.Integer()
    date = F.Date()
    lesson_no = F.Integer()
    state = F.String(metadata={"enum": list(LESSON_STATES)})
    topic = F.String()
    work_kind = F.String(allow_none=True)
    attendance_taken = F.Boolean()
    homework = F.Nested(HomeworkSchema, allow_none=True)
    marks = F.List(F.Nested(MarkSchema))
    absences = F.List(F.Nested(AbsenceSchema))


class ColumnStudentSchema(ma.Schema):
    """A student's cell of a lesson column: what to send back as `seen` when writing."""

    id = F.Integer()
    name = F.String()
    cell = F.String(metadata={"example": "5", "description": "Отметка, «н», «б»… или пусто"})


class LessonColumnSchema(LessonSchema):
    """A lesson with its students' cells, for writing."""

    students = F.List(F.Nested(ColumnStudentSchema))
    writable = F.Boolean(metadata={"description": "Может ли владелец токена вносить записи"})


class CellInput(ma.Schema):
    """A cell to write: the new text and what the client read before (conflicts are reported)."""

    student_id = F.Integer(required=True, validate=ma.validate.Range(1, 2**31 - 1))
    value = F.String(required=True, validate=ma.validate.Length(max=20),
                     metadata={"example": "5", "description": "Как в клетке журнала: «5», «4-», «н», «н 4», пусто — стереть"})
    seen = F.String(load_default="", validate=ma.validate.Length(max=20))
    kind = F.String(validate=ma.validate.Length(max=20), metadata={"description": "Код вида работы отметки"})
    comment = F.String(validate=ma.validate.Length(max=500))


class EntriesInput(ma.Schema):
    """A lesson's column to save, as the teacher's grid sends it (REG-01…07 apply)."""

    cells = F.List(F.Nested(CellInput), load_default=list, validate=ma.validate.Length(max=60))
    topic = F.String(validate=ma.validate.Length(max=2000))
    seen_topic = F.String(load_default="", validate=ma.validate.Length(max=2000))
    homework = F.String(validate=ma.validate.Length(max=4000))
    seen_homework = F.String(load_default="", validate=ma.validate.Length(max=4000))
    homework_due = F.Date()
    homework_minutes = F.Integer(validate=ma.validate.Range(0, 600))
    attendance_taken = F.Boolean(load_default=False)
    work_kind = F.String(validate=ma.validate.Length(max=20))
    reason = F.String(load_default="", validate=ma.validate.Length(max=2000),
                      metadata={"description": "Причина записи позже срока (REG-07)"})


class ConflictSchema(ma.Schema):
    """A cell someone else changed after the client read it: not written."""

    field = F.String()
    current = F.String()


class LateSchema(ma.Schema):
    """An entry made after its deadline, with the delay."""

    field = F.String()
    minutes = F.Integer()


class SaveResultSchema(ma.Schema):
    """What a save did."""

    saved = F.Integer()
    conflicts = F.List(F.Nested(ConflictSchema))
    late = F.List(F.Nested(LateSchema))


class ClassFilterArgs(ma.Schema):
    """Limit to one class."""

    class_id = F.Integer(validate=ma.validate.Range(1, 2**31 - 1))


class PeriodSchema(ma.Schema):
    """A period of a school year (a quarter or a half-year)."""

    id = F.Integer()
    year = F.String(metadata={"example": "2017/2018"})
    kind = F.String()
    number = F.Integer()
    start = F.Date()
    end = F.Date()


LessonFilterArgs = DateRangeArgs


ExchangeSchema = exchange_schema.ExchangeSchema
