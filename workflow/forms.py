"""Forms of the plan pages."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice, SelectField
from wtforms.validators import DataRequired, Length, Optional


class PlanUploadForm(FlaskForm):
    """Upload of a plan file for the preview."""

    file = FileField("Файл плана-графика (.docx или текстовая выгрузка .txt)",
                     validators=[FileRequired("Выберите файл.")])


class PlanConfirmForm(FlaskForm):
    """The preview's "save" button: it carries the file back, to be read again."""

    file_b64 = HiddenField(validators=[DataRequired()])
    filename = HiddenField(validators=[DataRequired()])


class TransitionForm(FlaskForm):
    """A status change of a task; `state` is the state the page showed (stale forms are refused)."""

    action = HiddenField(validators=[DataRequired()])
    state = HiddenField(validators=[DataRequired()])
    reason = StringField("Причина", validators=[Optional(), Length(max=1000)])


class CommentForm(FlaskForm):
    """A comment on a task."""

    text = TextAreaField("Комментарий", validators=[DataRequired("Комментарий пуст."),
                                                     Length(max=5000)])


class EvidenceForm(FlaskForm):
    """Proof that a task was done."""

    kind = SelectField("Вид", choices=[SelectChoice("link", "Ссылка"), SelectChoice("file", "Файл"),
                                       SelectChoice("act", "Локальный акт (№ в системе)"),
                                       SelectChoice("order", "Приказ (№ в системе)"),
                                       SelectChoice("meeting", "Заседание (№ в системе)")])
    title = StringField("Что подтверждает выполнение", validators=[DataRequired("Укажите название."),
                                                                   Length(max=500)])
    url = StringField("Ссылка", validators=[Optional(), Length(max=1000)])
    ref_id = StringField("Номер документа в системе", validators=[Optional(), Length(max=12)])
    file = FileField("Файл")
