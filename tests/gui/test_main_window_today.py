"""The window around Today and the timelines: landing page, opening a contact, Ctrl+L,
Del in a timeline, marking a promise from Today with undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from relationsapp.core.choices import Direction, InteractionKind, PromiseStatus
from relationsapp.core.interaction_service import InteractionDraft, PromiseDraft
from relationsapp.core.today_texts import Section
from relationsapp.core.zones import now_utc
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.interaction_dialog import InteractionDialog
from relationsapp.ui.main_window import CONTACTS_TAB, TODAY_TAB
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.people import seed_people


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    ids = seed_people(database)
    from relationsapp.core.services import Services

    # Promised yesterday to Jørgen in Copenhagen: overdue now, whatever the hour.
    Services(database).interactions.log(
        InteractionDraft(
            occurred_at=now_utc() - dt.timedelta(days=3),
            kind=InteractionKind.VISIT,
            direction=Direction.OUTBOUND,
            contact_id=ids["jorgen"],
            summary="Visited the pump station",
        ),
        [PromiseDraft("Send the maintenance schedule", now_utc().date() - dt.timedelta(days=2))],
    )
    return ids


@pytest.fixture
def controller(
    qtbot: QtBot, qapp: QApplication, database: Database, people: dict[str, int]
) -> Iterator[AppController]:
    made = AppController(qapp, database, AppSettings(home_zone="Europe/Copenhagen"))
    qtbot.addWidget(made.window)
    made.window.show()
    yield made
    made.window.close()


def test_a_file_with_data_opens_on_today_which_fills_after_the_first_paint(
    qtbot: QtBot, controller: AppController
) -> None:
    window = controller.window
    assert window.tabs.currentIndex() == TODAY_TAB
    qtbot.waitUntil(
        lambda: window.today_page.page is not None and window.today.model.rowCount() > 0
    )
    assert window.today.select_first(Section.OVERDUE)
    assert "Send the maintenance schedule" in window.today.current_index().data()


def test_an_item_in_today_opens_its_contact_with_the_timeline_underneath(
    qtbot: QtBot, controller: AppController, people: dict[str, int]
) -> None:
    window = controller.window
    qtbot.waitUntil(
        lambda: window.today_page.page is not None and window.today.model.rowCount() > 0
    )
    window.today.select_first(Section.OVERDUE)
    window.today.tree.activated.emit(window.today.current_index())
    assert window.tabs.currentIndex() == CONTACTS_TAB
    assert window.contacts_view.current_id() == people["jorgen"]
    qtbot.waitUntil(lambda: window.contact_timeline is not None)
    assert window.contact_timeline is not None
    qtbot.waitUntil(lambda: window.contact_timeline.model.rowCount() == 1)


def test_marking_a_promise_kept_from_today_can_be_undone(
    qtbot: QtBot, controller: AppController
) -> None:
    window = controller.window
    qtbot.waitUntil(
        lambda: window.today_page.page is not None and window.today.model.rowCount() > 0
    )
    window.today.select_first(Section.OVERDUE)
    promise_id = window.today.selected_promise_id()
    assert promise_id is not None
    qtbot.mouseClick(window.today.kept_button, Qt.MouseButton.LeftButton)
    interactions = controller.services.interactions
    assert interactions.promise(promise_id).status == PromiseStatus.KEPT
    qtbot.waitUntil(lambda: not window.today.select_first(Section.OVERDUE))
    window.undo_action.trigger()
    assert interactions.promise(promise_id).status == PromiseStatus.OPEN
    qtbot.waitUntil(lambda: window.today.select_first(Section.OVERDUE))


def test_ctrl_l_logs_an_interaction_with_the_selected_contact(
    qtbot: QtBot, controller: AppController, people: dict[str, int]
) -> None:
    window = controller.window
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["taro"])

    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, InteractionDialog)
        assert dialog.contact_id() == people["taro"]
        dialog.summary.setPlainText("Asked for the English manual")
        dialog.accept()

    seen = answer_next_dialog(qtbot, respond)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert seen
    timeline = controller.services.interactions.timeline(contact_id=people["taro"])
    assert [record.draft.summary for record in timeline] == ["Asked for the English manual"]


def test_del_in_the_timeline_deletes_the_interaction_not_the_contact(
    qtbot: QtBot, controller: AppController, people: dict[str, int]
) -> None:
    window = controller.window
    window.show_tab(CONTACTS_TAB)
    window.contacts_view.select_contact(people["jorgen"])
    qtbot.waitUntil(lambda: window.contact_timeline is not None)
    timeline = window.contact_timeline
    assert timeline is not None
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1)
    timeline.table.selectRow(0)
    timeline.table.setFocus()
    window.activateWindow()
    qtbot.waitUntil(timeline.table.hasFocus)
    window.delete_action.trigger()
    assert timeline.model.rowCount() == 0
    assert window.contacts_view.current_id() == people["jorgen"]  # the contact stays
    assert window.contact_model.rowCount() == 5


def test_the_culture_panel_follows_the_item_selected_in_today(
    qtbot: QtBot, controller: AppController
) -> None:
    window = controller.window
    qtbot.waitUntil(
        lambda: window.today_page.page is not None and window.today.model.rowCount() > 0
    )
    window.today.select_first(Section.OVERDUE)
    panel = window.culture_panel
    qtbot.waitUntil(lambda: "Jørgen Sørensen" in panel.browser.toPlainText())
    assert "Denmark" in panel.browser.toPlainText()
