"""Order pages: the register, the composer, signing, registration, entry into force, acquaintance."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.auth import current_actor, login_required, permission_required
from core.calendar_service import production_calendar
from core.clock import school_today
from core.db import get_session
from core.http import DOCX, PDF
from core.http import download as _file
from core.models import Organisation
from core.pdf import docx_to_pdf
from documents import acquaintance_service as acq
from documents import order_service as orders
from documents.order_docx import acquaintance_sheet_docx, order_docx
from documents.order_forms import ActionForm, OrderForm, PaperForm, SignForm, items_text, parse_items
from documents.order_lifecycle import ORDER
from documents.order_models import Order

bp = Blueprint("orders", __name__, url_prefix="/orders")
@bp.route("/")
@permission_required("orders.view")
def index():
    """The registers: every order with its number, date, heading and state (annulled ones too)."""
    actor, session = current_actor(), get_session()
    rows = session.scalars(select(Order).where(Order.organisation_id == actor.organisation_id)
                           .order_by(Order.year.desc().nulls_first(), Order.number.desc().nulls_first(),
                                     Order.id.desc())).all()
    return render_template("documents/orders.html", orders=rows, states=ORDER.states, form=ActionForm())


@bp.route("/seed", methods=["POST"])
@permission_required("orders.edit")
def seed():
    """A draft of the plan's order (approval stage, item 3) with the adopted acts annexed."""
    session = get_session()
    order = orders.compose_seed_order(session, current_actor(), school_today(), production_calendar(session))
    session.commit()
    flash("Проект приказа подготовлен по п. 3 плана-графика; проверьте и отредактируйте.", "success")
    return redirect(url_for("orders.edit", order_id=order.id))


@bp.route("/new", methods=["GET", "POST"], defaults={"order_id": None})
@bp.route("/<int:order_id>/edit", methods=["GET", "POST"])
@permission_required("orders.edit")
def edit(order_id: int | None):
    """Compose or edit a draft order."""
    session, actor = get_session(), current_actor()
    order = orders.get_order(session, actor, order_id) if order_id else None
    form = OrderForm()
    form.annexes.choices = [(v.id, f"{a.title} (ред. {v.number})") for a, v in orders.adopted_versions(session, actor)]
    if form.validate_on_submit():
        saved = orders.save_draft(session, actor, order_id=order_id, register_code=form.register.data,
                                  heading=form.heading.data, preamble=form.preamble.data or "",
                                  items=parse_items(form.items.data), control_clause=form.control_clause.data or "",
                                  place=form.place.data or "", annex_version_ids=form.annexes.data,
                                  audience_roles=form.audience.data)
        session.commit()
        return redirect(url_for("orders.order", order_id=saved.id))
    if order and request.method == "GET":
        form.register.data, form.heading.data, form.preamble.data = order.register.code, order.heading, order.preamble
        form.items.data, form.control_clause.data = items_text(order.items), order.control_clause
        form.place.data, form.audience.data = order.place, order.audience_roles or []
        form.annexes.data = [a.act_version_id for a in order.annexes]
        form.annexes.choices += [(a.act_version_id, f"редакция #{a.act_version_id}") for a in order.annexes
                                 if a.act_version_id not in {c[0] for c in form.annexes.choices}]
    return render_template("documents/order_edit.html", form=form, order=order)


@bp.route("/<int:order_id>")
@permission_required("orders.view")
def order(order_id: int):
    """An order with its state, actions, tasks and acquaintance."""
    session, actor = get_session(), current_actor()
    o = orders.get_order(session, actor, order_id)
    return render_template("documents/order.html", order=o, states=ORDER.states, actions=ORDER.actions,
                           available=ORDER.available(o.status), sign_form=SignForm(), action_form=ActionForm(),
                           paper=PaperForm(), acquaintance=acq.rows_for(session, actor, "order", o.id))


@bp.route("/<int:order_id>/sign", methods=["POST"])
@permission_required("orders.sign")
def sign(order_id: int):
    """The director signs."""
    form = SignForm()
    if not form.validate_on_submit():
        abort(400)
    upload = form.signature.data
    session = get_session()
    orders.sign(session, current_actor(), order_id, form.state.data, upload.filename if upload else "",
                upload.read() if upload else None)
    session.commit()
    flash("Приказ подписан.", "success")
    return redirect(url_for("orders.order", order_id=order_id))


@bp.route("/<int:order_id>/<action>", methods=["POST"])
@permission_required("orders.register", "orders.sign")
def act(order_id: int, action: str):
    """Register, put in force, mark executed or annul."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    session, actor, today = get_session(), current_actor(), school_today()
    steps = {"register": lambda: orders.register(session, actor, order_id, form.state.data, today),
             "put_in_force": lambda: orders.put_in_force(session, actor, order_id, form.state.data, today),
             "execute": lambda: orders.close(session, actor, order_id, "execute", form.state.data),
             "annul": lambda: orders.close(session, actor, order_id, "annul", form.state.data, form.reason.data or "")}
    if action not in steps:
        abort(404)
    o = steps[action]()
    session.commit()
    flash(f"{ORDER.actions[action]}: выполнено." + (f" Номер {o.full_number}." if action == "register" else ""),
          "success")
    return redirect(url_for("orders.order", order_id=order_id))


@bp.route("/<int:order_id>/order.docx")
@permission_required("orders.view")
def word(order_id: int):
    """The order as Word: the signed file when there is one, else the current draft."""
    session = get_session()
    o = orders.get_order(session, current_actor(), order_id)
    data = order_docx(orders.order_text(session, o)) if o.number or not o.signed_docx else o.signed_docx
    return _file(data, DOCX, f"order-{o.id}.docx")


@bp.route("/<int:order_id>/order.pdf")
@permission_required("orders.view")
def pdf(order_id: int):
    """The order as PDF (LibreOffice), or a clear message when it is not installed."""
    session = get_session()
    o = orders.get_order(session, current_actor(), order_id)
    data = docx_to_pdf(order_docx(orders.order_text(session, o)))
    if data is None:
        flash("PDF недоступен: на сервере не установлен LibreOffice (пакет libreoffice-writer-nogui).", "error")
        return redirect(url_for("orders.order", order_id=order_id))
    return _file(data, PDF, f"order-{o.id}.pdf")


@bp.route("/acquaintance/<kind>/<int:object_id>/sheet.docx")
@permission_required("acts.view")
def sheet(kind: str, object_id: int):
    """The acquaintance sheet for signing on paper (L15)."""
    if kind not in ("order", "act_version"):
        abort(404)
    session, actor = get_session(), current_actor()
    rows = acq.rows_for(session, actor, kind, object_id)
    org = session.get(Organisation, actor.organisation_id)
    subject = "приказом" if kind == "order" else "локальным актом"
    data = acquaintance_sheet_docx(org.name, subject, acq.sheet_rows(rows, current_app.config["SCHOOL_TIMEZONE"]))
    return _file(data, DOCX, f"acquaintance-{kind}-{object_id}.docx")


@bp.route("/acquaintance/<int:row_id>/confirm", methods=["POST"])
@login_required
def confirm(row_id: int):
    """"Ознакомлен(а)" — by the person themself."""
    session = get_session()
    acq.confirm(session, current_actor(), row_id)
    session.commit()
    flash("Ознакомление подтверждено.", "success")
    return redirect(request.referrer if request.referrer and request.referrer.startswith(request.host_url)
                    else url_for("orders.mine"))


@bp.route("/acquaintance/<int:row_id>/paper", methods=["POST"])
@permission_required("acquaintance.record")
def paper(row_id: int):
    """The secretary records a signature on paper."""
    form = PaperForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    row = acq.record_paper(session, current_actor(), row_id, form.signed_on.data, current_app.config["SCHOOL_TIMEZONE"])
    session.commit()
    return redirect(url_for("orders.order", order_id=row.object_id) if row.object_type == "order"
                    else url_for("orders.mine"))


@bp.route("/acquaintance/mine")
@login_required
def mine():
    """What the user still has to read and confirm."""
    session, actor = get_session(), current_actor()
    return render_template("documents/acquaintance_mine.html", rows=acq.my_pending_described(session, actor),
                           form=ActionForm())
