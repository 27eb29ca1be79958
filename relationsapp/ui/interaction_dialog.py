"""Log an interaction (or edit one): who, what kind, which way, when, what came of it,
and the promises made in it.

The time is typed in *my* zone and shown live on the client's clock too ("= 17:30 Fri
in Tokyo"). A promise's due date is a civil date in the *client's* calendar: Friday
means their Friday, due at the end of their working day (see core.promise_rules), and
each row says when that is for me. The dialog only reads and fills widgets:
``validate_interaction``/``validate_promise`` decide what is wrong and the caller saves.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.business_time import WorkCalendar
from relationsapp.core.choices import Channel, Direction, InteractionKind, label
from relationsapp.core.deal_service import FeedbackDraft
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.interaction_service import (
    InteractionDraft,
    PromiseDraft,
    validate_interaction,
    validate_promise,
)
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.promise_rules import ClientCalendars
from relationsapp.core.services import Services
from relationsapp.core.validation import FieldError
from relationsapp.core.wall_time import WallTimeStatus, format_offset, interpret_wall_time
from relationsapp.core.zones import to_local, zone_city
from relationsapp.i18n.formatting import format_time
from relationsapp.i18n.translate import _
from relationsapp.ui.contact_picker import ContactPicker
from relationsapp.ui.csat_field import CsatField, csat_draft
from relationsapp.ui.edit_formats import qt_date_format, qt_time_format
from relationsapp.ui.field_error_label import FieldErrorBoard, FieldErrorLabel
from relationsapp.ui.form_helpers import (
    add_row,
    choice_combo,
    form_group,
    line_edit,
    notes_edit,
    record_combo,
    save_cancel_buttons,
    select_data,
    select_id,
    split_tags,
)
from relationsapp.ui.promise_rows import PromiseRow, PromiseRows, civil_date
from relationsapp.ui.timeline_model import same_zone, their_time

#: Which way an interaction usually goes, until the user says otherwise.
DEFAULT_DIRECTION = {
    InteractionKind.EMAIL: Direction.INBOUND,
    InteractionKind.MESSAGE: Direction.INBOUND,
    InteractionKind.CALL: Direction.OUTBOUND,
    InteractionKind.VISIT: Direction.OUTBOUND,
    InteractionKind.MEETING: Direction.NONE,
    InteractionKind.NOTE: Direction.NONE,
}
#: The channel a kind implies (a meeting may be in person or on video: not implied).
DEFAULT_CHANNEL = {
    InteractionKind.CALL: Channel.PHONE,
    InteractionKind.EMAIL: Channel.EMAIL,
    InteractionKind.MESSAGE: Channel.MESSAGING,
    InteractionKind.VISIT: Channel.IN_PERSON,
}
DUE_AFTER_DAYS = 7  # a new promise row starts a week after the interaction


class InteractionDialog(QDialog):
    """Quick-add and edit of one interaction with the promises made in it."""

    def __init__(self, services: Services, home_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interaction_dialog")
        self.setWindowTitle(_("Log interaction"))
        self._services = services
        self._home_zone = home_zone
        self._calendars = ClientCalendars(services, home_zone)
        self._draft = InteractionDraft()  # as loaded: its zone, instant and other contacts
        self._contact_id: int | None = None
        self._contact_account: int | None = None
        self._direction_touched = False
        self._channel_touched = False
        self._build()
        self._connect()
        self.set_draft(InteractionDraft(occurred_at=_minute(self._draft.occurred_at)))
        self._direction_touched = self._channel_touched = False

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.contact_picker = ContactPicker(self._services.search)
        self.contact_picker.setObjectName("contact")
        self.contact_picker.setPlaceholderText(_("Type a name and pick from the list"))
        self.account = record_combo("account", _("(no account)"), self._services.accounts.choices())
        self.kind = choice_combo("kind", InteractionKind)
        self.direction = choice_combo("direction", Direction)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.channel.addItem(_("(not said)"), None)
        for channel in Channel:
            self.channel.addItem(label(channel), channel.value)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(qt_date_format())
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("time")
        self.time_edit.setDisplayFormat(qt_time_format())
        self.time_edit.setAccessibleName(_("Time, your time"))
        self.my_zone_label = QLabel(
            _("your time (%(city)s)") % {"city": zone_city(self._home_zone)}
        )
        self.their_time = QLabel()
        self.their_time.setObjectName("their_time")
        self.time_note = QLabel()  # a time that happens twice: which one is taken
        self.time_note.setObjectName("time_note")
        self.time_note.setWordWrap(True)
        self.time_note.hide()
        self.summary = notes_edit("summary")
        self.summary.setMinimumHeight(60)
        self.summary.setMaximumHeight(90)
        self.outcome = line_edit("outcome", _("e.g. ordered 40 pumps; wants a sample first"))
        self.follow_up = line_edit("follow_up", _("e.g. send the revised quote"))
        self.sensitive = QCheckBox(_("Se&nsitive"))
        self.sensitive.setObjectName("sensitive")
        self.sensitive.setToolTip(
            _("A sensitive interaction’s summary and outcome can be left out of printed briefings.")
        )
        self.csat = CsatField()
        self.other_people = line_edit(
            "other_people", _("comma-separated, e.g. Kenji Sato, Lars from our team")
        )
        self.other_contacts = QLabel()  # contacts present are kept, not edited, here
        self.other_contacts.setObjectName("other_contacts")
        self.other_contacts.setWordWrap(True)
        self.promise_rows = PromiseRows()
        self.add_promise_button = QPushButton(_("Add p&romise"))
        self.add_promise_button.setObjectName("add_promise")
        self.add_promise_button.setAutoDefault(False)  # Enter in the dialog means Save

        self.general_error = FieldErrorLabel("general")
        self.buttons = save_cancel_buttons(self)

        board = self._errors = FieldErrorBoard(self.general_error)

        def error(field: str, focus: QWidget) -> FieldErrorLabel:
            label_ = FieldErrorLabel(field)
            board.add_field(field, label_, focus)
            return label_

        group, form = form_group(_("Interaction"))
        add_row(
            form,
            _("&With:"),
            self.contact_picker,
            self.contact_picker,
            error("contact", self.contact_picker),
        )
        add_row(form, _("&Account:"), self.account, self.account)
        add_row(form, _("&Kind:"), self.kind, self.kind)
        add_row(form, _("&Direction:"), self.direction, self.direction)
        add_row(form, _("C&hannel:"), self.channel, self.channel)
        when_row = QHBoxLayout()
        when_row.addWidget(self.date_edit)
        when_row.addWidget(self.time_edit)
        when_row.addWidget(self.my_zone_label)
        when_row.addStretch(1)
        when_box = QVBoxLayout()
        when_box.setSpacing(2)
        when_box.addLayout(when_row)
        when_box.addWidget(self.their_time)
        when_box.addWidget(self.time_note)
        add_row(form, _("Wh&en:"), when_box, self.date_edit, error("when", self.date_edit))
        add_row(form, _("S&ummary:"), self.summary, self.summary, error("summary", self.summary))
        add_row(form, _("&Outcome:"), self.outcome, self.outcome, error("outcome", self.outcome))
        add_row(
            form,
            _("&Follow-up:"),
            self.follow_up,
            self.follow_up,
            error("follow_up", self.follow_up),
        )
        add_row(form, "", self.sensitive, None)
        add_row(form, _("&Client’s satisfaction (CSAT):"), self.csat, self.csat)
        others_box = QVBoxLayout()
        others_box.setSpacing(2)
        others_box.addWidget(self.other_people)
        others_box.addWidget(self.other_contacts)
        add_row(form, _("Others &present:"), others_box, self.other_people)
        board.add_list("promises", self.promise_rows)

        self.promises_group = QGroupBox(_("Promises made"))
        self.promises_group.setObjectName("promises_group")
        note = QLabel(_("Due in the client’s calendar — Friday means their Friday."))
        note.setObjectName("promises_note")
        note.setWordWrap(True)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_promise_button)
        add_line.addStretch(1)
        promises_layout = QVBoxLayout(self.promises_group)
        promises_layout.addWidget(note)
        promises_layout.addWidget(self.promise_rows)
        promises_layout.addLayout(add_line)

        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(self.promises_group)
        layout.addStretch(1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _connect(self) -> None:
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)
        self.contact_picker.contact_chosen.connect(self._on_contact_chosen)
        self.contact_picker.textEdited.connect(self._on_contact_typed)
        self.account.currentIndexChanged.connect(self._on_client_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.direction.activated.connect(self._on_direction_chosen)
        self.channel.activated.connect(self._on_channel_chosen)
        self.date_edit.dateChanged.connect(self._refresh_time)
        self.time_edit.timeChanged.connect(self._refresh_time)
        self.summary.textChanged.connect(self._errors.label("summary").clear_error)
        self.outcome.textEdited.connect(self._errors.label("summary").clear_error)
        self.outcome.textEdited.connect(self._errors.label("outcome").clear_error)
        self.follow_up.textEdited.connect(self._errors.label("follow_up").clear_error)
        self.add_promise_button.clicked.connect(lambda: self.add_promise(focus=True))

    def _update_tab_order(self) -> None:
        """Tab walks the form top to bottom, through each promise row, then the buttons."""
        chain: list[QWidget] = [
            self.contact_picker,
            self.account,
            self.kind,
            self.direction,
            self.channel,
            self.date_edit,
            self.time_edit,
            self.summary,
            self.outcome,
            self.follow_up,
            self.sensitive,
            self.csat,
            self.other_people,
        ]
        for row in self.promise_rows.rows:
            chain.extend((row.description, row.due, row.remove))
        chain.append(self.add_promise_button)
        chain.extend(self.buttons.buttons())
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the client and the time -----------------------------------------------------------

    def contact_id(self) -> int | None:
        return self._contact_id

    def _set_contact(self, contact_id: int | None) -> None:
        self._contact_id = None
        self._contact_account = None
        self.contact_picker.clear()
        if contact_id is not None:
            try:
                details = self._services.contacts.get(contact_id)
            except RecordNotFound:
                details = None
            if details is not None:
                self._contact_id = contact_id
                self._contact_account = details.draft.account_id
                self.contact_picker.setText(
                    name_with_transliteration(details.display_name, details.latin_name)
                )
                self.contact_picker.setCursorPosition(0)

    def _show_other_contacts(self, contact_ids: list[int]) -> None:
        rows = self._services.contacts.rows(contact_ids) if contact_ids else {}
        names = [
            name_with_transliteration(rows[i].display_name, rows[i].latin_name)
            for i in contact_ids
            if i in rows
        ]
        self.other_contacts.setText(
            _("Also there from your contacts: %(names)s") % {"names": ", ".join(names)}
            if names
            else ""
        )
        self.other_contacts.setVisible(bool(names))

    def _on_contact_chosen(self, contact_id: int) -> None:
        self._set_contact(contact_id)
        if self._contact_id is not None:
            select_id(
                self.account,
                self._contact_account,
                _("(account %(id)s)") % {"id": self._contact_account},
            )
        self._errors.label("contact").clear_error()
        self._on_client_changed()

    def _on_contact_typed(self, _text: str) -> None:
        # Typing again means choosing again: the earlier choice no longer holds.
        if self._contact_id is not None:
            self._contact_id = None
            self._on_client_changed()
        self._errors.label("contact").clear_error()

    def _client_zone(self) -> str:
        """The client's zone: as stored with the interaction, else the contact's now."""
        if self._draft.zone and self._contact_id == self._draft.contact_id:
            return self._draft.zone
        return self._client_calendar().zone

    def _client_calendar(self) -> WorkCalendar:
        return self._calendars.for_client(self._contact_id, self.account.currentData())

    def _has_client(self) -> bool:
        return self._contact_id is not None or self.account.currentData() is not None

    def _on_client_changed(self) -> None:
        self._refresh_time()
        self._refresh_promise_hints()

    def _local_time(self) -> dt.datetime:
        date, time = self.date_edit.date(), self.time_edit.time()
        return dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())

    def occurred_at(self) -> dt.datetime | None:
        """The typed time in my zone as a UTC instant; None when that time does not exist.

        A time that happens twice (the autumn fold) is taken as its first occurrence,
        and the dialog says so.
        """
        local = self._local_time()
        loaded = to_local(self._draft.occurred_at, self._home_zone)
        if loaded.replace(tzinfo=None, second=0, microsecond=0) == local:
            return self._draft.occurred_at  # unchanged: keep the stored instant exactly
        meaning = interpret_wall_time(self._home_zone, local)
        return meaning.instants[0] if meaning.instants else None

    def _time_problem(self) -> str:
        """Why the typed time cannot be used ("" when it can)."""
        meaning = interpret_wall_time(self._home_zone, self._local_time())
        if meaning.status != WallTimeStatus.NONEXISTENT or self.occurred_at() is not None:
            return ""
        return _(
            "%(time)s does not exist in %(zone)s that day: the clocks jump from "
            "UTC%(before)s to UTC%(after)s. Choose another time."
        ) % {
            "time": format_time(meaning.local),
            "zone": meaning.zone,
            "before": format_offset(meaning.offsets[0]),
            "after": format_offset(meaning.offsets[-1]),
        }

    def _refresh_time(self) -> None:
        when_error = self._errors.label("when")
        when_error.clear_error()
        problem = self._time_problem()
        if problem:
            when_error.show_error(problem)
        meaning = interpret_wall_time(self._home_zone, self._local_time())
        fold = meaning.status == WallTimeStatus.AMBIGUOUS and self.occurred_at() is not None
        if fold:
            taken = self.occurred_at() or meaning.instants[0]
            offset = to_local(taken, self._home_zone).utcoffset() or dt.timedelta(0)
            self.time_note.setText(
                _("%(time)s happens twice that night; taken as the one at UTC%(offset)s.")
                % {"time": format_time(meaning.local), "offset": format_offset(offset)}
            )
        self.time_note.setVisible(fold)
        instant = self.occurred_at()
        zone = self._client_zone() if self._has_client() else ""
        if instant is None or not zone:
            self.their_time.setText("")
        elif same_zone(zone, self._home_zone):
            self.their_time.setText(_("= the same time for them"))
        else:
            self.their_time.setText("= " + their_time(instant, zone))
        self.their_time.setVisible(bool(self.their_time.text()))

    # -- kind, direction, channel ----------------------------------------------------------

    def _on_kind_changed(self) -> None:
        kind = InteractionKind(self.kind.currentData())
        if not self._direction_touched:
            select_data(self.direction, DEFAULT_DIRECTION[kind].value)
        if not self._channel_touched:
            channel = DEFAULT_CHANNEL.get(kind)
            select_data(self.channel, channel.value if channel else None)

    def _on_direction_chosen(self) -> None:
        self._direction_touched = True

    def _on_channel_chosen(self) -> None:
        self._channel_touched = True

    # -- promises --------------------------------------------------------------------------

    def add_promise(
        self, description: str = "", due: dt.date | None = None, focus: bool = False
    ) -> PromiseRow:
        """A new row (due a week after the interaction unless ``due`` is given)."""
        if due is None:
            due = civil_date(self.date_edit.date()) + dt.timedelta(days=DUE_AFTER_DAYS)
        row = self.promise_rows.add(description, due)
        row.remove.clicked.connect(self._on_remove_clicked)
        row.due.dateChanged.connect(self._refresh_promise_hints)
        row.refresh_hint(self._client_calendar(), self._home_zone, self.date_edit.date().year())
        self._update_tab_order()
        if focus:
            row.description.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _on_remove_clicked(self) -> None:
        button = self.sender()
        row = next((row for row in self.promise_rows.rows if row.remove is button), None)
        if row is None:
            return
        index = self.promise_rows.rows.index(row)
        self.promise_rows.remove(row)
        self._update_tab_order()
        rows = self.promise_rows.rows
        target = rows[min(index, len(rows) - 1)].description if rows else self.add_promise_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_promise_hints(self) -> None:
        calendar = self._client_calendar()
        for row in self.promise_rows.rows:
            row.refresh_hint(calendar, self._home_zone, self.date_edit.date().year())

    # -- the draft -------------------------------------------------------------------------

    def set_draft(
        self,
        draft: InteractionDraft,
        promises: list[PromiseDraft] | None = None,
        csat: int | None = None,
    ) -> None:
        """Show ``draft`` (with the promises made in it and the client's CSAT) for editing."""
        self._draft = draft
        self.csat.set_score(csat)
        self._set_contact(draft.contact_id)
        select_id(self.account, draft.account_id, _("(account %(id)s)") % {"id": draft.account_id})
        select_data(self.kind, draft.kind.value)
        select_data(self.direction, draft.direction.value)
        select_data(self.channel, draft.channel.value if draft.channel else None)
        # What a stored interaction says was chosen; a new one follows its kind.
        self._direction_touched = self._channel_touched = True
        local = to_local(draft.occurred_at, self._home_zone)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))
        self.summary.setPlainText(draft.summary)
        self.outcome.setText(draft.outcome)
        self.follow_up.setText(draft.follow_up)
        self.sensitive.setChecked(draft.sensitive)
        self.other_people.setText(", ".join(draft.other_people))
        self._show_other_contacts(draft.other_contact_ids)
        self.promise_rows.clear()
        for promise in promises or []:
            self.add_promise(promise.description, promise.due_on)
        self._errors.clear()
        self._refresh_time()
        self._update_tab_order()

    def prefill(
        self, contact_id: int | None, now: dt.datetime, account_id: int | None = None
    ) -> None:
        """A new interaction with ``contact_id`` (or ``account_id``) at ``now`` to the minute."""
        self.set_draft(
            InteractionDraft(occurred_at=_minute(now), contact_id=contact_id, account_id=account_id)
        )
        if contact_id is not None and self._contact_id is not None:
            select_id(
                self.account,
                self._contact_account,
                _("(account %(id)s)") % {"id": self._contact_account},
            )
        self._direction_touched = self._channel_touched = False
        self._on_kind_changed()
        self._refresh_time()
        self._refresh_promise_hints()
        # With whom is known: start where the typing is, at the summary.
        (self.summary if self._has_client() else self.contact_picker).setFocus()

    def draft(self) -> InteractionDraft:
        """What the widgets say now (not validated)."""
        account = self.account.currentData()
        channel = self.channel.currentData()
        same_contact = self._contact_id == self._draft.contact_id
        return InteractionDraft(
            occurred_at=self.occurred_at() or self._draft.occurred_at,
            kind=InteractionKind(self.kind.currentData()),
            direction=Direction(self.direction.currentData()),
            channel=Channel(channel) if channel else None,
            contact_id=self._contact_id,
            account_id=int(account) if account is not None else None,
            other_contact_ids=list(self._draft.other_contact_ids),
            other_people=split_tags(self.other_people.text()),
            summary=self.summary.toPlainText().strip(),
            outcome=self.outcome.text().strip(),
            follow_up=self.follow_up.text().strip(),
            # The zone stored with it stays unless it is now with someone else.
            zone=self._draft.zone if same_contact else "",
            sensitive=self.sensitive.isChecked(),
        )

    def promises(self) -> list[PromiseDraft]:
        """The promises typed in the rows (made to the interaction's client when saved)."""
        return [
            PromiseDraft(
                description=row.description.text().strip(), due_on=civil_date(row.due.date())
            )
            for row in self.promise_rows.rows
        ]

    def feedback(self) -> FeedbackDraft | None:
        """The client's CSAT about this interaction (None: not asked), dated in their zone;
        the caller links it to the interaction once that has an id."""
        zone = self._client_zone() if self._has_client() else ""
        return csat_draft(self.csat.score(), self.draft(), zone or self._home_zone)

    # -- checking and keys -----------------------------------------------------------------

    def errors(self) -> list[FieldError]:
        """Everything wrong with what is typed, field by field."""
        draft = self.draft()
        errors: list[FieldError] = []
        if self._contact_id is None and self.contact_picker.text().strip():
            errors.append(
                FieldError("contact", _("Pick the contact from the list, or clear the field."))
            )
        problem = self._time_problem()
        if problem:
            errors.append(FieldError("when", problem))
        errors.extend(
            error
            for error in validate_interaction(draft)
            if not (error.field == "contact" and errors and errors[0].field == "contact")
        )
        for index, promise in enumerate(self.promises()):
            # Made to the interaction's client: a missing client is said once, above.
            promise.contact_id, promise.account_id = draft.contact_id, draft.account_id
            errors.extend(
                FieldError("promises", error.message, index)
                for error in validate_promise(promise)
                if error.field != "contact"
            )
        return errors

    def accept(self) -> None:
        """Close with Accepted only when nothing is wrong; otherwise show why, in place."""
        errors = self.errors()
        if not errors:
            self._errors.clear()
            super().accept()
            return
        first = self._errors.show(errors)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the name field picks a contact; it must not save the dialog too.
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if enter and not control and self.contact_picker.hasFocus():
            event.accept()
            return
        super().keyPressEvent(event)


def _minute(instant: dt.datetime) -> dt.datetime:
    return instant.replace(second=0, microsecond=0)
