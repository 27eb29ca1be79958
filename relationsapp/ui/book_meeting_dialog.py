"""Book a meeting: a local time in a zone, checked for DST gaps and folds, never shifted.

The organiser types a date and a time in a zone. If that wall time does not exist (the
spring gap) the dialog says so and refuses; if it happens twice (the autumn fold) the
organiser must pick which of the two instants is meant. Each participant's own local
time is shown as it will be.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.meeting_service import MeetingDraft, attendee_times, validate_meeting
from relationsapp.core.wall_time import (
    UnknownZoneError,
    WallTime,
    WallTimeStatus,
    format_offset,
    interpret_wall_time,
)
from relationsapp.core.zones import to_local
from relationsapp.i18n.formatting import format_date_and_time, format_time, format_weekday
from relationsapp.i18n.translate import _
from relationsapp.ui.edit_formats import qt_date_format, qt_time_format
from relationsapp.ui.field_error_label import FieldErrorLabel
from relationsapp.ui.form_helpers import line_edit, notes_edit
from relationsapp.ui.time_zone_combo import TimeZoneComboBox


class BookMeetingDialog(QDialog):
    """Title, start (date + time + zone), duration, location, agenda; shows everyone's time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("book_meeting")
        self._draft = MeetingDraft()
        self.title_edit = line_edit("title", _("e.g. Revised quote for the pump line"))
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(qt_date_format())
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("time")
        self.time_edit.setDisplayFormat(qt_time_format())
        self.zone_combo = TimeZoneComboBox()
        self.zone_combo.setObjectName("zone")
        self.duration = QSpinBox()
        self.duration.setObjectName("duration")
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(_(" min"))
        self.location = line_edit("location", _("address, room or video link"))
        self.agenda = notes_edit("agenda")
        self.agenda.setMaximumHeight(90)

        self.status = FieldErrorLabel("start")
        self.earlier = QRadioButton()
        self.earlier.setObjectName("fold_earlier")
        self.later = QRadioButton()
        self.later.setObjectName("fold_later")
        self.fold_choice = QButtonGroup(self)
        self.fold_choice.addButton(self.earlier)
        self.fold_choice.addButton(self.later)
        self.times = QLabel()
        self.times.setObjectName("attendee_times")
        self.times.setWordWrap(True)
        self.title_error = FieldErrorLabel("title")

        start_row = QHBoxLayout()
        for widget in (self.date_edit, self.time_edit, self.zone_combo):
            start_row.addWidget(widget)
        fold_box = QVBoxLayout()
        fold_box.addWidget(self.status)
        fold_box.addWidget(self.earlier)
        fold_box.addWidget(self.later)
        form = QFormLayout()
        title_box = QVBoxLayout()
        title_box.addWidget(self.title_edit)
        title_box.addWidget(self.title_error)
        form.addRow(self._caption(_("&Title:"), self.title_edit), title_box)
        form.addRow(self._caption(_("&Starts:"), self.date_edit), start_row)
        form.addRow("", fold_box)
        form.addRow(self._caption(_("&Duration:"), self.duration), self.duration)
        form.addRow(self._caption(_("&Location:"), self.location), self.location)
        form.addRow(self._caption(_("A&genda:"), self.agenda), self.agenda)
        form.addRow(_("Their times:"), self.times)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Book"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        for signal in (
            self.date_edit.dateChanged,
            self.time_edit.timeChanged,
            self.zone_combo.zoneChanged,
            self.duration.valueChanged,
        ):
            signal.connect(self._refresh)
        self.fold_choice.buttonToggled.connect(lambda _button, _checked: self._refresh())
        self._fold_for: WallTime | None = None
        self.title_edit.textEdited.connect(lambda _text: self.title_error.clear_error())

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        caption = QLabel(text)
        caption.setBuddy(buddy)
        return caption

    # -- the draft -------------------------------------------------------------------------

    def set_draft(self, draft: MeetingDraft, title: str) -> None:
        """Show ``draft``; its start appears as a local time in the organiser's zone."""
        self.setWindowTitle(title)
        self._draft = draft
        local = to_local(draft.start_utc, draft.organiser_zone)
        self.title_edit.setText(draft.title)
        self.zone_combo.set_zone(draft.organiser_zone)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))
        self.duration.setValue(draft.duration_minutes)
        self.location.setText(draft.location)
        self.agenda.setPlainText(draft.agenda)
        self._refresh()

    def wall_time(self) -> WallTime | None:
        """What the typed date, time and zone mean; None for an unknown zone."""
        date, time = self.date_edit.date(), self.time_edit.time()
        local = dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
        try:
            return interpret_wall_time(self.zone_combo.zone(), local)
        except UnknownZoneError:
            return None

    def chosen_start(self) -> dt.datetime | None:
        """The start instant, or None while the typed time is impossible or undecided."""
        meaning = self.wall_time()
        if meaning is None or meaning.status == WallTimeStatus.NONEXISTENT:
            return None
        if meaning.status == WallTimeStatus.AMBIGUOUS:
            if not (self.earlier.isChecked() or self.later.isChecked()):
                return None
            return meaning.instants[0 if self.earlier.isChecked() else 1]
        return meaning.instants[0]

    def draft(self) -> MeetingDraft:
        start = self.chosen_start() or self._draft.start_utc
        return MeetingDraft(
            title=self.title_edit.text().strip(),
            start_utc=start,
            duration_minutes=self.duration.value(),
            organiser_zone=self.zone_combo.zone(),
            location=self.location.text().strip(),
            agenda=self.agenda.toPlainText().rstrip(),
            attendees=list(self._draft.attendees),
        )

    # -- checking --------------------------------------------------------------------------

    def _refresh(self) -> None:
        meaning = self.wall_time()
        self.status.clear_error()
        fold = meaning is not None and meaning.status == WallTimeStatus.AMBIGUOUS
        if fold and meaning != self._fold_for:
            self._forget_fold_choice()  # a choice made for another time means nothing here
        self._fold_for = meaning if fold else None
        self.earlier.setVisible(fold)
        self.later.setVisible(fold)
        if meaning is None:
            self.status.show_error(
                _("“%(zone)s” is not a time zone.") % {"zone": self.zone_combo.zone()}
            )
        elif meaning.status == WallTimeStatus.NONEXISTENT:
            self.status.show_error(
                _(
                    "%(time)s does not exist in %(zone)s that day: the clocks jump from "
                    "UTC%(before)s to UTC%(after)s. Choose another time."
                )
                % {
                    "time": format_time(meaning.local),
                    "zone": meaning.zone,
                    "before": format_offset(meaning.offsets[0]),
                    "after": format_offset(meaning.offsets[-1]),
                }
            )
        elif fold:
            self.status.show_error(
                _("%(time)s happens twice in %(zone)s that day. Which one do you mean?")
                % {"time": format_time(meaning.local), "zone": meaning.zone}
            )
            for button, instant in (
                (self.earlier, meaning.instants[0]),
                (self.later, meaning.instants[1]),
            ):
                local = to_local(instant, meaning.zone)
                offset = format_offset(local.utcoffset() or dt.timedelta(0))
                button.setText(
                    _("%(time)s UTC%(offset)s (%(utc)s UTC)")
                    % {"time": format_time(local), "offset": offset, "utc": format_time(instant)}
                )
        self._show_times()
        start_known = self.chosen_start() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(start_known)

    def _forget_fold_choice(self) -> None:
        blocked = self.fold_choice.blockSignals(True)
        self.fold_choice.setExclusive(False)  # an exclusive group cannot be all unchecked
        self.earlier.setChecked(False)
        self.later.setChecked(False)
        self.fold_choice.setExclusive(True)
        self.fold_choice.blockSignals(blocked)

    def _show_times(self) -> None:
        start = self.chosen_start()
        if start is None or not self._draft.attendees:
            self.times.setText("")
            return
        draft = self.draft()
        lines = [
            _("%(name)s: %(weekday)s %(start)s–%(end)s (%(zone)s)")
            % {
                "name": time.attendee.label,
                "weekday": format_weekday(time.local_start.date()),
                "start": format_time(time.local_start),
                "end": format_time(time.local_end),
                "zone": time.attendee.zone,
            }
            for time in attendee_times(draft)
        ]
        self.times.setText("\n".join(lines))

    def accept(self) -> None:
        draft = self.draft()
        errors = validate_meeting(draft)
        for error in errors:
            if error.field == "title":
                self.title_error.show_error(error.message)
                self.title_edit.setFocus()
        if errors or self.chosen_start() is None:
            return
        super().accept()


def describe_start(draft: MeetingDraft) -> str:
    """``torsdag den 11. marts 2027 15.00`` in the organiser's zone, for lists."""
    return format_date_and_time(
        to_local(draft.start_utc, draft.organiser_zone).replace(tzinfo=None)
    )
