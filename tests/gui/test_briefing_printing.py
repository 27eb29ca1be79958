"""Print briefing… from the window: what it acts on, the preview, language, save, print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.core.records import ContactDraft
from relationsapp.core.services import Services
from relationsapp.core.today_texts import Section
from relationsapp.core.zones import now_utc
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.main_window import CONTACTS_TAB, PLANNER_TAB, TODAY_TAB, MainWindow
from relationsapp.ui.pdf_preview_dialog import PdfPreviewDialog
from tests.helpers.people import seed_people

ZONE = "Europe/Copenhagen"


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    ids = seed_people(database)
    services = Services(database)
    draft = services.contacts.get(ids["jorgen"]).draft
    draft.notes = "Recovering from a knee operation"
    draft.notes_sensitive = True
    services.contacts.update(ids["jorgen"], draft)
    ids["meeting"] = services.meetings.book(
        MeetingDraft(
            title="Pump station review",
            start_utc=now_utc().replace(microsecond=0) + dt.timedelta(days=2),
            organiser_zone=ZONE,
            attendees=[MeetingAttendee("Jørgen Sørensen", ZONE, "DK", contact_id=ids["jorgen"])],
        )
    )
    return ids


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, database: Database, people: dict[str, int]
) -> Iterator[MainWindow]:
    controller = AppController(qapp, database, AppSettings(home_zone=ZONE))
    qtbot.addWidget(controller.window)
    controller.window.show()
    yield controller.window
    controller.window.close()


def page_text(dialog: PdfPreviewDialog) -> str:
    return "\n".join(
        dialog.document.getAllText(page).text() for page in range(dialog.document.pageCount())
    )


def open_preview(qtbot: QtBot, window: MainWindow) -> PdfPreviewDialog:
    window.briefings.print_action.trigger()
    assert window.briefings.previews, "Print briefing… opened no preview"
    preview = window.briefings.previews[-1]
    qtbot.waitUntil(lambda: preview.document.pageCount() >= 1 and not preview.jobs.is_busy())
    return preview


def test_print_briefing_needs_a_selected_contact(
    qtbot: QtBot, window: MainWindow, people: dict[str, int]
) -> None:
    action = window.briefings.print_action
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.table.setCurrentIndex(QModelIndex())
    assert not action.isEnabled()
    window.contacts_view.select_contact(people["taro"])
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+P"


def test_print_briefing_follows_the_today_selection(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    from relationsapp.core.choices import Direction, InteractionKind
    from relationsapp.core.interaction_service import InteractionDraft, PromiseDraft

    window.show_tab(TODAY_TAB)
    qtbot.waitUntil(lambda: window.today_page.page is not None)
    assert not window.briefings.print_action.isEnabled()  # nothing selected in Today
    contact_id = window.contacts_view.current_id() or window.contact_model.contact_id(0)
    Services(database).interactions.log(
        InteractionDraft(
            occurred_at=now_utc() - dt.timedelta(days=3),
            kind=InteractionKind.CALL,
            direction=Direction.OUTBOUND,
            contact_id=contact_id,
            summary="Called",
        ),
        [PromiseDraft("Send the price list", now_utc().date() - dt.timedelta(days=2))],
    )
    window.today.reload()
    assert window.today.select_first(Section.OVERDUE)
    assert window.briefings.print_action.isEnabled()
    assert window.briefings.printable() is not None
    assert window.briefings.printable().id == contact_id  # type: ignore[union-attr]


def test_a_contacts_briefing_opens_in_a_preview(
    qtbot: QtBot, window: MainWindow, people: dict[str, int]
) -> None:
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    preview = open_preview(qtbot, window)
    assert "Jørgen Sørensen" in page_text(preview)
    assert preview.page_label.text() == f"Page 1 of {preview.document.pageCount()}"
    assert preview.save_button.isEnabled() and preview.print_button.isEnabled()


def test_another_language_remakes_the_sheet(
    qtbot: QtBot, window: MainWindow, people: dict[str, int]
) -> None:
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    preview = open_preview(qtbot, window)
    assert "Client briefing" in page_text(preview)
    english = preview.pdf()
    preview.language.setCurrentIndex(preview.language.findData("da"))
    qtbot.waitUntil(lambda: preview.pdf() != english and not preview.jobs.is_busy())
    assert "Kundebriefing" in page_text(preview)
    assert "Client briefing" not in page_text(preview)


def test_leaving_out_sensitive_notes_remakes_the_sheet_without_them(
    qtbot: QtBot, window: MainWindow, people: dict[str, int]
) -> None:
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    preview = open_preview(qtbot, window)
    assert "knee operation" in page_text(preview)
    before = preview.pdf()
    preview.sensitive.setChecked(True)
    qtbot.waitUntil(lambda: preview.pdf() != before and not preview.jobs.is_busy())
    assert "knee operation" not in page_text(preview)


def test_the_selected_upcoming_meeting_prints_its_briefing(
    qtbot: QtBot, window: MainWindow, people: dict[str, int]
) -> None:
    window.show_tab(PLANNER_TAB)
    qtbot.waitUntil(lambda: window.planner_page.page is not None)
    window.upcoming.table.selectRow(0)
    printable = window.briefings.printable()
    assert printable is not None and printable.kind == "meeting"
    assert printable.id == people["meeting"]
    preview = open_preview(qtbot, window)
    assert "Pump station review" in page_text(preview)
    window.upcoming.table.clearSelection()
    assert not window.briefings.print_action.isEnabled()


def test_save_as_pdf_writes_the_file(
    qtbot: QtBot,
    window: MainWindow,
    people: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    preview = open_preview(qtbot, window)
    target = tmp_path / "briefing"  # no suffix: .pdf is added
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    preview.save_button.click()
    written = tmp_path / "briefing.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert asked == ["Jørgen Sørensen.pdf"]
    assert "briefing.pdf" in preview.status.text()


def test_save_as_pdf_says_why_a_file_could_not_be_written(
    qtbot: QtBot,
    window: MainWindow,
    people: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    preview = open_preview(qtbot, window)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    assert preview.save_as(str(tmp_path / "missing" / "briefing.pdf")) is None
    assert len(warnings) == 1 and "Could not write" in warnings[0]


def test_print_paints_every_page_on_the_chosen_printer(
    qtbot: QtBot,
    window: MainWindow,
    people: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    preview = open_preview(qtbot, window)
    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(150)  # a quick test; real printers keep their own
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    preview.print_button.click()
    qtbot.waitUntil(lambda: not preview.jobs.is_busy())
    assert target.stat().st_size > 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "Sent" in preview.status.text()


def test_closing_the_window_closes_the_previews(
    qtbot: QtBot, window: MainWindow, people: dict[str, int]
) -> None:
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    preview = open_preview(qtbot, window)
    preview.language.setCurrentIndex(preview.language.findData("fi"))  # a job under way
    window.close()
    assert window.briefings.previews == []


def test_a_contact_never_saved_with_notes_prints_too(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    contact_id = Services(database).contacts.create(ContactDraft(given_name="Ana"))
    window._on_contacts_changed()
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(contact_id)
    preview = open_preview(qtbot, window)
    assert "Ana" in page_text(preview)
