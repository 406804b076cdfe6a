"""The school site's section "Сведения об образовательной организации" → "Документы" (public, L11),
its feed and sitemap, and the web admin's publication desk (L10)."""
from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.auth import current_actor, permission_required, public
from core.clock import school_today
from core.db import get_session
from documents import publication_service as pubs
from documents.order_forms import WithdrawForm
from documents.order_models import Order, Publication
from documents.order_service import get_order

bp = Blueprint("site", __name__)


def _school():
    return pubs.public_school(get_session(), request.args.get("school", type=int))


@bp.route("/sveden/")
@public
def sveden():
    """The index of the mandatory section of a Russian school site."""
    return render_template("site/sveden.html", school=_school())


@bp.route("/sveden/document")
@public
def documents():
    """Documents in force grouped by kind, with adoption details, files and history; search."""
    session, school = get_session(), _school()
    query = request.args.get("q", "")[:200]
    found = pubs.public_documents(session, school.id, query)
    groups: dict[str, list[Publication]] = {}
    for p in found:
        groups.setdefault(p.kind_title, []).append(p)
    return render_template("site/documents.html", school=school, groups=groups, q=query,
                           history=pubs.history_of(session, school.id))


def _published(pub_id: int) -> Publication:
    pub = get_session().get(Publication, pub_id)
    if pub is None or pub.status != "published":
        abort(404)
    return pub


@bp.route("/sveden/document/<int:pub_id>.docx")
@public
def file_docx(pub_id: int):
    """A published Word file."""
    pub = _published(pub_id)
    return Response(pub.docx, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    headers={"Content-Disposition": f"inline; filename=document-{pub.id}.docx"})


@bp.route("/sveden/document/<int:pub_id>.pdf")
@public
def file_pdf(pub_id: int):
    """A published PDF file."""
    pub = _published(pub_id)
    if not pub.pdf:
        abort(404)
    return Response(pub.pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f"inline; filename=document-{pub.id}.pdf"})


@bp.route("/sveden/document/feed.atom")
@public
def feed():
    """An Atom feed of publications (titles and links only: no personal data)."""
    session, school = get_session(), _school()
    items = pubs.public_documents(session, school.id)
    base = request.host_url.rstrip("/")
    updated = max((p.published_at for p in items), default=None)
    entries = "".join(
        f"<entry><title>{escape(p.title)}</title><id>{base}/sveden/document/{p.id}.docx</id>"
        f"<link href=\"{base}/sveden/document/{p.id}.docx\"/><updated>{p.published_at.isoformat()}</updated>"
        f"<summary>{escape(p.kind_title)}. {escape(p.details)}</summary></entry>" for p in items)
    body = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(school.short_name)}: документы</title><id>{base}/sveden/document</id>"
            f"<link href=\"{base}/sveden/document\"/><updated>{(updated.isoformat() if updated else '1970-01-01T00:00:00+00:00')}</updated>"
            f"{entries}</feed>")
    return Response(body, mimetype="application/atom+xml")


@bp.route("/sitemap.xml")
@public
def sitemap():
    """The public pages and files for search engines."""
    session, school = get_session(), _school()
    base = request.host_url.rstrip("/")
    urls = [f"{base}/sveden/", f"{base}/sveden/document"] + [
        f"{base}/sveden/document/{p.id}.docx" for p in pubs.public_documents(session, school.id)]
    body = ('<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls) + "</urlset>")
    return Response(body, mimetype="application/xml")


@bp.route("/site/")
@permission_required("site.publish")
def desk():
    """The web admin's desk: what is due (adoption + 10 working days) and what is published."""
    session, actor = get_session(), current_actor()
    published = session.scalars(select(Publication).where(Publication.organisation_id == actor.organisation_id)
                                .order_by(Publication.published_at.desc())).all()
    orders = session.scalars(select(Order).where(Order.organisation_id == actor.organisation_id,
                                                 Order.number.is_not(None), Order.status != "annulled")).all()
    return render_template("site/desk.html", due=pubs.due_list(session, actor), published=published,
                           orders=orders, today=school_today(), form=WithdrawForm())


@bp.route("/site/publish/<kind>/<int:object_id>", methods=["POST"])
@permission_required("site.publish")
def publish(kind: str, object_id: int):
    """Publish an adopted act or a registered order."""
    session, actor = get_session(), current_actor()
    if kind == "act":
        pubs.publish_act(session, actor, object_id)
    elif kind == "order":
        get_order(session, actor, object_id)
        pubs.publish_order(session, actor, object_id)
    else:
        abort(404)
    session.commit()
    flash("Опубликовано на сайте.", "success")
    return redirect(url_for("site.desk"))


@bp.route("/site/withdraw/<int:pub_id>", methods=["POST"])
@permission_required("site.publish")
def withdraw(pub_id: int):
    """Withdraw a publication with a reason."""
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash("Укажите причину снятия с публикации.", "error")
        return redirect(url_for("site.desk"))
    session = get_session()
    pubs.withdraw(session, current_actor(), pub_id, form.reason.data)
    session.commit()
    return redirect(url_for("site.desk"))


@bp.route("/site/close-plan-task", methods=["POST"])
@permission_required("site.publish")
def close_plan_task():
    """Close the plan's task "Публикация всей нормативной базы …" with the documents page as evidence."""
    session = get_session()
    task = pubs.close_publication_task(session, current_actor(), url_for("site.documents", _external=True))
    session.commit()
    flash(f"Задача плана «{task.title[:60]}…» отмечена выполненной.", "success")
    return redirect(url_for("site.desk"))
