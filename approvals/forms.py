"""Forms of the approval pages."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from approvals.models import COUNCIL_KINDS, OPINION_VERDICTS, VOTE_CHOICES
from approvals.route_rules import DISCUSSION_BODIES


def _choices(mapping: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(k, v) for k, v in mapping.items()]


class StartRouteForm(FlaskForm):
    """Take a draft out of draft: chosen discussion rounds and optional legal review."""

    state = HiddenField(validators=[DataRequired()])
    discussions = SelectMultipleField("Обсуждение проекта", choices=_choices(DISCUSSION_BODIES),
                                      validate_choice=True)
    legal_review = BooleanField("Правовая экспертиза (при необходимости)")


class StateForm(FlaskForm):
    """An action that only carries the state the page showed."""

    state = HiddenField(validators=[DataRequired()])


class NoteForm(FlaskForm):
    """A result with a note (discussion, review, consultations, protocol)."""

    note = TextAreaField("Результат", validators=[Optional(), Length(max=5000)])
    agreed = BooleanField("Согласие достигнуто")


class OpinionForm(FlaskForm):
    """A body's opinion recorded from its letter or protocol."""

    verdict = SelectField("Мнение", choices=_choices(OPINION_VERDICTS))
    text = TextAreaField("Мотивировка, предложения", validators=[Optional(), Length(max=20000)])
    received_on = DateField("Получено", validators=[DataRequired("Укажите дату получения.")])
    protocol_no = StringField("Протокол №", validators=[Optional(), Length(max=40)])
    protocol_date = DateField("от", validators=[Optional()])
    scan = FileField("Скан письма или протокола")


class AdoptForm(FlaskForm):
    """Adoption by the director; a reason allows adoption with missing steps (director only, L4)."""

    state = HiddenField(validators=[DataRequired()])
    override_reason = TextAreaField("Причина принятия с нарушением порядка",
                                    validators=[Optional(), Length(max=5000)])


class FounderForm(FlaskForm):
    """The founder's answer."""

    decision = SelectField("Решение", choices=[SelectChoice("coordinate", "Согласовать"),
                                               SelectChoice("return", "Вернуть с замечаниями")])
    remarks = TextAreaField("Замечания", validators=[Optional(), Length(max=20000)])


class CouncilForm(FlaskForm):
    """A new council with its rules."""

    kind = SelectField("Вид", choices=_choices(COUNCIL_KINDS))
    name = StringField("Название", validators=[DataRequired(), Length(max=200)])
    quorum_num = IntegerField("Кворум: числитель", default=2, validators=[NumberRange(1, 100)])
    quorum_den = IntegerField("знаменатель", default=3, validators=[NumberRange(1, 100)])
    majority = SelectField("Решение принимается", choices=[SelectChoice("simple", "простым большинством присутствующих"),
                                                           SelectChoice("two_thirds", "2/3 присутствующих"),
                                                           SelectChoice("members", "большинством списочного состава")])
    formed = BooleanField("Орган сформирован", default=True)
    silence_is_consent = BooleanField("Молчание в срок считается согласием")


class MemberForm(FlaskForm):
    """Add a person to a council."""

    person_id = SelectField("Сотрудник или представитель", coerce=int)
    role = SelectField("Роль", choices=[SelectChoice("member", "член"), SelectChoice("chair", "председатель"),
                                        SelectChoice("secretary", "секретарь")])
    term_start = DateField("С", validators=[DataRequired()])
    term_end = DateField("По", validators=[Optional()])


class MeetingForm(FlaskForm):
    """A new meeting with its agenda."""

    held_on = DateField("Дата заседания", validators=[DataRequired()])
    acts = SelectMultipleField("Акты на рассмотрение", coerce=int)
    other = TextAreaField("Другие вопросы (по одному в строке)", validators=[Optional(), Length(max=5000)])


class VoteForm(FlaskForm):
    """A vote by a member (the secretary records it, or the member votes)."""

    item_id = HiddenField(validators=[DataRequired()])
    member_id = HiddenField(validators=[Optional()])
    choice = SelectField("Голос", choices=_choices(VOTE_CHOICES))
