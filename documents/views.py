"""Local act pages: the register, new drafts from templates, editing, versions, differences."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from core.auth import current_actor, permission_required
from core.db import get_session
from core.errors import StaleState, ValidationFailed
from core.http import DOCX, download
from documents import queries, service
from documents.act_docx import read_act_docx
from documents.act_templates import TEMPLATES
from documents.content import to_markup
from documents.forms import FLAG_HELP, ActForm, CommentForm, EditForm, KindForm, TemplateForm, UploadForm
from documents.lifecycle import ACT
from documents.models import ADOPTING_BODIES

bp = Blueprint("documents", __name__, url_prefix="/acts")


def _word(name: str, data: bytes):
    return download(data, DOCX, name)


@bp.route("/")
@permission_required("acts.view")
def index():
    """The register of the school's local acts."""
    acts = queries.list_acts(get_session(), current_actor())
    return render_template("documents/index.html", acts=acts, states=ACT.states,
                           templates=TEMPLATES.values(), form=TemplateForm())


@bp.route("/kinds", methods=["GET", "POST"])
@permission_required("admin.users")
def kinds():
    """Kinds of acts and who adopts each (L1); an admin adds new ones."""
    session, actor, form = get_session(), current_actor(), KindForm()
    if form.validate_on_submit():
        service.add_kind(session, actor, form.code.data, form.title.data, form.adopting_body.data,
                         form.needs_founder.data)
        session.commit()
        flash("Вид акта добавлен.", "success")
        return redirect(url_for("documents.kinds"))
    return render_template("documents/kinds.html", kinds=service.ensure_kinds(session, actor.organisation_id),
                           form=form, bodies=ADOPTING_BODIES)


@bp.route("/new", methods=["GET", "POST"])
@permission_required("acts.edit")
def new():
    """A new act, blank or from a template."""
    session, actor = get_session(), current_actor()
    if request.method == "POST" and "template" in request.form:
        if not TemplateForm().validate_on_submit():
            abort(400)
        act = service.create_from_template(session, actor, request.form["template"])
        session.commit()
        flash("Проект создан из шаблона.", "success")
        return redirect(url_for("documents.act", act_id=act.id))
    form = ActForm()
    form.kind.choices = [(k.code, k.title) for k in service.ensure_kinds(session, actor.organisation_id)]
    if form.validate_on_submit():
        act = service.create_act(session, actor, kind_code=form.kind.data, title=form.title.data,
                                 text=form.text.data,
                                 flags={f: getattr(form, f).data for f in FLAG_HELP})
        session.commit()
        return redirect(url_for("documents.act", act_id=act.id))
    return render_template("documents/new.html", form=form)


@bp.route("/<int:act_id>")
@permission_required("acts.view")
def act(act_id: int):
    """The act: flags, the numbered text of a version with comments, versions, history."""
    number = request.args.get("v", type=int)
    page = queries.act_page(get_session(), current_actor(), act_id, number)
    return render_template("documents/act.html", page=page, states=ACT.states, flags=FLAG_HELP,
                           comment_form=CommentForm())


@bp.route("/<int:act_id>/edit", methods=["GET", "POST"])
@permission_required("acts.edit")
def edit(act_id: int):
    """Edit the text; a frozen version is kept and the change becomes a new version."""
    session, actor = get_session(), current_actor()
    page = queries.act_page(session, actor, act_id)
    form = EditForm()
    if form.validate_on_submit():
        try:
            version = service.save_text(session, actor, act_id, form.text.data, form.base_sha.data,
                                        form.title.data)
        except (StaleState, ValidationFailed) as exc:
            session.rollback()
            flash(exc.message, "error")
            for problem in getattr(exc, "errors", []):
                flash(problem, "error")
            # The user's text is shown back, not lost; the base stays the old one.
            return render_template("documents/edit.html", page=page, form=form,
                                   upload=UploadForm(base_sha=page.version.sha256)), exc.status
        session.commit()
        flash(f"Сохранено: редакция {version.number}.", "success")
        return redirect(url_for("documents.act", act_id=act_id))
    if request.method == "GET":
        form.title.data, form.base_sha.data = page.version.title, page.version.sha256
        form.text.data = to_markup(service.version_blocks(page.version))
    return render_template("documents/edit.html", page=page, form=form,
                           upload=UploadForm(base_sha=page.version.sha256))


@bp.route("/<int:act_id>/upload", methods=["POST"])
@permission_required("acts.edit")
def upload(act_id: int):
    """Replace the text by a Word file, read into the same structure."""
    form = UploadForm()
    if not form.validate_on_submit():
        flash("Выберите файл .docx.", "error")
        return redirect(url_for("documents.edit", act_id=act_id))
    data = form.file.data.read()
    session = get_session()
    version = service.save_text(session, current_actor(), act_id, read_act_docx(data, form.file.data.filename or ""), form.base_sha.data)
    session.commit()
    flash(f"Текст загружен из файла: редакция {version.number}.", "success")
    return redirect(url_for("documents.act", act_id=act_id))


@bp.route("/<int:act_id>/comment", methods=["POST"])
@permission_required("acts.view")
def comment(act_id: int):
    """Comment on a paragraph of a version, or reply."""
    form = CommentForm()
    version_no = request.args.get("v", type=int)
    if form.validate_on_submit() and form.block.data.isdigit():
        session = get_session()
        page = queries.act_page(session, current_actor(), act_id, version_no)
        parent = int(form.parent.data) if (form.parent.data or "").isdigit() else None
        service.add_comment(session, current_actor(), page.version.id, int(form.block.data),
                            form.text.data, parent)
        session.commit()
    else:
        flash("Комментарий пуст.", "error")
    return redirect(url_for("documents.act", act_id=act_id, v=version_no))


@bp.route("/comment/<int:comment_id>/resolve", methods=["POST"])
@permission_required("acts.edit")
def resolve(comment_id: int):
    """Resolve or reopen a comment (CSRFProtect has checked the token)."""
    session = get_session()
    comment = service.resolve_comment(session, current_actor(), comment_id,
                                      request.form.get("resolved") == "1")
    session.commit()
    act_id = queries.act_of_version(session, comment.version_id)
    return redirect(url_for("documents.act", act_id=act_id))


@bp.route("/<int:act_id>/diff")
@permission_required("acts.view")
def diff(act_id: int):
    """The changes between two versions, paragraph by paragraph."""
    old_no, new_no = request.args.get("from", 1, type=int), request.args.get("to", type=int)
    session, actor = get_session(), current_actor()
    if not new_no:
        new_no = queries.act_page(session, actor, act_id).version.number
    act, old, new, rows = queries.version_diff(session, actor, act_id, old_no, new_no)
    return render_template("documents/diff.html", act=act, old=old, new=new, rows=rows)


@bp.route("/<int:act_id>/diff.docx")
@permission_required("acts.view")
def diff_docx(act_id: int):
    """The changes as a Word file."""
    old_no, new_no = request.args.get("from", 1, type=int), request.args.get("to", 1, type=int)
    data = queries.diff_word_file(get_session(), current_actor(), act_id, old_no, new_no)
    return _word(f"act-{act_id}-v{old_no}-v{new_no}.docx", data)


@bp.route("/<int:act_id>/act.docx")
@permission_required("acts.view")
def act_docx(act_id: int):
    """The act as a Word document with its approval marks."""
    name, data = queries.act_word_file(get_session(), current_actor(), act_id, request.args.get("v", type=int))
    return _word(name, data)
