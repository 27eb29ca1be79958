"""Pick an IANA time zone: the country's zones first, then every zone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from relationsapp.core.zones import all_zones, is_known_zone, now_utc, utc_offset_minutes
from relationsapp.i18n.formatting import format_utc_offset
from relationsapp.i18n.translate import _
from relationsapp.ui.searchable_combo import SearchableComboBox


def zone_offset_text(zone: str) -> str:
    """``now UTC+09:00`` for a known zone, "" otherwise."""
    if not zone.strip() or not is_known_zone(zone):
        return ""
    offset = format_utc_offset(utc_offset_minutes(zone, now_utc()))
    return _("now %(offset)s") % {"offset": offset}


class TimeZoneComboBox(SearchableComboBox):
    """An editable list of IANA zone names; ``set_country`` puts that country's first.

    ``userChanged`` fires only when a person picks or types a zone, so the editor can
    tell a chosen zone from one it filled in itself.
    """

    zoneChanged = Signal(str)
    userChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit.setPlaceholderText(_("e.g. Europe/Copenhagen"))
        self._country_zones: list[str] | None = None
        self.set_country_zones([])
        self.editTextChanged.connect(lambda text: self.zoneChanged.emit(text.strip()))
        self.activated.connect(lambda _index: self.userChanged.emit())
        self.line_edit.textEdited.connect(lambda _text: self.userChanged.emit())

    def set_country_zones(self, zones: list[str]) -> None:
        """List ``zones`` (the country's) first, a separator, then all zones."""
        if zones == self._country_zones:
            return
        self._country_zones = list(zones)
        text = self.currentText()
        blocked = self.blockSignals(True)
        self.clear()
        for zone in zones:
            self.addItem(zone, zone)
        if zones:
            self.insertSeparator(self.count())
        for zone in all_zones():
            self.addItem(zone, zone)
        self._show(text)
        self.blockSignals(blocked)

    def zone(self) -> str:
        return self.currentText().strip()

    def set_zone(self, zone: str) -> None:
        self._show(zone)

    def _show(self, zone: str) -> None:
        index = self.findText(zone, Qt.MatchFlag.MatchExactly) if zone else -1
        self.setCurrentIndex(index)
        self.setEditText(zone)
