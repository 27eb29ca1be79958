"""The main window: menus, the welcome page or the contacts/accounts tabs, undo/redo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from relationsapp import __version__
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.records import AccountDraft, ContactDraft
from relationsapp.core.services import Services
from relationsapp.core.workspace import WELCOME_ANSWERED, set_setting, should_welcome
from relationsapp.i18n.translate import _
from relationsapp.storage.app_settings import AppSettings
from relationsapp.ui.accounts_view import AccountsView
from relationsapp.ui.background_task import BackgroundTask
from relationsapp.ui.briefing_actions import BriefingActions, add_context_menu
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.contact_table_model import ContactTableModel
from relationsapp.ui.contacts_view import ContactsView
from relationsapp.ui.culture_panel import CulturePanel
from relationsapp.ui.interop_actions import InteropActions
from relationsapp.ui.lazy_page import LazyPage
from relationsapp.ui.main_menus import build_menus
from relationsapp.ui.welcome_view import WelcomeView

if TYPE_CHECKING:
    # Imported when first shown: it loads the promise rules and holiday data.
    from relationsapp.ui.orders_view import OrdersView
    from relationsapp.ui.timeline_view import TimelineView

TODAY_TAB, CONTACTS_TAB, ACCOUNTS_TAB, PLANNER_TAB, DASHBOARD_TAB = 0, 1, 2, 3, 4


def _stacked(top: QWidget, bottom: QWidget) -> QSplitter:
    """``top`` above ``bottom`` in a splitter the user can drag; the list gets more room."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    return splitter


class MainWindow(QMainWindow):
    """Everything is passed in; the window holds no SQL and no business rules.

    Editors, the ORM-backed services and the sample loader are imported when first
    used, so the window opens without loading them (start-up time is measured).
    """

    preferences_requested = Signal()
    # Made by relationsapp.ui.main_menus.build_menus.
    new_contact_action: QAction
    new_account_action: QAction
    log_interaction_action: QAction
    preferences_action: QAction
    undo_action: QAction
    redo_action: QAction
    edit_action: QAction
    delete_action: QAction
    find_action: QAction

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        home_zone: str = "UTC",
        settings: AppSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        database = services.database
        search = services.search
        self._services = services
        self._database = database
        self._undo = undo_stack
        self._notifier = notifier
        self._task: BackgroundTask | None = None
        self.setWindowTitle(_("RelationsApp — %(file)s") % {"file": database.path.name})
        self.resize(1280, 800)

        self.contact_model = ContactTableModel(search, parent=self)
        self.contacts_view = ContactsView(self.contact_model, search)
        self.accounts_view = AccountsView(services)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        # The landing page: built just after the window paints (it reads promises,
        # replies and holidays, which the first paint does not need).
        self.today_page = LazyPage(self._build_today, deferred=True)
        self.tabs.addTab(self.today_page, _("Toda&y"))
        # Each list has the timeline of its selection underneath, built when first shown.
        self.contact_timeline: TimelineView | None = None
        self.account_timeline: TimelineView | None = None
        self.contact_timeline_page = LazyPage(self._build_contact_timeline)
        self.account_timeline_page = LazyPage(self._build_account_timeline)
        self.tabs.addTab(_stacked(self.contacts_view, self.contact_timeline_page), _("&Contacts"))
        self.tabs.addTab(_stacked(self.accounts_view, self.account_timeline_page), _("&Accounts"))
        self._home_zone = home_zone
        self.planner_page = LazyPage(self._build_planner)
        self.tabs.addTab(self.planner_page, _("&Planner"))
        self.dashboard_page = LazyPage(self._build_dashboard)
        # No mnemonic: every letter of the word is taken on the Contacts page.
        self.tabs.addTab(self.dashboard_page, _("Dashboard"))
        self.welcome_view = WelcomeView()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome_view)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)

        self.culture_panel = CulturePanel(
            services, undo_stack, notifier, home_zone, settings or AppSettings(), self
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.culture_panel)
        self.resizeDocks([self.culture_panel], [420], Qt.Orientation.Horizontal)

        self.briefings = BriefingActions(services, home_zone, self)
        self.interop = InteropActions(services, undo_stack, notifier, home_zone, self)
        build_menus(self)
        self.statusBar().showMessage(str(database.path))

        self.contacts_view.edit_requested.connect(self.edit_contact)
        self.accounts_view.edit_requested.connect(self.edit_account)
        self.accounts_view.contact_requested.connect(self.edit_contact)
        self.welcome_view.sample_requested.connect(self.load_sample_data)
        self.welcome_view.empty_requested.connect(self._start_empty)
        self.welcome_view.import_requested.connect(self._start_with_import)
        notifier.contacts_changed.connect(self._on_contacts_changed)
        notifier.accounts_changed.connect(self._on_accounts_changed)
        self.contacts_view.current_changed.connect(self._follow_selection)
        self.accounts_view.current_changed.connect(self._follow_selection)
        self.tabs.currentChanged.connect(self._follow_selection)

        if should_welcome(database):
            self.pages.setCurrentWidget(self.welcome_view)
        else:
            self.show_tab(TODAY_TAB)

    # --- menus -------------------------------------------------------------------------

    @property
    def undo_stack(self) -> QUndoStack:
        return self._undo

    def action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setObjectName(name)
        self.addAction(action)
        return action

    # --- timelines -------------------------------------------------------------------------

    def _new_timeline(self) -> TimelineView:
        from relationsapp.ui.timeline_view import TimelineView

        return TimelineView(self._services, self._undo, self._notifier, self._home_zone)

    def _build_contact_timeline(self) -> QWidget:
        self.contact_timeline = self._new_timeline()
        self.contact_timeline.show_contact(self.contacts_view.current_id())
        return self.contact_timeline

    def _build_account_timeline(self) -> QWidget:
        """The account's timeline and its orders, as two tabs under the accounts list."""
        from relationsapp.ui.orders_view import OrdersView

        self.account_timeline = self._new_timeline()
        self.orders_view = OrdersView(self._services, self._undo, self._notifier)
        account_id = self.accounts_view.current_id()
        self.account_timeline.show_account(account_id)
        self.orders_view.show_account(account_id)
        # Tabs, not side by side: the two panels' button letters would clash.
        details = QTabWidget()
        details.setObjectName("account_details")
        details.addTab(self.account_timeline, _("Timeline"))
        details.addTab(self.orders_view, _("Orders"))
        return details

    def log_interaction(self) -> None:
        """Quick-add (Ctrl+L) for the contact or account in front, at the current minute."""
        tab = self.tabs.currentIndex() if self.pages.currentWidget() is self.tabs else -1
        if tab == ACCOUNTS_TAB:
            self.account_timeline_page.ensure_built()
            assert self.account_timeline is not None
            self.account_timeline.log_interaction(None)
            return
        contact_id = None
        if tab == CONTACTS_TAB:
            contact_id = self.contacts_view.current_id()
        elif tab == TODAY_TAB and self.today_page.page is not None:
            contact_id = self.today.selected_contact_id()
        self.contact_timeline_page.ensure_built()
        assert self.contact_timeline is not None
        self.contact_timeline.log_interaction(contact_id)

    def _focused_panel(self) -> TimelineView | OrdersView | None:
        """The timeline or orders list holding the keyboard focus, if any."""
        focus = QApplication.focusWidget()
        panels: list[TimelineView | OrdersView | None] = [
            self.contact_timeline,
            self.account_timeline,
        ]
        if self.account_timeline is not None:
            panels.append(self.orders_view)
        for panel in panels:
            if panel is not None and focus is not None and panel.isAncestorOf(focus):
                return panel
        return None

    # --- today -----------------------------------------------------------------------------

    def _build_today(self) -> QWidget:
        from relationsapp.ui.today_view import TodayView

        self.today = TodayView(self._services, self._home_zone)
        self.today.contact_requested.connect(self.open_contact)
        self.today.promise_status_requested.connect(self._set_promise_status)
        self.today.current_changed.connect(self._follow_selection)
        for signal in (
            self._notifier.interactions_changed,
            self._notifier.contacts_changed,
            self._notifier.meetings_changed,
            self._notifier.feedback_changed,
        ):
            signal.connect(self.today.invalidate)
        return self.today

    def open_contact(self, contact_id: int) -> None:
        """Show the contact in the Contacts page (their timeline and culture beside)."""
        self.show_tab(CONTACTS_TAB)
        self.contacts_view.clear_filters()
        self.contacts_view.search_field.clear()
        self.contacts_view.select_contact(contact_id)

    def _set_promise_status(self, promise_id: int, status: str) -> None:
        from relationsapp.core.choices import PromiseStatus
        from relationsapp.core.zones import now_utc
        from relationsapp.ui.undo_commands import SetPromiseStatusCommand

        interactions = self._services.interactions
        before = interactions.promise(promise_id)
        self._undo.push(
            SetPromiseStatusCommand(
                interactions,
                self._notifier,
                promise_id,
                PromiseStatus(status),
                now_utc(),
                before.status,
                before.resolved_at,
            )
        )
        self.statusBar().showMessage(_("Marked. Press Ctrl+Z to undo."), 8000)

    # --- dashboard -------------------------------------------------------------------------

    def _build_dashboard(self) -> QWidget:
        from relationsapp.ui.dashboard_view import DashboardView

        self.dashboard = DashboardView(self._services)
        self.dashboard.accounts_requested.connect(self._open_accounts)
        self.dashboard.contacts_requested.connect(self._open_contacts)
        for signal in (
            self._notifier.accounts_changed,
            self._notifier.contacts_changed,
            self._notifier.deals_changed,
            self._notifier.feedback_changed,
        ):
            signal.connect(self.dashboard.invalidate)
        return self.dashboard

    def edit_rates(self) -> None:
        """The exchange-rate table the money figures are converted with."""
        from relationsapp.ui.rates_dialog import ExchangeRatesDialog

        dialog = ExchangeRatesDialog(self._services, self._undo, self._notifier, self)
        dialog.exec()
        dialog.deleteLater()

    def _open_contacts(self, contact_ids: list[int]) -> None:
        """One contact (a drill-down row) opens; a figure's whole list stays in the dashboard."""
        if len(contact_ids) == 1:
            self.open_contact(contact_ids[0])

    def _open_accounts(self, account_ids: list[int]) -> None:
        if len(account_ids) == 1:
            self.show_tab(ACCOUNTS_TAB)
            self.accounts_view.select_account(account_ids[0])

    # --- planner ---------------------------------------------------------------------------

    def _build_planner(self) -> QWidget:
        from relationsapp.ui.planner_view import PlannerView
        from relationsapp.ui.upcoming_view import UpcomingView

        self.planner = PlannerView(self._services, self._home_zone)
        self.upcoming = UpcomingView(self._services)
        self.planner.book_requested.connect(self._book_meeting)
        self.upcoming.selection_changed.connect(self._follow_selection)
        self.upcoming.cancel_requested.connect(self._cancel_meeting)
        add_context_menu(self.upcoming.table, [self.briefings.print_action])
        self._notifier.meetings_changed.connect(self.upcoming.reload)
        self.upcoming.reload()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.planner)
        splitter.addWidget(self.upcoming)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _book_meeting(self, draft: object) -> None:
        from relationsapp.core.meeting_service import MeetingDraft
        from relationsapp.ui.undo_commands import BookMeetingCommand

        assert isinstance(draft, MeetingDraft)
        self._undo.push(BookMeetingCommand(self._services.meetings, self._notifier, draft))
        self.statusBar().showMessage(_("Booked. Press Ctrl+Z to undo."), 8000)

    def _cancel_meeting(self, meeting_id: int, title: str) -> None:
        from relationsapp.ui.undo_commands import CancelMeetingCommand

        self._undo.push(
            CancelMeetingCommand(self._services.meetings, self._notifier, meeting_id, title)
        )
        self.statusBar().showMessage(_("Cancelled. Press Ctrl+Z to undo."), 8000)

    def _follow_selection(self) -> None:
        """Point the Culture panel and the timelines at what is selected in front."""
        self.briefings.update_actions()
        tab = self.tabs.currentIndex()
        if tab == TODAY_TAB and self.today_page.page is not None:
            self.culture_panel.show_contact(self.today.selected_contact_id())
        elif tab == CONTACTS_TAB:
            self.culture_panel.show_contact(self.contacts_view.current_id())
            if self.contact_timeline is not None:
                self.contact_timeline.show_contact(self.contacts_view.current_id())
        elif tab == ACCOUNTS_TAB:
            self.culture_panel.show_account(self.accounts_view.current_id())
            if self.account_timeline is not None:
                self.account_timeline.show_account(self.accounts_view.current_id())
                self.orders_view.show_account(self.accounts_view.current_id())
        elif tab == PLANNER_TAB and hasattr(self, "upcoming"):
            self.culture_panel.show_meeting(self.upcoming.selected())

    def show_tab(self, tab: int) -> None:
        self.pages.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(tab)

    def focus_search(self) -> None:
        if self.pages.currentWidget() is self.tabs and self.tabs.currentIndex() == ACCOUNTS_TAB:
            self.accounts_view.search_field.setFocus()
            return
        self.show_tab(CONTACTS_TAB)
        self.contacts_view.focus_search()

    def _start_empty(self) -> None:
        set_setting(self._database, WELCOME_ANSWERED, "1")
        self.show_tab(CONTACTS_TAB)

    def _start_with_import(self) -> None:
        self._start_empty()
        self.interop.import_contacts()

    def load_sample_data(self) -> None:
        """Load the sample set off the UI thread, with progress and Cancel."""
        from relationsapp.core.sample_loader import load_sample_data

        database = self._database
        task = BackgroundTask(
            lambda progress: load_sample_data(database, progress), _("Loading sample data…"), self
        )
        task.finished.connect(self._on_sample_loaded)
        task.failed.connect(self._on_sample_failed)
        self._task = task
        task.start()

    def _on_sample_loaded(self, _result: object) -> None:
        self._task = None
        set_setting(self._database, WELCOME_ANSWERED, "1")
        self._on_accounts_changed()
        self._notifier.interactions_changed.emit()
        self._notifier.deals_changed.emit()
        self._notifier.feedback_changed.emit()
        self.show_tab(TODAY_TAB)

    def _on_sample_failed(self, error: object) -> None:
        from relationsapp.core.bulk_loader import LoadCancelled

        self._task = None
        if isinstance(error, LoadCancelled):
            self.statusBar().showMessage(
                _("Loading sample data was cancelled; nothing was added."), 8000
            )
            return
        QMessageBox.warning(
            self,
            _("Sample data"),
            _("The sample data could not be loaded: %(error)s") % {"error": error},
        )

    # --- contacts ------------------------------------------------------------------------

    def new_contact(self) -> None:
        from relationsapp.ui.contact_editor_dialog import ContactEditorDialog
        from relationsapp.ui.undo_commands import CreateContactCommand

        draft = ContactDraft()
        if self.tabs.currentIndex() == ACCOUNTS_TAB and (
            account_id := self.accounts_view.current_id()
        ):
            draft.account_id = account_id
        dialog = ContactEditorDialog(self._services.accounts.choices(), self)
        dialog.set_draft(draft, _("New contact"))
        if dialog.exec():
            command = CreateContactCommand(self._services.contacts, self._notifier, dialog.draft())
            self._undo.push(command)
            self.show_tab(CONTACTS_TAB)
            if command.contact_id is not None:
                self.contacts_view.select_contact(command.contact_id)

    def edit_contact(self, contact_id: int) -> None:
        from relationsapp.ui.contact_editor_dialog import ContactEditorDialog
        from relationsapp.ui.undo_commands import EditContactCommand

        try:
            details = self._services.contacts.get(contact_id)
        except RecordNotFound:
            return
        dialog = ContactEditorDialog(self._services.accounts.choices(), self)
        dialog.set_draft(details.draft, _("Edit %(name)s") % {"name": details.display_name})
        if dialog.exec():
            after = dialog.draft()
            if after != details.draft:
                self._undo.push(
                    EditContactCommand(
                        self._services.contacts, self._notifier, contact_id, details.draft, after
                    )
                )

    def edit_selected(self) -> None:
        if self.tabs.currentIndex() == ACCOUNTS_TAB:
            if (account_id := self.accounts_view.current_id()) is not None:
                self.edit_account(account_id)
        elif (contact_id := self.contacts_view.current_id()) is not None:
            self.edit_contact(contact_id)

    def delete_selected(self) -> None:
        """Delete without asking: it is one Ctrl+Z away (see the status bar)."""
        from relationsapp.ui.undo_commands import DeleteAccountCommand, DeleteContactsCommand

        if self.pages.currentWidget() is not self.tabs:
            return
        panel = self._focused_panel()
        if panel is not None:
            # Del in a timeline or the orders deletes what is selected there, never the
            # contact or account above.
            from relationsapp.ui.timeline_view import TimelineView

            if isinstance(panel, TimelineView):
                panel.delete_focused()
            else:
                panel.delete_selected()
            return
        if self.tabs.currentIndex() == ACCOUNTS_TAB:
            account_id = self.accounts_view.current_id()
            if account_id is not None:
                name = self._services.accounts.get(account_id).draft.name
                self._undo.push(
                    DeleteAccountCommand(self._services.accounts, self._notifier, account_id, name)
                )
        else:
            ids = self.contacts_view.selected_ids()
            if ids:
                names = [self.contact_model.index(row, 0).data() for row in self._rows_of(ids)]
                self._undo.push(
                    DeleteContactsCommand(self._services.contacts, self._notifier, ids, names)
                )
        self.statusBar().showMessage(_("Deleted. Press Ctrl+Z to undo."), 8000)

    def _rows_of(self, ids: list[int]) -> list[int]:
        return [
            row for contact_id in ids if (row := self.contact_model.row_of(contact_id)) is not None
        ]

    # --- accounts ------------------------------------------------------------------------

    def new_account(self) -> None:
        from relationsapp.ui.account_editor_dialog import AccountEditorDialog
        from relationsapp.ui.undo_commands import CreateAccountCommand

        dialog = AccountEditorDialog(self._services.accounts.choices(), self)
        dialog.set_draft(AccountDraft(), _("New account"), None)
        if dialog.exec():
            command = CreateAccountCommand(self._services.accounts, self._notifier, dialog.draft())
            self._undo.push(command)
            self.show_tab(ACCOUNTS_TAB)
            if command.account_id is not None:
                self.accounts_view.select_account(command.account_id)

    def edit_account(self, account_id: int) -> None:
        from relationsapp.ui.account_editor_dialog import AccountEditorDialog
        from relationsapp.ui.undo_commands import EditAccountCommand

        try:
            details = self._services.accounts.get(account_id)
        except RecordNotFound:
            return
        dialog = AccountEditorDialog(self._services.accounts.choices(), self)
        dialog.set_draft(
            details.draft, _("Edit %(name)s") % {"name": details.draft.name}, account_id
        )
        if dialog.exec():
            after = dialog.draft()
            if after != details.draft:
                self._undo.push(
                    EditAccountCommand(
                        self._services.accounts, self._notifier, account_id, details.draft, after
                    )
                )

    # --- refresh -------------------------------------------------------------------------

    def _on_contacts_changed(self) -> None:
        selected = self.contacts_view.current_id()
        self.contact_model.refresh()
        self.contacts_view.reload_facets()
        if selected is not None:
            self.contacts_view.select_contact(selected)
        self.accounts_view.reload()

    def _on_accounts_changed(self) -> None:
        self.accounts_view.reload()
        self._on_contacts_changed()

    def show_metric_help(self) -> None:
        """The definitions the metrics follow, in the UI language."""
        from html import escape

        from relationsapp.core.metrics_help import definitions

        text = "".join(
            f"<p><b>{escape(term)}</b><br>{escape(definition)}</p>"
            for term, definition in definitions()
        )
        box = QMessageBox(self)
        box.setWindowTitle(_("How the metrics are calculated"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(text)
        box.exec()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About RelationsApp"),
            _(
                "RelationsApp %(version)s\n"
                "An offline-first account manager for people who sell across borders."
            )
            % {"version": __version__},
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.briefings.stop()
        if self._task is not None:
            self._task.cancel()  # QProgressDialog.cancel() alone stops nothing
        if self.today_page.page is not None:
            self.today.stop()  # a report being built still reads the file
        if self.dashboard_page.page is not None:
            self.dashboard.stop()
        super().closeEvent(event)
