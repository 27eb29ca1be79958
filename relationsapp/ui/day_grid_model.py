"""The planner's day grid: one row per participant, one column per hour of the reference day.

Columns are the hours of the *reference zone's* civil day (24, or 23/25 when that zone
changes its clocks), computed by relationsapp.core.day_grid. Each cell shows the
participant's own local hour where they are then, so a row's labels shift on the day
*their* zone changes: with Copenhagen columns on Monday 2027-03-15 the New York row
reads 19, 20, … (US clocks went forward on the 14th, Europe's only on the 28th), five
hours behind, not the usual six.

Cell labels are compact (see planner_texts.compact_time): the hour alone for whole
hours (``09``; ``9a`` in 12-hour locales), hour and minutes in 30- and 45-minute zones
(``19:45`` in Kathmandu). The tooltip gives the full local date, time, UTC offset, zone
and what the hour is for them (working hours, early/late, night, weekend, the holiday's
name, unavailable).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from relationsapp.core.day_grid import GridCell, day_row, day_start_utc, place_at, place_periods
from relationsapp.core.meeting_participants import Participant
from relationsapp.core.zones import to_local, zone_city
from relationsapp.i18n.formatting import (
    country_name,
    format_date_and_time,
    format_minutes_of_day,
    format_time,
    format_utc_offset,
)
from relationsapp.i18n.translate import _
from relationsapp.ui.planner_texts import (
    compact_time,
    holiday_text,
    kind_background,
    kind_foreground,
    kind_text,
)
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel

#: The cell's :class:`~relationsapp.core.day_grid.CellKind`.
CELL_KIND_ROLE = Qt.ItemDataRole.UserRole + 20
#: The first instant of the cell (aware, UTC).
CELL_START_ROLE = Qt.ItemDataRole.UserRole + 21

STEP_MINUTES = 60
_HOUR = dt.timedelta(minutes=STEP_MINUTES)


def describe_local(local: dt.datetime, zone: str, end: dt.datetime | None = None) -> str:
    """``Monday, 15 March 2027, 10:00 (UTC−04:00, America/New_York)``; with ``end``,
    ``… 10:00–11:00 (…)``."""
    offset = local.utcoffset() or dt.timedelta(0)
    values = {
        "when": format_date_and_time(local.replace(tzinfo=None)),
        "offset": format_utc_offset(int(offset.total_seconds()) // 60),
        "zone": zone,
    }
    if end is None:
        return _("%(when)s (%(offset)s, %(zone)s)") % values
    return _("%(when)s–%(end)s (%(offset)s, %(zone)s)") % {**values, "end": format_time(end)}


class DayGridModel(ReadOnlyTableModel):
    """Rows = participants, columns = hours of the reference zone's ``day``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._participants: list[Participant] = []
        self._rows: list[list[GridCell]] = []
        self._columns: list[dt.datetime] = []
        self._labels: list[str] = []
        self._row_zones: list[list[str]] = []
        self._reference_zone = "UTC"
        self._day: dt.date | None = None

    def set_day(self, participants: list[Participant], reference_zone: str, day: dt.date) -> None:
        """Lay out ``day`` in ``reference_zone`` for ``participants`` (replaces everything)."""
        start = day_start_utc(reference_zone, day)
        end = day_start_utc(reference_zone, day + dt.timedelta(days=1))
        columns: list[dt.datetime] = []
        instant = start
        while instant < end:  # the same real-time steps as core.day_grid.day_row
            columns.append(instant)
            instant += _HOUR
        self.beginResetModel()
        self._participants = list(participants)
        self._reference_zone = reference_zone
        self._day = day
        self._columns = columns
        self._labels = [compact_time(to_local(column, reference_zone)) for column in columns]
        self._rows = [day_row(p, reference_zone, day, STEP_MINUTES) for p in self._participants]
        self._row_zones = [self._zones_of(p, start, end) for p in self._participants]
        self.endResetModel()

    @staticmethod
    def _zones_of(participant: Participant, start: dt.datetime, end: dt.datetime) -> list[str]:
        zones: list[str] = []
        for _a, _b, place in place_periods(participant, start, end):
            if not zones or zones[-1] != place.zone:
                zones.append(place.zone)
        return zones

    def day(self) -> dt.date | None:
        return self._day

    def reference_zone(self) -> str:
        return self._reference_zone

    def participant(self, row: int) -> Participant:
        return self._participants[row]

    def columns_overlapping(self, start_utc: dt.datetime, end_utc: dt.datetime) -> list[int]:
        """Columns whose hour shares some time with ``[start_utc, end_utc)``."""
        return [
            column
            for column, instant in enumerate(self._columns)
            if instant < end_utc and start_utc < instant + _HOUR
        ]

    # -- the model -------------------------------------------------------------------------

    def headers(self) -> list[str]:
        return self._labels

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        cells = self._rows[index.row()]
        if not 0 <= index.column() < len(cells):
            return None
        cell = cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return compact_time(cell.local_start)
        if role == Qt.ItemDataRole.BackgroundRole:
            return kind_background(cell.kind)
        if role == Qt.ItemDataRole.ForegroundRole:
            return kind_foreground(cell.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(self._participants[index.row()], cell)
        if role == CELL_KIND_ROLE:
            return cell.kind
        if role == CELL_START_ROLE:
            return cell.start_utc
        return None

    def _cell_tooltip(self, participant: Participant, cell: GridCell) -> str:
        zone = place_at(participant, cell.start_utc).zone
        what = holiday_text(cell.holiday) if cell.holiday else kind_text(cell.kind)
        return "\n".join((participant.label, describe_local(cell.local_start, zone), what))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return self._row_header(section, role)
        if not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            local = to_local(self._columns[section], self._reference_zone)
            return describe_local(local, self._reference_zone)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return super().headerData(section, orientation, role)

    def _row_header(self, row: int, role: int) -> Any:
        if not 0 <= row < len(self._participants):
            return None
        participant = self._participants[row]
        cities = " → ".join(zone_city(zone) for zone in self._row_zones[row])
        if role == Qt.ItemDataRole.DisplayRole:
            # A place is already named by its city: "New York", not "New York / New York".
            return (
                participant.label
                if cities == participant.label
                else f"{participant.label}\n{cities}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [participant.label, " → ".join(self._row_zones[row])]
            if participant.country:
                lines.append(country_name(participant.country))
            lines.append(
                _("Working hours: %(start)s–%(end)s")
                % {
                    "start": format_minutes_of_day(participant.work_start),
                    "end": format_minutes_of_day(participant.work_end),
                }
            )
            return "\n".join(lines)
        return None
