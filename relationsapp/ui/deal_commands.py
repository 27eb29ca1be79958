"""Undoable changes to orders and exchange rates, on the one QUndoStack.

As in ``undo_commands``: each command wraps one service call and emits
``notifier.deals_changed`` after every redo and undo. Adding remembers the new id, so
redo after undo restores the same record (same uid) rather than making a second one;
deleting only tombstones, so undo is a restore.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.orders_model import money_text

if TYPE_CHECKING:
    from relationsapp.core.deal_service import DealService, OrderDraft, Rate


class AddOrderCommand(QUndoCommand):
    def __init__(self, deals: DealService, notifier: ChangeNotifier, draft: OrderDraft) -> None:
        super().__init__(
            _("Add order %(amount)s") % {"amount": money_text(draft.amount_minor, draft.currency)}
        )
        self._deals, self._notifier, self._draft = deals, notifier, draft
        self.order_id: int | None = None

    def redo(self) -> None:
        if self.order_id is None:
            self.order_id = self._deals.add_order(self._draft)
        else:
            self._deals.restore_orders([self.order_id])
        self._notifier.deals_changed.emit()

    def undo(self) -> None:
        assert self.order_id is not None
        self._deals.delete_orders([self.order_id])
        self._notifier.deals_changed.emit()


class EditOrderCommand(QUndoCommand):
    def __init__(
        self,
        deals: DealService,
        notifier: ChangeNotifier,
        order_id: int,
        before: OrderDraft,
        after: OrderDraft,
    ) -> None:
        super().__init__(
            _("Edit order %(amount)s") % {"amount": money_text(after.amount_minor, after.currency)}
        )
        self._deals, self._notifier = deals, notifier
        self.order_id, self._before, self._after = order_id, before, after

    def redo(self) -> None:
        self._deals.update_order(self.order_id, self._after)
        self._notifier.deals_changed.emit()

    def undo(self) -> None:
        self._deals.update_order(self.order_id, self._before)
        self._notifier.deals_changed.emit()


class DeleteOrdersCommand(QUndoCommand):
    """Tombstone orders; undo brings the same rows back."""

    def __init__(
        self,
        deals: DealService,
        notifier: ChangeNotifier,
        order_ids: Sequence[int],
        amounts: Sequence[str],
    ) -> None:
        """``amounts`` name the orders in the undo history (``1.234,50 kr.``)."""
        text = (
            _("Delete order %(amount)s") % {"amount": amounts[0]}
            if len(amounts) == 1
            else ngettext("Delete %(count)d order", "Delete %(count)d orders", len(order_ids))
            % {"count": len(order_ids)}
        )
        super().__init__(text)
        self._deals, self._notifier, self.order_ids = deals, notifier, list(order_ids)

    def redo(self) -> None:
        self._deals.delete_orders(self.order_ids)
        self._notifier.deals_changed.emit()

    def undo(self) -> None:
        self._deals.restore_orders(self.order_ids)
        self._notifier.deals_changed.emit()


class SetRateCommand(QUndoCommand):
    """Record a rate from a day; a rate already there for that pair and day is replaced
    (tombstoned with it, and back on undo), so the list never holds two for one day."""

    def __init__(
        self,
        deals: DealService,
        notifier: ChangeNotifier,
        currency: str,
        quote: str,
        rate: Decimal,
        valid_on: dt.date,
        replaced_ids: Sequence[int] = (),
    ) -> None:
        super().__init__(
            _("Set rate %(currency)s → %(quote)s") % {"currency": currency, "quote": quote}
        )
        self._deals, self._notifier = deals, notifier
        self._rate = (currency, quote, rate, valid_on)
        self.replaced_ids = list(replaced_ids)
        self.rate_id: int | None = None

    def redo(self) -> None:
        if self.rate_id is None:
            self.rate_id = self._deals.set_rate(*self._rate)
        else:
            self._deals.restore_rates([self.rate_id])
        if self.replaced_ids:
            self._deals.delete_rates(self.replaced_ids)
        self._notifier.deals_changed.emit()

    def undo(self) -> None:
        assert self.rate_id is not None
        self._deals.delete_rates([self.rate_id])
        if self.replaced_ids:
            self._deals.restore_rates(self.replaced_ids)
        self._notifier.deals_changed.emit()


class DeleteRateCommand(QUndoCommand):
    def __init__(self, deals: DealService, notifier: ChangeNotifier, rate: Rate) -> None:
        super().__init__(
            _("Delete rate %(currency)s → %(quote)s")
            % {"currency": rate.currency, "quote": rate.quote}
        )
        self._deals, self._notifier, self.rate_id = deals, notifier, rate.id

    def redo(self) -> None:
        self._deals.delete_rates([self.rate_id])
        self._notifier.deals_changed.emit()

    def undo(self) -> None:
        self._deals.restore_rates([self.rate_id])
        self._notifier.deals_changed.emit()
