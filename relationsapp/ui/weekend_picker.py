"""Choose a contact's own weekend, or follow the country's (CLDR)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from relationsapp.i18n.formatting import ui_locale
from relationsapp.i18n.translate import _


class WeekendPicker(QWidget):
    """ "Own weekend" plus one box per weekday (Monday first, names in the UI language).

    Unticked, the day boxes show the country's weekend and cannot be changed; ticked,
    the user picks the days (a Nepali client off only on Saturday, a UAE office that
    kept Friday–Saturday).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.own = QCheckBox(_("O&wn weekend:"))
        self.own.setObjectName("weekend_own")
        self.own.setToolTip(_("Untick to use the usual weekend of the contact’s country."))
        names = ui_locale().days["format"]["abbreviated"]
        self.days: list[QCheckBox] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.own)
        for day in range(7):
            box = QCheckBox(str(names[day]))
            box.setObjectName(f"weekend_day_{day}")
            box.toggled.connect(self._on_day_toggled)
            self.days.append(box)
            layout.addWidget(box)
        layout.addStretch(1)
        self.own.toggled.connect(self._on_own_toggled)
        self._country_days: tuple[int, ...] = ()
        self._quiet = False

    def set_value(self, country_days: tuple[int, ...], override: tuple[int, ...] | None) -> None:
        """Show the country's weekend, or the contact's own when ``override`` is set."""
        self._country_days = country_days
        self._quiet = True
        self.own.setChecked(override is not None)
        self._show(override if override is not None else country_days)
        self._quiet = False

    def set_country_days(self, country_days: tuple[int, ...]) -> None:
        """The country changed: follow it unless the contact has an own weekend."""
        self._country_days = country_days
        if not self.own.isChecked():
            self._quiet = True
            self._show(country_days)
            self._quiet = False

    def value(self) -> tuple[int, ...] | None:
        """The contact's own weekend days, or None to follow the country."""
        if not self.own.isChecked():
            return None
        return tuple(day for day, box in enumerate(self.days) if box.isChecked())

    def day_boxes(self) -> list[QCheckBox]:
        return [self.own, *self.days]

    def _show(self, days: tuple[int, ...]) -> None:
        for day, box in enumerate(self.days):
            box.setChecked(day in days)
            box.setEnabled(self.own.isChecked())

    def _on_own_toggled(self, own: bool) -> None:
        if not own:
            self._show(self._country_days)
        for box in self.days:
            box.setEnabled(own)
        if not self._quiet:
            self.changed.emit()

    def _on_day_toggled(self, _checked: bool) -> None:
        if not self._quiet and self.own.isChecked():
            self.changed.emit()
