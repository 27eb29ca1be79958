"""My itinerary: where I will be on which days (first day, last day, zone, country)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.meeting_participants import Stay
from relationsapp.core.zones import is_known_zone, zone_country
from relationsapp.i18n.formatting import country_name, format_date
from relationsapp.i18n.translate import _
from relationsapp.ui.country_combo import CountryComboBox
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.field_error_label import FieldErrorLabel
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.time_zone_combo import TimeZoneComboBox

FIRST_DAY, LAST_DAY, ZONE, COUNTRY = range(4)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class StayTableModel(ReadOnlyTableModel):
    """The stays of an itinerary, in date order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stays: list[Stay] = []

    def set_stays(self, stays: tuple[Stay, ...] | list[Stay]) -> None:
        self.beginResetModel()
        self._stays = sorted(stays, key=lambda stay: (stay.first_day, stay.last_day))
        self.endResetModel()

    def stays(self) -> tuple[Stay, ...]:
        return tuple(self._stays)

    def headers(self) -> list[str]:
        return [_("First day"), _("Last day"), _("Time zone"), _("Country")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stays)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._stays):
            return None
        stay = self._stays[index.row()]
        return {
            FIRST_DAY: format_date(stay.first_day),
            LAST_DAY: format_date(stay.last_day),
            ZONE: stay.zone,
            COUNTRY: country_name(stay.country),
        }.get(index.column())


class ItineraryDialog(QDialog):
    """A list of stays with a row to add one; OK keeps the list."""

    def __init__(self, stays: tuple[Stay, ...], today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itinerary")
        self.setWindowTitle(_("My itinerary"))
        self.model = StayTableModel(self)
        self.model.set_stays(stays)
        self.table = QTableView()
        self.table.setObjectName("stays")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.first_day = self._date_edit("stay_first_day", today)
        self.last_day = self._date_edit("stay_last_day", today)
        self.zone = TimeZoneComboBox()
        self.zone.setObjectName("stay_zone")
        self.country = CountryComboBox()
        self.country.setObjectName("stay_country")
        self.zone.zoneChanged.connect(self._suggest_country)
        self.first_day.dateChanged.connect(self._keep_last_day_after_first)
        self.error = FieldErrorLabel("stay")
        self.add_button = QPushButton(_("&Add stay"))
        self.add_button.clicked.connect(self.add_stay)
        self.remove_button = QPushButton(_("&Remove stay"))
        self.remove_button.clicked.connect(self.remove_selected)

        form = QFormLayout()
        form.addRow(_("&First day:"), self.first_day)
        form.addRow(_("&Last day:"), self.last_day)
        form.addRow(_("Time &zone:"), self.zone)
        form.addRow(_("&Country:"), self.country)
        form.addRow("", self.error)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.remove_button)
        buttons_row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons_row)
        layout.addWidget(buttons)
        self.resize(560, 420)

    @staticmethod
    def _date_edit(name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(qt_date_format())
        return edit

    def _keep_last_day_after_first(self, first: QDate) -> None:
        if self.last_day.date() < first:
            self.last_day.setDate(first)

    def _suggest_country(self, zone: str) -> None:
        country = zone_country(zone)
        if country:
            self.country.set_code(country)

    def add_stay(self) -> None:
        """Add the stay typed in the form, or say what is wrong with it."""
        self.error.clear_error()
        first, last = _date(self.first_day.date()), _date(self.last_day.date())
        zone = self.zone.zone()
        if last < first:
            self.error.show_error(_("The last day comes before the first."))
            return
        if not is_known_zone(zone):
            self.error.show_error(_("“%(zone)s” is not a time zone.") % {"zone": zone})
            return
        stay = Stay(first, last, zone, self.country.code())
        self.model.set_stays([*self.model.stays(), stay])

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        kept = [stay for row, stay in enumerate(self.model.stays()) if row not in rows]
        self.model.set_stays(kept)

    def stays(self) -> tuple[Stay, ...]:
        return self.model.stays()
