"""The contact editor: everything a user can type about a person, checked field by field.

The dialog only reads and fills widgets; ``validate_contact`` decides what is wrong and
the caller (a command in the undo layer) saves the draft.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind
from relationsapp.core.names import default_name_order
from relationsapp.core.records import NO_YEAR, ContactDraft, EmailEntry, PhoneEntry, PostalAddress
from relationsapp.core.validation import MAX_RESPONSE_HOURS, MAX_TOUCH_WEEKS, validate_contact
from relationsapp.core.working_hours import country_weekend
from relationsapp.core.zones import zones_for_country
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.away_periods_editor import AwayPeriodsEditor
from relationsapp.ui.code_combo import LanguageComboBox
from relationsapp.ui.contact_editor_texts import (
    date_format_without_year,
    name_preview,
    phone_hint,
    weekend_text,
)
from relationsapp.ui.country_combo import CountryComboBox
from relationsapp.ui.edit_formats import qt_date_format, qt_time_format
from relationsapp.ui.field_error_label import FieldErrorBoard, FieldErrorLabel
from relationsapp.ui.form_helpers import (
    add_row,
    choice_combo,
    fit_to_contents,
    form_group,
    line_edit,
    notes_edit,
    record_combo,
    select_data,
    select_id,
    split_tags,
)
from relationsapp.ui.imported_extras import other_fields_label, photo_label, show_imported
from relationsapp.ui.list_field_editor import EntryListEditor, EntryTexts
from relationsapp.ui.time_zone_combo import TimeZoneComboBox, zone_offset_text
from relationsapp.ui.weekend_picker import WeekendPicker

MINUTES_PER_DAY = 24 * 60
#: A leap year: the date edit holds a year-less birthday in it, so 29 February fits.
EDIT_YEAR_UNKNOWN = 2000


class ContactEditorDialog(QDialog):
    """Edit one :class:`ContactDraft`; OK shows each problem beside its field or accepts."""

    def __init__(
        self, account_choices: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contact_editor")
        self._account_choices = list(account_choices)
        self._loading = False
        self._order_touched = False  # the user chose a name order in this dialog
        self._zone_touched = False  # the user chose a time zone in this dialog
        self._weekend_days: tuple[int, ...] | None = None  # None: the country's weekend
        #: What an import brought that this dialog shows but does not edit; kept on save.
        self._kept = ContactDraft()
        self._build_fields()
        self._build_layout()
        self._connect()
        self.set_draft(ContactDraft(), _("New contact"))

    # -- building ------------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.given_name = line_edit("given_name", _("as the person writes it, e.g. 太郎"))
        self.family_name = line_edit("family_name", _("e.g. 山田"))
        self.given_name_latin = line_edit("given_name_latin", _("in Latin letters, e.g. Taro"))
        self.family_name_latin = line_edit("family_name_latin", _("e.g. Yamada"))
        self.name_order = choice_combo("name_order", NameOrder)
        self.preview = QLabel()
        self.preview.setObjectName("name_preview")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photo = photo_label()
        self.honorific = line_edit("honorific", _("e.g. Dr., Prof."))
        self.formality = choice_combo("formality", Formality)
        self.formality.setToolTip(_("How to address this person in letters and e-mails."))
        self.job_title = line_edit("job_title")
        self.account = record_combo("account", _("(no account)"), self._account_choices)

        self.country = CountryComboBox()
        self.country.setObjectName("country")
        self.time_zone = TimeZoneComboBox()
        self.time_zone.setObjectName("time_zone")
        self.zone_offset = QLabel()
        self.zone_offset.setObjectName("zone_offset")
        self.work_start = QTimeEdit()
        self.work_start.setObjectName("work_start")
        self.work_start.setDisplayFormat(qt_time_format())
        self.work_start.setAccessibleName(_("Start of the working day"))
        self.work_end = QTimeEdit()
        self.work_end.setObjectName("work_end")
        self.work_end.setDisplayFormat(qt_time_format())
        self.work_end.setAccessibleName(_("End of the working day"))
        self.work_end.setToolTip(_("00:00 means midnight at the end of the day."))
        self.weekend = QLabel()
        self.weekend.setObjectName("weekend")
        self.weekend.setWordWrap(True)
        self.weekend_picker = WeekendPicker()

        self.street = line_edit("street")
        self.postal_code = line_edit("postal_code")
        self.city = line_edit("city")
        self.region = line_edit("region", _("state, province or prefecture"))

        self.emails = EntryListEditor(
            "emails",
            list(EmailKind),
            EntryTexts(
                add=_("Add e-mail"),
                placeholder=_("name@example.com"),
                kind_tooltip=_("Kind of e-mail address"),
                remove_tooltip=_("Remove this e-mail address"),
            ),
        )
        self.phones = EntryListEditor(
            "phones",
            list(PhoneKind),
            EntryTexts(
                add=_("Add phone"),
                placeholder=_("+45 33 12 34 56, or local with a country chosen"),
                kind_tooltip=_("Kind of phone number"),
                remove_tooltip=_("Remove this phone number"),
            ),
            hint=self._phone_hint,
        )
        self.preferred_channel = choice_combo("preferred_channel", Channel)
        self.preferred_language = LanguageComboBox()
        self.preferred_language.setObjectName("preferred_language")
        self.response_hours = QSpinBox()
        self.response_hours.setObjectName("response_hours")
        self.response_hours.setRange(0, MAX_RESPONSE_HOURS)
        self.response_hours.setToolTip(_("How soon this person usually answers, in hours."))
        self.touch_weeks = QSpinBox()
        self.touch_weeks.setObjectName("touch_weeks")
        self.touch_weeks.setRange(0, MAX_TOUCH_WEEKS)
        self._set_weeks_suffix(0)
        self.touch_weeks.valueChanged.connect(self._set_weeks_suffix)
        self.touch_weeks.setSpecialValueText(_("Off"))  # shown for 0: no reminder
        self.touch_weeks.setToolTip(
            _("How often you want to be in contact with this person; Off for no reminder.")
        )

        self.birthday = QDateEdit()
        self.birthday.setObjectName("birthday")
        self.birthday.setCalendarPopup(True)
        self.birthday.setDisplayFormat(qt_date_format())
        self.birthday.setMinimumDate(QDate(1900, 1, 1))
        self.no_birthday = QCheckBox(_("Un&known"))
        self.no_birthday.setObjectName("no_birthday")
        self.year_unknown = QCheckBox(_("Year unknown"))
        self.year_unknown.setObjectName("year_unknown")
        self.year_unknown.setToolTip(_("Only the day and month of the birthday are known."))
        self.tags = line_edit("tags", _("comma-separated, e.g. vip, trade fair"))
        self.away = AwayPeriodsEditor()
        self.notes = notes_edit("notes")
        # No mnemonic: every letter of it is taken in this dialog already (Alt+S is
        # "Street"); Tab from the notes reaches it, Space ticks it.
        self.notes_sensitive = QCheckBox(_("Notes are sensitive"))
        self.notes_sensitive.setObjectName("notes_sensitive")
        self.notes_sensitive.setToolTip(_("Sensitive notes can be left out of printed briefings."))
        self.other_fields = other_fields_label()

        self.general_error = FieldErrorLabel("general")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("buttons")

    def _build_layout(self) -> None:
        board = self._errors = FieldErrorBoard(self.general_error)

        def error(field: str, focus: QWidget) -> FieldErrorLabel:
            label_ = FieldErrorLabel(field)
            board.add_field(field, label_, focus)
            return label_

        name_group, form = form_group(_("Name"))
        name_error = error("name", self.given_name)
        add_row(form, _("&Given name:"), self.given_name, self.given_name, name_error)
        add_row(form, _("&Family name:"), self.family_name, self.family_name)
        add_row(form, _("Given name (&Latin):"), self.given_name_latin, self.given_name_latin)
        add_row(form, _("Famil&y name (Latin):"), self.family_name_latin, self.family_name_latin)
        add_row(form, _("Name &order:"), self.name_order, self.name_order)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview, 1)
        preview_row.addWidget(self.photo)
        add_row(form, _("Shown as:"), preview_row, None)
        add_row(form, _("&Honorific:"), self.honorific, self.honorific)
        add_row(form, _("Form of a&ddress:"), self.formality, self.formality)
        add_row(form, _("&Job title:"), self.job_title, self.job_title)
        add_row(form, _("&Account:"), self.account, self.account)

        place_group, form = form_group(_("Country and time"))
        add_row(form, _("&Country:"), self.country, self.country, error("country", self.country))
        zone_row = QHBoxLayout()
        zone_row.addWidget(self.time_zone, 1)
        zone_row.addWidget(self.zone_offset)
        add_row(
            form, _("Time &zone:"), zone_row, self.time_zone, error("time_zone", self.time_zone)
        )
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.work_start)
        hours_row.addWidget(QLabel(_("to")))
        hours_row.addWidget(self.work_end)
        hours_row.addStretch(1)
        add_row(
            form,
            _("&Working hours:"),
            hours_row,
            self.work_start,
            error("work_hours", self.work_start),
        )
        add_row(form, _("Weekend:"), self.weekend, None)
        add_row(form, "", self.weekend_picker, None)

        address_group, form = form_group(_("Postal address"))
        add_row(form, _("&Street:"), self.street, self.street)
        add_row(form, _("&Postal code:"), self.postal_code, self.postal_code)
        add_row(form, _("C&ity:"), self.city, self.city)
        add_row(form, _("&Region:"), self.region, self.region)

        reach_group, form = form_group(_("Reaching them"))
        self._list_captions = {
            self.emails: add_row(form, _("E-&mail addresses:"), self.emails, None),
            self.phones: add_row(form, _("Phone &numbers:"), self.phones, None),
        }
        add_row(form, _("Pr&eferred channel:"), self.preferred_channel, self.preferred_channel)
        add_row(
            form,
            _("Preferred lang&uage:"),
            self.preferred_language,
            self.preferred_language,
            error("preferred_language", self.preferred_language),
        )
        add_row(
            form,
            _("E&xpected reply within (hours):"),
            self.response_hours,
            self.response_hours,
            error("response_hours", self.response_hours),
        )
        add_row(
            form,
            _("Stay in touch e&very:"),
            self.touch_weeks,
            self.touch_weeks,
            error("touch_weeks", self.touch_weeks),
        )
        board.add_list("emails", self.emails)
        board.add_list("phones", self.phones)
        board.add_list("away", self.away)

        personal_group, form = form_group(_("Personal"))
        birthday_row = QHBoxLayout()
        birthday_row.addWidget(self.birthday)
        birthday_row.addWidget(self.year_unknown)
        birthday_row.addWidget(self.no_birthday)
        birthday_row.addStretch(1)
        add_row(
            form, _("&Birthday:"), birthday_row, self.birthday, error("birthday", self.birthday)
        )
        add_row(form, _("&Tags:"), self.tags, self.tags)
        add_row(form, _("Away:"), self.away, None)
        add_row(form, _("N&otes:"), self.notes, self.notes)
        add_row(form, "", self.notes_sensitive, None)
        self._other_caption = add_row(
            form, _("Other fields (from an import):"), self.other_fields, None
        )

        left = QVBoxLayout()
        for group in (name_group, place_group, address_group):
            left.addWidget(group)
        left.addStretch(1)
        right = QVBoxLayout()
        for group in (reach_group, personal_group):
            right.addWidget(group)
        right.addStretch(1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setBackgroundRole(QPalette.ColorRole.Window)
        self._scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._fitted = False

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)
        ok.setObjectName("ok")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

        name_error = self._errors.label("name")
        for edit in (
            self.given_name,
            self.family_name,
            self.given_name_latin,
            self.family_name_latin,
        ):
            edit.textEdited.connect(name_error.clear_error)
            edit.textChanged.connect(self._update_preview)
        self.name_order.currentIndexChanged.connect(self._update_preview)
        self.name_order.activated.connect(self._on_order_chosen)
        self.country.codeChanged.connect(self._on_country_changed)
        self.country.codeChanged.connect(self._errors.label("country").clear_error)
        self.time_zone.zoneChanged.connect(self._on_zone_changed)
        self.time_zone.userChanged.connect(self._on_zone_chosen)
        for time_edit in (self.work_start, self.work_end):
            time_edit.timeChanged.connect(self._errors.label("work_hours").clear_error)
        self.preferred_language.editTextChanged.connect(
            self._errors.label("preferred_language").clear_error
        )
        self.response_hours.valueChanged.connect(self._errors.label("response_hours").clear_error)
        self.touch_weeks.valueChanged.connect(self._errors.label("touch_weeks").clear_error)
        self.birthday.dateChanged.connect(self._errors.label("birthday").clear_error)
        self.no_birthday.toggled.connect(self._errors.label("birthday").clear_error)
        self.no_birthday.toggled.connect(self._on_no_birthday)
        self.year_unknown.toggled.connect(self._show_year)
        self.weekend_picker.changed.connect(self._on_weekend_picked)
        self.emails.rowsChanged.connect(self._update_tab_order)
        self.away.changed.connect(self._update_tab_order)
        self.phones.rowsChanged.connect(self._update_tab_order)

    def _update_tab_order(self) -> None:
        """Tab follows the columns top to bottom, including rows added later."""
        chain: list[QWidget] = [
            self.given_name,
            self.family_name,
            self.given_name_latin,
            self.family_name_latin,
            self.name_order,
            self.honorific,
            self.formality,
            self.job_title,
            self.account,
            self.country,
            self.time_zone,
            self.work_start,
            self.work_end,
            *self.weekend_picker.day_boxes(),
            self.street,
            self.postal_code,
            self.city,
            self.region,
            *self.emails.focus_chain(),
            *self.phones.focus_chain(),
            self.preferred_channel,
            self.preferred_language,
            self.response_hours,
            self.touch_weeks,
            self.birthday,
            self.year_unknown,
            self.no_birthday,
            self.tags,
            *self.away.focus_chain(),
            self.notes,
            self.notes_sensitive,
            *self.buttons.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        # A list's mnemonic goes to its first row; with no rows, to "Add" (which adds one).
        for editor, caption in self._list_captions.items():
            caption.setBuddy(editor.focus_chain()[1 if editor.rows() else 0])

    # -- reacting to the user ------------------------------------------------------------

    def _set_weeks_suffix(self, weeks: int) -> None:
        # " week" or " weeks" (and Finnish/Danish plurals) for the number shown.
        self.touch_weeks.setSuffix(ngettext(" week", " weeks", weeks))

    def _on_no_birthday(self, checked: bool) -> None:
        self.birthday.setEnabled(not checked)
        self.year_unknown.setEnabled(not checked)

    def _show_year(self, _checked: bool = False) -> None:
        """Show the birthday with its year, or day and month only when the year is unknown."""
        unknown = self.year_unknown.isChecked()
        if unknown:
            date = self.birthday.date()
            self.birthday.setDate(QDate(EDIT_YEAR_UNKNOWN, date.month(), date.day()))
        edit_format = qt_date_format()
        self.birthday.setDisplayFormat(
            date_format_without_year(edit_format) if unknown else edit_format
        )
        self.birthday.setCalendarPopup(not unknown)  # a calendar would show a year

    def _on_order_chosen(self) -> None:
        self._order_touched = True

    def _on_zone_chosen(self) -> None:
        self._zone_touched = True

    def _on_country_changed(self, code: str) -> None:
        zones = zones_for_country(code) if self.country.has_code(code) else []
        self.time_zone.set_country_zones(zones)
        if not self._loading and self.country.has_code(code):
            if not self._order_touched:
                select_data(self.name_order, default_name_order(code).value)
            # Fill the zone unless the user picked one; a zone of another country goes.
            zone = self.time_zone.zone()
            if zones and zone not in zones and (not self._zone_touched or not zone):
                self.time_zone.set_zone(zones[0])
        self._update_weekend()
        self.phones.refresh_hints()

    def _on_zone_changed(self, zone: str) -> None:
        self.zone_offset.setText(zone_offset_text(zone))
        self._errors.label("time_zone").clear_error()

    def _on_weekend_picked(self) -> None:
        self._weekend_days = self.weekend_picker.value()
        self._update_weekend()

    def _update_weekend(self) -> None:
        code = self.country.code()
        self.weekend_picker.set_country_days(
            country_weekend(code if self.country.has_code(code) else "")
        )
        self.weekend.setText(
            weekend_text(code if self.country.has_code(code) else "", self._weekend_days)
        )

    def _update_preview(self) -> None:
        self.preview.setText(
            name_preview(
                self.given_name.text(),
                self.family_name.text(),
                self.given_name_latin.text(),
                self.family_name_latin.text(),
                NameOrder(self.name_order.currentData()),
            )
        )

    def _phone_hint(self, number: str) -> str:
        return phone_hint(number, self.country.code())

    # -- the draft -----------------------------------------------------------------------

    def set_draft(self, draft: ContactDraft, title: str) -> None:
        """Show ``draft`` for editing under the window title ``title``."""
        self._loading = True
        try:
            self.setWindowTitle(title)
            self._weekend_days = draft.weekend_days
            self.weekend_picker.set_value(country_weekend(draft.country), draft.weekend_days)
            self.given_name.setText(draft.given_name)
            self.family_name.setText(draft.family_name)
            self.given_name_latin.setText(draft.given_name_latin)
            self.family_name_latin.setText(draft.family_name_latin)
            select_data(self.name_order, draft.name_order.value)
            self.honorific.setText(draft.honorific)
            select_data(self.formality, draft.formality.value)
            self.job_title.setText(draft.job_title)
            select_id(
                self.account, draft.account_id, _("(account %(id)s)") % {"id": draft.account_id}
            )
            self.country.set_code(draft.country)
            self._on_country_changed(self.country.code())
            self.time_zone.set_zone(draft.time_zone)
            self._on_zone_changed(self.time_zone.zone())
            self.work_start.setTime(_minutes_to_time(draft.work_start))
            self.work_end.setTime(_minutes_to_time(draft.work_end))
            self.street.setText(draft.address.street)
            self.postal_code.setText(draft.address.postal_code)
            self.city.setText(draft.address.city)
            self.region.setText(draft.address.region)
            self.emails.set_entries([(e.address, e.kind.value) for e in draft.emails])
            self.phones.set_entries([(p.number, p.kind.value) for p in draft.phones])
            select_data(self.preferred_channel, draft.preferred_channel.value)
            self.preferred_language.set_code(draft.preferred_language)
            self.response_hours.setValue(draft.response_hours)
            self.touch_weeks.setValue(draft.touch_weeks)
            self.no_birthday.setChecked(draft.birthday is None)
            self._on_no_birthday(draft.birthday is None)
            birthday = draft.birthday
            no_year = birthday is not None and birthday.year == NO_YEAR
            if birthday is not None:
                year = EDIT_YEAR_UNKNOWN if no_year else birthday.year
                self.birthday.setDate(QDate(year, birthday.month, birthday.day))
            self.year_unknown.setChecked(no_year)
            self._show_year()
            self.tags.setText(", ".join(draft.tags))
            self.notes.setPlainText(draft.notes)
            self.notes_sensitive.setChecked(draft.notes_sensitive)
            self.away.set_periods(draft.away)
            self._kept = draft
            show_imported(draft, self.photo, self.other_fields, self._other_caption)
        finally:
            self._loading = False
        # A stored order that differs from the country's usual one was someone's choice.
        self._order_touched = draft.name_order != default_name_order(draft.country)
        self._zone_touched = False
        self._errors.clear()
        self._update_preview()
        self._update_tab_order()

    def draft(self) -> ContactDraft:
        """What the widgets say now (not validated, not normalised)."""
        account = self.account.currentData()
        return ContactDraft(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            given_name_latin=self.given_name_latin.text(),
            family_name_latin=self.family_name_latin.text(),
            name_order=NameOrder(self.name_order.currentData()),
            honorific=self.honorific.text(),
            formality=Formality(self.formality.currentData()),
            job_title=self.job_title.text(),
            account_id=int(account) if account is not None else None,
            emails=[EmailEntry(text, EmailKind(kind)) for text, kind in self.emails.entries()],
            phones=[PhoneEntry(text, PhoneKind(kind)) for text, kind in self.phones.entries()],
            address=PostalAddress(
                street=self.street.text(),
                postal_code=self.postal_code.text(),
                city=self.city.text(),
                region=self.region.text(),
            ),
            country=self.country.code(),
            time_zone=self.time_zone.zone(),
            work_start=_time_to_minutes(self.work_start.time()),
            work_end=_time_to_minutes(self.work_end.time()) or MINUTES_PER_DAY,
            weekend_days=self._weekend_days,
            preferred_language=self.preferred_language.code(),
            preferred_channel=Channel(self.preferred_channel.currentData()),
            response_hours=self.response_hours.value(),
            touch_weeks=self.touch_weeks.value(),
            birthday=self._birthday(),
            tags=split_tags(self.tags.text()),
            notes=self.notes.toPlainText(),
            notes_sensitive=self.notes_sensitive.isChecked(),
            away=self.away.periods(),
            other_fields=list(self._kept.other_fields),
            photo=self._kept.photo,
            photo_type=self._kept.photo_type,
            external_uid=self._kept.external_uid,
        )

    def _birthday(self) -> dt.date | None:
        if self.no_birthday.isChecked():
            return None
        date = _qdate_to_date(self.birthday.date())
        return date.replace(year=NO_YEAR) if self.year_unknown.isChecked() else date

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:  # once, when the rows of the first draft are in
            self._fitted = True
            fit_to_contents(self, self._scroll, self.buttons)
        super().showEvent(event)

    # -- OK ------------------------------------------------------------------------------

    def accept(self) -> None:
        """Close with Accepted only when ``validate_contact`` finds nothing wrong."""
        errors = validate_contact(self.draft())
        if not errors:
            self._errors.clear()
            super().accept()
            return
        first = self._errors.show(errors)
        if first is not None:
            self._scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)


def _minutes_to_time(minutes: int) -> QTime:
    hours, rest = divmod(minutes % MINUTES_PER_DAY, 60)
    return QTime(hours, rest)


def _time_to_minutes(time: QTime) -> int:
    return time.hour() * 60 + time.minute()


def _qdate_to_date(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())
