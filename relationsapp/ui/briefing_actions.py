"""Print briefing… and Trip pack…: what is printable in front, and the dialogs for it.

The window asks this object; it decides what the current selection prints (a contact's
sheet or a meeting's briefing), opens the preview, and makes a trip pack off the UI
thread behind a progress dialog with Cancel (relationsapp.ui.background_task).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QThreadPool
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from relationsapp.core.errors import RecordNotFound
from relationsapp.core.zones import now_utc, to_local
from relationsapp.i18n.translate import _
from relationsapp.ui.background_task import BackgroundTask
from relationsapp.ui.briefing_jobs import (
    PdfMaker,
    SheetOptions,
    contact_sheet,
    meeting_sheet,
    trip_pack_sheets,
)

if TYPE_CHECKING:
    from relationsapp.core.services import Services
    from relationsapp.ui.main_window import MainWindow
    from relationsapp.ui.pdf_preview_dialog import PdfPreviewDialog
    from relationsapp.ui.trip_pack_dialog import TripPackDialog


@dataclass(frozen=True)
class Printable:
    """What Print briefing… would print: a contact's sheet or a meeting's briefing."""

    kind: str  # "contact" or "meeting"
    id: int


def add_context_menu(widget: QWidget, actions: list[QAction]) -> None:
    """A right-click menu of the window's ``actions`` on ``widget`` (a list or table)."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        menu = QMenu(widget)
        menu.addActions(actions)
        menu.exec(widget.mapToGlobal(position))
        menu.deleteLater()

    widget.customContextMenuRequested.connect(show)


class BriefingActions(QObject):
    """The briefing commands of one window; its actions are made by build_menus."""

    #: Print &briefing… (Ctrl+P) and &Trip pack…, made by relationsapp.ui.main_menus.
    print_action: QAction
    trip_pack_action: QAction

    def __init__(self, services: Services, home_zone: str, window: MainWindow) -> None:
        super().__init__(window)
        self._services = services
        self._home_zone = home_zone
        self._window = window
        self._task: BackgroundTask | None = None
        #: The previews open now (shown, not modal: one can look at two side by side).
        self.previews: list[PdfPreviewDialog] = []
        #: The last trip-pack dialog (for tests and keyboard users).
        self.trip_dialog: TripPackDialog | None = None

    # --- what is selected --------------------------------------------------------------

    def printable(self) -> Printable | None:
        """The contact or meeting selected on the page in front, if any."""
        from relationsapp.ui.main_window import CONTACTS_TAB, PLANNER_TAB, TODAY_TAB

        window = self._window
        if window.pages.currentWidget() is not window.tabs:
            return None
        tab = window.tabs.currentIndex()
        contact_id: int | None = None
        if tab == CONTACTS_TAB:
            contact_id = window.contacts_view.current_id()
        elif tab == TODAY_TAB and window.today_page.page is not None:
            contact_id = window.today.selected_contact_id()
        elif tab == PLANNER_TAB and window.planner_page.page is not None:
            meeting = window.upcoming.selected()
            return Printable("meeting", meeting.id) if meeting is not None else None
        return Printable("contact", contact_id) if contact_id is not None else None

    def update_actions(self) -> None:
        """Print briefing… is there only for something printable."""
        self.print_action.setEnabled(self.printable() is not None)

    # --- one sheet -----------------------------------------------------------------------

    def print_briefing(self) -> None:
        """Preview the briefing of the selection; it is made on a pool thread."""
        printable = self.printable()
        if printable is None:
            return
        if printable.kind == "meeting":
            try:
                title = self._services.meetings.get(printable.id).draft.title
            except RecordNotFound:
                return
            make = meeting_sheet(self._services, printable.id, self._home_zone)
            heading = _("Meeting briefing: %(title)s") % {"title": title}
        else:
            try:
                title = self._services.contacts.get(printable.id).display_name
            except RecordNotFound:
                return
            make = contact_sheet(self._services, printable.id, self._home_zone)
            heading = _("Client briefing: %(name)s") % {"name": title}
        self.open_preview(make, heading, title)

    def open_preview(
        self,
        make: PdfMaker,
        title: str,
        file_name: str,
        *,
        pdf: bytes | None = None,
        options: SheetOptions | None = None,
    ) -> PdfPreviewDialog:
        from relationsapp.ui.pdf_preview_dialog import PdfPreviewDialog

        dialog = PdfPreviewDialog(make, title, file_name, self._window, pdf=pdf, options=options)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.previews.append(dialog)
        dialog.show()
        return dialog

    def _forget(self, dialog: PdfPreviewDialog) -> None:
        if dialog in self.previews:
            self.previews.remove(dialog)

    # --- trip pack -----------------------------------------------------------------------

    def trip_pack(self) -> None:
        """Choose the days and meetings, then make the pack with progress and Cancel."""
        from relationsapp.ui.trip_pack_dialog import TripPackDialog

        today = to_local(now_utc(), self._home_zone).date()
        dialog = TripPackDialog(self._services, self._home_zone, today, self._window)
        self.trip_dialog = dialog
        accepted = dialog.exec()
        ids, options, days = dialog.chosen_ids(), dialog.options(), dialog.days()
        self.trip_dialog = None
        dialog.deleteLater()
        if accepted and ids:
            self.make_trip_pack(ids, options, days)

    def make_trip_pack(
        self, meeting_ids: list[int], options: SheetOptions, days: tuple[dt.date, dt.date]
    ) -> None:
        """Make the pack on a pool thread behind a progress dialog; preview it when made."""
        make = trip_pack_sheets(self._services, meeting_ids, self._home_zone)
        task = BackgroundTask(
            lambda progress: make(options, progress), _("Making the trip pack…"), self._window
        )
        task.dialog.setObjectName("trip_pack_progress")
        file_name = _("Trip pack %(first)s–%(last)s") % {
            "first": days[0].isoformat(),
            "last": days[1].isoformat(),
        }

        def made(result: object) -> None:
            self._task = None
            task.dialog.deleteLater()
            assert isinstance(result, bytes)
            self.open_preview(make, _("Trip pack"), file_name, pdf=result, options=options)

        task.finished.connect(made)
        task.failed.connect(self._on_pack_failed)
        task.failed.connect(lambda _error: task.dialog.deleteLater())
        self._task = task
        task.start()

    def _on_pack_failed(self, error: object) -> None:
        from relationsapp.reports.trip_pack import PackCancelled

        self._task = None
        if isinstance(error, PackCancelled):
            self._window.statusBar().showMessage(_("The trip pack was cancelled."), 8000)
            return
        QMessageBox.warning(
            self._window,
            _("Trip pack"),
            _("The trip pack could not be made: %(error)s") % {"error": error},
        )

    def is_making_pack(self) -> bool:
        return self._task is not None

    def cancel_pack(self) -> None:
        """What the progress dialog's Cancel button does (its cancel() slot alone only
        resets the dialog: the work hears of it through the ``canceled`` signal)."""
        if self._task is not None:
            self._task.cancel()

    # --- closing ---------------------------------------------------------------------------

    def stop(self) -> None:
        """The window is closing: stop a pack being made and close the previews."""
        if self._task is not None:
            self.cancel_pack()
            # BackgroundTask runs on the global pool; the pack stops at its next sheet.
            QThreadPool.globalInstance().waitForDone()
        for dialog in list(self.previews):
            dialog.close()
