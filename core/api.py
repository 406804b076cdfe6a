"""The JSON API under /api/v1: the OpenAPI document built from the code (flask-smorest), bearer
tokens with scopes, rate limits on shared storage, and errors as RFC 9457 problem details.

The apps declare their endpoints on `ApiBlueprint`s listed in `core.registry.API_BLUEPRINTS`;
core never imports them. A call never uses the browser session, so CSRF does not apply to it."""
from __future__ import annotations

import http
from functools import wraps

import marshmallow as ma
from flask import Flask, Response, current_app, g, json, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Api, Blueprint
from flask_smorest.spec import prepare_response
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from webargs import missing
from webargs.flaskparser import FlaskParser

from core import tokens
from core.db import get_session, utcnow
from core.errors import NotAllowed
from core.text import clean_json
from core.token_rules import SCOPES, bearer_secret, digest

PREFIX = "/api/v1"
PROBLEM = "application/problem+json"

# RFC 9457 titles, negotiated by Accept-Language (Russian unless English is preferred)
TITLES: dict[int, tuple[str, str]] = {
    400: ("Некорректный запрос", "Bad Request"),
    401: ("Требуется аутентификация", "Unauthorized"),
    403: ("Доступ запрещён", "Forbidden"),
    404: ("Не найдено", "Not Found"),
    405: ("Метод не поддерживается", "Method Not Allowed"),
    409: ("Конфликт", "Conflict"),
    412: ("Условие запроса не выполнено", "Precondition Failed"),
    413: ("Слишком большой запрос", "Content Too Large"),
    415: ("Неподдерживаемый формат", "Unsupported Media Type"),
    422: ("Данные не прошли проверку", "Unprocessable Content"),
    428: ("Нужно условие запроса", "Precondition Required"),
    429: ("Слишком много запросов", "Too Many Requests"),
    500: ("Внутренняя ошибка сервера", "Internal Server Error"),
}


class ProblemSchema(ma.Schema):
    """An error as RFC 9457 problem details."""

    type = ma.fields.String(metadata={"example": "about:blank"})
    title = ma.fields.String(metadata={"description": "Краткое описание по статусу (ru или en по Accept-Language)"})
    status = ma.fields.Integer()
    detail = ma.fields.String(metadata={"description": "Что случилось, по-русски"})
    instance = ma.fields.String()
    errors = ma.fields.List(ma.fields.String(), metadata={"description": "Подробности по полям"})


class ReglamentApi(Api):
    """flask-smorest's Api with errors documented as problem details; the app's own error
    handler renders them (flask-smorest's would turn every HTML error page into JSON)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        pass

    def _register_pagination_header(self):
        # the header carries the metadata as a JSON string; documented as what goes on the wire
        self.spec.components.header("PAGINATION", {
            "description": "JSON: total, total_pages, first_page, last_page, page, previous_page, next_page",
            "schema": {"type": "string", "example": '{"total": 120, "total_pages": 3, "page": 1}'}}, lazy=True)

    def _register_responses(self):
        # flask-smorest's own set, but errors documented as application/problem+json
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Ошибка (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def _rate_key() -> str:
    """Calls are counted per token (its hash), or per address when no token came."""
    secret = bearer_secret(request.headers.get("Authorization"))
    return "t:" + digest(secret)[:24] if secret else "a:" + get_remote_address()


class _CleanParser(FlaskParser):
    """webargs reads a JSON body from the raw bytes, past `CleanRequest.get_json`: its strings are
    cleaned here as the pages' input is (a NUL byte in a call's work kind reached PostgreSQL: 500)."""

    def _raw_load_json(self, req):
        data = super()._raw_load_json(req)
        return data if data is missing else clean_json(data)


class ApiBlueprint(Blueprint):
    """A blueprint of API endpoints: rate-limited, exempt from CSRF (no cookies are read)."""

    ARGUMENTS_PARSER = _CleanParser()


def problem(status: int, detail: str, errors: list[str] | None = None) -> Response:
    """An RFC 9457 problem response in the client's language (Russian by default)."""
    ru, en = TITLES.get(status, ("Ошибка", "Error"))
    english = request.accept_languages.best_match(["ru", "en"], default="ru") == "en"
    body = {"type": "about:blank", "title": en if english else ru, "status": status, "detail": detail,
            "instance": request.path}
    if errors:
        body["errors"] = errors
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM)
    response.headers["Content-Language"] = "en" if english else "ru"
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="reglament"'
    return response


def is_api_request() -> bool:
    """True when the request addresses the API (errors then come as problem details)."""
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


def token_required(scope: str, summary: str):
    """Guard an API endpoint: a live bearer token whose scopes include `scope` (401 / 403);
    `summary` names the endpoint in Russian in the OpenAPI document and on the reference page.

    The call acts as the token's user (`call_actor()`), so every service check of SEC-02 holds
    as on pages. Declared on the view, like page permissions, for the route walk."""
    assert scope in SCOPES, scope

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            session = get_session()
            call = tokens.authenticate(session, bearer_secret(request.headers.get("Authorization")),
                                       request.remote_addr or "", utcnow())
            session.commit()  # the token's last use; nothing else is written yet
            if scope not in call.scopes:
                raise NotAllowed(f"У токена нет области доступа «{scope}» ({SCOPES[scope]}).")
            g.api_call = call
            return view(*args, **kwargs)

        wrapped.required_permission = (f"token:{scope}",)
        wrapped._apidoc = dict(getattr(wrapped, "_apidoc", {}))
        manual = dict(wrapped._apidoc.get("manual_doc", {}))
        manual["security"] = [{"bearerAuth": []}]
        manual["summary"] = summary
        manual["description"] = f"Область доступа токена: `{scope}` — {SCOPES[scope]}."
        responses = dict(manual.get("responses", {}))
        for status in (401, 403, 429):  # a component's name: apispec then emits the component
            responses[str(status)] = http.HTTPStatus(status).name
        manual["responses"] = responses
        wrapped._apidoc["manual_doc"] = manual
        return wrapped

    return decorator


class DateRangeArgs(ma.Schema):
    """Filter by date: from and to, both inclusive, ISO 8601."""

    date_from = ma.fields.Date(metadata={"description": "С даты (включительно)"})
    date_to = ma.fields.Date(metadata={"description": "По дату (включительно)"})

    @ma.validates_schema
    def _ordered(self, data, **_):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ma.ValidationError("Начало периода позже конца.", "date_from")


def paged(session: Session, stmt: Select, params) -> list:
    """One page of a query (LIMIT/OFFSET) and its total for the X-Pagination header: two SQL
    queries whatever the table's size."""
    params.item_count = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    if params.first_item >= params.item_count:  # past the end (a huge page number never reaches SQL)
        return []
    return list(session.scalars(stmt.limit(params.page_size).offset(params.first_item)))


def call_actor():
    """The actor of the current API call (set by `token_required`)."""
    return g.api_call.actor


def spec_of(app: Flask) -> dict:
    """The application's OpenAPI document."""
    return app.extensions["reglament.api"].spec.to_dict()


def init_app(app: Flask, blueprints: list[ApiBlueprint], csrf) -> None:
    """Install the API: spec settings, rate limiter, the apps' blueprints."""
    app.config.setdefault("API_TITLE", "Reglament API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("API_RATE_LIMIT", "600 per minute")
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": "Открытый API Reglament: план-график, локальные акты, приказы, журнал. "
                                "Доступ по персональному токену (профиль → «Токены API»)."},
        "servers": [{"url": "/"}],
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
    })
    # one Api and one Limiter per application: each holds its app's spec and counters
    api = ReglamentApi(app)
    limiter = Limiter(key_func=_rate_key, headers_enabled=True, app=app)
    app.extensions["reglament.api"] = api
    for blp in blueprints:
        limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(blp)
        csrf.exempt(blp)
        api.register_blueprint(blp, url_prefix=PREFIX + blp.url_prefix)
