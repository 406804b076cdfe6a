"""Configuration: defaults in code, overridden by REGLAMENT_* environment variables."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, object] = {
    "DATABASE_URL": None,  # default: SQLite file under instance/
    "SECRET_KEY": None,
    "PASSWORD_HASH_METHOD": "scrypt",
    "SCHOOL_TIMEZONE": "Asia/Yekaterinburg",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    "SMTP_HOST": None,
    "SMTP_PORT": 25,
    "MAIL_FROM": "reglament@localhost",
    "STORAGE_JOURNAL_YEARS": 5,  # ARC-06: printed journals
    "STORAGE_SUMMARY_YEARS": 25,  # ARC-06: summary sheets
}


class ConfigError(RuntimeError):
    """The configuration cannot start the application."""


def load_config(app: Flask, overrides: dict | None) -> None:
    """Fill app.config from defaults, REGLAMENT_* variables and explicit overrides, then check."""
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("REGLAMENT")
    app.config.update(overrides or {})
    if not app.config["DATABASE_URL"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'reglament.db'}"
    relaxed = app.debug or app.testing
    if not app.config["SECRET_KEY"]:
        if not relaxed:
            raise ConfigError(
                "Не задан секретный ключ: установите переменную окружения REGLAMENT_SECRET_KEY "
                "(например, `python -c 'import secrets; print(secrets.token_hex(32))'`)."
            )
        app.config["SECRET_KEY"] = "insecure-development-key"
    app.config.setdefault("SESSION_COOKIE_SECURE", not relaxed)
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
