"""Importing contacts from vCard and CSV files: the preview's states and warnings, ticking
a duplicate, Cancel during the import, the report of what was left out, one undo step,
and the column mapping of a Google Contacts CSV."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_search import ContactQuery
from relationsapp.core.records import OtherField
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from relationsapp.ui import contact_import_dialog
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.contact_import_dialog import ContactImportDialog
from relationsapp.ui.contact_import_model import NAME, NOTE, STATE, STATE_ROLE, WHERE
from relationsapp.ui.csv_mapping_page import CsvMappingPage
from tests.helpers.people import seed_people

# Three people and a card cut short: Lars is new, Taro has the e-mail of the seeded
# Taro Yamada, Eva's phone cannot be a number, and the last card has no END.
CARDS = """BEGIN:VCARD
VERSION:4.0
FN:Lars Nielsen
N:Nielsen;Lars;;;
ORG:Vestas Wind
EMAIL;TYPE=work:lars@vestas.example.dk
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Taro Yamada
N:Yamada;Taro;;;
EMAIL:taro.yamada@yamada.example.jp
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Eva Lind
N:Lind;Eva;;;
TEL;TYPE=work:not a number
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Broken Card
"""

GOOGLE = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
    "Hans,Peter,Müller,Müller Präzision GmbH,Einkauf,* Work,hans@mueller.example.de,"
    "Mobile,+49 170 1234567\n"
    "Aino,,Mäkinen,,,,aino@makinen.example.fi,,\n"
)
TITLE_COLUMN = 4  # "Organization Title"


@pytest.fixture
def services(database: Database) -> Services:
    seed_people(database)
    return Services(database)


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    path = tmp_path / "cards.vcf"
    path.write_text(CARDS, encoding="utf-8")
    return path


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def notifier() -> ChangeNotifier:
    return ChangeNotifier()


@pytest.fixture
def open_import(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, notifier: ChangeNotifier
) -> Iterator[Any]:
    opened: list[ContactImportDialog] = []

    def make(*paths: Path) -> ContactImportDialog:
        dialog = ContactImportDialog(
            services, list(paths), undo_stack=undo_stack, notifier=notifier
        )
        qtbot.add_widget(dialog)
        dialog.show()
        opened.append(dialog)
        return dialog

    yield make
    for dialog in opened:
        dialog.stop()  # nothing may run on a pool thread after the test


def planned(qtbot: QtBot, dialog: ContactImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.jobs.busy)


def rows(dialog: ContactImportDialog) -> dict[str, tuple[str, str, str, str]]:
    """Name (or file:line for an error) → (state, shown state, where, notes)."""
    model = dialog.model
    found = {}
    for row in range(model.rowCount()):
        name = model.index(row, NAME).data() or model.index(row, WHERE).data()
        found[name] = (
            model.index(row, STATE).data(STATE_ROLE),
            model.index(row, STATE).data(),
            model.index(row, WHERE).data(),
            model.index(row, NOTE).data(),
        )
    return found


def account_names(services: Services) -> set[str]:
    return {name for _id, name in services.accounts.choices()}


def contact_count(services: Services) -> int:
    return len(services.search.contact_ids(ContactQuery()))


def test_preview_shows_each_card_as_new_duplicate_or_error_with_warnings(
    qtbot: QtBot, open_import: Any, cards: Path
) -> None:
    dialog = open_import(cards)
    planned(qtbot, dialog)
    ModelTester(qtbot).check(dialog.model)
    shown = rows(dialog)
    assert shown["Lars Nielsen"][:3] == ("new", "New", "cards.vcf:1")
    assert shown["Taro Yamada"][:3] == ("duplicate", "Duplicate", "cards.vcf:8")
    assert "taro.yamada@yamada.example.jp" in shown["Taro Yamada"][3]
    assert shown["Eva Lind"][0] == "new"
    assert "not a number" in shown["Eva Lind"][3] and "other fields" in shown["Eva Lind"][3]
    assert shown["cards.vcf:20"][:2] == ("error", "Error")
    assert "END:VCARD" in shown["cards.vcf:20"][3]
    assert dialog.counts.text() == "2 new, 1 duplicate, 1 error"
    # A duplicate is left out unless ticked.
    taro = next(
        row for row in range(dialog.model.rowCount()) if dialog.model.state(row) == "duplicate"
    )
    check = dialog.model.index(taro, STATE).data(Qt.ItemDataRole.CheckStateRole)
    assert check == Qt.CheckState.Unchecked
    assert dialog.to_import() == 2
    assert dialog.import_button.isEnabled()


def test_a_ticked_duplicate_is_imported(
    qtbot: QtBot, open_import: Any, cards: Path, services: Services
) -> None:
    dialog = open_import(cards)
    planned(qtbot, dialog)
    qtbot.mouseClick(dialog.include_duplicates, Qt.MouseButton.LeftButton)
    assert dialog.to_import() == 3
    assert "3 people will be imported" in dialog.to_write.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None)
    assert contact_count(services) == 5 + 3
    yamadas = services.search.contact_ids(ContactQuery(text="taro.yamada@yamada.example.jp"))
    assert len(yamadas) == 2


def test_cancel_during_the_import_writes_nothing(
    qtbot: QtBot,
    open_import: Any,
    cards: Path,
    services: Services,
    undo_stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The import waits on the pool thread until Cancel has been pressed, so the test
    # does not depend on which thread is faster.
    release = threading.Event()
    real_apply = contact_import_dialog.apply_contact_import

    def held_apply(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(contact_import_dialog, "apply_contact_import", held_apply)
    dialog = open_import(cards)
    planned(qtbot, dialog)
    try:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.progress_box.isVisible()
        assert not dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        release.set()
    qtbot.waitUntil(lambda: "nothing was written" in dialog.status.text())
    assert contact_count(services) == 5
    assert undo_stack.count() == 0
    assert dialog.isVisible() and dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.import_button.isEnabled()  # it can be tried again


def test_the_report_lists_what_was_left_out_with_file_and_line(
    qtbot: QtBot, open_import: Any, cards: Path
) -> None:
    dialog = open_import(cards)
    planned(qtbot, dialog)
    dialog.import_now()
    qtbot.waitUntil(lambda: dialog.command is not None)
    assert dialog.pages.currentWidget() is dialog.report_page
    heading = dialog.report_page.heading.text()
    assert "2 new contacts were imported." in heading
    assert "2 records were left out" in heading
    lines = dialog.report_page.text.toPlainText().splitlines()
    assert any(line.startswith("cards.vcf:20: ") and "END:VCARD" in line for line in lines)
    assert any(line.startswith("cards.vcf:8: left out as a duplicate") for line in lines)
    assert any(line.startswith("cards.vcf:14: ") and "not a number" in line for line in lines)
    qtbot.mouseClick(dialog.report_page.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and "cards.vcf:20: " in clipboard.text()


def test_one_undo_takes_the_import_back_and_redo_brings_it_again(
    qtbot: QtBot,
    open_import: Any,
    cards: Path,
    services: Services,
    undo_stack: QUndoStack,
    notifier: ChangeNotifier,
) -> None:
    dialog = open_import(cards)
    planned(qtbot, dialog)
    with qtbot.wait_signal(notifier.contacts_changed):
        dialog.import_now()
        qtbot.waitUntil(lambda: dialog.command is not None)
    assert undo_stack.count() == 1
    assert undo_stack.undoText() == "Import 2 contacts"
    assert services.search.contact_ids(ContactQuery(text="Nielsen"))
    with qtbot.wait_signal(notifier.accounts_changed):
        undo_stack.undo()
    assert contact_count(services) == 5
    assert not services.search.contact_ids(ContactQuery(text="Nielsen"))
    assert "Vestas Wind" not in account_names(services)
    undo_stack.redo()
    assert contact_count(services) == 7
    assert services.search.contact_ids(ContactQuery(text="Nielsen"))
    assert "Vestas Wind" in account_names(services)


def test_a_google_csv_is_recognised_and_its_columns_can_be_changed(
    qtbot: QtBot, open_import: Any, tmp_path: Path
) -> None:
    path = tmp_path / "google.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    dialog = open_import(path)
    qtbot.waitUntil(lambda: bool(dialog.mapping_pages))
    page = dialog.mapping_pages[0]
    assert isinstance(page, CsvMappingPage) and dialog.pages.currentWidget() is page
    assert page.kind_label.text() == "Written by: Google Contacts"
    header, sample = page.table.item(TITLE_COLUMN, 0), page.table.item(TITLE_COLUMN, 1)
    assert header is not None and header.text() == "Organization Title"
    assert sample is not None and sample.text() == "Einkauf"
    assert page.combos[TITLE_COLUMN].currentText() == "Job title"
    qtbot.waitUntil(lambda: page.parsed is not None)
    assert page.parsed is not None and page.parsed.contacts[0].draft.job_title == "Einkauf"
    # The middle name has no field of its own: kept, not lost.
    assert "X-CSV-Middle Name: Peter" in page.result.text()

    combo = page.combos[TITLE_COLUMN]
    combo.setCurrentIndex(combo.findText("Keep as other field"))
    # Read again on a pool thread; its result reaches the page through the event loop.
    assert page.parsed is None and not dialog.next_button.isEnabled()
    qtbot.waitUntil(lambda: page.parsed is not None and dialog.next_button.isEnabled())
    draft = page.parsed.contacts[0].draft
    assert draft.job_title == ""
    assert OtherField("X-CSV-Organization Title", "Einkauf") in draft.other_fields
    assert "X-CSV-Organization Title: Einkauf" in page.result.text()

    combo.setCurrentIndex(combo.findText("Leave out"))
    qtbot.waitUntil(lambda: page.parsed is not None and dialog.next_button.isEnabled())
    draft = page.parsed.contacts[0].draft
    assert draft.job_title == "" and "Einkauf" not in {f.value for f in draft.other_fields}

    combo.setCurrentIndex(combo.findText("Keep as other field"))
    qtbot.waitUntil(lambda: page.parsed is not None and dialog.next_button.isEnabled())
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    planned(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.counts.text() == "2 new"
    hans = next(row for row in dialog.plan.rows if row.record.draft.given_name == "Hans")
    assert OtherField("X-CSV-Organization Title", "Einkauf") in hans.record.draft.other_fields
    assert hans.record.account_name == "Müller Präzision GmbH"
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is page


def test_a_vcard_and_a_csv_are_imported_together(
    qtbot: QtBot, open_import: Any, cards: Path, tmp_path: Path, services: Services
) -> None:
    csv_path = tmp_path / "google.csv"
    csv_path.write_text(GOOGLE, encoding="utf-8")
    dialog = open_import(cards, csv_path)
    qtbot.waitUntil(lambda: bool(dialog.mapping_pages) and dialog.next_button.isEnabled())
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    planned(qtbot, dialog)
    assert dialog.counts.text() == "4 new, 1 duplicate, 1 error"
    files = [dialog.model.index(row, WHERE).data() for row in range(dialog.model.rowCount())]
    assert files[0].startswith("cards.vcf:") and files[-1].startswith("google.csv:")
    dialog.import_now()
    qtbot.waitUntil(lambda: dialog.command is not None)
    assert contact_count(services) == 5 + 4
