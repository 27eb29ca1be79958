"""The window around orders, imports, rates and the dashboard: menus, tabs, Del, drill-down."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from relationsapp.core.deal_service import DealService, OrderDraft
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.deal_import_dialog import DealImportDialog
from relationsapp.ui.main_window import ACCOUNTS_TAB, CONTACTS_TAB, DASHBOARD_TAB
from relationsapp.ui.rates_dialog import ExchangeRatesDialog
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


def test_ctrl_4_opens_the_dashboard(qtbot: QtBot, controller: AppController) -> None:
    window = controller.window
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == DASHBOARD_TAB
    assert window.dashboard_page.page is not None


def test_a_single_contact_from_the_dashboard_opens_it(
    controller: AppController, people: dict[str, int]
) -> None:
    window = controller.window
    window.show_tab(DASHBOARD_TAB)
    window.dashboard.contacts_requested.emit([people["ahmed"]])
    assert window.tabs.currentIndex() == CONTACTS_TAB
    assert window.contacts_view.current_id() == people["ahmed"]


@pytest.mark.parametrize(
    ("name", "kind"), [("import_orders", "orders"), ("import_feedback", "feedback")]
)
def test_the_file_menu_opens_the_import_dialog(
    qtbot: QtBot, controller: AppController, name: str, kind: str
) -> None:
    seen: list[str] = []

    def respond(dialog: QDialog) -> None:
        assert isinstance(dialog, DealImportDialog)
        seen.append(dialog.windowTitle())
        dialog.reject()

    answer_next_dialog(qtbot, respond)
    action = controller.window.findChild(type(controller.window.delete_action), name)
    action.trigger()
    assert seen == ["Import orders" if kind == "orders" else "Import survey results"]


def test_the_edit_menu_opens_the_exchange_rates(qtbot: QtBot, controller: AppController) -> None:
    seen: list[QDialog] = []

    def respond(dialog: QDialog) -> None:
        seen.append(dialog)
        dialog.reject()

    answer_next_dialog(qtbot, respond)
    controller.window.findChild(type(controller.window.delete_action), "exchange_rates").trigger()
    assert seen and isinstance(seen[0], ExchangeRatesDialog)


def test_del_in_the_orders_deletes_the_order_not_the_account(
    qtbot: QtBot, controller: AppController, database: Database, people: dict[str, int]
) -> None:
    window = controller.window
    account_id = controller.services.contacts.get(people["taro"]).draft.account_id
    assert account_id is not None
    DealService(database).add_order(OrderDraft(account_id, dt.date(2026, 5, 1), 150000, "JPY"))
    window.show_tab(ACCOUNTS_TAB)
    window.accounts_view.select_account(account_id)
    qtbot.waitUntil(lambda: window.account_timeline is not None)
    details = window.account_timeline_page.page
    assert details is not None
    details.setCurrentWidget(window.orders_view)  # type: ignore[attr-defined]
    orders = window.orders_view
    qtbot.waitUntil(lambda: orders.model.rowCount() == 1)
    orders.table.selectRow(0)
    orders.table.setFocus()
    window.activateWindow()
    qtbot.waitUntil(orders.table.hasFocus)
    accounts_before = window.accounts_view.model.rowCount()
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: orders.model.rowCount() == 0)
    assert window.accounts_view.model.rowCount() == accounts_before
    assert DealService(database).orders(account_id) == []
