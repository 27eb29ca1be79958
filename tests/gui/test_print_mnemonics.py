"""The printing dialogs and the interaction dialog keep one mnemonic per letter in
every shipped language (a clash makes Alt+letter cycle instead of jump)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from relationsapp.core.services import Services
from relationsapp.i18n.translate import set_language
from relationsapp.storage.database import Database
from relationsapp.ui.interaction_dialog import InteractionDialog
from relationsapp.ui.pdf_preview_dialog import PdfPreviewDialog
from relationsapp.ui.trip_pack_dialog import TripPackDialog
from tests.gui.test_interactions import mnemonics

ZONE = "Europe/Copenhagen"


@pytest.fixture(params=["en", "da", "fi"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("en")


def unique(letters: list[str]) -> bool:
    return len(letters) == len(set(letters))


def test_interaction_dialog(qtbot: QtBot, database: Database, language: str) -> None:
    dialog = InteractionDialog(Services(database), ZONE)
    qtbot.addWidget(dialog)
    letters = mnemonics(dialog)
    assert unique(letters), (language, letters)


def test_preview_dialog(qtbot: QtBot, language: str) -> None:
    dialog = PdfPreviewDialog(lambda _language, _sensitive: b"", "Briefing", "x")  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.jobs.is_busy())
    letters = mnemonics(dialog)
    assert len(letters) >= 7 and unique(letters), (language, letters)


def test_trip_pack_dialog(qtbot: QtBot, database: Database, language: str) -> None:
    dialog = TripPackDialog(Services(database), ZONE, dt.date(2027, 3, 8))
    qtbot.addWidget(dialog)
    letters = mnemonics(dialog)
    assert len(letters) >= 5 and unique(letters), (language, letters)


def test_export_dialog(qtbot: QtBot, language: str) -> None:
    from relationsapp.ui.contact_export_dialog import ContactExportDialog

    dialog = ContactExportDialog(2, 10, 300)
    qtbot.addWidget(dialog)
    letters = mnemonics(dialog)
    assert len(letters) >= 8 and unique(letters), (language, letters)


def test_merge_dialog(qtbot: QtBot, database: Database, language: str) -> None:
    from PySide6.QtGui import QUndoStack

    from relationsapp.core.contact_service import ContactService
    from relationsapp.core.records import ContactDraft
    from relationsapp.ui.change_notifier import ChangeNotifier
    from relationsapp.ui.merge_dialog import MergeDialog

    contacts = ContactService(database)
    keep = contacts.create(ContactDraft(given_name="Søren", family_name="Sørensen"))
    other = contacts.create(ContactDraft(given_name="Soren", family_name="Sorensen"))
    dialog = MergeDialog(Services(database), QUndoStack(), ChangeNotifier(), keep, other)
    qtbot.addWidget(dialog)
    letters = mnemonics(dialog)
    assert unique(letters), (language, letters)


def test_import_dialog(qtbot: QtBot, database: Database, language: str, tmp_path: Path) -> None:
    from PySide6.QtGui import QUndoStack

    from relationsapp.ui.change_notifier import ChangeNotifier
    from relationsapp.ui.contact_import_dialog import ContactImportDialog

    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lund\r\nN:Lund;Ada;;;\r\nEND:VCARD\r\n")
    dialog = ContactImportDialog(
        Services(database), [str(card)], undo_stack=QUndoStack(), notifier=ChangeNotifier()
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())  # the preview is up
    # Only what can be reached now: the report page, not yet shown, has letters of its own.
    letters = visible_mnemonics(dialog)
    assert len(letters) >= 2 and unique(letters), (language, letters)


def visible_mnemonics(root: QWidget) -> list[str]:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    widgets = [w for w in root.findChildren(QWidget) if w.isVisibleTo(root)]
    texts = [w.text() for w in widgets if isinstance(w, QLabel) and w.buddy() is not None]
    texts += [w.text() for w in widgets if isinstance(w, QAbstractButton)]
    return [m.lower() for text in texts for m in re.findall(r"(?<!&)&(\w)", text)]
