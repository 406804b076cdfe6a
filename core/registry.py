"""Imports every app's models so the metadata is complete (for Alembic and the tests)."""
from __future__ import annotations

import importlib

from core.db import Base

MODEL_MODULES = ("core.models",)


def load_all_models():
    """Import the model modules of every app and return the shared metadata."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
    return Base.metadata
