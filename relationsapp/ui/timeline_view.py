"""One contact's or account's timeline: what happened, newest first, what we promised,
and what the client told us (CSAT and NPS answers, in the feedback panel).

Every change goes through the undo stack (LogInteractionCommand and friends) and the
view reloads when ``notifier.interactions_changed`` says something changed. Promises
are judged against the client's own calendar (core.promise_rules): "due Friday" for a
Tokyo client is overdue by Friday afternoon in Copenhagen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from babel.numbers import format_percent
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import InteractionKind, PromiseStatus, label
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.interaction_service import InteractionRecord
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.promise_rules import (
    ClientCalendars,
    JudgedPromise,
    PromiseState,
    judge_all,
    kept_ratio,
)
from relationsapp.core.services import Services
from relationsapp.core.zones import now_utc
from relationsapp.i18n.formatting import format_number, ui_locale
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.feedback_panel import FeedbackPanel
from relationsapp.ui.interaction_dialog import InteractionDialog
from relationsapp.ui.list_tables import list_table
from relationsapp.ui.timeline_model import TO, PromiseTableModel, TimelineModel

#: The most interactions one timeline shows (the newest); a contact's fit easily.
TIMELINE_LIMIT = 500
_SETTLED = (PromiseState.KEPT, PromiseState.KEPT_LATE, PromiseState.BROKEN)


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    return button


def ratio_text(kept: int, counted: int) -> str:
    """``Promises kept on time in the last 12 months: 8 of 10 (80 %)``."""
    if counted == 0:
        return _("Promises kept on time in the last 12 months: no promises settled yet")
    return _(
        "Promises kept on time in the last 12 months: %(kept)s of %(counted)s (%(percent)s)"
    ) % {
        "kept": format_number(kept),
        "counted": format_number(counted),
        "percent": format_percent(kept / counted, locale=ui_locale()),
    }


class TimelineView(QWidget):
    """Interactions and promises of the contact or account shown; log, edit, mark, undo."""

    # Mnemonics avoid the window's own (menus &File &Edit &View &Help, tabs &Contacts
    # &Accounts &Planner), the contact filters (co&Untry, &Industry, si&Ze, &Tag) and the
    # culture panel's (countr&Y, e&Xport, i&Mport): a clash makes Alt+letter ambiguous.
    # That leaves no letter for the feedback panel beyond "Record NP&S…": deleting is
    # Del on the focused list (delete_focused), so the Delete buttons carry none.

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        home_zone: str,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] = now_utc,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self._services = services
        self._undo = undo_stack
        self._notifier = notifier
        self._home_zone = home_zone
        self._clock = clock
        self._contact_id: int | None = None
        self._account_id: int | None = None
        self._stale = True
        self._build()
        notifier.interactions_changed.connect(self.reload)
        notifier.contacts_changed.connect(self.reload)  # names, zones, working hours
        notifier.accounts_changed.connect(self.reload)
        self._show_subject()

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("timeline_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)

        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kind_filter")
        self.kind_filter.addItem(_("All kinds"), None)
        for kind in InteractionKind:
            self.kind_filter.addItem(label(kind), kind.value)
        self.kind_filter.currentIndexChanged.connect(self.reload)
        self.log_button = _button(_("&Log interaction…"), "log_interaction")
        self.log_button.clicked.connect(lambda: self.log_interaction(None))
        self.edit_button = _button(_("E&dit…"), "edit_interaction")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = _button(_("Delete"), "delete_interaction")
        self.delete_button.clicked.connect(self.delete_selected)

        self.model = TimelineModel(self)
        self.table = list_table("timeline_table")
        self.table.setModel(self.model)
        for column, width in enumerate((260, 110, 320)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            # setContext, not context=: PySide6 ignores it when a slot is passed too.
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.limit_note = QLabel()
        self.limit_note.setObjectName("timeline_limit")
        self.limit_note.hide()

        self.promise_model = PromiseTableModel(self)
        self.promise_table = list_table("promise_table")
        self.promise_table.setModel(self.promise_model)
        for column, width in enumerate((280, 160, 260)):
            self.promise_table.horizontalHeader().resizeSection(column, width)
        self.promise_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.kept_button = _button(_("Mark &kept"), "mark_kept")
        self.kept_button.clicked.connect(lambda: self.mark_selected(PromiseStatus.KEPT))
        self.broken_button = _button(_("Mark &broken"), "mark_broken")
        self.broken_button.clicked.connect(lambda: self.mark_selected(PromiseStatus.BROKEN))
        self.reopen_button = _button(_("&Reopen"), "reopen_promise")
        self.reopen_button.clicked.connect(lambda: self.mark_selected(PromiseStatus.OPEN))
        self.delete_promise_button = _button(_("Delete promise"), "delete_promise")
        self.delete_promise_button.clicked.connect(self.delete_selected_promise)
        self.ratio = QLabel()
        self.ratio.setObjectName("kept_ratio")

        top = QHBoxLayout()
        show_caption = QLabel(_("Sho&w:"))
        show_caption.setBuddy(self.kind_filter)
        top.addWidget(show_caption)
        top.addWidget(self.kind_filter)
        top.addStretch(1)
        for button in (self.log_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        interactions_caption = QLabel(_("Interactio&ns"))
        interactions_caption.setBuddy(self.table)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(interactions_caption)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.limit_note)

        promise_caption = QLabel(_("Pr&omises"))
        promise_caption.setBuddy(self.promise_table)
        promise_buttons = QHBoxLayout()
        for button in (
            self.kept_button,
            self.broken_button,
            self.reopen_button,
            self.delete_promise_button,
        ):
            promise_buttons.addWidget(button)
        promise_buttons.addStretch(1)
        promises = QWidget()
        lower_layout = QVBoxLayout(promises)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(promise_caption)
        lower_layout.addWidget(self.promise_table, 1)
        lower_layout.addWidget(self.ratio)
        lower_layout.addLayout(promise_buttons)
        self.feedback = FeedbackPanel(
            self._services, self._undo, self._notifier, self._home_zone, clock=self._clock
        )
        # Side by side: the timeline sits under the contact list and has little height.
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(promises)
        lower.addWidget(self.feedback)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        lower.setSizes([560, 440])  # a share, not pixels: scaled to the width there is
        lower.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # -- what is shown -----------------------------------------------------------------------

    def show_contact(self, contact_id: int | None) -> None:
        """Show ``contact_id``'s timeline (as main contact or one of those present)."""
        self._contact_id, self._account_id = contact_id, None
        self._show_subject()

    def show_account(self, account_id: int | None) -> None:
        """Show the timeline of everyone at ``account_id``, with the kept-on-time ratio."""
        self._contact_id, self._account_id = None, account_id
        self._show_subject()

    def contact_id(self) -> int | None:
        return self._contact_id

    def account_id(self) -> int | None:
        return self._account_id

    def _show_subject(self) -> None:
        self.table.clearSelection()
        self.promise_table.clearSelection()
        self.feedback.set_subject(self._contact_id, self._account_id)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _subject_name(self) -> str | None:
        try:
            if self._contact_id is not None:
                details = self._services.contacts.get(self._contact_id)
                return name_with_transliteration(details.display_name, details.latin_name)
            if self._account_id is not None:
                account = self._services.accounts.get(self._account_id).draft
                return name_with_transliteration(account.name, account.name_latin)
        except RecordNotFound:
            return None
        return None

    def reload(self) -> None:
        """Re-read the timeline and promises (now, or when next shown), keeping selections."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        now = self._clock()
        name = self._subject_name()
        chosen = name is not None
        if name is None:
            self.title.setText(_("Choose a contact or an account to see its timeline."))
        elif self._contact_id is not None:
            self.title.setText(_("Timeline of %(name)s") % {"name": name})
        else:
            self.title.setText(_("Timeline of %(name)s and its people") % {"name": name})

        interaction = self.selected_interaction()
        promise = self.selected_promise()
        records = self._records() if chosen else []
        self.model.set_records(records, self._other_names(records), self._home_zone, now)
        judged = self._promises(now) if chosen else []
        self.promise_model.set_promises(judged, self._home_zone, now)
        # A contact's promises are all made to them; an account's go to its people.
        self.promise_table.setColumnHidden(TO, self._account_id is None)

        full = len(records) >= TIMELINE_LIMIT
        self.limit_note.setVisible(full)
        if full:
            self.limit_note.setText(
                ngettext(
                    "Showing the latest %(count)d interaction.",
                    "Showing the latest %(count)d interactions.",
                    TIMELINE_LIMIT,
                )
                % {"count": TIMELINE_LIMIT}
            )
        show_ratio = chosen and self._account_id is not None
        self.ratio.setVisible(show_ratio)
        if show_ratio:
            counted = kept_ratio(judged, now)
            self.ratio.setText(ratio_text(counted.kept_on_time, counted.counted))
        self._reselect(self.table, self.model.row_of(interaction.id) if interaction else None)
        self._reselect(
            self.promise_table,
            self.promise_model.row_of(promise.record.id) if promise else None,
        )
        self._update_buttons()
        self.feedback.reload()  # names and accounts may have changed too

    def _records(self) -> list[InteractionRecord]:
        kind = self.kind_filter.currentData()
        return self._services.interactions.timeline(
            contact_id=self._contact_id,
            account_id=self._account_id,
            kinds=[InteractionKind(kind)] if kind else [],
            limit=TIMELINE_LIMIT,
        )

    def _other_names(self, records: list[InteractionRecord]) -> dict[int, str]:
        ids = {i for record in records for i in record.draft.other_contact_ids}
        if not ids:
            return {}
        rows = self._services.contacts.rows(ids)
        return {
            i: name_with_transliteration(row.display_name, row.latin_name)
            for i, row in rows.items()
        }

    def _promises(self, now: dt.datetime) -> list[JudgedPromise]:
        records = self._services.interactions.promises(
            contact_id=self._contact_id, account_id=self._account_id
        )
        calendars = ClientCalendars(self._services, self._home_zone)
        judged = judge_all(records, calendars, now, self._home_zone)
        # What still needs doing first (soonest due), then the settled ones, latest first.
        waiting = [p for p in judged if p.state not in _SETTLED]
        settled = sorted(
            (p for p in judged if p.state in _SETTLED), key=lambda p: p.deadline, reverse=True
        )
        return waiting + settled

    @staticmethod
    def _reselect(table: QTableView, row: int | None) -> None:
        if row is not None:
            table.selectRow(row)
        else:
            table.clearSelection()

    # -- selection -------------------------------------------------------------------------

    def selected_interaction(self) -> InteractionRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def selected_promise(self) -> JudgedPromise | None:
        rows = self.promise_table.selectionModel().selectedRows()
        return self.promise_model.promise(rows[0].row()) if rows else None

    def select_interaction(self, interaction_id: int) -> None:
        self._reselect(self.table, self.model.row_of(interaction_id))

    def _update_buttons(self) -> None:
        interaction = self.selected_interaction() is not None
        self.edit_button.setEnabled(interaction)
        self.delete_button.setEnabled(interaction)
        promise = self.selected_promise()
        status = promise.record.status if promise else None
        self.kept_button.setEnabled(promise is not None and status != PromiseStatus.KEPT)
        self.broken_button.setEnabled(promise is not None and status != PromiseStatus.BROKEN)
        self.reopen_button.setEnabled(promise is not None and status != PromiseStatus.OPEN)
        self.delete_promise_button.setEnabled(promise is not None)

    # -- changes (all through the undo stack) ----------------------------------------------

    def _dialog(self) -> InteractionDialog:
        return InteractionDialog(self._services, self._home_zone, self)

    def log_interaction(self, contact_id: int | None = None) -> int | None:
        """Open the quick-add dialog for ``contact_id`` (default: the contact or account
        shown) at the current minute; returns the new interaction's id when saved."""
        from relationsapp.ui.feedback_commands import RecordFeedbackCommand
        from relationsapp.ui.undo_commands import LogInteractionCommand

        dialog = self._dialog()
        account_id = self._account_id if contact_id is None else None
        dialog.prefill(
            contact_id if contact_id is not None else self._contact_id, self._clock(), account_id
        )
        accepted = dialog.exec()
        draft, promises, csat = dialog.draft(), dialog.promises(), dialog.feedback()
        dialog.deleteLater()  # a child of the view: gone now rather than at exit
        if not accepted:
            return None
        command = LogInteractionCommand(
            self._services.interactions, self._notifier, draft, promises
        )
        # The answer needs the interaction's id, which exists once the first command
        # ran: one macro makes both one undo step, and redo brings back the same rows.
        if csat is not None:
            self._undo.beginMacro(command.text())
        self._undo.push(command)
        if csat is not None:
            if command.interaction_id is not None:
                csat = replace(csat, interaction_id=command.interaction_id)
                self._undo.push(RecordFeedbackCommand(self._services.deals, self._notifier, csat))
            self._undo.endMacro()
        if command.interaction_id is not None:
            self.select_interaction(command.interaction_id)
        return command.interaction_id

    def edit_selected(self) -> None:
        """Edit the selected interaction; promises added here are made in it, and a
        changed CSAT replaces the one recorded for it."""
        from relationsapp.ui.feedback_commands import csat_change, interaction_csat
        from relationsapp.ui.undo_commands import AddPromiseCommand, EditInteractionCommand

        record = self.selected_interaction()
        if record is None:
            return
        deals = self._services.deals
        before_csat = interaction_csat(deals, record.id)
        dialog = self._dialog()
        dialog.setWindowTitle(_("Edit interaction"))
        dialog.set_draft(record.draft, csat=before_csat.draft.score if before_csat else None)
        accepted = dialog.exec()
        after, promises, after_csat = dialog.draft(), dialog.promises(), dialog.feedback()
        dialog.deleteLater()
        if not accepted:
            return
        commands: list[QUndoCommand] = [
            AddPromiseCommand(
                self._services.interactions,
                self._notifier,
                replace(
                    promise,
                    contact_id=after.contact_id,
                    account_id=after.account_id,
                    interaction_id=record.id,
                ),
            )
            for promise in promises
        ]
        if after != record.draft:
            commands.insert(
                0,
                EditInteractionCommand(
                    self._services.interactions, self._notifier, record.id, record.draft, after
                ),
            )
        change = csat_change(
            deals,
            self._notifier,
            record.id,
            before_csat,
            after_csat,
            interaction_changed=after != record.draft,
        )
        if change is not None:
            commands.append(change)
        self._push_all(commands)

    def _push_all(self, commands: list[QUndoCommand]) -> None:
        """Push ``commands`` as one undo step (named after the first)."""
        if len(commands) > 1:
            self._undo.beginMacro(commands[0].text())
        for command in commands:
            self._undo.push(command)
        if len(commands) > 1:
            self._undo.endMacro()

    def delete_focused(self) -> None:
        """Del: the selected promise or answer if its list has focus, else the interaction."""
        if self.promise_table.hasFocus():
            self.delete_selected_promise()
        elif self.feedback.table.hasFocus():
            self.feedback.delete_selected()
        else:
            self.delete_selected()

    def delete_selected(self) -> None:
        """Delete the selected interaction with the promises made in it and the client's
        answers about it (undoable, one step)."""
        from relationsapp.ui.feedback_commands import DeleteFeedbackCommand
        from relationsapp.ui.undo_commands import DeleteInteractionCommand

        record = self.selected_interaction()
        if record is None:
            return
        commands: list[QUndoCommand] = [
            DeleteInteractionCommand(
                self._services.interactions,
                self._notifier,
                record.id,
                record.draft.summary or record.draft.outcome,
            )
        ]
        answers = self._services.deals.feedback(interaction_id=record.id)
        if answers:
            commands.append(DeleteFeedbackCommand(self._services.deals, self._notifier, answers))
        self._push_all(commands)

    def mark_selected(self, status: PromiseStatus) -> None:
        """Mark the selected promise kept or broken now, or open it again."""
        from relationsapp.ui.undo_commands import SetPromiseStatusCommand

        promise = self.selected_promise()
        if promise is None or promise.record.status == status:
            return
        record = promise.record
        self._undo.push(
            SetPromiseStatusCommand(
                self._services.interactions,
                self._notifier,
                record.id,
                status,
                None if status == PromiseStatus.OPEN else self._clock(),
                record.status,
                record.resolved_at,
            )
        )

    def delete_selected_promise(self) -> None:
        from relationsapp.ui.undo_commands import DeletePromiseCommand

        promise = self.selected_promise()
        if promise is not None:
            self._undo.push(
                DeletePromiseCommand(
                    self._services.interactions,
                    self._notifier,
                    promise.record.id,
                    promise.record.draft.description,
                )
            )
