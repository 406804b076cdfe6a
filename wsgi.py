"""WSGI entry point: `gunicorn wsgi:app`. The only module-level application."""
from core.app import create_app

app = create_app()
