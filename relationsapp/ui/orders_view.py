"""One account's orders, newest first, with what was won per currency.

Every change goes through the undo stack (``deal_commands``) and the view reloads when
``notifier.deals_changed`` says something changed. Won totals are kept per currency —
``Won: 1.234.500,00 kr. · 3.400.000 JP¥`` — and never added across currencies: that
needs an exchange rate and a day, which the dashboard's metrics apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.deal_service import OrderDraft, OrderRecord, OrderStatus
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.services import Services
from relationsapp.i18n.translate import _
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.list_tables import list_table
from relationsapp.ui.order_dialog import OrderDialog, default_currency
from relationsapp.ui.orders_model import OrdersModel, money_text, totals_by_currency, totals_text


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    return button


def won_text(records: list[OrderRecord]) -> str:
    """``Won: 1.234.500,00 kr. · 3.400.000 JP¥`` (each currency on its own)."""
    totals = totals_by_currency(records, OrderStatus.WON)
    if not totals:
        return _("Won: nothing yet")
    return _("Won: %(amounts)s") % {"amounts": totals_text(totals)}


def open_text(records: list[OrderRecord]) -> str:
    """``Open: 250.000,00 kr.``: the deals still in play ("" when there are none)."""
    totals = totals_by_currency(records, OrderStatus.OPEN)
    return _("Open: %(amounts)s") % {"amounts": totals_text(totals)} if totals else ""


class OrdersView(QWidget):
    """The orders of the account shown; add, edit, delete (all undoable)."""

    # Mnemonics avoid the window's (menus &File &Edit &View &Help, tabs Toda&y &Contacts
    # &Accounts &Planner) and the account page's (&People at this account).

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orders")
        self._services = services
        self._undo = undo_stack
        self._notifier = notifier
        self._today = today
        self._account_id: int | None = None
        self._stale = True
        self._build()
        notifier.deals_changed.connect(self.reload)
        notifier.accounts_changed.connect(self.reload)  # its name and country
        self.reload()

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("orders_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)

        self.new_button = _button(_("New &order…"), "new_order")
        self.new_button.clicked.connect(self.new_order)
        self.edit_button = _button(_("Ed&it order…"), "edit_order")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = _button(_("Delete order"), "delete_order")
        self.delete_button.clicked.connect(self.delete_selected)
        self.rates_button = _button(_("Exchan&ge rates…"), "exchange_rates")
        self.rates_button.clicked.connect(self.open_rates)

        self.model = OrdersModel(self)
        self.table = list_table("orders_table", self.model, several=True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((120, 170, 90, 220)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        for key, slot in (
            (Qt.Key.Key_Return, self.edit_selected),
            (Qt.Key.Key_Enter, self.edit_selected),
            (Qt.Key.Key_Delete, self.delete_selected),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table)
            # setContext, not context=: PySide6 ignores it when a slot is passed too.
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.won_total = QLabel()
        self.won_total.setObjectName("won_total")
        self.won_total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_total = QLabel()
        self.open_total.setObjectName("open_total")
        self.open_total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.rates_button)
        totals = QHBoxLayout()
        totals.addWidget(self.won_total)
        totals.addSpacing(24)
        totals.addWidget(self.open_total)
        totals.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(totals)

    # -- what is shown -----------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        """Show the orders of ``account_id`` (None: nothing chosen)."""
        self._account_id = account_id
        self.table.clearSelection()
        self.reload()

    def account_id(self) -> int | None:
        return self._account_id

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _account(self) -> tuple[str, str] | None:
        """(name, country) of the account shown, or None."""
        if self._account_id is None:
            return None
        try:
            account = self._services.accounts.get(self._account_id).draft
        except RecordNotFound:
            return None
        return name_with_transliteration(account.name, account.name_latin), account.country

    def reload(self) -> None:
        """Re-read the orders (now, or when next shown), keeping the selection."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        account = self._account()
        selected = self.selected_ids()
        if account is None:
            self.title.setText(_("Choose an account to see its orders."))
            records: list[OrderRecord] = []
        else:
            self.title.setText(_("Orders of %(name)s") % {"name": account[0]})
            records = self._services.deals.orders(self._account_id)
        self.model.set_records(records)
        self.won_total.setText(won_text(records) if account is not None else "")
        self.open_total.setText(open_text(records))
        self.won_total.setVisible(account is not None)
        self.open_total.setVisible(bool(self.open_total.text()))
        self.new_button.setEnabled(account is not None)
        self.select_orders(selected)
        self._update_buttons()

    # -- selection -------------------------------------------------------------------------

    def selected_records(self) -> list[OrderRecord]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.record(row) for row in rows]

    def selected_ids(self) -> list[int]:
        return [record.id for record in self.selected_records()]

    def select_orders(self, order_ids: list[int]) -> None:
        """Select the rows of ``order_ids`` (those still shown); nothing else."""
        rows = [row for i in order_ids if (row := self.model.row_of(i)) is not None]
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        selection_model = self.table.selectionModel()
        if rows:
            selection_model.setCurrentIndex(self.model.index(rows[0], 0), flags.NoUpdate)
        selection_model.select(selection, flags.ClearAndSelect | flags.Rows)

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)

    # -- changes (all through the undo stack) ----------------------------------------------

    def _dialog(self, title: str, draft: OrderDraft) -> OrderDialog:
        in_use = self._services.deals.currencies_in_use()
        dialog = OrderDialog(self, extra_currencies=in_use)
        dialog.setWindowTitle(title)
        account = self._account()
        dialog.set_account_name(account[0] if account else "")
        dialog.set_draft(draft)
        return dialog

    def new_order(self) -> int | None:
        """Ask for a new order of the account shown; returns its id when saved."""
        from relationsapp.ui.deal_commands import AddOrderCommand

        account = self._account()
        if account is None:
            return None
        today = self._today()
        draft = OrderDraft(
            account_id=self._account_id,
            ordered_on=today,
            currency=default_currency(account[1], today),
        )
        dialog = self._dialog(_("New order"), draft)
        accepted = dialog.exec()
        draft = dialog.draft()
        dialog.deleteLater()  # a child of the view: gone now rather than at exit
        if not accepted:
            return None
        command = AddOrderCommand(self._services.deals, self._notifier, draft)
        self._undo.push(command)
        if command.order_id is not None:
            self.select_orders([command.order_id])
        return command.order_id

    def edit_selected(self) -> None:
        """Edit the selected order (the first, when several are selected)."""
        from relationsapp.ui.deal_commands import EditOrderCommand

        records = self.selected_records()
        if not records:
            return
        record = records[0]
        dialog = self._dialog(_("Edit order"), record.draft)
        accepted = dialog.exec()
        after = dialog.draft()
        dialog.deleteLater()
        if accepted and after != record.draft:
            self._undo.push(
                EditOrderCommand(
                    self._services.deals, self._notifier, record.id, record.draft, after
                )
            )

    def delete_selected(self) -> None:
        """Delete the selected orders (undoable: Edit ▸ Undo brings them back)."""
        from relationsapp.ui.deal_commands import DeleteOrdersCommand

        records = self.selected_records()
        if records:
            self._undo.push(
                DeleteOrdersCommand(
                    self._services.deals,
                    self._notifier,
                    [record.id for record in records],
                    [money_text(r.draft.amount_minor, r.draft.currency) for r in records],
                )
            )

    def open_rates(self) -> None:
        """The exchange-rate table (modal; its changes are on the same undo stack)."""
        from relationsapp.ui.rates_dialog import ExchangeRatesDialog

        dialog = ExchangeRatesDialog(self._services, self._undo, self._notifier, self)
        dialog.exec()
        dialog.deleteLater()
