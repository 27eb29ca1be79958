"""The account editor: a company's name, industry, size, country, website and referrer.

Like the contact editor it only reads and fills widgets; ``validate_account`` decides
what is wrong and the caller saves the draft.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import SizeBand
from relationsapp.core.records import AccountDraft
from relationsapp.core.validation import validate_account
from relationsapp.i18n.translate import _
from relationsapp.ui.country_combo import CountryComboBox
from relationsapp.ui.field_error_label import FieldErrorBoard, FieldErrorLabel
from relationsapp.ui.form_helpers import (
    add_row,
    choice_combo,
    form_group,
    line_edit,
    notes_edit,
    record_combo,
    select_data,
    select_id,
    split_tags,
)


def common_industries() -> list[str]:
    """Suggestions for the industry field, in the UI language (any text is allowed)."""
    return sorted(
        [
            _("Agriculture"),
            _("Automotive"),
            _("Banking and finance"),
            _("Chemicals"),
            _("Construction"),
            _("Consulting"),
            _("Education"),
            _("Energy and utilities"),
            _("Food and beverages"),
            _("Government"),
            _("Healthcare"),
            _("Hospitality and travel"),
            _("Insurance"),
            _("Logistics and transport"),
            _("Manufacturing"),
            _("Media and publishing"),
            _("Pharmaceuticals"),
            _("Real estate"),
            _("Retail and wholesale"),
            _("Software and IT services"),
            _("Telecommunications"),
        ],
        key=str.casefold,
    )


class AccountEditorDialog(QDialog):
    """Edit one :class:`AccountDraft`; OK shows each problem beside its field or accepts."""

    def __init__(
        self, referrer_choices: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("account_editor")
        self._referrer_choices = list(referrer_choices)
        # Not edited here (set when a contact refers the company); kept as loaded.
        self._referred_by_contact_id: int | None = None
        self._build()
        self.set_draft(AccountDraft(), _("New account"), None)

    def _build(self) -> None:
        self.name = line_edit("name", _("as the company writes it"))
        self.name_latin = line_edit("name_latin", _("in Latin letters, if written otherwise"))
        self.industry = QComboBox()
        self.industry.setObjectName("industry")
        self.industry.setEditable(True)
        self.industry.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.industry.addItems(common_industries())
        self.size_band = choice_combo("size_band", SizeBand)
        self.country = CountryComboBox()
        self.country.setObjectName("country")
        self.website = line_edit("website", _("e.g. www.example.com"))
        self.tags = line_edit("tags", _("comma-separated, e.g. partner, reseller"))
        self.notes = notes_edit("notes")
        self.referred_by = record_combo("referred_by", _("(nobody)"), [])
        self.referred_by.setToolTip(_("The account that introduced you to this one."))

        general = FieldErrorLabel("general")
        self._errors = FieldErrorBoard(general)

        def error(field: str, focus: QWidget) -> FieldErrorLabel:
            label = FieldErrorLabel(field)
            self._errors.add_field(field, label, focus)
            return label

        group, form = form_group(_("Company"))
        add_row(form, _("&Name:"), self.name, self.name, error("name", self.name))
        add_row(form, _("Name (&Latin):"), self.name_latin, self.name_latin)
        add_row(form, _("&Industry:"), self.industry, self.industry)
        add_row(form, _("&Size:"), self.size_band, self.size_band)
        add_row(form, _("&Country:"), self.country, self.country, error("country", self.country))
        add_row(form, _("&Website:"), self.website, self.website, error("website", self.website))
        add_row(form, _("&Referred by:"), self.referred_by, self.referred_by)
        add_row(form, _("&Tags:"), self.tags, self.tags)
        add_row(form, _("N&otes:"), self.notes, self.notes)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("buttons")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("ok")
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(group, 1)
        layout.addWidget(general)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

        for edit in (self.name, self.name_latin):
            edit.textEdited.connect(self._errors.label("name").clear_error)
        self.country.codeChanged.connect(self._errors.label("country").clear_error)
        self.website.textEdited.connect(self._errors.label("website").clear_error)

        chain: list[QWidget] = [
            self.name,
            self.name_latin,
            self.industry,
            self.size_band,
            self.country,
            self.website,
            self.referred_by,
            self.tags,
            self.notes,
            *self.buttons.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_draft(self, draft: AccountDraft, title: str, own_id: int | None) -> None:
        """Show ``draft`` under ``title``; ``own_id`` (the account itself) cannot refer itself."""
        self.setWindowTitle(title)
        self.referred_by.clear()
        self.referred_by.addItem(_("(nobody)"), None)
        for account_id, name in self._referrer_choices:
            if account_id != own_id:  # an account cannot have referred itself
                self.referred_by.addItem(name, account_id)
        select_id(
            self.referred_by,
            draft.referred_by_account_id,
            _("(account %(id)s)") % {"id": draft.referred_by_account_id},
        )
        self._referred_by_contact_id = draft.referred_by_contact_id
        self.name.setText(draft.name)
        self.name_latin.setText(draft.name_latin)
        self.industry.setCurrentIndex(-1)
        self.industry.setEditText(draft.industry)
        select_data(self.size_band, draft.size_band.value)
        self.country.set_code(draft.country)
        self.website.setText(draft.website)
        self.tags.setText(", ".join(draft.tags))
        self.notes.setPlainText(draft.notes)
        self._errors.clear()

    def draft(self) -> AccountDraft:
        """What the widgets say now (not validated, not normalised)."""
        referrer = self.referred_by.currentData()
        return AccountDraft(
            name=self.name.text(),
            name_latin=self.name_latin.text(),
            industry=self.industry.currentText().strip(),
            size_band=SizeBand(self.size_band.currentData()),
            country=self.country.code(),
            website=self.website.text(),
            tags=split_tags(self.tags.text()),
            notes=self.notes.toPlainText(),
            referred_by_account_id=int(referrer) if referrer is not None else None,
            referred_by_contact_id=self._referred_by_contact_id,
        )

    def accept(self) -> None:
        """Close with Accepted only when ``validate_account`` finds nothing wrong."""
        errors = validate_account(self.draft())
        if not errors:
            self._errors.clear()
            super().accept()
            return
        first = self._errors.show(errors)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
