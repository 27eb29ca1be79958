"""Answering modal dialogs from a test, as a user at the keyboard would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot


def answer_next_dialog(qtbot: QtBot, respond: Callable[[QDialog], None]) -> list[QDialog]:
    """Call ``respond`` on the next modal dialog once it is showing; returns what it saw.

    Modal dialogs run their own event loop inside ``exec()``: the response has to be
    scheduled before the action that opens the dialog.
    """
    seen: list[QDialog] = []

    def poll() -> None:
        widget: QWidget | None = QApplication.activeModalWidget()
        if isinstance(widget, QDialog) and widget.isVisible():
            seen.append(widget)
            respond(widget)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen
