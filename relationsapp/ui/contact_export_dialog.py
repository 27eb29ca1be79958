"""Export contacts…: which format and which contacts, then where (asked by the caller).

The writing itself is :func:`contact_file_bytes` (plain Python, run on a pool thread
for many contacts by relationsapp.ui.interop_actions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.errors import RecordNotFound
from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _

if TYPE_CHECKING:
    from relationsapp.core.contact_service import ContactService

VCARD_4, VCARD_3, CSV_EXCEL, CSV_RAW = "vcard4", "vcard3", "csv_excel", "csv_raw"
SELECTED, SHOWN, ALL = "selected", "shown", "all"
#: File suffix of each format.
SUFFIXES = {VCARD_4: ".vcf", VCARD_3: ".vcf", CSV_EXCEL: ".csv", CSV_RAW: ".csv"}


class ExportCancelled(Exception):
    """The person cancelled while the contacts were read; no file was written."""


def contact_file_bytes(
    contacts: ContactService,
    ids: Sequence[int],
    export_format: str,
    progress: Callable[[int, int], bool] | None = None,
) -> tuple[bytes, int]:
    """The file's content and how many contacts it holds (one gone since: left out)."""
    details = []
    for done, contact_id in enumerate(ids, start=1):
        with suppress(RecordNotFound):  # deleted since it was listed: not exported
            details.append(contacts.get(contact_id))
        if progress is not None and done % 200 == 0 and not progress(done, len(ids)):
            raise ExportCancelled
    if export_format in (VCARD_4, VCARD_3):
        from relationsapp.interop.vcard_writer import write_vcards

        version = "4.0" if export_format == VCARD_4 else "3.0"
        return write_vcards(details, version=version).encode("utf-8"), len(details)
    from relationsapp.interop.contact_csv_writer import write_contacts_csv

    text = write_contacts_csv(details, excel_safe=export_format == CSV_EXCEL)
    return text.encode("utf-8-sig"), len(details)  # Excel reads UTF-8 only with the BOM


class ContactExportDialog(QDialog):
    """Format (vCard 4.0 or 3.0, CSV for Excel or raw) and scope, with the counts."""

    def __init__(
        self,
        selected: int,
        shown: int,
        everyone: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contact_export")
        self.setWindowTitle(_("Export contacts"))
        formats = QGroupBox(_("Format"))
        self.formats = QButtonGroup(self)
        box = QVBoxLayout(formats)
        for key, text, tip in (
            (VCARD_4, _("vCard &4.0"), _("For current address books and phones.")),
            (VCARD_3, _("vCard &3.0"), _("For older address books and Outlook.")),
            (
                CSV_EXCEL,
                _("CSV for &Excel"),
                _("Cells that a spreadsheet would run as a formula are made harmless."),
            ),
            (CSV_RAW, _("CSV, &raw"), _("Every cell exactly as stored, for other programs.")),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"export_{key}")
            button.setToolTip(tip)
            button.setProperty("key", key)
            self.formats.addButton(button)
            box.addWidget(button)
        self._button(self.formats, VCARD_4).setChecked(True)

        scopes = QGroupBox(_("Contacts"))
        self.scopes = QButtonGroup(self)
        box = QVBoxLayout(scopes)
        for key, text, count in (
            (SELECTED, _("&Selected contacts (%(count)s)"), selected),
            (SHOWN, _("Contacts shown by the searc&h (%(count)s)"), shown),
            (ALL, _("&All contacts (%(count)s)"), everyone),
        ):
            button = QRadioButton(text % {"count": format_number(count)})
            button.setObjectName(f"export_{key}")
            button.setProperty("key", key)
            button.setEnabled(count > 0)
            self.scopes.addButton(button)
            box.addWidget(button)
        default = SELECTED if selected > 1 else SHOWN if shown < everyone else ALL
        self._button(self.scopes, default).setChecked(True)

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(
            _("Ex&port…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(formats)
        layout.addWidget(scopes)
        layout.addWidget(buttons)

    @staticmethod
    def _button(group: QButtonGroup, key: str) -> QRadioButton:
        for button in group.buttons():
            if button.property("key") == key:
                assert isinstance(button, QRadioButton)
                return button
        raise KeyError(key)

    def choose(self, export_format: str, scope: str) -> None:
        """Pick a format and a scope (as a person clicks them)."""
        self._button(self.formats, export_format).setChecked(True)
        self._button(self.scopes, scope).setChecked(True)

    def export_format(self) -> str:
        checked = self.formats.checkedButton()
        return str(checked.property("key")) if checked is not None else VCARD_4

    def scope(self) -> str:
        checked = self.scopes.checkedButton()
        return str(checked.property("key")) if checked is not None else ALL
