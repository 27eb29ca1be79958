"""Typing into widgets the way a person would, in any script."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot


def type_text(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Key by key for ASCII; other scripts arrive committed at once, as from an input method.

    QTest aborts the process (an assertion in qasciikey.cpp) on non-ASCII key clicks.
    """
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)
