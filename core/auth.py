"""Sign-in plumbing for views: the login manager, the current actor and the permission guard."""
from __future__ import annotations

from functools import wraps

from flask import Flask, current_app, request
from flask_login import LoginManager, current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.accounts import actor_of
from core.actor import Actor
from core.db import get_session
from core.errors import NotAllowed
from core.models import User

login_manager = LoginManager()
login_manager.login_view = "core.login"
login_manager.login_message = "Войдите, чтобы продолжить."
login_manager.session_protection = "strong"


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    # roles in the same query as the user: this runs first on every page
    stmt = select(User).options(joinedload(User.role_rows)).where(User.id == int(user_id), User.active.is_(True))
    return get_session().execute(stmt).unique().scalar_one_or_none()


def init_app(app: Flask) -> None:
    """Install the login manager."""
    login_manager.init_app(app)


def client_ip() -> str:
    """The client's address as the WSGI server saw it (a proxy must set it right)."""
    return request.remote_addr or ""


def current_actor() -> Actor:
    """The signed-in user as an Actor (call only on login-protected views)."""
    return actor_of(current_user, client_ip())


def permission_required(*permissions: str):
    """Guard a view: redirect to login when anonymous, 403 without any of the permissions.

    "login" means any signed-in user. The declaration is kept on the view function so tests can
    walk every route and check what it requires."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            granted = current_actor().permissions | {"login"}
            if not granted.intersection(permissions):
                raise NotAllowed("Недостаточно прав для этой страницы.")
            return view(*args, **kwargs)

        wrapped.required_permission = permissions
        return wrapped

    return decorator


def login_required(view):
    """Guard a view for any signed-in user."""
    return permission_required("login")(view)


def public(view):
    """Mark a view as open to everyone (declared, so the route walk accepts it)."""
    view.required_permission = ("public",)
    return view
