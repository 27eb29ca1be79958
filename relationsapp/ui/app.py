"""Start the desktop app: language, fonts, the database file, then the main window."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from relationsapp.core.open_messages import open_error_message
from relationsapp.core.services import Services
from relationsapp.i18n.translate import _, current_language, set_language, system_language
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database, open_database
from relationsapp.storage.errors import DatabaseOpenError
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.fonts import register_bundled_fonts
from relationsapp.ui.main_thread_gc import MainThreadCollector
from relationsapp.ui.main_window import MainWindow
from relationsapp.ui.preferences_dialog import PreferencesDialog
from relationsapp.ui.qt_translations import apply_qt_language

if TYPE_CHECKING:
    from relationsapp.ui.reminder_notifier import ReminderNotifier


#: Reminders are first checked this long after start-up (ms).
REMINDERS_START_MS = 1500


class AppController:
    """Owns what outlives a window: the database, services, undo stack, settings.

    A language switch rebuilds the window (every label is made in the new language)
    while the undo history and the open file stay.
    """

    def __init__(self, app: QApplication, database: Database, settings: AppSettings) -> None:
        self.app = app
        self.database = database
        self.settings = settings
        self.services = Services(database)
        self.undo_stack = QUndoStack()
        self.notifier = ChangeNotifier()
        self.window = self._make_window()
        self.reminders: ReminderNotifier | None = None

    def start_reminders(self) -> None:
        """Remind me of promises falling due and meetings starting, while the app runs."""
        from relationsapp.ui.reminder_notifier import ReminderNotifier

        self.reminders = ReminderNotifier(self.services, self.home_zone(), self.app)
        self.reminders.reminder.connect(self._show_reminder)
        self.reminders.check()

    def _show_reminder(self, title: str, message: str) -> None:
        self.window.statusBar().showMessage(f"{title}: {message}", 60_000)

    def _make_window(self) -> MainWindow:
        window = MainWindow(
            self.services, self.undo_stack, self.notifier, self.home_zone(), self.settings
        )
        window.preferences_requested.connect(self.show_preferences)
        return window

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings.language, self.home_zone(), self.window)
        if not dialog.exec():
            return
        from relationsapp.core.zones import is_known_zone

        zone_changed = is_known_zone(dialog.home_zone()) and dialog.home_zone() != self.home_zone()
        if zone_changed:
            self.settings.home_zone = dialog.home_zone()
            self.settings.save()
        choice = dialog.language_setting()
        if choice == self.settings.language:
            if zone_changed:  # the planner takes my zone when built: rebuild the window
                self.switch_language(current_language())
            return
        self.settings.language = choice
        self.settings.save()
        self.switch_language(choice or system_language())

    def home_zone(self) -> str:
        """My zone for the planner: the one chosen in Preferences, else this computer's."""
        from relationsapp.core.zones import system_zone

        return self.settings.home_zone or system_zone()

    def switch_language(self, language: str) -> None:
        """Show the whole UI in ``language`` now, keeping the window's place."""
        set_language(language)
        apply_qt_language(self.app, language)
        old = self.window
        tab = old.tabs.currentIndex()
        on_welcome = old.pages.currentWidget() is old.welcome_view
        geometry = old.saveGeometry()
        self.window = self._make_window()
        self.window.restoreGeometry(geometry)
        if not on_welcome:
            self.window.show_tab(tab)
        self.window.show()
        old.close()
        old.deleteLater()


def _report_peak_memory() -> None:
    """Print this process's peak resident memory (Linux) for the start-up benchmark."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(line for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return
    print(peak.strip(), file=sys.stderr)


def run_gui(db_option: str | None, language_option: str | None) -> int:
    """Run the desktop app until its window closes; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("RelationsApp")
    app.setOrganizationName("RelationsApp")
    settings = AppSettings.load()
    language = set_language(language_option or settings.language or system_language())
    apply_qt_language(app, language)
    register_bundled_fonts()
    collector = MainThreadCollector(app)  # never collect Qt objects on a pool thread
    try:
        database = open_database(settings.resolved_database_path(db_option))
    except DatabaseOpenError as error:
        QMessageBox.critical(
            None, _("RelationsApp cannot open the file"), open_error_message(error)
        )
        return 1
    try:
        controller = AppController(app, database, settings)
        controller.window.show()
        # Reminders start once the window is up: they load the promise rules and
        # holiday data, which the first paint does not need.
        QTimer.singleShot(REMINDERS_START_MS, controller.start_reminders)
        if os.environ.get("RELATIONSAPP_QUIT_AFTER_START"):
            # For the start-up benchmark: quit once the first events are processed.
            QTimer.singleShot(0, app.quit)
            QTimer.singleShot(0, _report_peak_memory)
        return app.exec()
    finally:
        database.close()
        collector.stop()
