"""Orders per account and the exchange-rate table: dialogs, totals per currency, undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.deal_service import OrderDraft, OrderStatus
from relationsapp.core.services import Services
from relationsapp.i18n.translate import set_language
from relationsapp.storage.database import Database
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.form_helpers import select_data
from relationsapp.ui.order_dialog import OrderDialog
from relationsapp.ui.orders_model import AMOUNT, DATE, NOTES, PRODUCT, STATUS, OrdersModel
from relationsapp.ui.orders_view import OrdersView
from relationsapp.ui.rates_dialog import ExchangeRatesDialog, RatesModel
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.factories import count_rows
from tests.helpers.people import seed_people

TODAY = dt.date(2027, 3, 12)


@pytest.fixture(autouse=True)
def british_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """English UI text formats as en_GB whatever the machine's LANG says."""
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def accounts(database: Database, services: Services) -> dict[str, int]:
    """The seeded accounts by a short key: ``yamada`` (JP), ``pumps`` (DK)."""
    people = seed_people(database)
    return {
        "yamada": services.contacts.get(people["taro"]).draft.account_id or 0,
        "pumps": services.contacts.get(people["jorgen"]).draft.account_id or 0,
    }


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def notifier() -> ChangeNotifier:
    return ChangeNotifier()


@pytest.fixture
def make_view(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, notifier: ChangeNotifier
) -> Callable[[int | None], OrdersView]:
    """An OrdersView showing an account (made after any language switch)."""

    def make(account_id: int | None) -> OrdersView:
        view = OrdersView(services, undo_stack, notifier, today=lambda: TODAY)
        qtbot.addWidget(view)
        view.resize(900, 400)
        view.show()
        view.show_account(account_id)
        return view

    return make


def order(account_id: int, minor: int, currency: str, **fields: object) -> OrderDraft:
    draft = OrderDraft(
        account_id=account_id, ordered_on=TODAY, amount_minor=minor, currency=currency
    )
    for name, value in fields.items():
        setattr(draft, name, value)
    return draft


def column(model: OrdersModel | RatesModel, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def answering(qtbot: QtBot, respond: Callable[[OrderDialog], None]) -> list[QDialog]:
    """Answer the next dialog with ``respond``; never leave it open if an assert fails."""

    def run(dialog: QDialog) -> None:
        assert isinstance(dialog, OrderDialog)
        try:
            respond(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    return answer_next_dialog(qtbot, run)


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_save(qtbot: QtBot, dialog: QDialog) -> None:
    click(qtbot, dialog.findChild(QAbstractButton, "ok"))


def error_text(dialog: QDialog, name: str) -> str:
    label = dialog.findChild(QLabel, f"error_{name}")
    assert label is not None, name
    return label.text() if label.isVisible() else ""


def typed(qtbot: QtBot, dialog: OrderDialog, amount: str, currency: str | None = None) -> None:
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, amount)
    if currency is not None:
        dialog.currency.setEditText(currency)


# --- orders -------------------------------------------------------------------------------------


def test_a_new_order_is_added_in_the_clients_currency_undone_and_redone(
    qtbot: QtBot,
    make_view: Callable[[int | None], OrdersView],
    services: Services,
    accounts: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    view = make_view(accounts["yamada"])
    assert view.model.rowCount() == 0
    seen: dict[str, object] = {}

    def fill(dialog: OrderDialog) -> None:
        seen["currency"] = dialog.currency.code()  # Japan's, not mine
        seen["date"] = dialog.date_edit.date()
        typed(qtbot, dialog, "3,400,000")
        seen["read"] = dialog.amount_read.text()
        select_data(dialog.status, OrderStatus.WON.value)
        qtbot.keyClicks(dialog.product, "CR 64 pumps")
        click_save(qtbot, dialog)

    answering(qtbot, fill)
    new_id = view.new_order()
    assert new_id is not None
    assert seen == {"currency": "JPY", "date": QDate(2027, 3, 12), "read": "= JP¥3,400,000"}
    qtbot.waitUntil(lambda: not view.findChildren(OrderDialog))  # not kept alive
    assert column(view.model, DATE) == ["12 Mar 2027"]
    assert column(view.model, AMOUNT) == ["JP¥3,400,000"]
    assert column(view.model, STATUS) == ["Won"]
    assert column(view.model, PRODUCT) == ["CR 64 pumps"]
    assert view.selected_ids() == [new_id]
    assert view.won_total.text() == "Won: JP¥3,400,000"
    assert undo_stack.undoText() == "Add order JP¥3,400,000"
    uid = services.deals.orders(accounts["yamada"])[0].uid

    undo_stack.undo()
    assert view.model.rowCount() == 0
    assert view.won_total.text() == "Won: nothing yet"
    undo_stack.redo()
    assert services.deals.orders(accounts["yamada"])[0].uid == uid
    assert column(view.model, AMOUNT) == ["JP¥3,400,000"]
    assert count_rows(services.database, "orders") == 1  # restored, not made again


def test_an_amount_typed_the_danish_way_is_read_in_the_danish_locale(
    qtbot: QtBot,
    make_view: Callable[[int | None], OrdersView],
    services: Services,
    accounts: dict[str, int],
) -> None:
    set_language("da")
    view = make_view(accounts["pumps"])
    seen: dict[str, str] = {}

    def fill(dialog: OrderDialog) -> None:
        seen["currency"] = dialog.currency.code()
        typed(qtbot, dialog, "1.234,50")
        seen["read"] = dialog.amount_read.text()
        click_save(qtbot, dialog)

    answering(qtbot, fill)
    assert view.new_order() is not None
    assert seen == {"currency": "DKK", "read": "= 1.234,50\xa0kr."}
    (record,) = services.deals.orders(accounts["pumps"])
    assert (record.draft.amount_minor, record.draft.currency) == (123450, "DKK")
    assert column(view.model, AMOUNT) == ["1.234,50\xa0kr."]
    assert column(view.model, DATE) == ["12. mar. 2027"]


def test_editing_an_order_can_be_undone_and_redone(
    qtbot: QtBot,
    make_view: Callable[[int | None], OrdersView],
    services: Services,
    accounts: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    order_id = services.deals.add_order(
        order(accounts["yamada"], 25000000, "EUR", status=OrderStatus.OPEN, product="Retrofit")
    )
    view = make_view(accounts["yamada"])
    view.select_orders([order_id])
    seen: dict[str, str] = {}

    def change(dialog: OrderDialog) -> None:
        seen["amount"] = dialog.amount.text()  # shown the way it is typed back
        seen["currency"] = dialog.currency.code()
        typed(qtbot, dialog, "240,000.00")
        select_data(dialog.status, OrderStatus.WON.value)
        dialog.notes.setPlainText("Signed at the Hannover fair\nDelivery in May")
        click_save(qtbot, dialog)

    answering(qtbot, change)
    view.edit_selected()
    assert seen == {"amount": "250,000.00", "currency": "EUR"}
    assert column(view.model, AMOUNT) == ["€240,000.00"]
    assert column(view.model, STATUS) == ["Won"]
    assert column(view.model, NOTES) == ["Signed at the Hannover fair Delivery in May"]
    assert view.selected_ids() == [order_id]
    assert undo_stack.undoText() == "Edit order €240,000.00"

    undo_stack.undo()
    assert column(view.model, AMOUNT) == ["€250,000.00"]
    assert column(view.model, STATUS) == ["Open"]
    assert view.won_total.text() == "Won: nothing yet"
    assert view.open_total.text() == "Open: €250,000.00"
    undo_stack.redo()
    assert column(view.model, STATUS) == ["Won"]
    assert view.open_total.isHidden()


def test_deleted_orders_come_back_on_undo(
    qtbot: QtBot,
    make_view: Callable[[int | None], OrdersView],
    services: Services,
    accounts: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    ids = services.deals.add_orders(
        [
            order(accounts["yamada"], 1200000, "JPY", ordered_on=dt.date(2026, 6, 1)),
            order(accounts["yamada"], 3400000, "JPY"),
        ]
    )
    view = make_view(accounts["yamada"])
    assert [view.model.record(row).id for row in range(2)] == ids[::-1]  # newest first
    view.select_orders([ids[0]])
    click(qtbot, view.delete_button)
    assert [view.model.record(row).id for row in range(1)] == [ids[1]]
    assert view.won_total.text() == "Won: JP¥3,400,000"
    assert undo_stack.undoText() == "Delete order JP¥1,200,000"
    assert not view.delete_button.isEnabled()  # nothing selected any more

    undo_stack.undo()
    assert view.model.rowCount() == 2
    assert view.won_total.text() == "Won: JP¥4,600,000"
    assert count_rows(services.database, "orders", "deleted_at IS NULL") == 2
    undo_stack.redo()
    assert view.model.rowCount() == 1


def test_won_totals_are_kept_per_currency_never_summed_across(
    make_view: Callable[[int | None], OrdersView],
    services: Services,
    accounts: dict[str, int],
) -> None:
    yamada = accounts["yamada"]
    services.deals.add_orders(
        [
            order(yamada, 3400000, "JPY"),
            order(yamada, 123450000, "EUR"),
            order(yamada, 100, "EUR", status=OrderStatus.LOST),
            order(yamada, 900000, "JPY", status=OrderStatus.OPEN),
            order(accounts["pumps"], 500000, "DKK"),  # another account's
        ]
    )
    view = make_view(yamada)
    assert view.won_total.text() == "Won: €1,234,500.00 · JP¥3,400,000"
    assert view.open_total.text() == "Open: JP¥900,000"


def test_the_view_follows_the_account_and_changes_made_elsewhere(
    make_view: Callable[[int | None], OrdersView],
    services: Services,
    accounts: dict[str, int],
    notifier: ChangeNotifier,
) -> None:
    view = make_view(None)
    assert view.title.text() == "Choose an account to see its orders."
    assert not view.new_button.isEnabled()
    assert view.won_total.isHidden()
    view.show_account(accounts["pumps"])
    assert view.title.text() == "Orders of Nordisk Pumpe A/S"
    services.deals.add_order(order(accounts["pumps"], 500000, "DKK"))  # e.g. an import
    notifier.deals_changed.emit()
    # CLDR's currency spacing, which Babel leaves out ("DKK5,000.00").
    assert column(view.model, AMOUNT) == ["DKK\xa05,000.00"]


@pytest.mark.parametrize(
    ("amount", "currency", "field", "message"),
    [
        ("abc", "EUR", "amount", "“abc” is not an amount; type it like 1,234.50."),
        ("", "EUR", "amount", "Enter the amount."),
        ("-5", "EUR", "amount", "An amount cannot be negative."),
        ("1.5", "JPY", "amount", "An amount in JPY has no decimals."),
        ("12.345", "DKK", "amount", "An amount in DKK has at most 2 decimals."),
        ("100", "XYZ", "currency", "“XYZ” is not an ISO 4217 currency code."),
        ("100", "", "currency", "Choose a currency."),
    ],
)
def test_a_wrong_amount_or_currency_is_shown_beside_its_field(
    qtbot: QtBot, amount: str, currency: str, field: str, message: str
) -> None:
    dialog = OrderDialog()
    qtbot.addWidget(dialog)
    dialog.set_draft(OrderDraft(account_id=1, currency="EUR"))
    dialog.show()
    typed(qtbot, dialog, amount, currency)
    click_save(qtbot, dialog)
    assert dialog.isVisible()  # not accepted
    assert error_text(dialog, field) == message
    wrong = (dialog.amount,) if field == "amount" else (dialog.currency, dialog.currency.lineEdit())
    assert dialog.focusWidget() in wrong


def test_a_danish_amount_with_an_english_decimal_point_is_refused(qtbot: QtBot) -> None:
    """``1234.50`` in Danish is either 123.450 or 1.234,5: saying so beats guessing."""
    set_language("da")
    dialog = OrderDialog()
    qtbot.addWidget(dialog)
    dialog.set_draft(OrderDraft(account_id=1, currency="DKK"))
    dialog.amount.setText("1234.50")
    assert [(e.field, e.message) for e in dialog.errors()] == [
        ("amount", "»1234.50« er ikke et beløb; skriv det som 1.234,50.")
    ]


def test_nothing_is_saved_while_the_dialog_shows_errors(
    qtbot: QtBot,
    make_view: Callable[[int | None], OrdersView],
    services: Services,
    accounts: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    view = make_view(accounts["yamada"])
    shown: dict[str, str] = {}

    def try_to_save(dialog: OrderDialog) -> None:
        typed(qtbot, dialog, "lots", "yen?")
        click_save(qtbot, dialog)
        shown["amount"] = error_text(dialog, "amount")
        shown["currency"] = error_text(dialog, "currency")

    answering(qtbot, try_to_save)
    assert view.new_order() is None
    assert shown == {
        "amount": "“lots” is not an amount; type it like 1,234.50.",
        "currency": "“yen?” is not an ISO 4217 currency code.",
    }
    assert count_rows(services.database, "orders") == 0
    assert undo_stack.count() == 0


def test_the_currency_can_be_found_by_name_or_typed_code(qtbot: QtBot) -> None:
    dialog = OrderDialog(extra_currencies=["DEM"])  # an old order in Deutsche Mark
    qtbot.addWidget(dialog)
    dialog.currency.setEditText("dkk")
    assert dialog.currency.code() == "DKK"
    dialog.currency.setEditText("JPY – Japanese Yen")
    assert dialog.currency.code() == "JPY"
    dialog.set_draft(OrderDraft(account_id=1, amount_minor=150000, currency="DEM"))
    assert dialog.currency.currentText() == "DEM – German Mark"
    assert dialog.draft().currency == "DEM"
    assert dialog.draft().amount_minor == 150000


def test_the_orders_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, accounts: dict[str, int]
) -> None:
    services.deals.add_orders(
        [
            order(accounts["yamada"], 3400000, "JPY", notes="two\nlines"),
            order(accounts["yamada"], 123450, "EUR", status=OrderStatus.LOST),
        ]
    )
    model = OrdersModel()
    model.set_records(services.deals.orders(accounts["yamada"]))
    qtmodeltester.check(model, force_py=True)
    model.set_records([])
    qtmodeltester.check(model, force_py=True)


# --- exchange rates -----------------------------------------------------------------------------


@pytest.fixture
def rates_dialog(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, notifier: ChangeNotifier
) -> ExchangeRatesDialog:
    dialog = ExchangeRatesDialog(services, undo_stack, notifier, today=dt.date(2027, 1, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_rate_typed_with_a_decimal_comma_is_added_deleted_and_undone(
    qtbot: QtBot, rates_dialog: ExchangeRatesDialog, services: Services, undo_stack: QUndoStack
) -> None:
    dialog = rates_dialog
    dialog.currency.set_code("EUR")
    dialog.quote.set_code("DKK")
    qtbot.keyClicks(dialog.rate, "7,4604")
    assert dialog.hint.text() == "1 EUR = 7.4604 DKK from 1 Jan 2027 · 1 DKK = 0.134041 EUR"
    click(qtbot, dialog.add_button)
    (rate,) = services.deals.rates()
    assert (rate.currency, rate.quote, rate.rate, rate.valid_on) == (
        "EUR",
        "DKK",
        Decimal("7.4604"),
        dt.date(2027, 1, 1),
    )
    assert [dialog.model.index(0, col).data() for col in range(4)] == [
        "EUR",
        "DKK",
        "7.4604",
        "1 Jan 2027",
    ]
    assert dialog.rate.text() == ""  # ready for the next one
    assert undo_stack.undoText() == "Set rate EUR → DKK"

    dialog.table.selectRow(0)
    click(qtbot, dialog.delete_button)
    assert services.deals.rates() == []
    assert dialog.model.rowCount() == 0
    undo_stack.undo()  # the delete
    assert services.deals.rates() == [rate]
    undo_stack.undo()  # the add
    assert dialog.model.rowCount() == 0
    undo_stack.redo()
    assert services.deals.rates() == [rate]  # the same row back
    assert count_rows(services.database, "exchange_rates") == 1


def test_a_danish_rate_reads_either_decimal_mark(
    qtbot: QtBot, services: Services, undo_stack: QUndoStack, notifier: ChangeNotifier
) -> None:
    set_language("da")
    dialog = ExchangeRatesDialog(services, undo_stack, notifier, today=dt.date(2027, 1, 1))
    qtbot.addWidget(dialog)
    dialog.currency.set_code("DKK")
    dialog.quote.set_code("EUR")
    for text in ("0,1341", "0.1341"):
        dialog.rate.setText(text)
        assert dialog.hint.text().startswith("1 DKK = 0,1341 EUR")
        assert dialog.add_rate() is not None
    # The same pair and day twice: the second replaced the first (one row, not two).
    assert [rate.rate for rate in services.deals.rates()] == [Decimal("0.1341")]
    undo_stack.undo()
    assert len(services.deals.rates()) == 1  # the first one is back


def test_unknown_codes_and_rates_not_above_zero_are_refused(
    qtbot: QtBot, rates_dialog: ExchangeRatesDialog, services: Services, undo_stack: QUndoStack
) -> None:
    dialog = rates_dialog
    dialog.currency.setEditText("XYZ")
    dialog.quote.set_code("EUR")
    qtbot.keyClicks(dialog.rate, "0")
    click(qtbot, dialog.add_button)
    assert error_text(dialog, "currency") == "“XYZ” is not an ISO 4217 currency code."
    assert error_text(dialog, "rate") == (
        "“0” is not a rate: type a number above 0, such as 7.4604."
    )
    assert dialog.hint.isHidden()
    dialog.currency.set_code("EUR")
    dialog.rate.setText("-7")
    assert dialog.add_rate() is None
    assert error_text(dialog, "quote") == "Choose two different currencies."
    assert services.deals.rates() == []
    assert undo_stack.count() == 0


def test_the_rates_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services
) -> None:
    services.deals.set_rate("EUR", "DKK", Decimal("7.4604"), dt.date(2027, 1, 1))
    services.deals.set_rate("EUR", "DKK", Decimal("7.4575"), dt.date(2026, 7, 1))
    services.deals.set_rate("JPY", "EUR", Decimal("0.0061"), dt.date(2027, 1, 1))
    model = RatesModel()
    model.set_rates(services.deals.rates())
    assert column(model, 2) == ["7.4604", "7.4575", "0.0061"]  # newest first per pair
    qtmodeltester.check(model, force_py=True)
