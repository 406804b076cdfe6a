"""Pages of the documents app."""
from __future__ import annotations

from flask import Blueprint, render_template

from core.auth import permission_required

bp = Blueprint("documents", __name__, url_prefix="/acts")


@bp.route("/")
@permission_required("acts.view")
def index():
    """The landing page of the section."""
    return render_template("documents/index.html")
