"""Add or edit one order: date, amount in its own currency, status, product, notes.

The amount is typed the way the UI language writes numbers (``1.234,50`` in Danish,
``1 234,50`` in Finnish, ``1,234.50`` in English) and read by Babel; a live line under
it shows how it was read (``= 1.234,50 kr.``), so a misplaced mark is seen before it is
saved. The dialog only reads and fills widgets: ``parse_amount`` and ``validate_order``
decide what is wrong, and the caller saves through the undo stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from babel.numbers import (
    format_decimal,
    get_currency_name,
    get_currency_precision,
    get_territory_currencies,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.deal_service import (
    OrderDraft,
    OrderStatus,
    is_currency,
    parse_amount,
    validate_order,
)
from relationsapp.core.validation import FieldError
from relationsapp.i18n.formatting import ui_locale
from relationsapp.i18n.translate import _
from relationsapp.ui.code_combo import CodeComboBox
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.field_error_label import FieldErrorBoard, FieldErrorLabel
from relationsapp.ui.form_helpers import (
    add_row,
    line_edit,
    notes_edit,
    save_cancel_buttons,
    select_data,
)
from relationsapp.ui.orders_model import STATUS_LABELS, money_text, status_label

FALLBACK_CURRENCY = "EUR"


# --- currencies ---------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def current_currencies(today: dt.date) -> tuple[str, ...]:
    """The ISO 4217 codes some country uses as legal tender on ``today``, sorted.

    Babel knows 300 codes, most of them gone (ATS, DEM, FRF …); the list offers the
    150-odd in use, and an old code can still be typed for an old order.
    """
    from babel.core import get_global

    found: set[str] = set()
    for territory in get_global("territory_currencies"):
        found.update(get_territory_currencies(territory, start_date=today, tender=True))
    return tuple(sorted(found))


def territory_currency(country: str, today: dt.date | None = None) -> str | None:
    """The currency of ``country`` (ISO 3166 alpha-2) on ``today``: ``JP`` → ``JPY``."""
    if not country:
        return None
    codes = get_territory_currencies(country.upper(), start_date=today, tender=True)
    return str(codes[0]) if codes else None  # none for an unknown code


def default_currency(country: str, today: dt.date | None = None) -> str:
    """A new order's currency: the client's country's, else my own locale's, else EUR."""
    return (
        territory_currency(country, today)
        or territory_currency(ui_locale().territory or "", today)
        or FALLBACK_CURRENCY
    )


def currency_item_text(code: str) -> str:
    """``DKK – Danish Krone`` (``DKK – dansk krone`` in Danish)."""
    return " – ".join((code, str(get_currency_name(code, locale=ui_locale()))))


class CurrencyComboBox(CodeComboBox):
    """Currencies in use, each as ``code – name``; type ``yen`` or ``jpy`` to find JPY.

    ``code()`` upper-cases a typed code (``dkk`` → ``DKK``); text that is no currency
    comes back as typed, so validation can say what is wrong with it.
    """

    def __init__(self, extra_codes: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        codes = set(current_currencies(dt.date.today()))
        codes.update(code for code in extra_codes if is_currency(code))
        self.set_items((currency_item_text(code), code) for code in sorted(codes))
        self.line_edit.setPlaceholderText(_("Type a code or a name"))

    def code(self) -> str:
        code = super().code()
        return code.upper() if is_currency(code.upper()) else code

    def name_for_unlisted(self, code: str) -> str | None:
        return currency_item_text(code) if is_currency(code) else None


# --- amounts ------------------------------------------------------------------------------------


def amount_input_text(amount_minor: int, currency: str) -> str:
    """123450 DKK → ``1.234,50`` in Danish: what ``parse_amount`` reads back exactly."""
    digits = get_currency_precision(currency) if is_currency(currency) else 2
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(Decimal(amount_minor).scaleb(-digits), format=pattern, locale=ui_locale())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _civil(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class OrderDialog(QDialog):
    """One order of one account; ``set_draft`` fills it, ``draft`` reads it back."""

    def __init__(self, parent: QWidget | None = None, extra_currencies: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("order_dialog")
        self.setWindowTitle(_("New order"))
        self._draft = OrderDraft()
        self._build(extra_currencies)
        self._connect()
        self.set_draft(OrderDraft(currency=default_currency("")))

    def _build(self, extra_currencies: Iterable[str]) -> None:
        self.account_label = QLabel()
        self.account_label.setObjectName("order_account")
        font = self.account_label.font()
        font.setBold(True)
        self.account_label.setFont(font)
        self.account_label.hide()
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(qt_date_format())
        self.amount = line_edit("amount", amount_input_text(123450, "EUR"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount.setMaximumWidth(220)
        self.amount_read = QLabel()  # how the typed amount was read: "= 1.234,50 kr."
        self.amount_read.setObjectName("amount_read")
        self.currency = CurrencyComboBox(extra_currencies)
        self.currency.setObjectName("currency")
        self.status = QComboBox()
        self.status.setObjectName("status")
        for status in STATUS_LABELS:
            self.status.addItem(status_label(status), status.value)
        self.product = line_edit("product", _("e.g. 40 × CR 64 pumps"))
        self.notes = notes_edit("notes")
        self.notes.setMaximumHeight(110)

        self.general_error = FieldErrorLabel("general")
        self.buttons = save_cancel_buttons(self)

        board = self._errors = FieldErrorBoard(self.general_error)

        def error(field: str, focus: QWidget) -> FieldErrorLabel:
            label_ = FieldErrorLabel(field)
            board.add_field(field, label_, focus)
            return label_

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, _("&Date:"), self.date_edit, self.date_edit)
        amount_box = QVBoxLayout()
        amount_box.setSpacing(2)
        amount_box.addWidget(self.amount)
        amount_box.addWidget(self.amount_read)
        add_row(form, _("&Amount:"), amount_box, self.amount, error("amount", self.amount))
        add_row(
            form, _("&Currency:"), self.currency, self.currency, error("currency", self.currency)
        )
        add_row(form, _("S&tatus:"), self.status, self.status)
        add_row(form, _("&Product:"), self.product, self.product)
        add_row(form, _("&Notes:"), self.notes, self.notes)

        layout = QVBoxLayout(self)
        layout.addWidget(self.account_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _connect(self) -> None:
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)
        self.amount.textChanged.connect(self._refresh_amount)
        self.amount.textEdited.connect(self._errors.label("amount").clear_error)
        self.currency.codeChanged.connect(self._on_currency_changed)

    # -- live reading --------------------------------------------------------------------

    def _on_currency_changed(self) -> None:
        self._errors.label("currency").clear_error()
        self._errors.label("amount").clear_error()
        self._refresh_amount()

    def _refresh_amount(self) -> None:
        """Show how the typed amount reads in the chosen currency (nothing if it does not)."""
        currency = self.currency.code()
        minor, _problem = parse_amount(self.amount.text(), currency, ui_locale())
        text = ""
        if minor is not None and is_currency(currency):
            text = "= " + money_text(minor, currency)
        self.amount_read.setText(text)
        self.amount_read.setVisible(bool(text))

    # -- the draft -----------------------------------------------------------------------

    def set_account_name(self, name: str) -> None:
        """Name the account the order is with, above the fields."""
        self.account_label.setText(name)
        self.account_label.setVisible(bool(name))

    def set_draft(self, draft: OrderDraft) -> None:
        """Show ``draft`` for editing (its account is kept as it is)."""
        self._draft = draft
        self.date_edit.setDate(_qdate(draft.ordered_on))
        self.currency.set_code(draft.currency)
        self.amount.setText(
            amount_input_text(draft.amount_minor, draft.currency) if draft.amount_minor else ""
        )
        select_data(self.status, draft.status.value)
        self.product.setText(draft.product)
        self.notes.setPlainText(draft.notes)
        self._errors.clear()
        self._refresh_amount()
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)

    def _amount(self) -> tuple[int | None, str]:
        return parse_amount(self.amount.text(), self.currency.code(), ui_locale())

    def draft(self) -> OrderDraft:
        """What the widgets say now (not validated; an unreadable amount reads as 0)."""
        minor, _problem = self._amount()
        return OrderDraft(
            account_id=self._draft.account_id,
            ordered_on=_civil(self.date_edit.date()),
            amount_minor=minor or 0,
            currency=self.currency.code(),
            status=OrderStatus(self.status.currentData()),
            product=self.product.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )

    def errors(self) -> list[FieldError]:
        """Everything wrong with what is typed, field by field."""
        errors: list[FieldError] = []
        minor, problem = self._amount()
        if minor is None:
            errors.append(FieldError("amount", problem))
        draft = self.draft()
        if not draft.currency:
            errors.append(FieldError("currency", _("Choose a currency.")))
        errors.extend(
            error for error in validate_order(draft) if draft.currency or error.field != "currency"
        )
        return errors

    def accept(self) -> None:
        """Close with Accepted only when nothing is wrong; otherwise show why, in place."""
        errors = self.errors()
        if not errors:
            self._errors.clear()
            super().accept()
            return
        first = self._errors.show(errors)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
