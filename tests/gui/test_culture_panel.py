"""The Culture panel follows the selection, shows the person first, and edits undoably."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_service import ContactService
from relationsapp.core.culture_starters import STARTER_NOTES
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.culture_note_dialog import CultureNoteDialog, CultureScalesDialog
from relationsapp.ui.culture_panel import CulturePanel
from relationsapp.ui.main_window import ACCOUNTS_TAB, CONTACTS_TAB, PLANNER_TAB
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.people import seed_people


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    return seed_people(database)


@pytest.fixture
def controller(
    qtbot: QtBot, qapp: QApplication, database: Database, people: dict[str, int]
) -> Iterator[AppController]:
    made = AppController(qapp, database, AppSettings(home_zone="Europe/Copenhagen"))
    qtbot.addWidget(made.window)
    made.window.show()
    yield made
    made.window.close()


@pytest.fixture
def panel(controller: AppController) -> CulturePanel:
    return controller.window.culture_panel


def shown_text(qtbot: QtBot, panel: CulturePanel, expected: str) -> str:
    qtbot.waitUntil(lambda: expected in panel.browser.toPlainText())
    return panel.browser.toPlainText()


def test_the_panel_follows_the_contact_and_puts_the_person_before_the_country(
    qtbot: QtBot, controller: AppController, panel: CulturePanel, people: dict[str, int]
) -> None:
    controller.window.show_tab(CONTACTS_TAB)
    controller.window.contacts_view.select_contact(people["taro"])
    text = shown_text(qtbot, panel, "山田太郎 (Yamada Taro)")
    assert panel.country_combo.code() == "JP"
    person = text.index("Prefers in person")
    country = text.index("Japan")
    assert person < country
    for fact in ("Japanese", "Japanese Yen", "Saturday, Sunday", "+81", "Tokyo"):
        assert fact in text[country:]
    assert STARTER_NOTES["JP"]["greetings"] in text
    assert "starter — review" in text
    assert "You and them: Denmark · Japan" in text

    controller.window.contacts_view.select_contact(people["ahmed"])
    text = shown_text(qtbot, panel, "Saudi Arabia")
    assert "Friday, Saturday" in text
    assert "Japan" not in text


def test_the_panel_follows_the_selected_account(
    qtbot: QtBot, controller: AppController, panel: CulturePanel, people: dict[str, int]
) -> None:
    window = controller.window
    account_id = ContactService(window._database).get(people["ahmed"]).draft.account_id
    assert account_id is not None
    window.show_tab(ACCOUNTS_TAB)
    window.accounts_view.select_account(account_id)
    text = shown_text(qtbot, panel, "شركة الرياض للطاقة")
    assert "Saudi Arabia" in text
    assert "Friday, Saturday" in text


def test_the_panel_shows_every_participant_of_the_selected_meeting(
    qtbot: QtBot, controller: AppController, panel: CulturePanel, people: dict[str, int]
) -> None:
    services = controller.services
    services.meetings.book(
        MeetingDraft(
            title="Pump order",
            start_utc=dt.datetime.now(dt.UTC) + dt.timedelta(days=3),
            organiser_zone="Europe/Copenhagen",
            attendees=[
                MeetingAttendee("Taro", "Asia/Tokyo", "JP", contact_id=people["taro"]),
                MeetingAttendee("Ahmed", "Asia/Riyadh", "SA", contact_id=people["ahmed"]),
                MeetingAttendee("Helsinki office", "Europe/Helsinki", "FI"),
            ],
        )
    )
    controller.window.show_tab(PLANNER_TAB)
    text = shown_text(qtbot, panel, "Finland")
    for expected in ("山田太郎", "Japan", "Saudi Arabia", "أحمد"):
        assert expected in text


def edit_gifts(qtbot: QtBot, panel: CulturePanel, text: str) -> list[QDialog]:
    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, CultureNoteDialog)
        dialog.text.setPlainText(text)
        dialog._fields.source.setText("Osaka visit")
        dialog.accept()

    seen = answer_next_dialog(qtbot, respond)
    panel.browser.anchorClicked.emit(QUrl("action:edit:JP:gifts"))
    return seen


def test_editing_a_starter_note_then_undo_brings_the_starter_back(
    qtbot: QtBot, controller: AppController, panel: CulturePanel
) -> None:
    panel.show_country("JP")
    starter = STARTER_NOTES["JP"]["gifts"]
    shown_text(qtbot, panel, starter)
    seen = edit_gifts(qtbot, panel, "Bring Danish liquorice, wrapped.")
    assert seen and seen[0].windowTitle() == "Gifts and hospitality — Japan"
    text = shown_text(qtbot, panel, "Bring Danish liquorice, wrapped.")
    assert starter not in text
    assert "source: Osaka visit" in text

    controller.window.undo_action.trigger()
    shown_text(qtbot, panel, starter)
    controller.window.redo_action.trigger()
    shown_text(qtbot, panel, "Bring Danish liquorice, wrapped.")


def test_deleting_a_note_hides_it_until_undo(
    qtbot: QtBot, controller: AppController, panel: CulturePanel
) -> None:
    panel.show_country("SA")
    starter = STARTER_NOTES["SA"]["dining"]
    shown_text(qtbot, panel, starter)
    panel.browser.anchorClicked.emit(QUrl("action:delete:SA:dining"))
    qtbot.waitUntil(lambda: starter not in panel.browser.toPlainText())
    assert "No note yet — add one: Dining and alcohol" in panel.browser.toPlainText()
    controller.window.undo_action.trigger()
    shown_text(qtbot, panel, starter)


def test_markup_in_a_note_is_shown_as_typed_and_never_followed(
    qtbot: QtBot, panel: CulturePanel
) -> None:
    hostile = '<img src="/etc/passwd"> & <a href="https://evil.example">click</a> <b>x</b>'
    panel.show_country("JP")
    shown_text(qtbot, panel, "Japan")
    edit_gifts(qtbot, panel, hostile)
    shown_text(qtbot, panel, hostile)
    html = panel.browser.toHtml()
    assert "<img" not in html
    assert 'href="https://evil.example"' not in html


def test_culture_map_positions_show_beside_my_own_country(
    qtbot: QtBot, controller: AppController, panel: CulturePanel
) -> None:
    def place(country: str, position: int) -> None:
        def respond(dialog: QDialog) -> None:
            assert isinstance(dialog, CultureScalesDialog)
            dialog.set_boxes["leading"].setChecked(True)
            dialog.sliders["leading"].setValue(position)
            dialog.accept()

        answer_next_dialog(qtbot, respond)
        panel.browser.anchorClicked.emit(QUrl(f"action:scales:{country}"))

    panel.show_country("JP")
    shown_text(qtbot, panel, "not placed this country on the scales yet")
    place("JP", 8)
    place("DK", 2)
    text = shown_text(qtbot, panel, "you 2 · them 8")
    assert "Egalitarian" in text and "Hierarchical" in text
    controller.window.undo_action.trigger()
    qtbot.waitUntil(lambda: "you 2 · them 8" not in panel.browser.toPlainText())


def test_notes_exported_and_imported_come_back_with_a_report(
    qtbot: QtBot, controller: AppController, panel: CulturePanel, tmp_path: Path
) -> None:
    panel.show_country("JP")
    shown_text(qtbot, panel, "Japan")
    edit_gifts(qtbot, panel, "Bring Danish liquorice, wrapped.")
    shown_text(qtbot, panel, "Bring Danish liquorice, wrapped.")
    exported = panel.export_notes(str(tmp_path / "team.json"))
    assert exported is not None
    assert json.loads(exported.read_text("utf-8"))["notes"][0]["topic"] == "gifts"

    controller.window.undo_action.trigger()  # our note is gone; the starter shows
    shown_text(qtbot, panel, STARTER_NOTES["JP"]["gifts"])
    report = panel.import_notes(str(exported))
    assert report == "1 new, 0 updated, 0 kept (yours were as new or newer)."
    shown_text(qtbot, panel, "Bring Danish liquorice, wrapped.")
    assert controller.window.statusBar().currentMessage() == report


def test_a_broken_import_file_is_reported_and_changes_nothing(
    qtbot: QtBot, controller: AppController, panel: CulturePanel, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "relationsapp-culture-notes", "version": 1, "notes": [', "utf-8")
    messages: list[str] = []

    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        messages.append(dialog.text())
        dialog.accept()

    answer_next_dialog(qtbot, respond)
    assert panel.import_notes(str(broken)) is None
    assert messages and messages[0].startswith("broken.json, line 1: not valid JSON")
    assert controller.services.culture.stored_notes() == []
    assert controller.undo_stack.count() == 0
