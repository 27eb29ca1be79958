"""Errors services raise for people to read."""

from __future__ import annotations

from relationsapp.core.validation import FieldError


class ValidationFailed(Exception):
    """The draft was not saved; ``errors`` says what to fix, field by field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{error.field}: {error.message}" for error in errors))
        self.errors = errors


class RecordNotFound(Exception):
    """No live record with that id (it may have been deleted meanwhile)."""
