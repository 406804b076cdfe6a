"""Forms of the order, acquaintance and publication pages."""
from __future__ import annotations

import re
from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Length, Optional

from core.errors import ValidationFailed
from documents.acquaintance_service import AUDIENCE_ROLES
from documents.order_docx import OrderItemText


class OrderForm(FlaskForm):
    """The composer of a draft order."""

    state = HiddenField()
    register = SelectField("Журнал регистрации", choices=[SelectChoice("od", "по основной деятельности (-од)"),
                                                          SelectChoice("ls", "по личному составу (-лс)")])
    heading = StringField("Заголовок", validators=[DataRequired("Укажите заголовок."), Length(max=500)])
    preamble = TextAreaField("Констатирующая часть", validators=[Optional(), Length(max=10000)])
    items = TextAreaField("Пункты: по одному в строке; «текст | ответственный | срок дд.мм.гггг»",
                          validators=[Optional(), Length(max=50000)])
    control_clause = StringField("Контроль", validators=[Optional(), Length(max=500)])
    place = StringField("Место издания", validators=[Optional(), Length(max=100)])
    annexes = SelectMultipleField("Приложения (принятые акты)", coerce=int, validate_choice=False)
    audience = SelectMultipleField("Ознакомить", choices=[SelectChoice(k, v) for k, v in AUDIENCE_ROLES.items()])


def parse_items(text: str) -> list[OrderItemText]:
    """Composer lines → items; a bad date is reported with its line number."""
    items = []
    for n, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        deadline = None
        if len(parts) > 2 and parts[2]:
            m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", parts[2])
            try:
                deadline = date(int(m[3]), int(m[2]), int(m[1])) if m else None
            except ValueError:
                deadline = None
            if deadline is None:
                raise ValidationFailed(f"Строка {n}: срок «{parts[2]}» — укажите дату как дд.мм.гггг.")
        items.append(OrderItemText(parts[0], parts[1] if len(parts) > 1 else "", deadline))
    return items


def items_text(items) -> str:
    """Items → composer lines."""
    return "\n".join(" | ".join([i.text, i.responsible or "", i.deadline.strftime("%d.%m.%Y") if i.deadline else ""])
                     .rstrip(" |") for i in items)


class SignForm(FlaskForm):
    """The director signs; a detached signature file may be attached."""

    state = HiddenField(validators=[DataRequired()])
    signature = FileField("Файл электронной подписи (.sig), необязательно")


class ActionForm(FlaskForm):
    """A lifecycle step of an order with an optional reason."""

    state = HiddenField(validators=[DataRequired()])
    reason = StringField("Причина", validators=[Optional(), Length(max=2000)])


class PaperForm(FlaskForm):
    """The secretary records a paper signature."""

    signed_on = DateField("Дата подписи", validators=[DataRequired()])


class WithdrawForm(FlaskForm):
    """Withdraw a publication."""

    reason = StringField("Причина", validators=[DataRequired("Укажите причину."), Length(max=2000)])
