"""The preview table of the contact import: one row per person read, and per record
that cannot be read (an *error* row), in file and line order.

The plan is plain dataclasses already in memory (10,000 cards are ~10,000 small
objects), so the model holds them as they are and computes each cell when the view
asks for it: the view draws only the rows on screen. A duplicate's check box is the
plan's ``include`` flag itself, so what is ticked here is what the import writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor

from relationsapp.core.contact_import import ContactImportPlan, ImportRow, RowState, state_label
from relationsapp.core.names import display_name
from relationsapp.i18n.translate import _
from relationsapp.interop.contact_records import SkippedRecord
from relationsapp.ui.field_error_label import ERROR_COLOR
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel

STATE, NAME, ACCOUNT, EMAILS, WHERE, NOTE = range(6)

STATE_ROLE = Qt.ItemDataRole.UserRole + 60
"""The row's state: a :class:`RowState` value, or ``"error"`` for a record not read."""
ERROR = "error"

#: A duplicate is not an error, but it needs a look before it is ticked.
DUPLICATE_COLOR = "#a15c00"

PreviewEntry = ImportRow | SkippedRecord


def where(source: str, line: int) -> str:
    """``cards.vcf:12`` (the file's name, as the report writes it); a whole file: its name."""
    name = Path(source).name
    return f"{name}:{line}" if line else name


class ContactPreviewModel(ReadOnlyTableModel):
    """The rows of a :class:`ContactImportPlan`; duplicates can be ticked to include them."""

    #: A duplicate was ticked or unticked (here or with :meth:`set_all_duplicates`).
    include_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[PreviewEntry] = []

    def set_plan(self, plan: ContactImportPlan | None) -> None:
        """Show ``plan`` (None: nothing); rows in the order of the files, then of lines."""
        order = {source: position for position, source in enumerate(plan.files)} if plan else {}
        entries: list[PreviewEntry] = []
        if plan is not None:
            entries = [*plan.rows, *plan.skipped]

        def key(entry: PreviewEntry) -> tuple[int, int]:
            source, line = _source_line(entry)
            return order.get(source, len(order)), line

        entries.sort(key=key)
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entry(self, row: int) -> PreviewEntry:
        return self._entries[row]

    def state(self, row: int) -> str:
        entry = self._entries[row]
        return ERROR if isinstance(entry, SkippedRecord) else entry.state.value

    def set_all_duplicates(self, include: bool) -> None:
        """Tick (or untick) every duplicate."""
        changed = False
        for entry in self._entries:
            if isinstance(entry, ImportRow) and entry.state == RowState.DUPLICATE:
                changed = changed or entry.include != include
                entry.include = include
        if changed and self._entries:
            self.dataChanged.emit(
                self.index(0, STATE),
                self.index(len(self._entries) - 1, STATE),
                [Qt.ItemDataRole.CheckStateRole],
            )
            self.include_changed.emit()

    # --- Qt model interface --------------------------------------------------------------

    def headers(self) -> list[str]:
        return [_("State"), _("Name"), _("Account"), _("E-mail"), _("File and line"), _("Notes")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == STATE and self._is_duplicate(index.row()):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == STATE_ROLE:
            return self.state(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NOTE:
                return self._note(entry, "\n")
            return self._text(entry, column) or None
        if role == Qt.ItemDataRole.CheckStateRole and column == STATE:
            if isinstance(entry, ImportRow) and entry.state == RowState.DUPLICATE:
                return Qt.CheckState.Checked if entry.include else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATE, NOTE):
            if isinstance(entry, SkippedRecord):
                return QColor(ERROR_COLOR)
            if entry.state == RowState.DUPLICATE:
                return QColor(DUPLICATE_COLOR)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() != STATE
            or not self._is_duplicate(index.row())
        ):
            return False
        entry = self._entries[index.row()]
        assert isinstance(entry, ImportRow)
        # PySide6 hands the check state over as an int or as the enum, depending on the view.
        entry.include = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.include_changed.emit()
        return True

    # --- cells ---------------------------------------------------------------------------

    def _is_duplicate(self, row: int) -> bool:
        entry = self._entries[row] if 0 <= row < len(self._entries) else None
        return isinstance(entry, ImportRow) and entry.state == RowState.DUPLICATE

    @staticmethod
    def _text(entry: PreviewEntry, column: int) -> str:
        if column == WHERE:
            return where(*_source_line(entry))
        if isinstance(entry, SkippedRecord):
            if column == STATE:
                return _("Error")
            return ContactPreviewModel._note(entry, " · ") if column == NOTE else ""
        draft = entry.record.draft
        if column == STATE:
            return state_label(entry.state)
        if column == NAME:
            return display_name(draft)
        if column == ACCOUNT:
            return entry.record.account_name
        if column == EMAILS:
            return ", ".join(email.address for email in draft.emails)
        if column == NOTE:
            return ContactPreviewModel._note(entry, " · ")
        return ""

    @staticmethod
    def _note(entry: PreviewEntry, separator: str) -> str:
        """Why it is a duplicate or not read, then what was changed while reading it."""
        if isinstance(entry, SkippedRecord):
            return entry.reason
        parts = [entry.reason] if entry.reason else []
        return separator.join([*parts, *entry.record.warnings])


def _source_line(entry: PreviewEntry) -> tuple[str, int]:
    if isinstance(entry, SkippedRecord):
        return entry.source, entry.line
    return entry.record.source, entry.record.line


def counts_text(plan: ContactImportPlan) -> str:
    """ "12 new, 3 updates, 2 duplicates, 1 error" (a state with no row is left out)."""
    from babel.lists import format_list

    from relationsapp.i18n.formatting import format_number, ui_locale
    from relationsapp.i18n.translate import ngettext

    new, updates = plan.count(RowState.NEW), plan.count(RowState.UPDATE)
    unchanged, duplicates = plan.count(RowState.UNCHANGED), plan.count(RowState.DUPLICATE)
    errors = len(plan.skipped)
    parts = [
        text % {"count": format_number(count)}
        for count, text in (
            (new, ngettext("%(count)s new", "%(count)s new", new)),
            (updates, ngettext("%(count)s update", "%(count)s updates", updates)),
            (unchanged, ngettext("%(count)s unchanged", "%(count)s unchanged", unchanged)),
            (duplicates, ngettext("%(count)s duplicate", "%(count)s duplicates", duplicates)),
            (errors, ngettext("%(count)s error", "%(count)s errors", errors)),
        )
        if count
    ]
    if not parts:
        return _("Nobody was found in the files.")
    # "unit" style: a plain list, "12 new, 3 updates, 1 error", in the reader's language.
    return format_list(parts, style="unit", locale=ui_locale())
