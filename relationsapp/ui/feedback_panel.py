"""The Feedback list of a timeline: a contact's CSAT and NPS answers (an account's: all
its people's), newest first, with "Record NPS…" and "Delete answer".

Every change goes through the undo stack (feedback_commands); the list reloads when
``notifier.feedback_changed`` says an answer changed — now if it is showing, else
when it is next shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.deal_service import FeedbackRecord
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.services import Services
from relationsapp.core.zones import now_utc, to_local
from relationsapp.i18n.translate import _
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.feedback_dialog import FeedbackDialog
from relationsapp.ui.list_tables import list_table
from relationsapp.ui.timeline_model import FROM, FeedbackTableModel


class FeedbackPanel(QWidget):
    """Client feedback of the contact or account a timeline shows; record NPS, delete, undo."""

    # Mnemonics: the timeline's own letters are all taken (see TimelineView), so only
    # "Record NP&S…" has one; Del deletes the selected answer when the list has focus.

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
        self.setObjectName("feedback_panel")
        self._services = services
        self._undo = undo_stack
        self._notifier = notifier
        self._home_zone = home_zone
        self._clock = clock
        self._contact_id: int | None = None
        self._account_id: int | None = None
        self._stale = True

        self.model = FeedbackTableModel(self)
        self.table = list_table("feedback_table", self.model)
        header = self.table.horizontalHeader()
        for column, width in enumerate((115, 45, 105, 125)):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.record_button = QPushButton(_("Record NP&S…"))
        self.record_button.setObjectName("record_nps")
        self.record_button.setAutoDefault(False)
        self.record_button.setToolTip(
            _("Record the client’s answer to “How likely are you to recommend us?”")
        )
        self.record_button.clicked.connect(self.record_nps)
        self.delete_button = QPushButton(_("Delete answer"))
        self.delete_button.setObjectName("delete_feedback")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_selected)

        caption = QLabel(_("Feedback"))
        caption.setObjectName("feedback_caption")
        caption.setBuddy(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        notifier.feedback_changed.connect(self.reload)

    # -- what is shown -----------------------------------------------------------------------

    def set_subject(self, contact_id: int | None, account_id: int | None) -> None:
        """Show a contact's answers, or those of everyone at an account (on ``reload``)."""
        if (contact_id, account_id) != (self._contact_id, self._account_id):
            self.table.clearSelection()
        self._contact_id, self._account_id = contact_id, account_id
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Re-read the answers (now, or when next shown), keeping the selection."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        selected = self.selected_answer()
        answers, names = self._answers()
        this_year = to_local(self._clock(), self._home_zone).year
        self.model.set_answers(answers, names, this_year)
        # A contact's answers are all theirs; an account's come from its people.
        self.table.setColumnHidden(FROM, self._account_id is None)
        row = self.model.row_of(selected.id) if selected else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self._update_buttons()

    def _answers(self) -> tuple[list[FeedbackRecord], dict[int, str]]:
        deals = self._services.deals
        if self._contact_id is not None:
            return deals.feedback(contact_id=self._contact_id), {}
        if self._account_id is None:
            return [], {}
        people = self._people()
        # Answers given while someone worked here stay the account's after they move on.
        answers = deals.feedback(account_id=self._account_id)
        names = dict(people)
        others = {a.draft.contact_id for a in answers} - set(names) - {None}
        for contact_id, row in self._services.contacts.rows(
            [i for i in others if i is not None]
        ).items():
            names[contact_id] = name_with_transliteration(row.display_name, row.latin_name)
        return answers, names

    def _people(self) -> list[tuple[int, str]]:
        """Who may have answered: the contact shown, or the account's people."""
        if self._contact_id is not None:
            try:
                details = self._services.contacts.get(self._contact_id)
            except RecordNotFound:
                return []
            name = name_with_transliteration(details.display_name, details.latin_name)
            return [(self._contact_id, name)]
        if self._account_id is not None:
            return [
                (i, name)
                for i, name, _title in self._services.accounts.contacts_of(self._account_id)
            ]
        return []

    def selected_answer(self) -> FeedbackRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.answer(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(self._contact_id is not None or self._account_id is not None)
        self.delete_button.setEnabled(self.selected_answer() is not None)

    # -- changes (all through the undo stack) ----------------------------------------------

    def record_nps(self) -> int | None:
        """Ask for an NPS answer of the contact (or one of the account's people) and record
        it; returns the new answer's id when saved."""
        from relationsapp.ui.feedback_commands import RecordFeedbackCommand

        people = self._people()
        if not people and self._account_id is None:
            return None
        today = to_local(self._clock(), self._home_zone).date()
        dialog = FeedbackDialog(people, today, self._account_id, self)
        accepted = dialog.exec()
        draft = dialog.draft()
        dialog.deleteLater()  # a child of the panel: gone now rather than at exit
        if not accepted:
            return None
        command = RecordFeedbackCommand(self._services.deals, self._notifier, draft)
        self._undo.push(command)
        row = self.model.row_of(command.feedback_id) if command.feedback_id else None
        if row is not None:
            self.table.selectRow(row)
        return command.feedback_id

    def delete_selected(self) -> None:
        """Delete the selected answer (undoable)."""
        from relationsapp.ui.feedback_commands import DeleteFeedbackCommand

        answer = self.selected_answer()
        if answer is not None:
            self._undo.push(DeleteFeedbackCommand(self._services.deals, self._notifier, [answer]))
