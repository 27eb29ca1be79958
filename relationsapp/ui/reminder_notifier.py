"""Reminders on the desktop: each promise falling due and meeting starting, shown once.

Every minute relationsapp.core.reminders.due_soon is asked what falls due within the
hour. A reminder not shown before goes to the system tray's balloon where there is a
tray, and always out through the ``reminder`` signal (the window puts it in its status
bar when there is no tray).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from relationsapp.core.reminders import LEAD, Reminder, due_soon
from relationsapp.core.services import Services
from relationsapp.core.zones import now_utc

CHECK_MS = 60_000
#: Keys of reminders whose moment is this far past are forgotten (the set stays small).
_FORGET_AFTER = dt.timedelta(days=1)
_MESSAGE_MS = 15_000


class ReminderNotifier(QObject):
    """Checks every minute; shows each reminder once (tray balloon and/or signal)."""

    #: (title, message) of a reminder shown for the first time.
    reminder = Signal(str, str)

    def __init__(
        self,
        services: Services,
        home_zone: str,
        parent: QObject | None = None,
        *,
        lead: dt.timedelta = LEAD,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._home_zone = home_zone
        self._lead = lead
        self._shown: dict[str, dt.datetime] = {}  # key → when it falls due (UTC)
        self._tray: QSystemTrayIcon | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(lambda: self.check())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._tray is not None:
            self._tray.hide()

    def check(self, now: dt.datetime | None = None) -> list[Reminder]:
        """Show the reminders due soon that were not shown yet; returns them."""
        now = now or now_utc()
        fresh = [
            reminder
            for reminder in due_soon(self._services, now, self._home_zone, self._lead)
            if reminder.key not in self._shown
        ]
        self._shown = {key: at for key, at in self._shown.items() if now - at <= _FORGET_AFTER}
        for reminder in fresh:
            self._shown[reminder.key] = reminder.at
            self._show(reminder)
            self.reminder.emit(reminder.title, reminder.message)
        return fresh

    def _show(self, reminder: Reminder) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return  # the window shows the signal's text in its status bar
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._icon(), self)
            self._tray.setToolTip(QApplication.applicationDisplayName())
            self._tray.show()
        self._tray.showMessage(
            reminder.title, reminder.message, QSystemTrayIcon.MessageIcon.Information, _MESSAGE_MS
        )

    @staticmethod
    def _icon() -> QIcon:
        icon = QApplication.windowIcon()
        if icon.isNull():
            style = QApplication.style()
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        return icon
