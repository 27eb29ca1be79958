"""The exchange-rate table: what one currency is worth in another, from which day.

The metrics convert each order with the newest rate valid on its day (direct or
inverse pair). A rate is typed as ``7,4604`` or ``7.4604`` whatever the UI language
(rates are copied from bank pages in either style), and a live hint reads it back both
ways — ``1 EUR = 7,4604 DKK from 1 Jan 2027 · 1 DKK = 0,134041 EUR`` — because a rate
typed the wrong way round is the usual mistake and is off by a factor of 50, not 2 %.
Adding and deleting go through the undo stack (``deal_commands``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, get_currency_name, parse_decimal
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.deal_service import Rate, is_currency, parse_rate
from relationsapp.core.services import Services
from relationsapp.core.validation import FieldError
from relationsapp.i18n.formatting import format_date, ui_locale
from relationsapp.i18n.translate import _
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.field_error_label import FieldErrorBoard, FieldErrorLabel
from relationsapp.ui.form_helpers import add_row, line_edit
from relationsapp.ui.list_tables import list_table
from relationsapp.ui.order_dialog import CurrencyComboBox, default_currency
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.roles import ID_ROLE

CURRENCY, QUOTE, RATE, VALID_FROM = range(4)
#: Significant digits of a rate read the other way round (1 ÷ 7.4604 = 0.134041).
INVERSE_DIGITS = 6
EXAMPLE_RATE = Decimal("7.4604")


def rate_text(value: Decimal) -> str:
    """Every digit of a rate, in the UI locale: ``7,4604`` (da), ``7.4604`` (en)."""
    return format_decimal(value, locale=ui_locale(), decimal_quantization=False)


def inverse(value: Decimal) -> Decimal:
    """``1 ÷ value`` to :data:`INVERSE_DIGITS` significant digits."""
    with localcontext() as context:
        context.prec = INVERSE_DIGITS
        return (Decimal(1) / value).normalize()


def read_rate(text: str) -> Decimal | None:
    """``7,4604`` or ``7.4604`` (``parse_rate``), else a number in the UI locale's own
    style with thousands marks (``1.456,78`` in Danish); None when not positive."""
    value = parse_rate(text)
    if value is not None or not text.strip():
        return value
    try:
        value = parse_decimal(text.strip(), locale=ui_locale(), strict=True)
    except NumberFormatError:
        return None
    return value if value.is_finite() and value > 0 else None


def pair_text(currency: str, rate: Decimal, quote: str) -> str:
    """``1 EUR = 7,4604 DKK``."""
    return _("1 %(currency)s = %(rate)s %(quote)s") % {
        "currency": currency,
        "rate": rate_text(rate),
        "quote": quote,
    }


def rate_hint(currency: str, quote: str, rate: Decimal, valid_on: dt.date) -> str:
    """``1 EUR = 7,4604 DKK from 1 Jan 2027 · 1 DKK = 0,134041 EUR``."""
    direct = _("1 %(currency)s = %(rate)s %(quote)s from %(date)s") % {
        "currency": currency,
        "rate": rate_text(rate),
        "quote": quote,
        "date": format_date(valid_on),
    }
    return " · ".join((direct, pair_text(quote, inverse(rate), currency)))


class RatesModel(ReadOnlyTableModel):
    """Rates by pair, the newest first within each pair."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rates: list[Rate] = []

    def set_rates(self, rates: list[Rate]) -> None:
        self.beginResetModel()
        newest_first = sorted(rates, key=lambda rate: rate.valid_on, reverse=True)
        self._rates = sorted(newest_first, key=lambda rate: (rate.currency, rate.quote))
        self.endResetModel()

    def rate(self, row: int) -> Rate:
        return self._rates[row]

    def rates(self) -> list[Rate]:
        return list(self._rates)

    def row_of(self, rate_id: int) -> int | None:
        return next((i for i, rate in enumerate(self._rates) if rate.id == rate_id), None)

    def headers(self) -> list[str]:
        return [_("Currency"), _("Quoted in"), _("Exchange rate"), _("Valid from")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rates)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rates):
            return None
        rate = self._rates[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return rate.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == CURRENCY:
                return rate.currency
            if column == QUOTE:
                return rate.quote
            if column == RATE:
                return rate_text(rate.rate)
            if column == VALID_FROM:
                return format_date(rate.valid_on)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (CURRENCY, QUOTE):
                code = rate.currency if column == CURRENCY else rate.quote
                return str(get_currency_name(code, locale=ui_locale())) if is_currency(code) else ""
            if column == RATE:
                return " · ".join(
                    (
                        pair_text(rate.currency, rate.rate, rate.quote),
                        pair_text(rate.quote, inverse(rate.rate), rate.currency),
                    )
                )
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ExchangeRatesDialog(QDialog):
    """List, add and delete exchange rates; every change can be undone."""

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rates_dialog")
        self.setWindowTitle(_("Exchange rates"))
        self._services = services
        self._undo = undo_stack
        self._notifier = notifier
        self._today = today or dt.date.today()
        self._build()
        self._connect()
        notifier.deals_changed.connect(self.reload)
        self.reload()
        self._refresh_hint()

    def _build(self) -> None:
        in_use = self._services.deals.currencies_in_use()
        self.model = RatesModel(self)
        self.table = list_table("rates_table", self.model)
        header = self.table.horizontalHeader()
        for column, width in enumerate((90, 90, 120)):
            header.resizeSection(column, width)
        delete_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)

        self.currency = CurrencyComboBox(in_use)
        self.currency.setObjectName("rate_currency")
        self.quote = CurrencyComboBox(in_use)
        self.quote.setObjectName("rate_quote")
        self.quote.set_code(default_currency("", self._today))
        self.rate = line_edit("rate", rate_text(EXAMPLE_RATE))
        self.rate.setMaximumWidth(180)
        self.valid_on = QDateEdit()
        self.valid_on.setObjectName("valid_on")
        self.valid_on.setCalendarPopup(True)
        self.valid_on.setDisplayFormat(qt_date_format())
        self.valid_on.setDate(QDate(self._today.year, self._today.month, self._today.day))
        self.hint = QLabel()
        self.hint.setObjectName("rate_hint")
        self.hint.setWordWrap(True)
        self.add_button = QPushButton(_("&Add rate"))
        self.add_button.setObjectName("add_rate")
        self.add_button.setAutoDefault(False)
        self.delete_button = QPushButton(_("&Delete rate"))
        self.delete_button.setObjectName("delete_rate")
        self.delete_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("close")

        self.general_error = FieldErrorLabel("general")
        board = self._errors = FieldErrorBoard(self.general_error)

        def error(field: str, focus: QWidget) -> FieldErrorLabel:
            label_ = FieldErrorLabel(field)
            board.add_field(field, label_, focus)
            return label_

        group = QGroupBox(_("New rate"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(
            form, _("One &unit of:"), self.currency, self.currency, error("currency", self.currency)
        )
        add_row(form, _("Is &worth:"), self.rate, self.rate, error("rate", self.rate))
        add_row(form, _("&In:"), self.quote, self.quote, error("quote", self.quote))
        add_row(form, _("&Valid from:"), self.valid_on, self.valid_on)
        form.addRow(self.hint)
        add_line = QHBoxLayout()
        add_line.addStretch(1)
        add_line.addWidget(self.add_button)
        form.addRow(add_line)

        caption = QLabel(_("&Rates"))
        caption.setBuddy(self.table)
        table_buttons = QHBoxLayout()
        table_buttons.addWidget(self.delete_button)
        table_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addLayout(table_buttons)
        layout.addWidget(group)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumSize(520, 560)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_rate)
        self.delete_button.clicked.connect(self.delete_selected)
        self.rate.returnPressed.connect(self.add_rate)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.currency.codeChanged.connect(self._on_pair_changed)
        self.quote.codeChanged.connect(self._on_pair_changed)
        self.rate.textChanged.connect(self._refresh_hint)
        self.rate.textEdited.connect(self._errors.label("rate").clear_error)
        self.valid_on.dateChanged.connect(self._refresh_hint)
        # A dialog is its own window: the main window's Ctrl+Z does not reach it.
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, self._undo.undo),
            (QKeySequence.StandardKey.Redo, self._undo.redo),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.currency.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the table -----------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the rates, keeping the selected one selected."""
        selected = self.selected_rate()
        self.model.set_rates(self._services.deals.rates())
        row = self.model.row_of(selected.id) if selected is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()
        self._refresh_hint()

    def selected_rate(self) -> Rate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rate(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected_rate() is not None)

    # -- a new rate ----------------------------------------------------------------------

    def _on_pair_changed(self) -> None:
        self._errors.label("currency").clear_error()
        self._errors.label("quote").clear_error()
        self._refresh_hint()

    def _valid_on(self) -> dt.date:
        day = self.valid_on.date()
        return dt.date(day.year(), day.month(), day.day())

    def _replaced(self, currency: str, quote: str, valid_on: dt.date) -> list[Rate]:
        """The rates a new one for this pair and day takes the place of."""
        return [
            rate
            for rate in self.model.rates()
            if (rate.currency, rate.quote, rate.valid_on) == (currency, quote, valid_on)
        ]

    def _refresh_hint(self) -> None:
        currency, quote = self.currency.code(), self.quote.code()
        value = read_rate(self.rate.text())
        text = ""
        if value is not None and is_currency(currency) and is_currency(quote) and currency != quote:
            valid_on = self._valid_on()
            text = rate_hint(currency, quote, value, valid_on)
            replaced = self._replaced(currency, quote, valid_on)
            if replaced:
                text += "\n" + _("Replaces %(rate)s for that day.") % {
                    "rate": pair_text(currency, replaced[-1].rate, quote)
                }
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def errors(self) -> list[FieldError]:
        """What is wrong with the new rate, field by field."""
        errors: list[FieldError] = []
        codes = {"currency": self.currency.code(), "quote": self.quote.code()}
        for field, code in codes.items():
            if not code:
                errors.append(FieldError(field, _("Choose a currency.")))
            elif not is_currency(code):
                errors.append(
                    FieldError(
                        field, _("“%(code)s” is not an ISO 4217 currency code.") % {"code": code}
                    )
                )
        if codes["currency"] and codes["currency"] == codes["quote"]:
            errors.append(FieldError("quote", _("Choose two different currencies.")))
        text = self.rate.text().strip()
        example = rate_text(EXAMPLE_RATE)
        if not text:
            errors.append(
                FieldError("rate", _("Enter the rate, such as %(example)s.") % {"example": example})
            )
        elif read_rate(text) is None:
            errors.append(
                FieldError(
                    "rate",
                    _("“%(text)s” is not a rate: type a number above 0, such as %(example)s.")
                    % {"text": text, "example": example},
                )
            )
        return errors

    def add_rate(self) -> int | None:
        """Add the rate typed (replacing one for the same pair and day); its id, or None
        when something is wrong (shown beside the field, nothing saved)."""
        from relationsapp.ui.deal_commands import SetRateCommand

        errors = self.errors()
        if errors:
            first = self._errors.show(errors)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        self._errors.clear()
        currency, quote, valid_on = self.currency.code(), self.quote.code(), self._valid_on()
        value = read_rate(self.rate.text())
        assert value is not None
        replaced = [rate.id for rate in self._replaced(currency, quote, valid_on)]
        command = SetRateCommand(
            self._services.deals, self._notifier, currency, quote, value, valid_on, replaced
        )
        self._undo.push(command)
        if command.rate_id is not None and (row := self.model.row_of(command.rate_id)) is not None:
            self.table.selectRow(row)
        self.rate.clear()
        self.rate.setFocus(Qt.FocusReason.OtherFocusReason)
        return command.rate_id

    def delete_selected(self) -> None:
        from relationsapp.ui.deal_commands import DeleteRateCommand

        rate = self.selected_rate()
        if rate is not None:
            self._undo.push(DeleteRateCommand(self._services.deals, self._notifier, rate))
