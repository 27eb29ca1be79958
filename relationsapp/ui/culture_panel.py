"""The Culture panel: follows what is selected and shows the person before the country.

For a contact: how to address them and their own ways, then their country's profile
(facts from the libraries, the team's notes, the Culture Map) and "you and them".
An account shows its notes and country; a meeting every participant and country.
The panel renders on the next turn of the event loop, so arrowing through a list
builds it once for the row you stop on, and not at all while it is hidden.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.culture_topics import SCALES_BY_KEY, topic_title
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.services import Services
from relationsapp.core.zones import now_utc, to_local, zone_country
from relationsapp.i18n.formatting import country_name
from relationsapp.i18n.translate import _, ngettext
from relationsapp.storage.app_settings import AppSettings
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.country_combo import CountryComboBox

if TYPE_CHECKING:
    # Imported when first used: they load SQLAlchemy and the holidays package, which
    # the first window does not need (start-up time is measured).
    from relationsapp.core.business_time import WorkCalendar
    from relationsapp.core.culture_notes import StoredState
    from relationsapp.core.meeting_service import MeetingDetails


# Longer than a key's auto-repeat (about 33 ms), so holding an arrow key down in a list
# renders the panel once, for the row the user stops on. It also lets the first window
# paint before the panel loads what it needs (Babel data, phonenumbers, holidays).
RENDER_DELAY_MS = 40


@dataclass(frozen=True)
class _Subject:
    """What the panel shows: people (contacts), an account, and/or bare countries."""

    contact_ids: tuple[int, ...] = ()
    account_id: int | None = None
    countries: tuple[str, ...] = ()


class CulturePanel(QDockWidget):
    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        home_zone: str,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Culture"), parent)
        self.setObjectName("culture_panel")
        self._services = services
        self._undo = undo_stack
        self._notifier = notifier
        self._home_zone = home_zone
        self._settings = settings
        self._subject = _Subject()
        self._shown: _Subject | None = None  # what the browser holds now
        self._stale = False  # the data behind ``_shown`` changed

        self.country_combo = CountryComboBox()
        self.country_combo.setObjectName("culture_country")
        self.country_combo.setToolTip(_("Look at any country's profile"))
        self.country_combo.codeChanged.connect(self._on_country_chosen)
        # No mnemonic: the letters are taken by the pages beside the panel.
        country_label = QLabel(_("Country:"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("culture_text")
        self.browser.setOpenLinks(False)  # user text never makes the panel follow a link
        self.browser.anchorClicked.connect(self._on_link)
        self.export_button = QPushButton(_("E&xport notes…"))
        self.export_button.setObjectName("culture_export")
        self.export_button.clicked.connect(lambda: self.export_notes())
        self.import_button = QPushButton(_("I&mport notes…"))
        self.import_button.setObjectName("culture_import")
        self.import_button.clicked.connect(lambda: self.import_notes())

        top = QHBoxLayout()
        top.addWidget(country_label)
        top.addWidget(self.country_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        body = QWidget()
        # Wide enough for a fact table beside its labels; the user can drag it wider.
        body.setMinimumWidth(360)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.update_contents)
        notifier.culture_changed.connect(self.refresh)
        notifier.contacts_changed.connect(self.refresh)
        notifier.accounts_changed.connect(self.refresh)
        self.visibilityChanged.connect(self._on_visibility_changed)
        self._schedule()

    # --- what to show ---------------------------------------------------------------

    def show_contact(self, contact_id: int | None) -> None:
        self._follow(_Subject(contact_ids=(contact_id,) if contact_id is not None else ()))

    def show_account(self, account_id: int | None) -> None:
        self._follow(_Subject(account_id=account_id))

    def show_meeting(self, meeting: MeetingDetails | None) -> None:
        if meeting is None:
            self._follow(_Subject())
            return
        attendees = meeting.draft.attendees
        contact_ids = tuple(a.contact_id for a in attendees if a.contact_id is not None)
        places = tuple(dict.fromkeys(a.country for a in attendees if a.contact_id is None))
        self._follow(_Subject(contact_ids=contact_ids, countries=places))

    def show_country(self, country: str) -> None:
        self._follow(_Subject(countries=(country,) if country else ()))

    def _follow(self, subject: _Subject) -> None:
        if subject != self._subject:
            self._subject = subject
            self._schedule()

    def _on_country_chosen(self, code: str) -> None:
        if code and self._subject.countries != (code,):
            self.show_country(code)

    def refresh(self) -> None:
        """Show the same subject again (its data changed)."""
        self._stale = True
        self._schedule()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._schedule()

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start(RENDER_DELAY_MS)

    # --- rendering --------------------------------------------------------------------

    def update_contents(self) -> None:
        from relationsapp.core.business_time import calendar_for_contact
        from relationsapp.core.person_brief import person_brief
        from relationsapp.ui.culture_html import STYLE, account_html, person_html

        if self.isHidden() or (self._subject == self._shown and not self._stale):
            return
        same_subject = self._subject == self._shown
        scroll = self.browser.verticalScrollBar().value()
        now = now_utc()
        parts: list[str] = []
        countries: list[str] = []
        calendars: dict[str, WorkCalendar] = {}
        for contact_id in self._subject.contact_ids:
            try:
                details = self._services.contacts.get(contact_id)
            except RecordNotFound:
                continue
            brief = person_brief(details, to_local(now, self._home_zone).date())
            parts.append(person_html(brief))
            country = details.draft.country or self._account_country(details.draft.account_id)
            if country and country not in countries:
                countries.append(country)
                if (calendar := calendar_for_contact(details.draft)) is not None:
                    calendars[country] = calendar
        if self._subject.account_id is not None:
            try:
                account = self._services.accounts.get(self._subject.account_id).draft
            except RecordNotFound:
                account = None
            if account is not None:
                parts.append(account_html(account.name, account.notes))
                if account.country:
                    countries.append(account.country)
        countries += [code for code in self._subject.countries if code and code not in countries]
        for country in countries:
            parts.append(self._country_part(country, calendars.get(country), now))
        self._show_country_in_combo(countries)
        if not parts:
            parts.append(
                "<p>"
                + _("Select a contact, an account or a meeting, or choose a country above.")
                + "</p>"
            )
        self.browser.setHtml(STYLE + "".join(parts))
        if same_subject:
            self.browser.verticalScrollBar().setValue(scroll)
        self._shown, self._stale = self._subject, False

    def _account_country(self, account_id: int | None) -> str:
        if account_id is None:
            return ""
        try:
            return self._services.accounts.get(account_id).draft.country
        except RecordNotFound:
            return ""

    def _country_part(self, country: str, calendar: WorkCalendar | None, now: dt.datetime) -> str:
        from relationsapp.core.business_time import WorkCalendar, calendar_for_country
        from relationsapp.core.country_facts import country_facts
        from relationsapp.core.culture_comparison import compare_cultures
        from relationsapp.ui.culture_html import comparison_html, country_html

        try:
            facts = country_facts(country, now)
        except ValueError:  # a code the libraries do not know: say so, show nothing false
            return "<p>" + _("No profile for the country code “%(code)s”.") % {"code": country}
        notes = self._services.culture.profile(country)
        today = to_local(now, self._home_zone).date()
        my_country = zone_country(self._home_zone)
        theirs = calendar or calendar_for_country(country)
        comparison = ""
        if my_country and my_country != country and theirs is not None:
            mine = WorkCalendar(zone=self._home_zone, country=my_country)
            compared = compare_cultures(
                mine, theirs, self._services.culture.profile(my_country), notes, now
            )
            comparison = comparison_html(compared, self._home_zone, theirs.zone)
        return country_html(facts, notes, today, comparison)

    def _show_country_in_combo(self, countries: list[str]) -> None:
        if len(countries) == 1:
            blocked = self.country_combo.blockSignals(True)
            self.country_combo.set_code(countries[0])
            self.country_combo.blockSignals(blocked)

    # --- editing ----------------------------------------------------------------------

    def _author(self) -> str:
        return self._settings.author_name or getpass.getuser()

    def _remember_author(self, author: str) -> None:
        if author and author != self._settings.author_name:
            self._settings.author_name = author
            self._settings.save()

    def _today(self) -> dt.date:
        return to_local(now_utc(), self._home_zone).date()

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() != "action":
            return
        action, _sep, rest = url.path().partition(":")
        country, _sep, topic = rest.partition(":")
        if action == "edit" and topic:
            self.edit_note(country, topic)
        elif action == "delete" and topic:
            self.delete_note(country, topic)
        elif action == "scales":
            self.edit_scales(country)

    def edit_note(self, country: str, topic: str) -> None:
        from relationsapp.core.culture_notes import CultureNote, saved_state
        from relationsapp.ui.culture_note_dialog import CultureNoteDialog

        current = self._services.culture.profile(country).get(topic)
        note = current or CultureNote(country, topic)
        dialog = CultureNoteDialog(note, topic_title(topic), self._author(), self._today(), self)
        if dialog.exec():
            after = dialog.note()
            self._remember_author(after.author)
            text = _("Edit culture note “%(topic)s” (%(country)s)") % {
                "topic": topic_title(topic),
                "country": country_name(country),
            }
            self._push([saved_state(after)], text)

    def delete_note(self, country: str, topic: str) -> None:
        from relationsapp.core.culture_notes import removed_state

        state = removed_state(self._services.culture.state(country, topic), country, topic)
        text = _("Delete culture note “%(topic)s” (%(country)s)") % {
            "topic": topic_title(topic),
            "country": country_name(country),
        }
        self._push([state], text)
        self._status(_("Note deleted. Press Ctrl+Z to undo."))

    def edit_scales(self, country: str) -> None:
        from relationsapp.core.culture_notes import removed_state, saved_state
        from relationsapp.ui.culture_note_dialog import CultureScalesDialog

        profile = self._services.culture.profile(country)
        positions = {key: note for key, note in profile.items() if key in SCALES_BY_KEY}
        dialog = CultureScalesDialog(country, positions, self._author(), self._today(), self)
        if not dialog.exec():
            return
        states = []
        for key, note in dialog.positions().items():
            if note is None:
                states.append(
                    removed_state(self._services.culture.state(country, key), country, key)
                )
            else:
                self._remember_author(note.author)
                states.append(saved_state(note))
        if states:
            text = _("Edit Culture Map of %(country)s") % {"country": country_name(country)}
            self._push(states, text)

    def _push(self, states: list[StoredState], text: str) -> None:
        from relationsapp.ui.undo_commands import ChangeCultureNotesCommand

        self._undo.push(
            ChangeCultureNotesCommand(self._services.culture, self._notifier, states, text)
        )

    def _status(self, message: str) -> None:
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(message, 8000)

    # --- sharing ------------------------------------------------------------------------

    def export_notes(self, path: str | None = None) -> Path | None:
        """Save the team's notes (not the starters) as a JSON file a colleague can import."""
        from relationsapp.interop.culture_notes_file import write_notes_file

        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export culture notes"),
                "culture-notes.json",
                _("Culture notes (*.json)"),
            )
            if not path:
                return None
        notes = self._services.culture.stored_notes()
        target = Path(path)
        try:
            write_notes_file(target, notes, now_utc())
        except OSError as error:
            QMessageBox.warning(
                self,
                _("Export culture notes"),
                _("%(file)s could not be written: %(error)s")
                % {"file": target.name, "error": error.strerror or error},
            )
            return None
        self._status(
            ngettext("Exported %(count)d note.", "Exported %(count)d notes.", len(notes))
            % {"count": len(notes)}
        )
        return target

    def import_notes(self, path: str | None = None) -> str | None:
        """Merge a colleague's notes (the newer review wins); returns the report shown."""
        from relationsapp.core.culture_notes import saved_state
        from relationsapp.interop.culture_notes_file import (
            CultureFileError,
            plan_import,
            read_notes_file,
        )

        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import culture notes"), "", _("Culture notes (*.json)")
            )
            if not path:
                return None
        try:
            incoming = read_notes_file(Path(path))
        except CultureFileError as error:
            QMessageBox.warning(self, _("Import culture notes"), str(error))
            return None
        plan = plan_import(incoming, self._services.culture.stored_notes())
        if plan.changes:
            name = Path(path).name
            text = _("Import culture notes from %(file)s") % {"file": name}
            self._push([saved_state(note) for note in plan.changes], text)
        report = _(
            "%(added)d new, %(updated)d updated, %(kept)d kept (yours were as new or newer)."
        ) % {"added": len(plan.added), "updated": len(plan.updated), "kept": len(plan.kept)}
        self._status(report)
        return report
