"""The main window: welcome page, create/edit/delete with undo and redo, languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_service import ContactService
from relationsapp.core.workspace import WELCOME_ANSWERED, get_setting
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.contact_editor_dialog import ContactEditorDialog
from relationsapp.ui.contact_table_model import NAME
from relationsapp.ui.main_window import ACCOUNTS_TAB, CONTACTS_TAB, MainWindow
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.people import seed_people


@pytest.fixture
def controller(qtbot: QtBot, qapp: QApplication, database: Database) -> Iterator[AppController]:
    made = AppController(qapp, database, AppSettings())
    qtbot.addWidget(made.window)
    made.window.show()
    yield made
    made.window.close()


def names(window: MainWindow) -> list[str]:
    model = window.contact_model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def fill_and_accept(dialog: QDialog, given: str, family: str, email: str = "") -> None:
    assert isinstance(dialog, ContactEditorDialog)
    dialog.given_name.setText(given)
    dialog.family_name.setText(family)
    if email:
        dialog.emails.add_row(email)
    dialog.accept()


def test_an_empty_file_opens_on_the_welcome_page(controller: AppController) -> None:
    window = controller.window
    assert window.pages.currentWidget() is window.welcome_view
    assert window.welcome_view.import_button.isEnabled()
    note = window.welcome_view.findChild(QLabel, "welcome_import_note")
    assert note is not None and "vCard" in note.text()


def test_import_from_the_welcome_page_asks_for_files_then_shows_the_list(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def no_files(*args: object, **kwargs: object) -> tuple[list[str], str]:
        asked.append("files")
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", no_files)
    window = controller.window
    qtbot.mouseClick(window.welcome_view.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["files"]
    assert window.pages.currentWidget() is window.tabs


def test_start_empty_is_remembered_for_the_file(
    qtbot: QtBot, controller: AppController, database: Database
) -> None:
    qtbot.mouseClick(controller.window.welcome_view.empty_button, Qt.MouseButton.LeftButton)
    assert controller.window.pages.currentWidget() is controller.window.tabs
    assert get_setting(database, WELCOME_ANSWERED) == "1"


def test_load_sample_data_fills_the_lists_in_the_background(
    qtbot: QtBot, controller: AppController
) -> None:
    window = controller.window
    qtbot.mouseClick(window.welcome_view.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.tabs, timeout=60_000)
    assert window.contact_model.rowCount() >= 290
    window.show_tab(ACCOUNTS_TAB)  # the accounts page reads its data when first shown
    assert window.accounts_view.model.rowCount() >= 75
    countries = window.contacts_view.country_filter.count() - 1
    assert countries >= 15


def test_new_contact_then_undo_and_redo(qtbot: QtBot, controller: AppController) -> None:
    window = controller.window
    window.show_tab(CONTACTS_TAB)
    answer_next_dialog(
        qtbot,
        lambda dialog: fill_and_accept(dialog, "Mette", "Østergaard", "mette@pumps.example.dk"),
    )
    window.new_contact_action.trigger()
    assert names(window) == ["Mette Østergaard"]
    assert window.undo_action.text() == "&Undo Add contact Mette Østergaard"

    window.undo_action.trigger()
    assert names(window) == []
    window.redo_action.trigger()
    assert names(window) == ["Mette Østergaard"]
    assert window.contacts_view.count_label.text() == "1 contact"


def test_editing_shows_validation_next_to_the_field_and_undo_restores(
    qtbot: QtBot, controller: AppController, database: Database
) -> None:
    ids = seed_people(database)
    window = controller.window
    window.show_tab(CONTACTS_TAB)
    window.contact_model.refresh()
    seen_errors: list[str] = []

    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactEditorDialog)
        email = dialog.findChild(QLineEdit, "emails_0")
        assert email is not None
        email.setText("taro at yamada")
        dialog.accept()  # refused: the dialog stays open with a message
        label = dialog.findChild(QLabel, "error_emails_0")
        assert label is not None and label.isVisible()
        seen_errors.append(label.text())
        email.setText("taro@yamada.example.jp")
        dialog.accept()

    answer_next_dialog(qtbot, respond)
    window.edit_contact(ids["taro"])
    assert seen_errors == ["An e-mail address needs an @, as in name@example.com."]
    contacts = ContactService(database)
    assert [e.address for e in contacts.get(ids["taro"]).draft.emails] == ["taro@yamada.example.jp"]

    window.undo_action.trigger()
    assert [e.address for e in contacts.get(ids["taro"]).draft.emails] == [
        "taro.yamada@yamada.example.jp"
    ]


def test_delete_asks_nothing_and_undo_brings_the_contact_back(
    qtbot: QtBot, controller: AppController, database: Database
) -> None:
    ids = seed_people(database)
    window = controller.window
    window.show_tab(CONTACTS_TAB)
    window.contact_model.refresh()
    window.contacts_view.select_contact(ids["jorgen"])
    window.delete_action.trigger()
    assert "Jørgen Sørensen" not in names(window)
    assert QApplication.activeModalWidget() is None
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Jørgen Sørensen" in names(window)


def test_deleting_an_account_can_be_undone_and_contacts_stay(
    controller: AppController, database: Database
) -> None:
    seed_people(database)
    window = controller.window
    window.show_tab(ACCOUNTS_TAB)
    window.accounts_view.reload()
    before = window.accounts_view.model.rowCount()
    window.accounts_view.table.selectRow(0)
    window.delete_action.trigger()
    assert window.accounts_view.model.rowCount() == before - 1
    assert window.contact_model.rowCount() == 5
    window.undo_action.trigger()
    assert window.accounts_view.model.rowCount() == before


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, controller: AppController) -> None:
    window = controller.window
    window.show_tab(CONTACTS_TAB)
    window.activateWindow()
    window.find_action.trigger()
    assert window.contacts_view.search_field.hasFocus()


def test_accounts_models_pass_qt_model_tester(
    qtmodeltester: ModelTester, controller: AppController, database: Database
) -> None:
    seed_people(database)
    controller.window.show_tab(ACCOUNTS_TAB)
    view = controller.window.accounts_view
    qtmodeltester.check(view.model, force_py=True)
    view.table.selectRow(0)
    assert view.people.rowCount() >= 1
    qtmodeltester.check(view.people, force_py=True)


@pytest.mark.parametrize(
    ("language", "contacts_tab", "name_header", "file_menu"),
    [("da", "&Kontakter", "Navn", "&Filer"), ("fi", "&Yhteystiedot", "Nimi", "&Tiedosto")],
)
def test_switching_language_relabels_the_whole_window(
    controller: AppController,
    database: Database,
    language: str,
    contacts_tab: str,
    name_header: str,
    file_menu: str,
) -> None:
    seed_people(database)
    controller.window.show_tab(CONTACTS_TAB)
    controller.switch_language(language)
    window = controller.window
    assert window.tabs.tabText(CONTACTS_TAB) == contacts_tab
    assert window.contact_model.headerData(NAME, Qt.Orientation.Horizontal) == name_header
    assert window.menuBar().actions()[0].text() == file_menu
    assert window.pages.currentWidget() is window.tabs  # stays where the user was
    buttons = [b.text() for b in window.findChildren(QPushButton)]
    assert "Load &sample data" not in buttons


def test_preferences_switch_the_language_and_remember_it(
    qtbot: QtBot, controller: AppController
) -> None:
    from relationsapp.ui.preferences_dialog import PreferencesDialog

    def choose_finnish(dialog: QDialog) -> None:
        assert isinstance(dialog, PreferencesDialog)
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fi"))
        dialog.accept()

    answer_next_dialog(qtbot, choose_finnish)
    controller.window.preferences_action.trigger()
    assert controller.window.menuBar().actions()[0].text() == "&Tiedosto"
    assert AppSettings.load().language == "fi"


def test_qt_own_dialog_buttons_follow_the_ui_language(qapp: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication

    from relationsapp.ui.qt_translations import apply_qt_language

    try:
        assert apply_qt_language(qapp, "da")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuller"
        assert apply_qt_language(qapp, "fi")
        assert (
            QCoreApplication.translate("QPlatformTheme", "Cancel") == "Peru"
        )  # Qt's own Finnish catalogue
    finally:
        apply_qt_language(qapp, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_a_damaged_file_is_refused_with_a_message_and_left_untouched(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from relationsapp.ui.app import run_gui

    damaged = tmp_path / "clients.sqlite"
    damaged.write_bytes(b"this is not a database, just the first bytes of a spreadsheet" * 40)
    before = damaged.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    assert run_gui(str(damaged), "en") == 1
    assert len(shown) == 1
    assert str(damaged) in shown[0] and "not changed" in shown[0]
    assert damaged.read_bytes() == before


def test_the_planner_books_through_the_undo_stack_and_lists_the_meeting(
    qtbot: QtBot, controller: AppController, database: Database
) -> None:
    import datetime as dt

    from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
    from relationsapp.ui.main_window import PLANNER_TAB

    window = controller.window
    window.show_tab(PLANNER_TAB)
    assert window.tabs.tabText(PLANNER_TAB) == "&Planner"
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=3)
    draft = MeetingDraft(
        title="Site visit",
        start_utc=start,
        organiser_zone="Europe/Copenhagen",
        attendees=[MeetingAttendee("Faisal", "Asia/Riyadh", "SA")],
    )
    window.planner.book_requested.emit(draft)
    assert window.upcoming.model.rowCount() == 1
    assert window.undo_action.text() == "&Undo Book meeting Site visit"
    window.undo_action.trigger()
    assert window.upcoming.model.rowCount() == 0
    window.redo_action.trigger()
    assert window.upcoming.model.rowCount() == 1
