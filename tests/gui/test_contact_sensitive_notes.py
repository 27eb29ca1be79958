"""Marking a contact's notes sensitive from the main window: saved, shown again, undoable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_service import ContactService
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.contact_editor_dialog import ContactEditorDialog
from relationsapp.ui.main_window import CONTACTS_TAB, MainWindow
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.people import seed_people


@pytest.fixture
def controller(qtbot: QtBot, qapp: QApplication, database: Database) -> Iterator[AppController]:
    made = AppController(qapp, database, AppSettings())
    qtbot.addWidget(made.window)
    made.window.show()
    yield made
    made.window.close()


def shown_ticked(qtbot: QtBot, window: MainWindow, contact_id: int) -> bool:
    """Open the contact in the editor, read the sensitive box and cancel."""
    seen: list[bool] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactEditorDialog)
        seen.append(dialog.notes_sensitive.isChecked())
        dialog.reject()

    answer_next_dialog(qtbot, look)
    window.edit_contact(contact_id)
    assert len(seen) == 1
    return seen[0]


def test_sensitive_notes_stay_ticked_after_saving_and_undo_unticks_them(
    qtbot: QtBot, controller: AppController, database: Database
) -> None:
    aino = seed_people(database)["aino"]  # her notes: "Prefers Finnish"
    window = controller.window
    window.show_tab(CONTACTS_TAB)
    window.contact_model.refresh()
    assert not shown_ticked(qtbot, window, aino)

    def tick(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactEditorDialog)
        box = dialog.notes_sensitive
        qtbot.mouseClick(  # on its text: a click on the empty space beside it does nothing
            box,
            Qt.MouseButton.LeftButton,
            pos=QPoint(box.sizeHint().width() // 2, box.height() // 2),
        )
        dialog.accept()

    answer_next_dialog(qtbot, tick)
    window.edit_contact(aino)
    contacts = ContactService(database)
    assert contacts.get(aino).draft.notes_sensitive is True
    assert contacts.get(aino).draft.notes == "Prefers Finnish"
    assert shown_ticked(qtbot, window, aino)

    window.undo_action.trigger()
    assert contacts.get(aino).draft.notes_sensitive is False
    assert not shown_ticked(qtbot, window, aino)
    window.redo_action.trigger()
    assert shown_ticked(qtbot, window, aino)
