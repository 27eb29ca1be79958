"""Every change a user makes, as an undoable command on the one QUndoStack.

Each command wraps one service call. Creating remembers the new id so that redo
after undo restores the same record (same uid) instead of making a second one;
deleting only tombstones, so undo is a restore.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from relationsapp.core.choices import PromiseStatus
from relationsapp.core.names import display_name
from relationsapp.core.records import AccountDraft, ContactDraft
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.change_notifier import ChangeNotifier

if TYPE_CHECKING:
    from relationsapp.core.account_service import AccountService
    from relationsapp.core.contact_service import ContactService
    from relationsapp.core.culture_notes import CultureNoteService, StoredState
    from relationsapp.core.interaction_service import (
        InteractionDraft,
        InteractionService,
        PromiseDraft,
    )
    from relationsapp.core.meeting_service import MeetingDraft, MeetingService


class CreateContactCommand(QUndoCommand):
    def __init__(
        self, contacts: ContactService, notifier: ChangeNotifier, draft: ContactDraft
    ) -> None:
        super().__init__(_("Add contact %(name)s") % {"name": display_name(draft)})
        self._contacts, self._notifier, self._draft = contacts, notifier, draft
        self.contact_id: int | None = None

    def redo(self) -> None:
        if self.contact_id is None:
            self.contact_id = self._contacts.create(self._draft)
        else:
            self._contacts.restore(self.contact_id)
        self._notifier.contacts_changed.emit()

    def undo(self) -> None:
        assert self.contact_id is not None
        self._contacts.delete(self.contact_id)
        self._notifier.contacts_changed.emit()


class EditContactCommand(QUndoCommand):
    def __init__(
        self,
        contacts: ContactService,
        notifier: ChangeNotifier,
        contact_id: int,
        before: ContactDraft,
        after: ContactDraft,
    ) -> None:
        super().__init__(_("Edit contact %(name)s") % {"name": display_name(after)})
        self._contacts, self._notifier = contacts, notifier
        self.contact_id, self._before, self._after = contact_id, before, after

    def redo(self) -> None:
        self._contacts.update(self.contact_id, self._after)
        self._notifier.contacts_changed.emit()

    def undo(self) -> None:
        self._contacts.update(self.contact_id, self._before)
        self._notifier.contacts_changed.emit()


class DeleteContactsCommand(QUndoCommand):
    def __init__(
        self,
        contacts: ContactService,
        notifier: ChangeNotifier,
        contact_ids: list[int],
        names: list[str],
    ) -> None:
        text = (
            _("Delete contact %(name)s") % {"name": names[0]}
            if len(names) == 1
            else ngettext("Delete %(count)d contact", "Delete %(count)d contacts", len(names))
            % {"count": len(names)}
        )
        super().__init__(text)
        self._contacts, self._notifier, self.contact_ids = contacts, notifier, contact_ids

    def redo(self) -> None:
        for contact_id in self.contact_ids:
            self._contacts.delete(contact_id)
        self._notifier.contacts_changed.emit()

    def undo(self) -> None:
        for contact_id in self.contact_ids:
            self._contacts.restore(contact_id)
        self._notifier.contacts_changed.emit()


class CreateAccountCommand(QUndoCommand):
    def __init__(
        self, accounts: AccountService, notifier: ChangeNotifier, draft: AccountDraft
    ) -> None:
        super().__init__(_("Add account %(name)s") % {"name": draft.name or draft.name_latin})
        self._accounts, self._notifier, self._draft = accounts, notifier, draft
        self.account_id: int | None = None

    def redo(self) -> None:
        if self.account_id is None:
            self.account_id = self._accounts.create(self._draft)
        else:
            self._accounts.restore(self.account_id)
        self._notifier.accounts_changed.emit()

    def undo(self) -> None:
        assert self.account_id is not None
        self._accounts.delete(self.account_id)
        self._notifier.accounts_changed.emit()


class EditAccountCommand(QUndoCommand):
    def __init__(
        self,
        accounts: AccountService,
        notifier: ChangeNotifier,
        account_id: int,
        before: AccountDraft,
        after: AccountDraft,
    ) -> None:
        super().__init__(_("Edit account %(name)s") % {"name": after.name or after.name_latin})
        self._accounts, self._notifier = accounts, notifier
        self.account_id, self._before, self._after = account_id, before, after

    def redo(self) -> None:
        self._accounts.update(self.account_id, self._after)
        self._notifier.accounts_changed.emit()

    def undo(self) -> None:
        self._accounts.update(self.account_id, self._before)
        self._notifier.accounts_changed.emit()


class DeleteAccountCommand(QUndoCommand):
    def __init__(
        self, accounts: AccountService, notifier: ChangeNotifier, account_id: int, name: str
    ) -> None:
        super().__init__(_("Delete account %(name)s") % {"name": name})
        self._accounts, self._notifier, self.account_id = accounts, notifier, account_id

    def redo(self) -> None:
        self._accounts.delete(self.account_id)
        self._notifier.accounts_changed.emit()

    def undo(self) -> None:
        self._accounts.restore(self.account_id)
        self._notifier.accounts_changed.emit()


class BookMeetingCommand(QUndoCommand):
    def __init__(
        self, meetings: MeetingService, notifier: ChangeNotifier, draft: MeetingDraft
    ) -> None:
        super().__init__(_("Book meeting %(title)s") % {"title": draft.title})
        self._meetings, self._notifier, self._draft = meetings, notifier, draft
        self.meeting_id: int | None = None

    def redo(self) -> None:
        if self.meeting_id is None:
            self.meeting_id = self._meetings.book(self._draft)
        else:
            self._meetings.restore(self.meeting_id)
        self._notifier.meetings_changed.emit()

    def undo(self) -> None:
        assert self.meeting_id is not None
        self._meetings.cancel(self.meeting_id)
        self._notifier.meetings_changed.emit()


class CancelMeetingCommand(QUndoCommand):
    def __init__(
        self, meetings: MeetingService, notifier: ChangeNotifier, meeting_id: int, title: str
    ) -> None:
        super().__init__(_("Cancel meeting %(title)s") % {"title": title})
        self._meetings, self._notifier, self.meeting_id = meetings, notifier, meeting_id

    def redo(self) -> None:
        self._meetings.cancel(self.meeting_id)
        self._notifier.meetings_changed.emit()

    def undo(self) -> None:
        self._meetings.restore(self.meeting_id)
        self._notifier.meetings_changed.emit()


class ChangeCultureNotesCommand(QUndoCommand):
    """Put culture notes into new states (edit, delete, scale positions, an import).

    The states before are read when the command is made, so undo puts back exactly
    what was there — including "no row at all", which brings the starter note back.
    """

    def __init__(
        self,
        culture: CultureNoteService,
        notifier: ChangeNotifier,
        after: list[StoredState],
        text: str,
    ) -> None:
        super().__init__(text)
        self._culture, self._notifier, self._after = culture, notifier, after
        self._before = [culture.state(*state.key) for state in after]

    def redo(self) -> None:
        self._culture.put_states(self._after)
        self._notifier.culture_changed.emit()

    def undo(self) -> None:
        self._culture.put_states(self._before)
        self._notifier.culture_changed.emit()


def _gist(text: str, limit: int = 40) -> str:
    """The first line of ``text``, cut to ``limit`` characters: an undo entry's name."""
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class LogInteractionCommand(QUndoCommand):
    """Log an interaction with the promises made in it (one transaction)."""

    def __init__(
        self,
        interactions: InteractionService,
        notifier: ChangeNotifier,
        draft: InteractionDraft,
        promises: list[PromiseDraft],
    ) -> None:
        super().__init__(
            _("Log interaction “%(summary)s”") % {"summary": _gist(draft.summary or draft.outcome)}
        )
        self._interactions, self._notifier = interactions, notifier
        self._draft, self._promises = draft, list(promises)
        self.interaction_id: int | None = None

    def redo(self) -> None:
        if self.interaction_id is None:
            self.interaction_id = self._interactions.log(self._draft, self._promises)
        else:
            # Its promises were tombstoned with it and come back with it.
            self._interactions.restore(self.interaction_id)
        self._notifier.interactions_changed.emit()

    def undo(self) -> None:
        assert self.interaction_id is not None
        self._interactions.delete(self.interaction_id)
        self._notifier.interactions_changed.emit()


class EditInteractionCommand(QUndoCommand):
    def __init__(
        self,
        interactions: InteractionService,
        notifier: ChangeNotifier,
        interaction_id: int,
        before: InteractionDraft,
        after: InteractionDraft,
    ) -> None:
        super().__init__(
            _("Edit interaction “%(summary)s”") % {"summary": _gist(after.summary or after.outcome)}
        )
        self._interactions, self._notifier = interactions, notifier
        self.interaction_id, self._before, self._after = interaction_id, before, after

    def redo(self) -> None:
        self._interactions.update(self.interaction_id, self._after)
        self._notifier.interactions_changed.emit()

    def undo(self) -> None:
        self._interactions.update(self.interaction_id, self._before)
        self._notifier.interactions_changed.emit()


class DeleteInteractionCommand(QUndoCommand):
    """Tombstone an interaction; the promises made in it go and come back with it."""

    def __init__(
        self,
        interactions: InteractionService,
        notifier: ChangeNotifier,
        interaction_id: int,
        summary: str,
    ) -> None:
        super().__init__(_("Delete interaction “%(summary)s”") % {"summary": _gist(summary)})
        self._interactions, self._notifier = interactions, notifier
        self.interaction_id = interaction_id

    def redo(self) -> None:
        self._interactions.delete(self.interaction_id)
        self._notifier.interactions_changed.emit()

    def undo(self) -> None:
        self._interactions.restore(self.interaction_id)
        self._notifier.interactions_changed.emit()


class SetPromiseStatusCommand(QUndoCommand):
    """Mark a promise kept or broken (at ``resolved_at``), or open it again."""

    def __init__(
        self,
        interactions: InteractionService,
        notifier: ChangeNotifier,
        promise_id: int,
        status: PromiseStatus,
        resolved_at: dt.datetime | None,
        before_status: PromiseStatus,
        before_resolved_at: dt.datetime | None,
    ) -> None:
        texts = {
            PromiseStatus.KEPT: _("Mark promise kept"),
            PromiseStatus.BROKEN: _("Mark promise broken"),
            PromiseStatus.OPEN: _("Reopen promise"),
        }
        super().__init__(texts[status])
        self._interactions, self._notifier, self.promise_id = interactions, notifier, promise_id
        self._after = (status, resolved_at)
        self._before = (before_status, before_resolved_at)

    def redo(self) -> None:
        self._interactions.set_status(self.promise_id, *self._after)
        self._notifier.interactions_changed.emit()

    def undo(self) -> None:
        self._interactions.set_status(self.promise_id, *self._before)
        self._notifier.interactions_changed.emit()


class AddPromiseCommand(QUndoCommand):
    def __init__(
        self, interactions: InteractionService, notifier: ChangeNotifier, draft: PromiseDraft
    ) -> None:
        super().__init__(_("Add promise “%(what)s”") % {"what": _gist(draft.description)})
        self._interactions, self._notifier, self._draft = interactions, notifier, draft
        self.promise_id: int | None = None

    def redo(self) -> None:
        if self.promise_id is None:
            self.promise_id = self._interactions.add_promise(self._draft)
        else:
            self._interactions.restore_promise(self.promise_id)
        self._notifier.interactions_changed.emit()

    def undo(self) -> None:
        assert self.promise_id is not None
        self._interactions.delete_promise(self.promise_id)
        self._notifier.interactions_changed.emit()


class DeletePromiseCommand(QUndoCommand):
    def __init__(
        self,
        interactions: InteractionService,
        notifier: ChangeNotifier,
        promise_id: int,
        description: str,
    ) -> None:
        super().__init__(_("Delete promise “%(what)s”") % {"what": _gist(description)})
        self._interactions, self._notifier, self.promise_id = interactions, notifier, promise_id

    def redo(self) -> None:
        self._interactions.delete_promise(self.promise_id)
        self._notifier.interactions_changed.emit()

    def undo(self) -> None:
        self._interactions.restore_promise(self.promise_id)
        self._notifier.interactions_changed.emit()
