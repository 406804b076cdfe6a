"""The application factory."""
from __future__ import annotations

from flask import Flask, flash, redirect, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from core import api, auth, db, sso
from core.config import PROJECT_ROOT, load_config
from core.errors import DomainError, field_errors
from core.formatting import ru_date, ru_datetime, short_date
from core.http import CleanRequest, DatabaseId, add_security_headers
from core.navigation import navigation_for
from core.registry import API_BLUEPRINTS, BLUEPRINTS, resolve
from core.roles import ROLE_LABELS

csrf = CSRFProtect()

HTTP_MESSAGES = {
    400: "Некорректный запрос.",
    403: "Недостаточно прав для этой страницы.",
    404: "Страница не найдена.",
    405: "Этот метод запроса здесь не поддерживается.",
    409: "Конфликт: данные изменились, обновите страницу.",
    412: "Данные изменились с последнего чтения (If-Match не совпал).",
    413: "Файл слишком большой.",
    415: "Неподдерживаемый формат тела запроса.",
    422: "Данные не прошли проверку.",
    428: "Нужен заголовок If-Match с ETag последнего чтения.",
    429: "Слишком много запросов: подождите и повторите.",
    500: "Внутренняя ошибка сервера. Мы уже знаем о ней; попробуйте позже.",
}


def create_app(overrides: dict | None = None) -> Flask:
    """Build the Reglament application: config, database, sign-in, CSRF, blueprints, errors."""
    app = Flask(
        "reglament", root_path=str(PROJECT_ROOT), instance_path=str(PROJECT_ROOT / "instance"),
        template_folder="templates", static_folder="static",
    )
    app.request_class = CleanRequest
    app.url_map.converters["int"] = DatabaseId
    load_config(app, overrides)
    db.init_app(app)
    auth.init_app(app)
    sso.init_app(app)
    csrf.init_app(app)
    _register_blueprints(app)
    api.init_app(app, [resolve(path) for path in API_BLUEPRINTS], csrf)
    _register_error_handlers(app)
    _register_templating(app)
    app.after_request(add_security_headers)
    return app


def _register_blueprints(app: Flask) -> None:
    for path in BLUEPRINTS:
        app.register_blueprint(resolve(path))


def _error_page(status: int, message: str, details: list[str] | None = None):
    return render_template("errors/error.html", status=status, message=message,
                           details=details or []), status


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError):
        db.get_session().rollback()
        if api.is_api_request():
            return api.problem(exc.status, exc.message, getattr(exc, "errors", None))
        return _error_page(exc.status, exc.message, getattr(exc, "errors", None))

    @app.errorhandler(CSRFError)
    def _csrf_error(_exc):
        db.get_session().rollback()
        flash("Форма устарела или отправлена не со страницы сайта. Обновите страницу и повторите.",
              "error")
        if request.method == "POST" and request.referrer and request.referrer.startswith(request.host_url):
            return redirect(request.referrer)
        return _error_page(400, "Форма устарела. Обновите страницу и повторите.")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status = exc.code or 500
        if api.is_api_request():
            messages = (getattr(exc, "data", None) or {}).get("messages")
            response = api.problem(status, HTTP_MESSAGES.get(status, exc.description or ""),
                                   field_errors(messages) if messages else None)
            if exc.response is not None:  # e.g. Retry-After of a rate limit
                response.headers.extend((k, v) for k, v in exc.response.headers.items()
                                        if k.lower().startswith(("retry-", "x-ratelimit")))
            return response
        return _error_page(status, HTTP_MESSAGES.get(status, exc.description))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error", exc_info=exc)
        db.get_session().rollback()
        if api.is_api_request():
            return api.problem(500, HTTP_MESSAGES[500])
        return _error_page(500, HTTP_MESSAGES[500])


def _register_templating(app: Flask) -> None:
    tz = app.config["SCHOOL_TIMEZONE"]
    app.jinja_env.filters["ru_date"] = lambda v: ru_date(v, tz)
    app.jinja_env.filters["ru_datetime"] = lambda v: ru_datetime(v, tz)
    app.jinja_env.filters["short_date"] = short_date
    app.jinja_env.globals["ROLE_LABELS"] = ROLE_LABELS

    @app.context_processor
    def _navigation():
        if current_user.is_authenticated:
            return {"nav_items": navigation_for(auth.current_actor().permissions)}
        return {"nav_items": []}
