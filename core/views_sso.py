"""Single sign-on pages: sign in through a provider, link and unlink it in the profile, and the
admin's provider settings (SEC-03: school-issued logins keep working beside it)."""
from __future__ import annotations

import requests
from authlib.common.errors import AuthlibBaseError
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user
from joserfc.errors import JoseError

from core import sso
from core.accounts import actor_of
from core.auth import client_ip, current_actor, login_required, permission_required, public
from core.db import get_session
from core.errors import DomainError, NotAllowed
from core.forms import ConfirmForm, ProviderForm

bp = Blueprint("sso", __name__)
INTENT = "sso_intent"


def _start(key: str, intent: str):
    provider = sso.provider_by_key(get_session(), key)
    session[INTENT] = intent
    try:
        return sso.client_for(provider).authorize_redirect(url_for("sso.callback", key=key, _external=True))
    except requests.RequestException:
        flash(f"Поставщик входа «{provider.title}» сейчас недоступен. Войдите по логину и паролю.", "error")
        return redirect(url_for("core.login"))


@bp.route("/sso/<key>/login")
@public
def login(key: str):
    """Go to the provider to sign in."""
    return _start(key, "login")


@bp.route("/sso/<key>/link", methods=["POST"])
@login_required
def link(key: str):
    """Go to the provider to link it to the signed-in user."""
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("sso.profile"))
    return _start(key, "link")


def _verified_claims(provider) -> dict:
    """The ID token's claims after Authlib's checks; a DomainError in Russian otherwise."""
    try:
        token = sso.client_for(provider).authorize_access_token()
    # Authlib's errors (bad state, a provider's refusal such as a replayed code) and joserfc's
    # (the ID token's signature, issuer, audience, expiry, nonce)
    except (AuthlibBaseError, JoseError) as exc:
        raise NotAllowed(f"Вход через «{provider.title}» не подтверждён ({type(exc).__name__}). "
                          "Начните вход заново.") from None
    except requests.RequestException:
        raise NotAllowed(f"Поставщик входа «{provider.title}» сейчас недоступен.") from None
    if "userinfo" not in token:
        raise NotAllowed(f"«{provider.title}» не прислал удостоверение личности (ID token).")
    return dict(token["userinfo"])


@bp.route("/sso/<key>/callback")
@public
def callback(key: str):
    """Back from the provider: link, or sign in as the matched school login."""
    db = get_session()
    provider = sso.provider_by_key(db, key)
    intent = session.pop(INTENT, "login")
    try:
        claims = _verified_claims(provider)
        if intent == "link" and current_user.is_authenticated:
            sso.link(db, current_actor(), provider, claims)
            db.commit()
            flash(f"Вход через «{provider.title}» привязан к вашей учётной записи.", "success")
            return redirect(url_for("sso.profile"))
        user = sso.user_for_identity(db, provider, claims, client_ip())
    except DomainError as exc:
        db.rollback()
        sso.record_failure(db, provider, client_ip(), exc.message)
        db.commit()
        flash(exc.message, "error")
        return redirect(url_for("sso.profile" if current_user.is_authenticated else "core.login"))
    sso.record_login(db, actor_of(user, client_ip()), provider)
    db.commit()
    login_user(user)
    return redirect(url_for("core.dashboard"))


@bp.route("/profile/sso")
@login_required
def profile():
    """The user's sign-in methods: link or unlink each provider."""
    db, actor = get_session(), current_actor()
    return render_template("core/sso_profile.html", providers=sso.active_providers(db),
                           linked=sso.linked_provider_ids(db, actor), confirm=ConfirmForm())


@bp.route("/profile/sso/<int:provider_id>/unlink", methods=["POST"])
@login_required
def unlink(provider_id: int):
    """Unlink a provider; the school password keeps working."""
    if ConfirmForm().validate_on_submit():
        db = get_session()
        sso.unlink(db, current_actor(), provider_id)
        db.commit()
        flash("Привязка удалена. Входите по логину и паролю школы.", "success")
    return redirect(url_for("sso.profile"))


@bp.route("/admin/sso", methods=["GET", "POST"])
@permission_required("admin.users")
def providers():
    """The admin configures OpenID Connect providers (issuer, client id and secret, matching)."""
    db, actor = get_session(), current_actor()
    form = ProviderForm()
    if form.validate_on_submit():
        sso.save_provider(db, actor, key=form.key.data, title=form.title.data, issuer=form.issuer.data,
                          client_id=form.client_id.data, client_secret=form.client_secret.data or "",
                          match_claim=form.match_claim.data, active=form.active.data)
        db.commit()
        flash("Поставщик входа сохранён.", "success")
        return redirect(url_for("sso.providers"))
    callback_base = request.host_url.rstrip("/")
    return render_template("core/sso_admin.html", form=form, rows=sso.school_providers(db, actor),
                           callback_base=callback_base)
