"""A thin read-only model of one account's orders, and the money texts shared with them.

An account has tens or hundreds of orders, so the model holds the plain records the
service returns (ids inside, never ORM objects). Money is shown in its own currency,
formatted by Babel in the UI locale: ``1.234,50 kr.`` and ``3.400.000 JP¥`` in Danish.
Amounts in different currencies are never added together here: converting needs a
rate and a day, which is the metrics' job.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from babel.numbers import format_currency, get_currency_symbol
from PySide6.QtCore import QModelIndex, Qt

from relationsapp.core.deal_service import OrderRecord, OrderStatus, is_currency, major_units
from relationsapp.i18n.formatting import format_date, ui_locale
from relationsapp.i18n.translate import N_, _
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.roles import ID_ROLE

DATE, AMOUNT, STATUS, PRODUCT, NOTES = range(5)
NBSP = "\u00a0"

#: How each status reads, in the order the dialog offers them.
STATUS_LABELS: dict[OrderStatus, str] = {
    OrderStatus.WON: N_("Won"),
    OrderStatus.OPEN: N_("Open"),
    OrderStatus.LOST: N_("Lost"),
}


def status_label(status: OrderStatus) -> str:
    """``Won``/``Vundet``/``Voitettu``, in the UI language now."""
    return _(STATUS_LABELS[status])


def currency_spacing(text: str, symbol: str) -> str:
    """Put CLDR's no-break space between a letter symbol and the digits, which Babel
    leaves out: ``DKK5,000.00`` → ``DKK 5,000.00``; ``€12.50`` and ``JP¥3,400`` stay as
    they are, since a currency sign (Unicode category Sc) needs no space."""
    start = text.find(symbol) if symbol else -1
    if start < 0:
        return text
    end = start + len(symbol)
    if end < len(text) and text[end].isdigit() and not _is_sign(symbol[-1]):
        return text[:end] + NBSP + text[end:]
    if start > 0 and text[start - 1].isdigit() and not _is_sign(symbol[0]):
        return text[:start] + NBSP + text[start:]
    return text


def _is_sign(char: str) -> bool:
    return unicodedata.category(char).startswith("S")


def money_text(amount_minor: int, currency: str) -> str:
    """123450 DKK → ``1.234,50 kr.`` (da) or ``DKK 1,234.50`` (en_GB); JPY has no decimals."""
    if not is_currency(currency):  # never saved, but an old file might hold anything
        return " ".join(part for part in (str(amount_minor), currency) if part)
    locale = ui_locale()
    text = format_currency(major_units(amount_minor, currency), currency, locale=locale)
    return currency_spacing(text, get_currency_symbol(currency, locale=locale))


def totals_by_currency(records: Iterable[OrderRecord], status: OrderStatus) -> dict[str, int]:
    """Minor units per currency of the orders with ``status``: exact integer sums."""
    totals: dict[str, int] = {}
    for record in records:
        draft = record.draft
        if draft.status == status:
            totals[draft.currency] = totals.get(draft.currency, 0) + draft.amount_minor
    return totals


def totals_text(totals: dict[str, int]) -> str:
    """``1.234.500,00 kr. · 3.400.000 JP¥``: one amount per currency, by currency code."""
    return " · ".join(money_text(totals[code], code) for code in sorted(totals))


def _one_line(text: str) -> str:
    return " ".join(text.split())


class OrdersModel(ReadOnlyTableModel):
    """Orders newest first: date, amount in its own currency, status, product, notes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[OrderRecord] = []

    def set_records(self, records: list[OrderRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[OrderRecord]:
        return list(self._records)

    def record(self, row: int) -> OrderRecord:
        return self._records[row]

    def row_of(self, order_id: int) -> int | None:
        return next((i for i, r in enumerate(self._records) if r.id == order_id), None)

    def headers(self) -> list[str]:
        return [_("Date"), _("Amount"), _("Status"), _("Product"), _("Notes")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        draft = record.draft
        column = index.column()
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return format_date(draft.ordered_on)
            if column == AMOUNT:
                return money_text(draft.amount_minor, draft.currency)
            if column == STATUS:
                return status_label(draft.status)
            if column == PRODUCT:
                return _one_line(draft.product)
            if column == NOTES:
                return _one_line(draft.notes)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == AMOUNT:
                return draft.currency
            if column == NOTES and draft.notes:
                return draft.notes
            if column == PRODUCT and draft.product:
                return draft.product
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            # Amounts line up on their right edge, the way a ledger reads.
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
