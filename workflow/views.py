"""Pages of the workflow app."""
from __future__ import annotations

from flask import Blueprint, render_template

from core.auth import permission_required

bp = Blueprint("workflow", __name__, url_prefix="/plan")


@bp.route("/")
@permission_required("plan.view")
def index():
    """The landing page of the section."""
    return render_template("workflow/index.html")
