"""Suggested meeting times, best first, with every participant's local time and warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from relationsapp.core.slot_finder import Slot, SlotParticipant
from relationsapp.core.zones import to_local, zone_city
from relationsapp.i18n.formatting import (
    format_date,
    format_number,
    format_time,
    format_utc_offset,
    format_weekday,
)
from relationsapp.i18n.translate import _
from relationsapp.ui.day_grid_model import describe_local
from relationsapp.ui.planner_texts import (
    flag_kind,
    flag_text,
    kind_icon,
    short_flag_texts,
)
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel

START, SCORE = range(2)
#: The first of the per-participant columns (in the order the slots list them).
FIRST_PARTICIPANT = 2
#: The row's :class:`~relationsapp.core.slot_finder.Slot`.
SLOT_ROLE = Qt.ItemDataRole.UserRole + 22


def _offset_text(local: dt.datetime) -> str:
    offset = local.utcoffset() or dt.timedelta(0)
    return format_utc_offset(int(offset.total_seconds()) // 60)


class SlotTableModel(ReadOnlyTableModel):
    """A short list of suggestions (the slot finder returns 20 at most), held as is."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._slots: list[Slot] = []
        self._labels: list[str] = []
        self._reference_zone = "UTC"

    def set_slots(self, slots: list[Slot], reference_zone: str, labels: list[str]) -> None:
        """Show ``slots`` (best first); ``labels`` name the participant columns."""
        self.beginResetModel()
        self._slots = list(slots)
        self._reference_zone = reference_zone
        self._labels = list(labels)
        self.endResetModel()

    def clear(self) -> None:
        self.set_slots([], self._reference_zone, self._labels)

    def slot(self, row: int) -> Slot:
        return self._slots[row]

    def reference_zone(self) -> str:
        return self._reference_zone

    # -- the model -------------------------------------------------------------------------

    def headers(self) -> list[str]:
        start = _("Start (%(zone)s)") % {"zone": zone_city(self._reference_zone)}
        return [start, _("Score"), *self._labels]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._slots)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._slots):
            return None
        slot = self._slots[index.row()]
        column = index.column()
        if role == SLOT_ROLE:
            return slot
        if column == START:
            return self._start_data(slot, role)
        if column == SCORE:
            return self._score_data(slot, role)
        position = column - FIRST_PARTICIPANT
        if 0 <= position < len(slot.participants):
            return self._participant_data(slot.participants[position], role)
        return None

    def _start_data(self, slot: Slot, role: int) -> Any:
        local = to_local(slot.start_utc, self._reference_zone)
        if role == Qt.ItemDataRole.DisplayRole:
            # Every suggestion lasts the chosen duration, so the start says it all; the
            # tooltip has the full date and the offset.
            return _("%(weekday)s %(date)s, %(time)s") % {
                "weekday": format_weekday(local.date()),
                "date": format_date(local.date(), "short"),
                "time": format_time(local),
            }
        if role == Qt.ItemDataRole.ToolTipRole:
            end = to_local(slot.end_utc, self._reference_zone)
            return describe_local(local, self._reference_zone, end)
        return None

    def _score_data(self, slot: Slot, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(round(slot.score, 1))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(
                "100 means inside everyone’s working hours. Time at the edge of someone’s "
                "day, at night, on a weekend or on a holiday lowers the score."
            )
        return None

    def _participant_data(self, view: SlotParticipant, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            when = _("%(weekday)s %(time)s") % {
                "weekday": format_weekday(view.local_start.date()),
                "time": format_time(view.local_start),
            }
            return " · ".join([when, *short_flag_texts(view.flags)])
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(flag_kind(view.flags))
        if role == Qt.ItemDataRole.ToolTipRole:
            when = _("%(name)s: %(weekday)s %(date)s, %(start)s–%(end)s (%(offset)s)") % {
                "name": view.label,
                "weekday": format_weekday(view.local_start.date(), "wide"),
                "date": format_date(view.local_start.date()),
                "start": format_time(view.local_start),
                "end": format_time(view.local_end),
                "offset": _offset_text(view.local_start),
            }
            if not view.flags:
                return "\n".join((when, _("inside working hours")))
            return "\n".join([when, *(flag_text(flag) for flag in view.flags)])
        return None
