"""Import, export, duplicates and a person's data rights: the window's actions for them.

One object owns these commands for one window (as BriefingActions owns printing):
File → Import contacts… / Export contacts… / Export meetings (iCalendar)… and the
orders and survey imports; Edit → Find duplicates… / Merge selected contacts… /
Export personal data… / Erase person…, the last two also on the contact list's
right-click menu. It also takes files dropped on the window: vCard and CSV files open
the contact import, iCalendar files are imported as meetings (one undo step), and
anything else is named in the status bar.

Dialogs and the ORM-backed modules are imported when first used: the window opens
without them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThreadPool, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.background_task import BackgroundTask

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from relationsapp.core.meeting_import import MeetingImportResult
    from relationsapp.core.services import Services
    from relationsapp.ui.change_notifier import ChangeNotifier
    from relationsapp.ui.contact_import_dialog import ContactImportDialog
    from relationsapp.ui.main_window import MainWindow

#: Contacts are imported from these; meetings from .ics.
CONTACT_SUFFIXES = (".vcf", ".vcard", ".csv")
CALENDAR_SUFFIXES = (".ics",)
#: More contacts than this are read and written on a pool thread.
BACKGROUND_EXPORT = 1000


def dropped_paths(urls: list[QUrl]) -> list[str]:
    """The local files among dropped ``urls``."""
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]


class InteropActions(QObject):
    """The import/export commands of one window; relationsapp.ui.main_menus places them."""

    import_contacts_action: QAction
    export_contacts_action: QAction
    export_meetings_action: QAction
    find_duplicates_action: QAction
    merge_action: QAction
    export_personal_action: QAction
    erase_person_action: QAction

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        home_zone: str,
        window: MainWindow,
    ) -> None:
        super().__init__(window)
        self._services, self._undo, self._notifier = services, undo_stack, notifier
        self._home_zone = home_zone
        self._window = window
        self._task: BackgroundTask | None = None
        #: The last import dialog and message box (for tests and keyboard users).
        self.import_dialog: ContactImportDialog | None = None
        self.message: QMessageBox | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # --- menus -----------------------------------------------------------------------------

    def make_actions(self) -> None:
        """Make the actions (mnemonics checked against the English File and Edit menus)."""
        window = self._window
        self.import_contacts_action = window.action(
            _("&Import contacts…"), lambda: self.import_contacts(), None, "import_contacts"
        )
        self.export_contacts_action = window.action(
            _("&Export contacts…"), self.export_contacts, None, "export_contacts"
        )
        self.export_meetings_action = window.action(
            _("Export &meetings (iCalendar)…"), self.export_meetings, None, "export_meetings"
        )
        self.find_duplicates_action = window.action(
            _("Find dupli&cates…"), self.find_duplicates, None, "find_duplicates"
        )
        self.merge_action = window.action(
            _("&Merge selected contacts…"), self.merge_selected, None, "merge_contacts"
        )
        self.export_personal_action = window.action(
            _("Export &personal data…"), self.export_personal_data, None, "export_personal_data"
        )
        self.erase_person_action = window.action(
            _("Er&ase person…"), self.erase_person, None, "erase_person"
        )
        window.contacts_view.current_changed.connect(self.update_actions)
        window.contacts_view.table.selectionModel().selectionChanged.connect(self.update_actions)
        self.update_actions()

    def file_actions(self) -> list[QAction]:
        return [
            self.import_contacts_action,
            self.export_contacts_action,
            self.export_meetings_action,
        ]

    def edit_actions(self, edit_menu: QMenu) -> list[QAction]:
        """The Edit menu's entries; their state is brought up to date when it opens."""
        edit_menu.aboutToShow.connect(self.update_actions)
        return [
            self.find_duplicates_action,
            self.merge_action,
            self.export_personal_action,
            self.erase_person_action,
        ]

    def context_actions(self) -> list[QAction]:
        """What the contact list's right-click menu adds for the person under the mouse."""
        return [self.merge_action, self.export_personal_action, self.erase_person_action]

    def update_actions(self) -> None:
        """The person commands need a person; merging needs exactly two."""
        has_person = self.current_contact() is not None
        self.export_personal_action.setEnabled(has_person)
        self.erase_person_action.setEnabled(has_person)
        self.merge_action.setEnabled(len(self._window.contacts_view.selected_ids()) == 2)

    def current_contact(self) -> int | None:
        """The contact in front: the one selected in Contacts or Today."""
        printable = self._window.briefings.printable()
        return printable.id if printable is not None and printable.kind == "contact" else None

    # --- import ----------------------------------------------------------------------------

    def import_contacts(self, paths: list[str] | None = None) -> ContactImportDialog | None:
        """Ask for the files (several at once) unless given; then map, preview, import."""
        from relationsapp.ui.contact_import_dialog import ContactImportDialog

        if paths is None:
            paths, _filter = QFileDialog.getOpenFileNames(
                self._window,
                _("Import contacts"),
                "",
                _("Contacts (*.vcf *.vcard *.csv);;All files (*)"),
            )
        if not paths:
            return None
        dialog = ContactImportDialog(
            self._services, paths, self._window, undo_stack=self._undo, notifier=self._notifier
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.import_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop
        return dialog

    def _forget(self, dialog: ContactImportDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None

    def import_deals(self, kind: str) -> None:
        """Import orders or survey results from a CSV file, with mapping and preview."""
        from relationsapp.ui.deal_import_dialog import DealImportDialog

        dialog = DealImportDialog(
            self._services,
            "orders" if kind == "orders" else "feedback",
            None,
            self._window,
            undo_stack=self._undo,
            notifier=self._notifier,
        )
        dialog.exec()
        dialog.deleteLater()

    def import_meetings(self, paths: list[str]) -> None:
        """Book the meetings of iCalendar files (a pool thread), then say what came in."""
        from relationsapp.core.meeting_import import import_meetings_from_ics

        database, zone = self._services.database, self._home_zone
        files = [Path(path) for path in paths]
        task = BackgroundTask(
            lambda _progress: import_meetings_from_ics(database, files, zone),
            _("Importing meetings…"),
            self._window,
        )
        task.finished.connect(self._on_meetings_imported)
        task.failed.connect(self._on_failed)
        self._task = task
        task.start()

    def _on_meetings_imported(self, result: MeetingImportResult) -> None:
        from relationsapp.ui.contact_import_commands import ImportMeetingsCommand
        from relationsapp.ui.contact_import_model import where

        self._task = None
        count = len(result.imported_ids)
        if count:
            self._undo.push(
                ImportMeetingsCommand(self._services.meetings, self._notifier, result.imported_ids)
            )
        text = ngettext(
            "%(count)s meeting was imported.", "%(count)s meetings were imported.", count
        ) % {"count": format_number(count)}
        if result.skipped:
            text += " " + ngettext(
                "%(count)s event was left out:",
                "%(count)s events were left out:",
                len(result.skipped),
            ) % {"count": format_number(len(result.skipped))}
        lines = [
            f"{where(record.source, record.line)}: {record.reason}" for record in result.skipped
        ]
        self._tell(_("Import meetings"), text, "\n".join(lines))
        if count:
            self._window.statusBar().showMessage(_("Imported. Press Ctrl+Z to undo."), 8000)

    # --- export ----------------------------------------------------------------------------

    def export_contacts(self) -> None:
        """Choose format and contacts, then the file; many contacts go to a pool thread."""
        from relationsapp.core.contact_search import ContactQuery
        from relationsapp.ui.contact_export_dialog import (
            SELECTED,
            SHOWN,
            SUFFIXES,
            ContactExportDialog,
        )

        window = self._window
        search = self._services.search
        selected = window.contacts_view.selected_ids()
        shown = search.contact_ids(window.contact_model.query())
        everyone = search.contact_ids(ContactQuery())
        dialog = ContactExportDialog(len(selected), len(shown), len(everyone), window)
        try:
            if not dialog.exec():
                return
            export_format, scope = dialog.export_format(), dialog.scope()
        finally:
            dialog.deleteLater()
        ids = selected if scope == SELECTED else shown if scope == SHOWN else everyone
        suffix = SUFFIXES[export_format]
        path = self._save_path(
            _("Export contacts"),
            "contacts" + suffix,
            _("vCard files (*.vcf)") if suffix == ".vcf" else _("CSV files (*.csv)"),
            suffix,
        )
        if path is None:
            return
        self._write_contacts(ids, export_format, path)

    def _save_path(self, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self._window, title, name, file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _write_contacts(self, ids: list[int], export_format: str, path: Path) -> None:
        from relationsapp.ui.contact_export_dialog import contact_file_bytes

        contacts = self._services.contacts

        def work(progress: Callable[[int, int], bool] | None) -> tuple[Path, int]:
            data, count = contact_file_bytes(contacts, ids, export_format, progress)
            path.write_bytes(data)
            return path, count

        if len(ids) <= BACKGROUND_EXPORT:
            try:
                self._on_exported(work(None))
            except OSError as error:
                self._on_failed(error)
            return
        task = BackgroundTask(work, _("Exporting contacts…"), self._window)
        task.finished.connect(self._on_exported)
        task.failed.connect(self._on_failed)
        self._task = task
        task.start()

    def _on_exported(self, outcome: tuple[Path, int]) -> None:
        self._task = None
        path, count = outcome
        self._window.statusBar().showMessage(
            ngettext(
                "Exported %(count)d record to %(path)s",
                "Exported %(count)d records to %(path)s",
                count,
            )
            % {"count": count, "path": path},
            10000,
        )

    def export_meetings(self) -> None:
        """Every live meeting, past and coming, as one iCalendar file."""
        from relationsapp.core.invitations import meetings_to_ics

        path = self._save_path(
            _("Export meetings"), "meetings.ics", _("iCalendar files (*.ics)"), ".ics"
        )
        if path is None:
            return
        meetings = self._services.meetings.starting_between(
            dt.datetime(1900, 1, 1, tzinfo=dt.UTC), dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
        )
        try:
            path.write_bytes(meetings_to_ics(meetings))
        except OSError as error:
            self._on_failed(error)
            return
        self._on_exported((path, len(meetings)))

    def _on_failed(self, error: object) -> None:
        from relationsapp.ui.contact_export_dialog import ExportCancelled

        self._task = None
        if isinstance(error, ExportCancelled):
            self._window.statusBar().showMessage(
                _("The export was cancelled; no file was written."), 8000
            )
            return
        if isinstance(error, OSError):
            text = _("Could not write %(path)s: %(error)s") % {
                "path": error.filename,
                "error": error.strerror or error,
            }
        else:
            text = str(error)
        self._tell(_("Import and export"), text, "", QMessageBox.Icon.Warning)

    def _tell(
        self,
        title: str,
        text: str,
        details: str,
        icon: QMessageBox.Icon = QMessageBox.Icon.Information,
    ) -> None:
        """A message that does not stop the window (tests read :attr:`message`)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("interop_message")
        if details:
            box.setDetailedText(details)
            box.setInformativeText(details if details.count("\n") < 10 else "")
        box.finished.connect(box.deleteLater)
        self.message = box
        box.open()

    # --- duplicates and a person's data --------------------------------------------------

    def find_duplicates(self) -> None:
        from relationsapp.ui.duplicates_dialog import open_duplicates_finder

        open_duplicates_finder(self._window, self._services, self._undo, self._notifier)

    def merge_selected(self) -> None:
        """Merge the two selected contacts (the current one is kept by default)."""
        from relationsapp.ui.merge_dialog import open_merge_dialog

        ids = self._window.contacts_view.selected_ids()
        if len(ids) != 2:
            return
        current = self._window.contacts_view.current_id()
        keep, other = (ids[1], ids[0]) if current == ids[1] else (ids[0], ids[1])
        open_merge_dialog(self._window, self._services, self._undo, self._notifier, keep, other)

    def export_personal_data(self) -> None:
        from relationsapp.ui.personal_data_actions import export_personal_data

        contact_id = self.current_contact()
        if contact_id is not None:
            export_personal_data(self._window, self._services, contact_id)

    def erase_person(self) -> None:
        from relationsapp.ui.personal_data_actions import erase_person_interactively

        contact_id = self.current_contact()
        if contact_id is not None:
            erase_person_interactively(
                self._window, self._services, self._undo, contact_id, self._notifier
            )

    # --- drag and drop -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if event.mimeData().hasUrls() and dropped_paths(event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = dropped_paths(event.mimeData().urls())
            if paths:
                event.acceptProposedAction()
                self.open_files(paths)
                return True
        elif kind == QEvent.Type.Close:
            self.stop()
        return super().eventFilter(watched, event)

    def open_files(self, paths: list[str]) -> None:
        """Dropped files: contacts to the import dialog, calendars to meetings."""
        contacts = [path for path in paths if Path(path).suffix.lower() in CONTACT_SUFFIXES]
        calendars = [path for path in paths if Path(path).suffix.lower() in CALENDAR_SUFFIXES]
        others = [Path(path).name for path in paths if path not in contacts + calendars]
        if others:
            self._window.statusBar().showMessage(
                ngettext(
                    "RelationsApp cannot import %(files)s: only vCard, CSV and iCalendar files.",
                    "RelationsApp cannot import %(files)s: only vCard, CSV and iCalendar files.",
                    len(others),
                )
                % {"files": ", ".join(others)},
                10000,
            )
        if calendars:
            self.import_meetings(calendars)
        if contacts:
            self.import_contacts(contacts)

    def stop(self) -> None:
        """The window is closing: stop the import or export in progress."""
        if self.import_dialog is not None:
            self.import_dialog.stop()
        if self._task is not None:
            self._task.cancel()
            QThreadPool.globalInstance().waitForDone()
            self._task = None
