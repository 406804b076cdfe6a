"""Pages of the journal app."""
from __future__ import annotations

from flask import Blueprint, render_template

from core.auth import permission_required

bp = Blueprint("journal", __name__, url_prefix="/journal")


@bp.route("/")
@permission_required("journal.read", "diary.read")
def index():
    """The landing page of the section."""
    return render_template("journal/index.html")
