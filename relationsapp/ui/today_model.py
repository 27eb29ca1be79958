"""The Today view's tree: one row per section, its items below, four columns.

Thin: the sections and their words come from relationsapp.core.today_texts; this only
places them in a two-level tree. A section row's internal id is 0; an item's is its
section's row + 1, so ``parent()`` needs no lookup.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from relationsapp.core.today_texts import Section, TodayLine, TodaySection, Tone
from relationsapp.i18n.translate import _

ModelIndex = QModelIndex | QPersistentModelIndex

WHAT, WHO, WHEN, STATUS = range(4)

CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 40
"""The contact an item is about (int), or None."""
PROMISE_ID_ROLE = Qt.ItemDataRole.UserRole + 41
"""The promise an item is (int), or None: rows that can be marked kept or broken."""
SECTION_ROLE = Qt.ItemDataRole.UserRole + 42
"""The :class:`~relationsapp.core.today_texts.Section` a row is or belongs to."""
KEY_ROLE = Qt.ItemDataRole.UserRole + 43
"""A row's identity across reloads (``promise:<uid>``; a section's kind for sections)."""
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 44
"""One sentence more about the item (shown under the tree, and in tooltips)."""

_TONE_COLORS = {Tone.URGENT: "#c0392b", Tone.SOON: "#b86e00"}  # red; amber dark enough to read


class TodayModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sections: list[TodaySection] = []

    def set_sections(self, sections: list[TodaySection]) -> None:
        self.beginResetModel()
        self._sections = list(sections)
        self.endResetModel()

    def section_at(self, row: int) -> TodaySection:
        return self._sections[row]

    def line(self, index: ModelIndex) -> TodayLine | None:
        """The item at ``index``, or None for a section row or an invalid index."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._sections[index.internalId() - 1].lines[index.row()]

    def section_row(self, kind: Section) -> int:
        return next(row for row, section in enumerate(self._sections) if section.kind == kind)

    # --- structure ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._sections[parent.row()].lines)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [_("What"), _("Who"), _("When (mine, theirs)"), _("Status")]
        return headers[section] if 0 <= section < len(headers) else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            # An empty section is greyed; a full one can be walked with the keyboard.
            if not self._sections[index.row()].lines:
                return Qt.ItemFlag.NoItemFlags
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- data ---------------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._section_data(self._sections[index.row()], index.column(), role)
        line = self.line(index)
        if line is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.what, line.who, line.when, line.status)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole cell (a narrow column elides it) and the sentence more.
            text = (line.what, line.who, line.when, line.status)[index.column()]
            return "\n".join(part for part in (text, line.detail) if part) or None
        if role == CONTACT_ID_ROLE:
            return line.contact_id
        if role == PROMISE_ID_ROLE:
            return line.promise_id
        if role == SECTION_ROLE:
            return self._sections[index.internalId() - 1].kind
        if role == KEY_ROLE:
            return line.key
        if role == DETAIL_ROLE:
            return line.detail
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS:
            color = _TONE_COLORS.get(line.tone)
            return QBrush(QColor(color)) if color else None
        return None

    @staticmethod
    def _section_data(section: TodaySection, column: int, role: int) -> Any:
        if role == SECTION_ROLE:
            return section.kind
        if role == KEY_ROLE:
            return f"section:{section.kind.value}"
        if column != WHAT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return section.heading
        if role == Qt.ItemDataRole.FontRole and section.lines:
            font = QFont()
            font.setBold(True)
            return font
        return None
