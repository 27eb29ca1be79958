"""Custom item-data roles shared by models, delegates and tests."""

from PySide6.QtCore import Qt

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The database id of the row's record (int)."""
WORK_STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
"""The client's :class:`~relationsapp.core.working_hours.WorkStatus` now."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
"""A value to sort by where the display text would sort wrongly."""
