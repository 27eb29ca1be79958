"""Saving a person's data and erasing them from the GUI: files, the question, undo cleared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_search import ContactQuery
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.personal_data_actions import (
    erase_person_interactively,
    export_personal_data,
)
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.factories import jorgen, taro


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the static message boxes said, ("information" | "warning", text)."""
    said: list[tuple[str, str]] = []

    def record(kind: str) -> Any:
        def show(_parent: QWidget | None, _title: str, text: str, *_args: Any) -> None:
            said.append((kind, text))

        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "information", record("information"))
    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    return said


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> list[str]:
    """Answer the save dialog with ``path``; returns the file names it proposed."""
    proposed: list[str] = []

    def ask(_parent: QWidget | None, _title: str, name: str, _filter: str) -> tuple[str, str]:
        proposed.append(name)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return proposed


def test_export_writes_json_and_a_readable_page_side_by_side(
    parent: QWidget,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:
    contact_id = services.contacts.create(jorgen(notes="<script>x()</script>"))
    proposed = save_to(monkeypatch, tmp_path / "Jørgen")

    written = export_personal_data(parent, services, contact_id)

    assert proposed == ["Jørgen Sørensen.json"]
    assert written == tmp_path / "Jørgen.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["contact"]["emails"][0]["address"] == "jorgen@pumpe.dk"
    page = (tmp_path / "Jørgen.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert [kind for kind, _text in messages] == ["information"]


def test_export_that_cannot_write_says_so(
    parent: QWidget,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:
    contact_id = services.contacts.create(jorgen())
    save_to(monkeypatch, tmp_path / "no such folder" / "out.json")

    assert export_personal_data(parent, services, contact_id) is None
    [(kind, text)] = messages
    assert kind == "warning" and "Could not write" in text and "out.json" in text


def test_cancelled_export_writes_nothing(
    parent: QWidget,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:
    contact_id = services.contacts.create(jorgen())
    monkeypatch.chdir(tmp_path)  # where a file named "" would land
    save_to(monkeypatch, "")
    assert export_personal_data(parent, services, contact_id) is None
    assert list(tmp_path.glob("*.json")) == list(tmp_path.glob("*.html")) == []
    assert messages == []


class Noted(QUndoCommand):
    """Stands for an edit the stack could undo (it would bring old data back)."""


def press(qtbot: QtBot, name: str) -> Any:
    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.text() + "\n" + dialog.informativeText())
        if name == "enter":  # the default button
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        else:
            button = dialog.findChild(QPushButton, name)
            assert button is not None
            button.click()

    asked: list[str] = []
    answer_next_dialog(qtbot, respond)
    return asked


def test_erase_asks_by_name_and_enter_cancels(
    qtbot: QtBot, parent: QWidget, services: Services, messages: list[tuple[str, str]]
) -> None:
    contact_id = services.contacts.create(jorgen())
    stack = QUndoStack()
    stack.push(Noted("edit"))
    asked = press(qtbot, "enter")

    assert erase_person_interactively(parent, services, stack, contact_id) is False

    assert "Jørgen Sørensen" in asked[0] and "cannot be undone" in asked[0]
    assert services.contacts.get(contact_id).display_name == "Jørgen Sørensen"
    assert stack.count() == 1
    assert messages == []


def test_erase_removes_the_person_clears_undo_and_tells_the_views(
    qtbot: QtBot, parent: QWidget, services: Services, messages: list[tuple[str, str]]
) -> None:
    contact_id = services.contacts.create(jorgen())
    other = services.contacts.create(taro())
    stack = QUndoStack()
    stack.push(Noted("edit"))
    notifier = ChangeNotifier()
    press(qtbot, "erase")

    with qtbot.wait_signals([notifier.contacts_changed, notifier.interactions_changed]):
        assert erase_person_interactively(parent, services, stack, contact_id, notifier)

    with pytest.raises(RecordNotFound):
        services.contacts.get(contact_id)
    assert services.search.contact_ids(ContactQuery(text="jorgen")) == []
    assert services.contacts.get(other).display_name == "山田太郎"
    assert stack.count() == 0
    [(kind, text)] = messages
    assert kind == "information" and "Jørgen Sørensen" in text


def test_erasing_someone_already_gone_says_so(
    parent: QWidget, services: Services, messages: list[tuple[str, str]]
) -> None:
    assert erase_person_interactively(parent, services, QUndoStack(), 404) is False
    assert [kind for kind, _text in messages] == ["warning"]
