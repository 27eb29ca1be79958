"""Merging two contacts from the dialog: fields chosen per row, one undoable step, and the
duplicate finder that leads there."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_merge import NOTES_SEPARATOR, Side
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.interaction_service import InteractionDraft, PromiseDraft
from relationsapp.core.records import ContactDraft, EmailEntry
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.duplicates_dialog import DuplicatesDialog
from relationsapp.ui.merge_dialog import MergeDialog
from tests.gui.test_interactions import mnemonics
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.factories import jorgen

WHEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def pair(services: Services) -> tuple[int, int]:
    """Jørgen twice, each with an interaction and a promise made in it."""
    keep = services.contacts.create(jorgen(notes="Likes sailing."))
    other = services.contacts.create(
        jorgen(
            given_name="Jorgen",
            emails=[EmailEntry("js@home.dk")],
            job_title="Buyer",
            notes="Two children.",
        )
    )
    for contact_id in (keep, other):
        services.interactions.log(
            InteractionDraft(occurred_at=WHEN, contact_id=contact_id, summary="call"),
            [PromiseDraft(description="quote", due_on=WHEN.date())],
        )
    return keep, other


@pytest.fixture
def undo_stack(qtbot: QtBot) -> QUndoStack:
    return QUndoStack()


def make_dialog(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, keep: int, other: int
) -> tuple[MergeDialog, ChangeNotifier]:
    notifier = ChangeNotifier()
    dialog = MergeDialog(services, undo_stack, notifier, keep, other)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, notifier


def test_rows_start_from_the_filled_in_side_and_say_what_history_is_kept(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, pair: tuple[int, int]
) -> None:
    dialog, _notifier = make_dialog(qtbot, services, undo_stack, *pair)

    assert dialog.buttons["job_title"][Side.OTHER].isChecked()  # only the other has one
    assert dialog.buttons["name"][Side.OTHER].isChecked()  # both have one: the newer
    assert dialog.buttons["emails"][Side.BOTH].isChecked()
    assert dialog.buttons["notes"][Side.BOTH].isChecked()
    assert "country" not in dialog.buttons  # both in DK: nothing to choose
    same = dialog.findChild(QLabel, "same_country")
    assert same is not None and same.text() == "Denmark"
    assert dialog.findChild(QLabel, "row_photo") is None  # neither has one
    assert dialog.summary.text() == "Keeps 2 interactions, 2 promises of both."


def test_merge_then_undo_restores_both_and_redo_merges_again(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, pair: tuple[int, int]
) -> None:
    keep, other = pair
    dialog, notifier = make_dialog(qtbot, services, undo_stack, keep, other)
    before = (services.contacts.get(keep).draft, services.contacts.get(other).draft)
    dialog.choose("name", Side.KEEP)
    dialog.choose("emails", Side.KEEP)

    with qtbot.waitSignals([notifier.contacts_changed, notifier.interactions_changed]):
        ok = dialog.findChild(QWidget, "ok")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    merged = services.contacts.get(keep).draft
    assert merged.given_name == "Jørgen"
    assert [email.address for email in merged.emails] == ["jorgen@pumpe.dk"]
    assert merged.job_title == "Buyer"
    assert merged.notes == "Likes sailing." + NOTES_SEPARATOR + "Two children."
    assert len(services.interactions.timeline(contact_id=keep)) == 2
    with pytest.raises(RecordNotFound):
        services.contacts.get(other)
    assert undo_stack.undoText() == "Merge Jorgen Sørensen into Jørgen Sørensen"
    assert dialog.buttons["name"][Side.KEEP].text() == "Jørgen Sørensen"

    # Ctrl+Z as the main window wires it: the stack's own undo action.
    window = QMainWindow()
    qtbot.addWidget(window)
    undo = undo_stack.createUndoAction(window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    window.addAction(undo)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(notifier.contacts_changed):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (services.contacts.get(keep).draft, services.contacts.get(other).draft) == before
    assert len(services.interactions.timeline(contact_id=keep)) == 1
    assert len(services.interactions.timeline(contact_id=other)) == 1

    undo_stack.redo()
    assert services.contacts.get(keep).draft == merged
    with pytest.raises(RecordNotFound):
        services.contacts.get(other)


def test_an_ampersand_in_a_value_is_shown_not_made_a_mnemonic(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack
) -> None:
    keep = services.contacts.create(jorgen(job_title="Sales & Marketing"))
    other = services.contacts.create(jorgen(job_title="R&D"))
    dialog, _notifier = make_dialog(qtbot, services, undo_stack, keep, other)
    assert dialog.buttons["job_title"][Side.KEEP].text() == "Sales && Marketing"
    letters = mnemonics(dialog)
    assert sorted(letters) == ["m"], letters  # only &Merge


def test_finder_lists_pairs_hides_dismissed_ones_and_merges_the_selected(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    services: Services,
    undo_stack: QUndoStack,
    pair: tuple[int, int],
) -> None:
    _keep, other = pair
    services.contacts.create(ContactDraft(given_name="Mette", emails=[EmailEntry("m@x.dk")]))
    services.contacts.create(ContactDraft(given_name="Mads", emails=[EmailEntry("M@x.dk")]))
    notifier = ChangeNotifier()
    dismissed: set[tuple[int, int]] = set()
    dialog = DuplicatesDialog(services, undo_stack, notifier, dismissed)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    qtmodeltester.check(dialog.model, force_py=True)
    assert dialog.model.index(0, 1).data() == "Jørgen Sørensen"
    assert dialog.model.index(0, 3).data() == "similar name (100%)"
    assert not dialog.merge_button.isEnabled()

    dialog.table.selectRow(1)
    dialog.dismiss_selected()
    assert dialog.model.rowCount() == 1 and len(dismissed) == 1

    dialog.table.selectRow(0)
    assert dialog.merge_button.isEnabled()
    seen = answer_next_dialog(qtbot, lambda merge: merge.accept())
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "No duplicates found."
    with pytest.raises(RecordNotFound):
        services.contacts.get(other)
    assert undo_stack.count() == 1


def test_finder_and_merge_dialog_mnemonics_are_unique(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, pair: tuple[int, int]
) -> None:
    finder = DuplicatesDialog(services, undo_stack, ChangeNotifier())
    qtbot.addWidget(finder)
    letters = mnemonics(finder)
    assert len(letters) == len(set(letters)), letters
