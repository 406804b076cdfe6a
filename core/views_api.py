"""The API's public description (OpenAPI document and reference page) and the pages where people
manage their personal access tokens."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, url_for

from core import api, tokens
from core.auth import current_actor, login_required, permission_required, public
from core.db import get_session, utcnow
from core.forms import AdminTokenForm, ConfirmForm, TokenForm
from core.token_rules import SCOPES, scopes_for

bp = Blueprint("api_docs", __name__)


@bp.route(api.PREFIX + "/openapi.json")
@public
def openapi_json():
    """The OpenAPI 3 document, generated from the code."""
    return jsonify(api.spec_of(current_app))


@bp.route(api.PREFIX + "/")
@public
def reference():
    """A readable reference of every endpoint, rendered on the server from the same document."""
    spec = api.spec_of(current_app)
    return render_template("core/api_reference.html", spec=spec, scopes=SCOPES)


def _token_form(actor) -> TokenForm:
    form = TokenForm()
    form.scopes.choices = [(s, SCOPES[s]) for s in scopes_for(actor.permissions)]
    return form


@bp.route("/profile/tokens", methods=["GET", "POST"])
@login_required
def my_tokens():
    """The user's tokens; a new token's secret is shown on this page once and never again."""
    session, actor = get_session(), current_actor()
    form, secret = _token_form(actor), None
    if form.validate_on_submit():
        _, secret = tokens.issue(session, actor, name=form.name.data, scopes=form.scopes.data,
                                 days=form.days.data, now=utcnow())
        session.commit()
        form = _token_form(actor)
    return render_template("core/tokens.html", form=form, secret=secret, rows=tokens.tokens_of(session, actor),
                           confirm=ConfirmForm(), scopes=SCOPES, now=utcnow(), own=True)


@bp.route("/profile/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    """Revoke a token (its owner, or the admin from the school's list)."""
    form = ConfirmForm()
    if form.validate_on_submit():
        session, actor = get_session(), current_actor()
        token = tokens.revoke(session, actor, token_id, utcnow())
        session.commit()
        flash(f"Токен «{token.name}» отозван.", "success")
        if token.user_id != actor.user_id:
            return redirect(url_for("api_docs.school_tokens"))
    return redirect(url_for("api_docs.my_tokens"))


@bp.route("/admin/tokens", methods=["GET", "POST"])
@permission_required("admin.users")
def school_tokens():
    """Every token of the school's users, for the admin to issue, review and revoke."""
    session, actor = get_session(), current_actor()
    form, secret = AdminTokenForm(), None
    form.scopes.choices = list(SCOPES.items())  # the service refuses what the user's roles cannot use
    if form.validate_on_submit():
        _, secret = tokens.issue(session, actor, name=form.name.data, scopes=form.scopes.data,
                                 days=form.days.data, now=utcnow(), login=form.login.data)
        session.commit()
    return render_template("core/tokens.html", form=form, secret=secret,
                           rows=tokens.school_tokens(session, actor), confirm=ConfirmForm(),
                           scopes=SCOPES, now=utcnow(), own=False)
