"""Forms of the local act pages."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice, SelectField
from wtforms.validators import DataRequired, Length, Optional

FLAG_HELP = {
    "affects_students": ("Затрагивает права обучающихся",
                         "нужны мнения совета обучающихся и совета родителей (273-ФЗ ст. 30 ч. 3)"),
    "affects_employees": ("Затрагивает права работников",
                          "нужно мотивированное мнение профсоюза (ТК РФ ст. 372)"),
    "labour_norms": ("Содержит нормы трудового права",
                     "без учёта мнения профсоюза нормы не применяются (ТК РФ ст. 8 ч. 4)"),
    "part2": ("Акт по ст. 30 ч. 2 (текущий контроль, аттестация, приём…)",
              "размещается на сайте в течение 10 рабочих дней после принятия (273-ФЗ ст. 29)"),
    "needs_founder": ("Требует согласования с Учредителем",
                      "когда этого требуют закон, акты учредителя или устав (273-ФЗ ст. 25)"),
}


class ActForm(FlaskForm):
    """A new act: kind, title, legal flags and the starting text."""

    kind = SelectField("Вид акта", validators=[DataRequired()])
    title = StringField("Название", validators=[DataRequired("Укажите название."), Length(max=500)])
    affects_students = BooleanField(FLAG_HELP["affects_students"][0], description=FLAG_HELP["affects_students"][1])
    affects_employees = BooleanField(FLAG_HELP["affects_employees"][0], description=FLAG_HELP["affects_employees"][1])
    labour_norms = BooleanField(FLAG_HELP["labour_norms"][0], description=FLAG_HELP["labour_norms"][1])
    part2 = BooleanField(FLAG_HELP["part2"][0], description=FLAG_HELP["part2"][1])
    needs_founder = BooleanField(FLAG_HELP["needs_founder"][0], description=FLAG_HELP["needs_founder"][1])
    text = TextAreaField("Текст", validators=[DataRequired("Текст пуст."), Length(max=400_000)])


class TemplateForm(FlaskForm):
    """Start a draft from a template."""

    template = HiddenField(validators=[DataRequired()])


class EditForm(FlaskForm):
    """Edit the text; `base_sha` is the version the editor started from."""

    title = StringField("Название", validators=[DataRequired("Укажите название."), Length(max=500)])
    text = TextAreaField("Текст", validators=[DataRequired("Текст пуст."), Length(max=400_000)])
    base_sha = HiddenField(validators=[DataRequired()])


class UploadForm(FlaskForm):
    """Replace the text by an uploaded Word file."""

    file = FileField("Файл Word (.docx)", validators=[FileRequired("Выберите файл.")])
    base_sha = HiddenField(validators=[DataRequired()])


class CommentForm(FlaskForm):
    """A comment on a paragraph."""

    block = HiddenField(validators=[DataRequired()])
    parent = HiddenField(validators=[Optional()])
    text = TextAreaField("Комментарий", validators=[DataRequired("Комментарий пуст."), Length(max=5000)])


class KindForm(FlaskForm):
    """A new kind of act."""

    code = StringField("Код (латиницей)", validators=[DataRequired(), Length(max=40)])
    title = StringField("Название вида", validators=[DataRequired(), Length(max=120)])
    adopting_body = SelectField("Кто принимает (по уставу)", choices=[
        SelectChoice("pedagogical", "Педагогический совет"), SelectChoice("governing", "Управляющий совет"),
        SelectChoice("director", "Директор")])
    needs_founder = BooleanField("Требует согласования с Учредителем")
