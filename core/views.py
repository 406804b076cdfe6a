"""Sign-in, sign-out, the dashboard and the user's own password."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from core import accounts, notify, sso
from core.auth import client_ip, current_actor, login_required, public
from core.dashboard import panels_for
from core.db import get_session
from core.errors import ValidationFailed
from core.forms import ConfirmForm, LoginForm, PasswordForm

bp = Blueprint("core", __name__)


def safe_next(target: str | None) -> str | None:
    """The `next` address only when it stays on this site (a path, no scheme or host)."""
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """The sign-in page; failures and lockouts are explained in Russian."""
    if current_user.is_authenticated:
        return redirect(url_for("core.dashboard"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        session = get_session()
        try:
            user = accounts.authenticate(session, form.login.data, form.password.data, client_ip(),
                                         current_app.config["PASSWORD_HASH_METHOD"])
        except (accounts.LoginLocked, ValidationFailed) as exc:
            session.commit()  # the failed attempt is a security event and must stay (PD-01)
            flash(exc.message, "error")
            return render_template("core/login.html", form=form, providers=sso.active_providers(session)), 200
        session.commit()
        login_user(user)
        return redirect(safe_next(form.next.data) or url_for("core.dashboard"))
    return render_template("core/login.html", form=form, providers=sso.active_providers(get_session()))


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (POST only, with CSRF, so a link on another site cannot sign anyone out)."""
    session = get_session()
    accounts.record_logout(session, current_actor())
    session.commit()
    logout_user()
    flash("Вы вышли из системы.", "info")
    return redirect(url_for("core.login"))


@bp.route("/")
@login_required
def dashboard():
    """The start page: a panel per role the user holds."""
    return render_template("core/dashboard.html", panels=panels_for(current_actor()))


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
def change_password():
    """The user changes their own password."""
    form = PasswordForm()
    if form.validate_on_submit():
        session = get_session()
        user = current_user._get_current_object()
        accounts.change_password(session, current_actor(), user, form.current.data, form.new.data,
                                 current_app.config["PASSWORD_HASH_METHOD"])
        session.commit()
        flash("Пароль изменён.", "success")
        return redirect(url_for("core.dashboard"))
    return render_template("core/password.html", form=form)


@bp.route("/inbox", methods=["GET", "POST"])
@login_required
def inbox():
    """The user's notifications; POST marks them all read."""
    session, actor = get_session(), current_actor()
    form = ConfirmForm()
    if form.validate_on_submit():
        notify.mark_read(session, actor)
        session.commit()
        return redirect(url_for("core.inbox"))
    return render_template("core/inbox.html", notes=notify.inbox(session, actor), form=form)
