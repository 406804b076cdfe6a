"""Administration pages: users and roles, the audit trail, the production calendar."""
from __future__ import annotations

import calendar as pycal
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core import accounts, audit, calendar_service, people
from core.auth import current_actor, permission_required
from core.db import get_session
from core.errors import ValidationFailed
from core.forms import CalendarOverrideForm, ConfirmForm, UserCreateForm, UserRolesForm
from core.models import Organisation, User

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@permission_required("admin.users")
def users():
    """The organisation's accounts with their roles."""
    actor = current_actor()
    rows = get_session().scalars(
        select(User).where(User.organisation_id == actor.organisation_id).order_by(User.login))
    return render_template("core/users.html", users=list(rows), confirm=ConfirmForm())


@bp.route("/users/new", methods=["GET", "POST"])
@permission_required("admin.users")
def user_new():
    """Create an account and its person."""
    form = UserCreateForm()
    if form.validate_on_submit():
        session, actor = get_session(), current_actor()
        org = session.get(Organisation, actor.organisation_id)
        try:
            person = people.create_person(session, actor, org, surname=form.surname.data,
                                          name=form.name.data, patronymic=form.patronymic.data or "",
                                          position=form.position.data or "")
            accounts.create_user(session, actor, login=form.login.data, password=form.password.data,
                                 organisation=org, person=person, roles=form.roles.data,
                                 hash_method=current_app.config["PASSWORD_HASH_METHOD"])
        except ValidationFailed as exc:
            session.rollback()
            flash(exc.message, "error")
            return render_template("core/user_new.html", form=form), 422
        session.commit()
        flash(f"Пользователь {form.login.data} создан.", "success")
        return redirect(url_for("admin.users"))
    return render_template("core/user_new.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@permission_required("admin.users")
def user_edit(user_id: int):
    """Grant and revoke roles of one account."""
    session, actor = get_session(), current_actor()
    user = accounts.get_user(session, actor, user_id)
    form = UserRolesForm(roles=sorted(user.roles))
    if form.validate_on_submit():
        accounts.set_roles(session, actor, user, form.roles.data)
        session.commit()
        flash("Роли сохранены.", "success")
        return redirect(url_for("admin.users"))
    return render_template("core/user_edit.html", user=user, form=form, confirm=ConfirmForm())


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@permission_required("admin.users")
def user_active(user_id: int):
    """Deactivate or reactivate an account."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    session, actor = get_session(), current_actor()
    user = accounts.get_user(session, actor, user_id)
    accounts.set_active(session, actor, user, request.form.get("active") == "1")
    session.commit()
    flash("Учётная запись " + ("включена." if user.active else "отключена."), "success")
    return redirect(url_for("admin.users"))


def _parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        flash(f"Дата «{text}» не распознана; укажите её как ГГГГ-ММ-ДД.", "error")
        return None


@bp.route("/audit")
@permission_required("admin.audit")
def audit_log():
    """The audit trail of the organisation, filterable, 100 events a page."""
    tz = ZoneInfo(current_app.config["SCHOOL_TIMEZONE"])
    d_from, d_to = _parse_day(request.args.get("from")), _parse_day(request.args.get("to"))
    flt = audit.EventFilter(
        action=request.args.get("action", "")[:64], login=request.args.get("login", "")[:64],
        object_type=request.args.get("object_type", "")[:64],
        date_from=datetime.combine(d_from, time(), tz) if d_from else None,
        date_to=datetime.combine(d_to + timedelta(days=1), time(), tz) if d_to else None,
    )
    page = request.args.get("page", 1, type=int) or 1
    events = audit.list_events(get_session(), current_actor(), flt, limit=100,
                               offset=(max(page, 1) - 1) * 100)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("core/audit.html", events=events, flt=request.args, args=args,
                           page=max(page, 1))


@bp.route("/calendar", methods=["GET", "POST"])
@permission_required("admin.calendar")
def calendar():
    """One year of the production calendar, with the admin's corrections."""
    year = request.args.get("year", date.today().year, type=int)
    if not 2000 <= year <= 2100:
        abort(404)
    session, form = get_session(), CalendarOverrideForm()
    if form.validate_on_submit():
        calendar_service.set_override(session, current_actor(), form.day.data,
                                      form.is_working.data, form.note.data or "")
        session.commit()
        flash("Поправка календаря сохранена.", "success")
        return redirect(url_for("admin.calendar", year=form.day.data.year))
    prod = calendar_service.production_calendar(session)
    months = [[[(d, prod.is_working_day(d)) if d.month == m else None for d in week]
               for week in pycal.Calendar().monthdatescalendar(year, m)] for m in range(1, 13)]
    return render_template("core/calendar.html", year=year, months=months, form=form,
                           overrides=calendar_service.list_overrides(session, year))
