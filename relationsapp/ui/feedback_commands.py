"""Undoable changes to client feedback (CSAT and NPS answers), on the one QUndoStack.

As in ``undo_commands``: each command wraps one service call and tells the views
after every redo and undo (``feedback_changed`` for the timelines, ``deals_changed``
for what the metrics are computed from). Recording remembers the new id, so redo
after undo restores the same answer (same uid) instead of making a second one;
deleting only tombstones, so undo is a restore.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from relationsapp.core.deal_service import FeedbackDraft, FeedbackKind, FeedbackRecord
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.feedback_labels import kind_text

if TYPE_CHECKING:
    from relationsapp.core.deal_service import DealService


def _changed(notifier: ChangeNotifier) -> None:
    notifier.feedback_changed.emit()
    notifier.deals_changed.emit()


class RecordFeedbackCommand(QUndoCommand):
    """Record one answer; undo tombstones it, redo brings the same record back."""

    def __init__(
        self,
        deals: DealService,
        notifier: ChangeNotifier,
        draft: FeedbackDraft,
    ) -> None:
        super().__init__(
            _("Record %(kind)s %(score)d") % {"kind": kind_text(draft.kind), "score": draft.score}
        )
        self._deals, self._notifier, self._draft = deals, notifier, draft
        self.feedback_id: int | None = None

    def redo(self) -> None:
        if self.feedback_id is None:
            (self.feedback_id,) = self._deals.add_feedback([self._draft])
        else:
            self._deals.restore_feedback([self.feedback_id])
        _changed(self._notifier)

    def undo(self) -> None:
        assert self.feedback_id is not None
        self._deals.delete_feedback([self.feedback_id])
        _changed(self._notifier)


class DeleteFeedbackCommand(QUndoCommand):
    """Tombstone answers; undo restores the same rows."""

    def __init__(
        self,
        deals: DealService,
        notifier: ChangeNotifier,
        records: Sequence[FeedbackRecord],
    ) -> None:
        if len(records) == 1:
            draft = records[0].draft
            text = _("Delete %(kind)s answer %(score)d") % {
                "kind": kind_text(draft.kind),
                "score": draft.score,
            }
        else:
            text = ngettext(
                "Delete %(count)d feedback answer",
                "Delete %(count)d feedback answers",
                len(records),
            ) % {"count": len(records)}
        super().__init__(text)
        self._deals, self._notifier = deals, notifier
        self.feedback_ids = [record.id for record in records]

    def redo(self) -> None:
        self._deals.delete_feedback(self.feedback_ids)
        _changed(self._notifier)

    def undo(self) -> None:
        self._deals.restore_feedback(self.feedback_ids)
        _changed(self._notifier)


class ReplaceFeedbackCommand(QUndoCommand):
    """One step that deletes ``before`` and records ``after``.

    Composed in Python rather than as Qt child commands: a child QUndoCommand with a
    Python subclass is freed twice by PySide6 (by its parent, then by its wrapper),
    which crashes once the stack is collected.
    """

    def __init__(
        self,
        deals: DealService,
        notifier: ChangeNotifier,
        before: Sequence[FeedbackRecord],
        after: FeedbackDraft,
    ) -> None:
        super().__init__(
            _("Change %(kind)s to %(score)d")
            % {"kind": kind_text(after.kind), "score": after.score}
        )
        self.deleted = DeleteFeedbackCommand(deals, notifier, before)
        self.recorded = RecordFeedbackCommand(deals, notifier, after)

    def redo(self) -> None:
        self.deleted.redo()
        self.recorded.redo()

    def undo(self) -> None:
        self.recorded.undo()
        self.deleted.undo()


def same_answer(before: FeedbackDraft, after: FeedbackDraft) -> bool:
    """Whether ``after`` says what the stored ``before`` says (who, when, what score).

    The service fills in the account of a contact's answer, so an ``after`` naming no
    account matches whatever account ``before`` was stored with.
    """
    return (before.kind, before.score, before.answered_on, before.contact_id) == (
        after.kind,
        after.score,
        after.answered_on,
        after.contact_id,
    ) and (after.account_id is None or after.account_id == before.account_id)


def csat_change(
    deals: DealService,
    notifier: ChangeNotifier,
    interaction_id: int,
    before: FeedbackRecord | None,
    after: FeedbackDraft | None,
    *,
    interaction_changed: bool = True,
) -> QUndoCommand | None:
    """The command that makes an interaction's CSAT ``after`` (None: not asked), or None
    when it already is. A replaced answer keeps its comment; the new one is linked to
    ``interaction_id``.

    An answer stored with another date (a survey answered the day after the visit) is
    left alone while neither its score nor the interaction changes.
    """
    if (
        before is not None
        and after is not None
        and not interaction_changed
        and before.draft.score == after.score
    ):
        return None
    if after is not None:
        after = replace(
            after,
            kind=FeedbackKind.CSAT,
            interaction_id=interaction_id,
            comment=before.draft.comment if before is not None else after.comment,
        )
    if before is None:
        return None if after is None else RecordFeedbackCommand(deals, notifier, after)
    if after is None:
        return DeleteFeedbackCommand(deals, notifier, [before])
    if same_answer(before.draft, after):
        return None
    return ReplaceFeedbackCommand(deals, notifier, [before], after)


def interaction_csat(deals: DealService, interaction_id: int) -> FeedbackRecord | None:
    """The client's latest CSAT about the interaction, if one was recorded."""
    answers = deals.feedback(interaction_id=interaction_id)
    return next((answer for answer in answers if answer.draft.kind == FeedbackKind.CSAT), None)
