"""Forms of the core pages (Flask-WTF: every POST carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from core.roles import ROLE_LABELS

REQUIRED = "Заполните это поле."


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class LoginForm(FlaskForm):
    """Sign-in form."""

    login = StringField("Логин", validators=[DataRequired(REQUIRED), Length(max=64)])
    password = PasswordField("Пароль", validators=[DataRequired(REQUIRED), Length(max=200)])
    next = HiddenField()


class PasswordForm(FlaskForm):
    """A user changes their own password."""

    current = PasswordField("Текущий пароль", validators=[DataRequired(REQUIRED)])
    new = PasswordField("Новый пароль", validators=[DataRequired(REQUIRED), Length(min=8, max=200,
                        message="Пароль должен быть не короче 8 символов.")])
    repeat = PasswordField("Повторите новый пароль",
                           validators=[EqualTo("new", message="Пароли не совпадают.")])


def _role_choices():
    return [SelectChoice(value, label) for value, label in ROLE_LABELS.items()]


class UserCreateForm(FlaskForm):
    """An admin creates an account for a person."""

    login = StringField("Логин", validators=[DataRequired(REQUIRED), Length(max=64)])
    password = PasswordField("Пароль", validators=[DataRequired(REQUIRED), Length(min=8, max=200,
                             message="Пароль должен быть не короче 8 символов.")])
    surname = StringField("Фамилия", validators=[DataRequired(REQUIRED), Length(max=100)])
    name = StringField("Имя", validators=[DataRequired(REQUIRED), Length(max=100)])
    patronymic = StringField("Отчество", validators=[Optional(), Length(max=100)])
    position = StringField("Должность", validators=[Optional(), Length(max=200)])
    roles = MultiCheckboxField("Роли", choices=_role_choices())


class UserRolesForm(FlaskForm):
    """An admin grants and revokes roles."""

    roles = MultiCheckboxField("Роли", choices=_role_choices())


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""


class CalendarOverrideForm(FlaskForm):
    """An admin corrects one day of the production calendar."""

    day = DateField("Дата", validators=[DataRequired("Укажите дату.")])
    is_working = BooleanField("Рабочий день")
    note = StringField("Основание", validators=[Optional(), Length(max=300)])


class TokenForm(FlaskForm):
    """A user issues a personal access token for the API."""

    name = StringField("Название (для чего токен)", validators=[DataRequired(REQUIRED), Length(max=100)])
    scopes = MultiCheckboxField("Области доступа", choices=[])
    days = IntegerField("Срок действия, дней", default=90,
                        validators=[DataRequired(REQUIRED), NumberRange(1, 366, "От 1 до 366 дней.")])


class AdminTokenForm(TokenForm):
    """The admin issues a token for a user of the school (for a portal's service account, say)."""

    login = StringField("Логин пользователя", validators=[DataRequired(REQUIRED), Length(max=64)])


class ProviderForm(FlaskForm):
    """The admin adds or changes an OpenID Connect provider (by its code)."""

    key = StringField("Код (в адресе возврата)", validators=[DataRequired(REQUIRED), Length(max=32)])
    title = StringField("Название на кнопке входа", validators=[DataRequired(REQUIRED), Length(max=100)])
    issuer = StringField("Адрес поставщика (issuer)", validators=[DataRequired(REQUIRED), Length(max=300)])
    client_id = StringField("Идентификатор клиента", validators=[DataRequired(REQUIRED), Length(max=200)])
    client_secret = PasswordField("Секрет клиента (пусто — оставить прежний)", validators=[Optional(), Length(max=500)])
    match_claim = SelectField("Как находить учётную запись", choices=[
        SelectChoice("sub", "По привязке: пользователь один раз привязывает вход в профиле"),
        SelectChoice("email", "По подтверждённой электронной почте, совпадающей с почтой учётной записи")])
    active = BooleanField("Включён", default=True)
