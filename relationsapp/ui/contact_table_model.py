"""The contacts list: an id-based model that fetches rows lazily, a window at a time.

It holds only the ordered ids of the current query (an int list, ~3 MB at 100,000
contacts) and a bounded cache of the rows the view has asked for; nothing else is
materialised. Sorting and filtering re-run the query in the database.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor

from relationsapp.core.choices import label
from relationsapp.core.contact_search import ContactQuery, ContactSearch, SortColumn
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.records import ContactRow
from relationsapp.core.working_hours import WorkStatus, weekend_for, work_status
from relationsapp.core.zones import now_utc, to_local, utc_offset_minutes
from relationsapp.i18n.formatting import (
    country_name,
    format_minutes_of_day,
    format_time,
    format_utc_offset,
    format_weekday,
)
from relationsapp.i18n.translate import _
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.roles import ID_ROLE, WORK_STATUS_ROLE
from relationsapp.ui.status_badges import status_color, status_icon, status_text

NAME, ACCOUNT, COUNTRY, LOCAL_TIME, CHANNEL = range(5)
COLUMN_SORTS = {
    NAME: SortColumn.NAME,
    ACCOUNT: SortColumn.ACCOUNT,
    COUNTRY: SortColumn.COUNTRY,
    LOCAL_TIME: SortColumn.LOCAL_TIME,
    CHANNEL: SortColumn.CHANNEL,
}
#: Rows read per database round trip; a screen shows about 40.
PAGE_SIZE = 200
#: Pages kept in memory (least recently used are dropped): 8,000 rows at most.
PAGE_LIMIT = 40

_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        ID_ROLE,
        WORK_STATUS_ROLE,
    }
)


class ContactTableModel(ReadOnlyTableModel):
    """Contacts matching a :class:`ContactQuery`, with the client's local time now.

    ``rowCount`` is the number of matches (one COUNT query); rows are read a page at a
    time when the view first asks for one, so a keystroke costs a count and one page
    however many contacts the file holds.
    """

    def __init__(
        self,
        search: ContactSearch,
        clock: Callable[[], dt.datetime] = now_utc,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._clock = clock
        self._query = ContactQuery()
        self._count = 0
        self._pages: OrderedDict[int, list[ContactRow]] = OrderedDict()
        #: contact id → (minute, status, display text) of the local-time cell.
        self._status_cache: dict[int, tuple[int, WorkStatus, str]] = {}
        self._text_cache: dict[tuple[str, str], str] = {}
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self._on_minute)
        self._schedule_tick()

    # --- the query -------------------------------------------------------------

    def query(self) -> ContactQuery:
        return self._query

    def set_query(self, query: ContactQuery) -> None:
        """Run ``query`` and show its result (search text, filters, sort order)."""
        count = self._search.count(query)
        first_page = self._search.rows(query, 0, PAGE_SIZE) if count else []
        self.beginResetModel()
        self._query = query
        self._count = count
        self._pages.clear()
        self._pages[0] = first_page
        self._status_cache.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-run the current query (after an edit, delete or undo)."""
        self.set_query(self._query)

    def contact_id(self, row: int) -> int:
        found = self._row(row)
        if found is None:
            raise IndexError(row)
        return found.id

    def row_of(self, contact_id: int) -> int | None:
        """The row showing ``contact_id`` among the pages read so far, if any."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == contact_id:
                    return page * PAGE_SIZE + offset
        return None

    # --- Qt model interface ------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def headers(self) -> list[str]:
        return [
            _("Name"),
            _("Account"),
            _("Country"),
            _("Their time now"),
            _("Preferred channel"),
        ]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in COLUMN_SORTS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=COLUMN_SORTS[column], descending=descending))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks ~8 roles per cell on every paint; answer the unused ones first.
        if role not in _ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == ID_ROLE:
            return row.id
        column = index.column()
        if column == LOCAL_TIME:
            return self._local_time_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return name_with_transliteration(row.display_name, row.latin_name)
            if column == ACCOUNT:
                return row.account_name
            if column == COUNTRY:
                return self._texts(("country", row.country), lambda: country_name(row.country))
            if column == CHANNEL:
                return self._texts(
                    ("channel", row.preferred_channel), lambda: label(row.preferred_channel)
                )
        if role == Qt.ItemDataRole.ToolTipRole and column == COUNTRY:
            return row.country
        return None

    # --- rows, fetched lazily ----------------------------------------------------

    def _row(self, position: int) -> ContactRow | None:
        page, offset = divmod(position, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._search.rows(self._query, page * PAGE_SIZE, PAGE_SIZE)
            self._pages[page] = rows
            while len(self._pages) > PAGE_LIMIT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        # A page can come back short if contacts were deleted since the count.
        return rows[offset] if offset < len(rows) else None

    def _texts(self, key: tuple[str, str], make: Callable[[], str]) -> str:
        """Country names and channel labels, formatted once per model (per language)."""
        text = self._text_cache.get(key)
        if text is None:
            text = self._text_cache[key] = make()
        return text

    def _local_time_data(self, row: ContactRow, role: int) -> Any:
        instant = self._clock()
        minute = int(instant.timestamp() // 60)
        cached = self._status_cache.get(row.id)
        if cached is None or cached[0] != minute:
            status = work_status(
                instant, row.time_zone, row.country, row.work_start, row.work_end, row.weekend_days
            )
            cached = (minute, status, self._local_time_text(row, status, instant))
            self._status_cache[row.id] = cached
        _minute, status, text = cached
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == WORK_STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(status_color(status)) if status == WorkStatus.UNKNOWN else None
        if status == WorkStatus.UNKNOWN:
            return (
                _("No time zone")
                if role == Qt.ItemDataRole.DisplayRole
                else _("Add a time zone to see their local time.")
            )
        weekend = ", ".join(
            format_weekday(dt.date(2024, 1, 1 + day), "wide")
            for day in weekend_for(row.country, row.weekend_days)
        )
        return _("%(zone)s (%(offset)s)\nWorking hours %(start)s–%(end)s, weekend: %(weekend)s") % {
            "zone": row.time_zone,
            "offset": format_utc_offset(utc_offset_minutes(row.time_zone, instant)),
            "start": format_minutes_of_day(row.work_start),
            "end": format_minutes_of_day(row.work_end),
            "weekend": weekend,
        }

    @staticmethod
    def _local_time_text(row: ContactRow, status: WorkStatus, instant: dt.datetime) -> str:
        if status == WorkStatus.UNKNOWN:
            return _("No time zone")
        local = to_local(instant, row.time_zone)
        return _("%(weekday)s %(time)s · %(status)s") % {
            "weekday": format_weekday(local.date()),
            "time": format_time(local),
            "status": status_text(status),
        }

    # --- the clock ---------------------------------------------------------------

    def _schedule_tick(self) -> None:
        now = dt.datetime.now()
        self._tick.start(max(1000, (60 - now.second) * 1000 - now.microsecond // 1000 + 50))

    def _on_minute(self) -> None:
        """Every minute on the minute: the local-time column changes, nothing else."""
        if self._count:
            self.dataChanged.emit(
                self.index(0, LOCAL_TIME),
                self.index(self._count - 1, LOCAL_TIME),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ToolTipRole,
                    WORK_STATUS_ROLE,
                ],
            )
        self._schedule_tick()
