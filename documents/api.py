"""Local acts, published documents and order registers in the API (read only)."""
from __future__ import annotations

import marshmallow as ma
from flask import Response, url_for

from core.api import ApiBlueprint, DateRangeArgs, call_actor, paged, token_required
from core.db import get_session
from core.http import DOCX
from documents import publication_service, queries
from documents.lifecycle import ACT
from documents.order_lifecycle import ORDER

blp = ApiBlueprint("api_documents", __name__, url_prefix="/documents",
                   description="Локальные акты, приказы и опубликованные документы")


class KindSchema(ma.Schema):
    """The kind of a local act."""

    code = ma.fields.String(metadata={"example": "regulation"})
    title = ma.fields.String()


class VersionSchema(ma.Schema):
    """A version (редакция) of an act; `docx` is its Word file in this API."""

    number = ma.fields.Integer()
    title = ma.fields.String()
    status = ma.fields.String()
    sha256 = ma.fields.String()
    created_at = ma.fields.AwareDateTime()
    frozen_at = ma.fields.AwareDateTime(allow_none=True)
    docx = ma.fields.Function(lambda v: url_for("api_documents.act_version_docx", act_id=v.act_id, number=v.number))


class ActSchema(ma.Schema):
    """An act of the register."""

    id = ma.fields.Integer()
    kind = ma.fields.Nested(KindSchema)
    title = ma.fields.String()
    status = ma.fields.String(metadata={"enum": list(ACT.states)})
    created_at = ma.fields.AwareDateTime()
    affects_students = ma.fields.Boolean()
    affects_employees = ma.fields.Boolean()
    needs_founder = ma.fields.Boolean()


class ActDetailSchema(ActSchema):
    """An act with its versions."""

    versions = ma.fields.List(ma.fields.Nested(VersionSchema))


class PublicationSchema(ma.Schema):
    """A document published on the school site, with its public files."""

    id = ma.fields.Integer()
    object_type = ma.fields.String(metadata={"enum": ["act", "order"]})
    object_id = ma.fields.Integer()
    kind_title = ma.fields.String()
    title = ma.fields.String()
    details = ma.fields.String()
    adopted_on = ma.fields.Date(allow_none=True)
    published_at = ma.fields.AwareDateTime()
    docx = ma.fields.Function(lambda p: url_for("site.file_docx", pub_id=p.id))
    pdf = ma.fields.Function(lambda p: url_for("site.file_pdf", pub_id=p.id),
                             metadata={"description": "PDF для сайта; 404, если LibreOffice его не сделал"})


class OrderSchema(ma.Schema):
    """A registered order of the director."""

    id = ma.fields.Integer()
    register = ma.fields.Function(lambda o: o.register.code)
    number = ma.fields.Function(lambda o: o.full_number, metadata={"example": "12-од"})
    year = ma.fields.Integer()
    reg_date = ma.fields.Date()
    heading = ma.fields.String()
    status = ma.fields.String(metadata={"enum": list(ORDER.states)})


class ActFilterArgs(DateRangeArgs):
    """Acts by state and by creation date."""

    status = ma.fields.String(validate=ma.validate.OneOf(list(ACT.states)))


class OrderFilterArgs(DateRangeArgs):
    """Orders by register and by registration date."""

    register = ma.fields.String(validate=ma.validate.Length(max=20), metadata={"example": "od"})


@blp.route("/acts", methods=["GET"])
@token_required("acts.read", "Реестр локальных актов")
@blp.etag
@blp.arguments(ActFilterArgs, location="query", as_kwargs=True)
@blp.response(200, ActSchema(many=True))
@blp.paginate(page_size=50, max_page_size=500)
def acts(pagination_parameters, **filters):
    """The register of local acts."""
    return paged(get_session(), queries.acts_query(call_actor(), **filters), pagination_parameters)


@blp.route("/acts/<int:act_id>", methods=["GET"])
@token_required("acts.read", "Акт и его редакции")
@blp.etag
@blp.response(200, ActDetailSchema)
def act(act_id: int):
    """An act with its versions and their Word files."""
    return queries.act_with_versions(get_session(), call_actor(), act_id)


@blp.route("/acts/<int:act_id>/versions/<int:number>.docx", methods=["GET"])
@token_required("acts.read", "Редакция акта (Word)")
@blp.response(200, {"format": "binary", "type": "string"}, content_type=DOCX)
def act_version_docx(act_id: int, number: int):
    """A version of the act as a Word file with its approval marks."""
    name, data = queries.act_word_file(get_session(), call_actor(), act_id, number)
    return Response(data, mimetype=DOCX, headers={"Content-Disposition": f"attachment; filename={name}"})


@blp.route("/publications", methods=["GET"])
@token_required("acts.read", "Опубликованные документы")
@blp.etag
@blp.arguments(DateRangeArgs, location="query", as_kwargs=True)
@blp.response(200, PublicationSchema(many=True))
@blp.paginate(page_size=50, max_page_size=500)
def publications(pagination_parameters, **filters):
    """The normative base as published on the school site, with links to its files."""
    return paged(get_session(), publication_service.publications_query(call_actor(), **filters),
                 pagination_parameters)


@blp.route("/orders", methods=["GET"])
@token_required("acts.read", "Реестр приказов")
@blp.etag
@blp.arguments(OrderFilterArgs, location="query", as_kwargs=True)
@blp.response(200, OrderSchema(many=True))
@blp.paginate(page_size=50, max_page_size=500)
def orders(pagination_parameters, **filters):
    """The order registers: registered orders by register and number."""
    return paged(get_session(), queries.orders_query(call_actor(), **filters), pagination_parameters)
