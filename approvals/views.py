"""Pages of the approvals app."""
from __future__ import annotations

from flask import Blueprint, render_template

from core.auth import permission_required

bp = Blueprint("approvals", __name__, url_prefix="/approvals")


@bp.route("/")
@permission_required("approvals.view")
def index():
    """The landing page of the section."""
    return render_template("approvals/index.html")
