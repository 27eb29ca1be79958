"""The window's import and export commands: menus and their letters, exporting vCard,
CSV and iCalendar files, files dropped on the window, duplicates and merge, and the
person commands on the contact list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import ContactDraft
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.contact_export_dialog import (
    ALL,
    CSV_EXCEL,
    CSV_RAW,
    SELECTED,
    VCARD_3,
    VCARD_4,
    ContactExportDialog,
)
from relationsapp.ui.contact_import_dialog import ContactImportDialog
from relationsapp.ui.main_window import CONTACTS_TAB, MainWindow
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.people import seed_people

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Test//EN
BEGIN:VEVENT
UID:pump-review@example.com
DTSTART:20300310T090000Z
DTEND:20300310T100000Z
SUMMARY:Pump review
END:VEVENT
BEGIN:VEVENT
UID:fair@example.com
DTSTART;VALUE=DATE:20300311
SUMMARY:Trade fair
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, database: Database) -> Iterator[MainWindow]:
    seed_people(database)
    ContactService(database).create(
        ContactDraft(given_name="Formula", family_name="Tester", notes="=1+2")
    )
    controller = AppController(qapp, database, AppSettings())
    made = controller.window
    qtbot.addWidget(made)
    made.show()
    made.show_tab(CONTACTS_TAB)
    yield made
    made.close()


def mnemonics(menu: QMenu) -> list[str]:
    letters = []
    for action in menu.actions():
        text = action.text()
        position = text.replace("&&", "").find("&")
        if position >= 0:
            letters.append(text.replace("&&", "")[position + 1].casefold())
    return letters


def test_the_new_commands_are_in_the_menus_with_letters_of_their_own(window: MainWindow) -> None:
    menus = {
        menu.title(): menu
        for action in window.menuBar().actions()
        if isinstance(menu := action.menu(), QMenu)
    }
    file_texts = [action.text() for action in menus["&File"].actions()]
    edit_texts = [action.text() for action in menus["&Edit"].actions()]
    for text in ("&Import contacts…", "&Export contacts…", "Export &meetings (iCalendar)…"):
        assert text in file_texts
    for text in ("Find dupli&cates…", "Export &personal data…", "Er&ase person…"):
        assert text in edit_texts
    for title in ("&File", "&Edit"):
        letters = mnemonics(menus[title])
        assert len(letters) == len(set(letters)), f"{title}: {sorted(letters)}"


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(path), ""))
    )


def export(qtbot: QtBot, window: MainWindow, export_format: str, scope: str) -> list[QDialog]:
    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactExportDialog)
        dialog.choose(export_format, scope)
        dialog.accept()

    seen = answer_next_dialog(qtbot, respond)
    window.interop.export_contacts_action.trigger()
    return seen


@pytest.mark.parametrize("export_format", [VCARD_4, VCARD_3])
def test_export_writes_every_contact_as_a_vcard(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    export_format: str,
) -> None:
    save_as(monkeypatch, tmp_path / "everyone")  # the suffix is added
    assert export(qtbot, window, export_format, ALL)
    text = (tmp_path / "everyone.vcf").read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 6
    assert ("VERSION:4.0" if export_format == VCARD_4 else "VERSION:3.0") in text
    assert "Jørgen" in text
    assert "Exported 6 records" in window.statusBar().currentMessage()


def test_csv_for_excel_is_the_first_csv_choice_and_defuses_formulas(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_as(monkeypatch, tmp_path / "contacts.csv")
    assert export(qtbot, window, CSV_EXCEL, ALL)
    data = (tmp_path / "contacts.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert "'=1+2" in data.decode("utf-8-sig")
    save_as(monkeypatch, tmp_path / "raw.csv")
    assert export(qtbot, window, CSV_RAW, ALL)
    raw = (tmp_path / "raw.csv").read_bytes().decode("utf-8-sig")
    assert "=1+2" in raw and "'=1+2" not in raw


def test_export_of_the_selected_contacts_only(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.contacts_view.table.selectRow(0)
    window.contacts_view.table.selectionModel().select(
        window.contact_model.index(1, 0),
        window.contacts_view.table.selectionModel().SelectionFlag.Select
        | window.contacts_view.table.selectionModel().SelectionFlag.Rows,
    )
    assert len(window.contacts_view.selected_ids()) == 2
    seen: list[str] = []

    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactExportDialog)
        seen.append(dialog.scope())  # two selected: the selection is proposed
        dialog.accept()

    save_as(monkeypatch, tmp_path / "two.vcf")
    answer_next_dialog(qtbot, respond)
    window.interop.export_contacts_action.trigger()
    assert seen == [SELECTED]
    assert (tmp_path / "two.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 2


def test_an_export_that_cannot_be_written_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_as(monkeypatch, tmp_path / "missing-folder" / "contacts.vcf")
    assert export(qtbot, window, VCARD_4, ALL)
    message = window.interop.message
    assert message is not None and message.isVisible()
    assert "Could not write" in message.text() and "missing-folder" in message.text()
    message.close()


def test_export_meetings_writes_an_icalendar_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_as(monkeypatch, tmp_path / "meetings.ics")
    window.interop.export_meetings_action.trigger()
    text = (tmp_path / "meetings.ics").read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "Exported 0 records" in window.statusBar().currentMessage()


def drop(window: MainWindow, *paths: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event


def test_dropping_vcards_opens_the_import_with_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    first, second = tmp_path / "fair.vcf", tmp_path / "team.vcard"
    for path, name in ((first, "Lars Nielsen"), (second, "Eva Lind")):
        path.write_text(
            f"BEGIN:VCARD\nVERSION:4.0\nFN:{name}\nN:{name.split()[1]};{name.split()[0]};;;\n"
            "END:VCARD\n",
            encoding="utf-8",
        )
    assert drop(window, first, second).isAccepted()
    dialog = window.interop.import_dialog
    assert isinstance(dialog, ContactImportDialog) and dialog.isVisible()
    assert dialog.paths == [str(first), str(second)]
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.counts.text() == "2 new"
    dialog.reject()


def test_a_dropped_file_that_is_not_understood_is_named_in_the_status_bar(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "price list.pdf"
    path.write_bytes(b"%PDF-1.4")
    drop(window, path)
    assert "price list.pdf" in window.statusBar().currentMessage()
    assert window.interop.import_dialog is None


def test_dropping_a_calendar_imports_its_meetings_as_one_undo_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    pytest.importorskip("relationsapp.core.meeting_import")
    import datetime as dt

    path = tmp_path / "fair.ics"
    path.write_text(CALENDAR, encoding="utf-8")
    meetings = window.interop._services.meetings

    def booked() -> list[str]:
        found = meetings.starting_between(
            dt.datetime(2030, 1, 1, tzinfo=dt.UTC), dt.datetime(2031, 1, 1, tzinfo=dt.UTC)
        )
        return [meeting.draft.title for meeting in found]

    drop(window, path)
    qtbot.waitUntil(lambda: window.interop.message is not None)
    message = window.interop.message
    assert message is not None
    assert message.text().startswith("1 meeting was imported. 1 event was left out")
    assert "fair.ics:" in message.detailedText()
    assert booked() == ["Pump review"]
    message.close()
    window.undo_stack.undo()
    assert booked() == []
    window.undo_stack.redo()
    assert booked() == ["Pump review"]


def test_find_duplicates_and_merge_open_their_dialogs(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relationsapp.ui import duplicates_dialog, merge_dialog

    calls: list[tuple[str, tuple[object, ...]]] = []
    monkeypatch.setattr(
        duplicates_dialog, "open_duplicates_finder", lambda *args: calls.append(("find", args))
    )

    def merge(*args: object) -> bool:
        calls.append(("merge", args))
        return False

    monkeypatch.setattr(merge_dialog, "open_merge_dialog", merge)
    window.interop.find_duplicates_action.trigger()
    table = window.contacts_view.table
    table.selectRow(0)
    assert not window.interop.merge_action.isEnabled()
    table.selectionModel().select(
        window.contact_model.index(1, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    assert window.interop.merge_action.isEnabled()
    window.interop.merge_action.trigger()
    assert [name for name, _args in calls] == ["find", "merge"]
    keep, other = calls[1][1][-2:]
    assert {keep, other} == set(window.contacts_view.selected_ids())
    assert keep == window.contacts_view.current_id()


def test_the_person_commands_follow_the_contact_in_front(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relationsapp.ui import personal_data_actions

    asked: list[int] = []
    monkeypatch.setattr(
        personal_data_actions,
        "export_personal_data",
        lambda _parent, _services, contact_id: asked.append(contact_id),
    )
    window.contacts_view.table.clearSelection()
    window.contacts_view.table.setCurrentIndex(window.contact_model.index(-1, 0))
    window.interop.update_actions()
    assert not window.interop.erase_person_action.isEnabled()
    window.contacts_view.table.selectRow(2)
    contact_id = window.contacts_view.current_id()
    assert window.interop.export_personal_action.isEnabled()
    assert window.interop.erase_person_action.isEnabled()
    window.interop.export_personal_action.trigger()
    assert asked == [contact_id]


def test_the_contact_list_menu_offers_the_person_commands(qtbot: QtBot, window: MainWindow) -> None:
    table = window.contacts_view.table
    table.selectRow(0)
    seen: list[str] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(action.text() for action in menu.actions())
            menu.close()
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    table.customContextMenuRequested.emit(QPoint(5, 5))
    qtbot.waitUntil(lambda: bool(seen))
    assert "Export &personal data…" in seen and "Er&ase person…" in seen
    letters = [text[text.index("&") + 1].casefold() for text in seen if "&" in text]
    assert len(letters) == len(set(letters))


@pytest.mark.parametrize("language", ["da", "fi"])
def test_every_menu_keeps_its_letters_apart_in_each_language(
    qtbot: QtBot, qapp: QApplication, database: Database, language: str
) -> None:
    from relationsapp.i18n.translate import set_language

    set_language(language)
    try:
        controller = AppController(qapp, database, AppSettings(language=language))
        made = controller.window
        qtbot.addWidget(made)
        for action in made.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                letters = mnemonics(menu)
                assert len(letters) == len(set(letters)), (menu.title(), sorted(letters))
        made.close()
    finally:
        set_language("en")
