"""Database plumbing: the declarative base with one naming convention, UTC timestamps,
the engine and the per-request session."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, current_app, g
from sqlalchemy import DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model; its metadata carries the project's naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timestamp stored as naive UTC on both databases and returned as aware UTC.

    Storing naive UTC keeps SQLite and PostgreSQL identical (SQLite drops offsets)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def check_in(column: str, values) -> str:
    """SQL of a CHECK constraint keeping a column within the given values."""
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def utcnow() -> datetime:
    """The current moment as an aware UTC datetime."""
    return datetime.now(UTC)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """The engine and session factory of one application."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)


def init_app(app: Flask) -> Database:
    """Attach a Database to the app and close the request's session at teardown."""
    database = Database(app.config["DATABASE_URL"])
    app.extensions["reglament.db"] = database

    @app.teardown_appcontext
    def _close_session(_exc):
        sess = g.pop("_db_session", None)
        if sess is not None:
            sess.close()

    return database


def get_database() -> Database:
    """The Database of the current application."""
    return current_app.extensions["reglament.db"]


def get_session() -> Session:
    """The session of the current application context, created on first use."""
    if "_db_session" not in g:
        g._db_session = get_database().sessionmaker()
    return g._db_session


def within(stmt, column, start=None, end=None):
    """`stmt` limited to rows whose `column` lies in [start, end]; a missing bound is open."""
    if start is not None:
        stmt = stmt.where(column >= start)
    if end is not None:
        stmt = stmt.where(column <= end)
    return stmt
