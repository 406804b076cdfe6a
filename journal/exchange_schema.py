"""The journal exchange format «reglament.journal/1» as a schema: what an import accepts (every
field, its type and the columns' lengths) and what the OpenAPI document shows a regional portal."""
from __future__ import annotations

import marshmallow as ma

from core.errors import field_errors

F, V = ma.fields, ma.validate
FORMAT = "reglament.journal/1"


def _text(size: int, **kw):
    return F.String(required=True, validate=V.Length(max=size), **kw)


def _maybe(field):
    field.required, field.allow_none = True, True
    return field


class _Strict(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class ExchangeNameSchema(_Strict):
    """A person's name."""

    surname, name, patronymic = _text(100), _text(100), _text(100)


class ExchangeSchoolSchema(_Strict):
    """The school the period comes from."""

    name = _text(500)


class ExchangeYearSchema(_Strict):
    """The school year."""

    title, start, end = _text(20), F.Date(required=True), F.Date(required=True)


class ExchangePeriodSchema(_Strict):
    """The quarter or half-year."""

    kind, number = _text(16), F.Integer(required=True, validate=V.Range(1, 4))
    start, end = F.Date(required=True), F.Date(required=True)


class ExchangeClassSchema(_Strict):
    """The class."""

    name, grade, shift = _text(10), F.Integer(required=True, validate=V.Range(1, 11)), F.Integer(required=True, validate=V.Range(1, 3))


class ExchangeWorkKindSchema(_Strict):
    """A kind of work with its weight."""

    code, name = _text(20), _text(80)
    weight, written = F.Integer(required=True, validate=V.Range(1, 10)), F.Boolean(required=True)


class ExchangeStudentSchema(ExchangeNameSchema):
    """A student, keyed within the document."""

    key = _text(20, metadata={"example": "s1"})
    birth_date, group = _maybe(F.Date()), F.Integer(required=True, validate=V.Range(1, 2))


class ExchangeCourseSchema(_Strict):
    """A course, keyed within the document."""

    key, subject = _text(20, metadata={"example": "c1"}), _text(120)
    group, hours = _maybe(F.Integer(validate=V.Range(1, 2))), F.Integer(required=True, validate=V.Range(0, 40))
    teacher = F.Nested(ExchangeNameSchema, required=True)


class ExchangeHomeworkSchema(_Strict):
    """Homework set at the lesson."""

    text, due = _text(4000), _maybe(F.Date())
    minutes, visible_from = _maybe(F.Integer(validate=V.Range(0, 600))), _maybe(F.Date())


class ExchangeMarkSchema(_Strict):
    """A mark."""

    student, value, kind = _text(20), _text(8), _maybe(F.String(validate=V.Length(max=20)))


class ExchangeAbsenceSchema(_Strict):
    """An absence and its reason code."""

    student, code, reason = _text(20), _text(2), _text(2)


class ExchangeLessonSchema(_Strict):
    """A lesson with its entries."""

    course, date, no = _text(20), F.Date(required=True), F.Integer(required=True, validate=V.Range(0, 12))
    state, topic = _text(16), _text(2000)
    attendance_taken, work_kind = F.Boolean(required=True), _maybe(F.String(validate=V.Length(max=20)))
    homework = _maybe(F.Nested(ExchangeHomeworkSchema))
    marks = F.List(F.Nested(ExchangeMarkSchema), required=True)
    absences = F.List(F.Nested(ExchangeAbsenceSchema), required=True)


class ExchangeFinalSchema(_Strict):
    """A final mark of the period."""

    course, student, value = _text(20), _text(20), _text(8)


class ExchangeSchema(_Strict):
    """A class's period in the exchange format «reglament.journal/1» (ARC-01): canonical JSON,
    students and courses by keys local to the document."""

    schema = F.String(required=True, validate=V.Equal(FORMAT))
    school = F.Nested(ExchangeSchoolSchema, required=True)
    year = F.Nested(ExchangeYearSchema, required=True)
    period = F.Nested(ExchangePeriodSchema, required=True)
    school_class = F.Nested(ExchangeClassSchema, required=True, data_key="class")  # "class" is a keyword
    work_kinds = F.List(F.Nested(ExchangeWorkKindSchema), required=True)
    students = F.List(F.Nested(ExchangeStudentSchema), required=True)
    courses = F.List(F.Nested(ExchangeCourseSchema), required=True)
    lessons = F.List(F.Nested(ExchangeLessonSchema), required=True)
    finals = F.List(F.Nested(ExchangeFinalSchema), required=True)


def problems(doc) -> list[str]:
    """What is wrong with a decoded document, in lines a person can act on; [] when it is sound.
    Keys must point to students, courses and work kinds of the same document."""
    errors = ExchangeSchema().validate(doc) if isinstance(doc, dict) else {"": ["ожидается объект JSON"]}
    if errors:
        return field_errors(errors)[:20]
    students = {s["key"] for s in doc["students"]}
    courses = {c["key"] for c in doc["courses"]}
    kinds = {k["code"] for k in doc["work_kinds"]}
    out = []
    for i, lesson in enumerate(doc["lessons"]):
        refs = [("course", lesson["course"], courses)] + [("student", e["student"], students)
                                                           for e in lesson["marks"] + lesson["absences"]]
        refs += [("kind", k, kinds) for k in [lesson["work_kind"]] + [m["kind"] for m in lesson["marks"]] if k]
        out += [f"lessons.{i}: нет {what} «{key}»" for what, key, known in refs if key not in known]
    out += [f"finals.{i}: неизвестный ключ" for i, f in enumerate(doc["finals"])
            if f["course"] not in courses or f["student"] not in students]
    return out[:20]
