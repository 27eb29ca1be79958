"""The Today view: what needs me today, the landing page once the file holds data.

No business logic here: relationsapp.core.today builds the report, today_texts words
it, TodayModel shows it. Marking a promise goes to the window as a signal, which turns
it into an undoable command and reloads this view.
"""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.services import Services
from relationsapp.core.today import TodayReport, build_today
from relationsapp.core.today_texts import Section, TodaySection, today_sections
from relationsapp.core.zones import now_utc, to_local
from relationsapp.i18n.formatting import format_date
from relationsapp.i18n.translate import _
from relationsapp.ui.today_model import (
    CONTACT_ID_ROLE,
    DETAIL_ROLE,
    KEY_ROLE,
    PROMISE_ID_ROLE,
    SECTION_ROLE,
    STATUS,
    WHAT,
    WHEN,
    WHO,
    TodayModel,
)

REFRESH_MS = 60_000
#: The most of the tree's width each column may take before its text is elided; What
#: takes the rest, so the item itself stays readable in a narrow window.
_COLUMN_SHARE = {WHO: 0.2, WHEN: 0.28, STATUS: 0.22}
_COLUMN_PADDING = 16


class _ReportSink(QObject):
    """Lives in the UI thread; a pool thread's signals reach it queued."""

    ready = Signal(int, object, object, object)  # generation, now, report, sections
    failed = Signal(int, str)


class _ReportJob(QRunnable):
    """Builds and words the report on a pool thread: at 100,000 contacts with a full
    history it takes most of a second, too long to hold the UI thread every minute."""

    def __init__(
        self, services: Services, now: dt.datetime, zone: str, generation: int, sink: _ReportSink
    ) -> None:
        super().__init__()
        self._services, self._now, self._zone = services, now, zone
        self._generation, self._sink = generation, sink

    def run(self) -> None:
        try:
            report = build_today(self._services, self._now, self._zone)
            sections = today_sections(report)
        except Exception as error:  # reported in the view, never lost in a pool thread
            self._sink.failed.emit(self._generation, str(error))
            return
        self._sink.ready.emit(self._generation, self._now, report, sections)


class TodayView(QWidget):
    """Today's promises, replies, meetings, holidays, birthdays and people to call."""

    #: A contact to open (Enter or double-click on an item about a contact).
    contact_requested = Signal(int)
    #: (promise id, "kept" or "broken"): the window makes it an undoable command.
    promise_status_requested = Signal(int, str)
    #: The contact of the selected item (an id, or None): what the Culture panel follows.
    current_changed = Signal(object)

    def __init__(self, services: Services, home_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._home_zone = home_zone
        self._collapsed: set[Section] = set()
        self._empty = True
        self._reloaded_at: float | None = None  # time.monotonic() of the last reload

        self.heading = QLabel()
        self.heading.setObjectName("today_heading")
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.5)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.zone_note = QLabel(
            _("Times are yours (%(zone)s); the client’s own follow in brackets.")
            % {"zone": home_zone}
        )
        self.zone_note.setObjectName("today_zone_note")
        self.zone_note.setEnabled(False)  # greyed: a note, not content
        self.refresh_button = QPushButton(_("&Refresh"))
        self.refresh_button.setObjectName("today_refresh")
        self.refresh_button.clicked.connect(self.refresh)

        self.model = TodayModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("today_tree")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for column in _COLUMN_SHARE:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.tree.viewport().installEventFilter(self)  # columns follow the tree's width
        self.tree.activated.connect(self._on_activated)  # Enter, and double-click
        self.tree.expanded.connect(lambda index: self._collapsed.discard(index.data(SECTION_ROLE)))
        self.tree.collapsed.connect(lambda index: self._collapsed.add(index.data(SECTION_ROLE)))
        self.tree.selectionModel().selectionChanged.connect(lambda *_args: self._on_selection())
        self.detail = QLabel()
        self.detail.setObjectName("today_detail")
        self.detail.setWordWrap(True)

        self.kept_button = QPushButton(_("Mark &kept"))
        self.kept_button.setObjectName("today_mark_kept")
        self.kept_button.clicked.connect(lambda: self._mark("kept"))
        self.broken_button = QPushButton(_("Mark &broken"))
        self.broken_button.setObjectName("today_mark_broken")
        self.broken_button.clicked.connect(lambda: self._mark("broken"))

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.kept_button)
        buttons.addWidget(self.broken_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.zone_note)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._generation = 0  # the newest report asked for; older results are dropped
        self._current_contact: int | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # A child made after the pool: children go in the order they came, so the pool's
        # destructor waits for a running job before the sink it reports to is deleted.
        self._sink = _ReportSink(self)
        self._sink.ready.connect(self._on_ready)
        self._sink.failed.connect(self._on_failed)
        self._on_selection()

    # --- loading ----------------------------------------------------------------------

    def reload(self, now: dt.datetime | None = None) -> None:
        """Build today's report now, on this thread (tests, and ``now`` other than now)."""
        now = now or now_utc()
        self._generation += 1
        report = build_today(self._services, now, self._home_zone)
        self._apply(now, report, today_sections(report))

    def refresh(self) -> None:
        """Build today's report on a pool thread and show it when it arrives."""
        self._generation += 1
        self._pool.start(
            _ReportJob(self._services, now_utc(), self._home_zone, self._generation, self._sink)
        )

    def stop(self) -> None:
        """Wait for a report being built (the window is closing, the file too)."""
        self._timer.stop()
        self._pool.clear()
        self._pool.waitForDone()

    def _on_ready(
        self, generation: int, now: dt.datetime, report: TodayReport, sections: list[TodaySection]
    ) -> None:
        if generation == self._generation:  # a newer request supersedes this result
            self._apply(now, report, sections)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.detail.setText(_("Today could not be read: %(error)s") % {"error": message})

    def _apply(self, now: dt.datetime, report: TodayReport, sections: list[TodaySection]) -> None:
        """Show ``report``, keeping the selected item and the collapsed sections."""
        kept_key = self._selected_key()
        self._empty = report.is_empty()
        self.model.set_sections(sections)
        self.heading.setText(format_date(to_local(now, self._home_zone).date(), "full"))
        root = QModelIndex()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, root, True)
            section = self.model.index(row, 0)
            self.tree.setExpanded(section, section.data(SECTION_ROLE) not in self._collapsed)
        if kept_key:
            self._select_key(kept_key)
        self._reloaded_at = time.monotonic()
        self._fit_columns()
        self._on_selection()

    def invalidate(self) -> None:
        """The data behind the report changed: refresh now if shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._reloaded_at = None

    def _fit_columns(self) -> None:
        """Who, When and Status as wide as their text, up to their share; What the rest."""
        available = self.tree.viewport().width()
        header = self.tree.header()
        for column, share in _COLUMN_SHARE.items():
            wanted = (
                max(self.tree.sizeHintForColumn(column), header.sectionSizeHint(column))
                + _COLUMN_PADDING
            )
            header.resizeSection(column, min(wanted, int(available * share)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        stale = self._reloaded_at is None or (
            time.monotonic() - self._reloaded_at >= REFRESH_MS / 1000
        )
        if stale:
            self._reloaded_at = time.monotonic()  # one request per show, not per event
            self.refresh()
        self._timer.start()  # only while visible: a hidden page costs nothing

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def is_refreshing(self) -> bool:
        """Whether the minute timer runs (it does only while the view is visible)."""
        return self._timer.isActive()

    # --- selection ----------------------------------------------------------------

    def current_index(self) -> QModelIndex:
        rows = self.tree.selectionModel().selectedRows()
        return rows[0] if rows else QModelIndex()

    def selected_contact_id(self) -> int | None:
        """The contact of the selected item (for "Log interaction…" from Today)."""
        index = self.current_index()
        return index.siblingAtColumn(WHAT).data(CONTACT_ID_ROLE) if index.isValid() else None

    def selected_promise_id(self) -> int | None:
        index = self.current_index()
        return index.data(PROMISE_ID_ROLE) if index.isValid() else None

    def _selected_key(self) -> str | None:
        index = self.current_index()
        return index.data(KEY_ROLE) if index.isValid() else None

    def _select_key(self, key: str) -> None:
        for row in range(self.model.rowCount()):
            section = self.model.index(row, 0)
            for child in range(self.model.rowCount(section)):
                index = self.model.index(child, 0, section)
                if index.data(KEY_ROLE) == key:
                    self.tree.setCurrentIndex(index)
                    return

    def select_first(self, kind: Section) -> bool:
        """Select the first item of a section (for keyboard users and tests)."""
        section = self.model.index(self.model.section_row(kind), 0)
        if not self.model.rowCount(section):
            return False
        self.tree.setCurrentIndex(self.model.index(0, 0, section))
        return True

    def _on_selection(self) -> None:
        contact_id = self.selected_contact_id()
        if contact_id != self._current_contact:  # a refresh re-selecting it is no change
            self._current_contact = contact_id
            self.current_changed.emit(contact_id)
        index = self.current_index()
        has_promise = index.isValid() and index.data(PROMISE_ID_ROLE) is not None
        self.kept_button.setEnabled(has_promise)
        self.broken_button.setEnabled(has_promise)
        if index.isValid():
            self.detail.setText(index.data(DETAIL_ROLE) or "")
        else:
            self.detail.setText(_("Nothing needs you today.") if self._empty else "")

    # --- actions ----------------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        contact_id = index.siblingAtColumn(WHAT).data(CONTACT_ID_ROLE)
        if contact_id is not None:
            self.contact_requested.emit(contact_id)

    def _mark(self, status: str) -> None:
        promise_id = self.selected_promise_id()
        if promise_id is not None:
            self.promise_status_requested.emit(promise_id, status)
