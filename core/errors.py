"""Domain errors. They never subclass HTTP exceptions; one handler maps them to statuses."""
from __future__ import annotations


class DomainError(Exception):
    """Base of the domain errors; `message` is shown to the user in Russian."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The actor lacks the permission or the object is outside their reach."""

    status = 403


class NotFound(DomainError):
    """The object does not exist (or is not visible to the actor)."""

    status = 404


class InvalidTransition(DomainError):
    """A lifecycle action is not allowed from the object's current state."""

    status = 409


class StaleState(DomainError):
    """The form was rendered for a state that has changed since."""

    status = 409


def field_errors(messages) -> list[str]:
    """marshmallow's nested messages ({"json": {"field": ["…"]}}) as the "json.field: …" lines a
    ValidationFailed lists, one per message."""
    out: list[str] = []

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out.extend(f"{prefix}: {v}" for v in value)
        else:
            out.append(f"{prefix}: {value}")

    walk("", messages)
    return out


class ValidationFailed(DomainError):
    """The input is malformed or breaks a rule; `errors` lists the details."""

    status = 422

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.errors = errors or []


class NotAuthenticated(DomainError):
    """No valid credentials came with the request (an API call without a live token)."""

    status = 401
