"""Merge two contacts: both side by side, one choice per field, one undoable step.

Each row shows a field of this contact and of the other one with a radio button on
each side; lists (e-mails, phones, tags, other fields, absences) and the notes also
offer "Both". The defaults come from ``core.contact_merge.default_choices``: the
filled-in side, the newer one where both differ, both for lists and notes. Rows where
the two contacts agree are shown without a choice; rows empty on both sides are left
out. A line under the rows says what history the kept contact will hold.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import label
from relationsapp.core.contact_merge import (
    LIST_FIELDS,
    NOTES,
    SCALAR_FIELDS,
    Side,
    default_choices,
    history_counts,
    is_empty,
    merged_draft,
)
from relationsapp.core.contact_service import checked_contact
from relationsapp.core.errors import ValidationFailed
from relationsapp.core.names import join_name
from relationsapp.core.records import NO_YEAR, ContactDetails, ContactDraft
from relationsapp.core.validation import format_phone
from relationsapp.i18n.formatting import (
    country_name,
    format_date,
    format_minutes_of_day,
    language_name,
    ui_locale,
)
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.merge_commands import MergeContactsCommand

if TYPE_CHECKING:
    from relationsapp.core.services import Services

_ROW_ORDER = (
    "name",
    "latin_name",
    "form_of_address",
    "job_title",
    "account",
    "emails",
    "phones",
    "address",
    "country",
    "time_zone",
    "working_hours",
    "language",
    "channel",
    "touch",
    "birthday",
    "tags",
    "other_fields",
    "away",
    NOTES,
    "photo",
)
_NOTES_PREVIEW = 300
_COLUMNS = {Side.KEEP: 1, Side.OTHER: 2, Side.BOTH: 3}


def _row_titles() -> dict[str, str]:
    return {
        "name": _("Name"),
        "latin_name": _("Name in Latin letters"),
        "form_of_address": _("Form of address"),
        "job_title": _("Job title"),
        "account": _("Account"),
        "emails": _("E-mail addresses"),
        "phones": _("Phone numbers"),
        "address": _("Address"),
        "country": _("Country"),
        "time_zone": _("Time zone"),
        "working_hours": _("Working hours"),
        "language": _("Language"),
        "channel": _("Preferred channel"),
        "touch": _("Stay in touch"),
        "birthday": _("Birthday"),
        "tags": _("Tags"),
        "other_fields": _("Other fields"),
        "away": _("Away"),
        NOTES: _("Notes"),
        "photo": _("Photo"),
    }


def _birthday_text(day: dt.date | None) -> str:
    if day is None:
        return ""
    if day.year == NO_YEAR:
        from babel.dates import format_skeleton

        return str(format_skeleton("MMMMd", day, locale=ui_locale()))
    return format_date(day, "long")


def field_text(details: ContactDetails, choice: str) -> str:
    """What one side of a row shows: the field as a person reads it."""
    draft = details.draft
    texts = {
        "name": lambda: join_name(draft.given_name, draft.family_name, draft.name_order),
        "latin_name": lambda: join_name(
            draft.given_name_latin, draft.family_name_latin, draft.name_order
        ),
        "form_of_address": lambda: " · ".join(
            part for part in (draft.honorific, label(draft.formality)) if part
        ),
        "job_title": lambda: draft.job_title,
        "account": lambda: details.account_name,
        "emails": lambda: "\n".join(email.address for email in draft.emails),
        "phones": lambda: "\n".join(format_phone(phone.number) for phone in draft.phones),
        "address": lambda: "\n".join(
            part
            for part in (
                draft.address.street,
                " ".join(p for p in (draft.address.postal_code, draft.address.city) if p),
                draft.address.region,
            )
            if part
        ),
        "country": lambda: country_name(draft.country),
        "time_zone": lambda: draft.time_zone,
        "working_hours": lambda: "–".join(
            (format_minutes_of_day(draft.work_start), format_minutes_of_day(draft.work_end))
        ),
        "language": lambda: language_name(draft.preferred_language),
        "channel": lambda: label(draft.preferred_channel),
        "touch": lambda: (
            ngettext("every %(count)d week", "every %(count)d weeks", draft.touch_weeks)
            % {"count": draft.touch_weeks}
            if draft.touch_weeks
            else ""
        ),
        "birthday": lambda: _birthday_text(draft.birthday),
        "tags": lambda: ", ".join(draft.tags),
        "other_fields": lambda: "\n".join(
            f"{item.name}: {item.value}" for item in draft.other_fields
        ),
        "away": lambda: "\n".join(
            f"{format_date(first)} – {format_date(last)}" for first, last in draft.away
        ),
        NOTES: lambda: (
            draft.notes
            if len(draft.notes) <= _NOTES_PREVIEW
            else draft.notes[: _NOTES_PREVIEW - 1] + "…"
        ),
        "photo": lambda: "" if draft.photo is None else _("Picture"),
    }
    return texts[choice]()


def history_summary(counts: dict[str, int]) -> str:
    """``Keeps 3 interactions, 2 promises and … of both.`` from history_counts()."""
    phrases = {
        "interactions": lambda n: ngettext("%(count)d interaction", "%(count)d interactions", n),
        "interaction_participants": lambda n: ngettext(
            "%(count)d interaction taken part in", "%(count)d interactions taken part in", n
        ),
        "promises": lambda n: ngettext("%(count)d promise", "%(count)d promises", n),
        "feedback": lambda n: ngettext(
            "%(count)d feedback answer", "%(count)d feedback answers", n
        ),
        "meeting_participants": lambda n: ngettext("%(count)d meeting", "%(count)d meetings", n),
        "accounts": lambda n: ngettext("%(count)d referral", "%(count)d referrals", n),
    }
    other = sum(count for table, count in counts.items() if table not in phrases)
    parts = [
        phrases[table](counts[table]) % {"count": counts[table]}
        for table in phrases
        if counts.get(table)
    ]
    if other:
        parts.append(
            ngettext("%(count)d other linked record", "%(count)d other linked records", other)
            % {"count": other}
        )
    if not parts:
        return _("Neither contact has any history yet.")
    return _("Keeps %(items)s of both.") % {"items": ", ".join(parts)}


def _escaped(text: str) -> str:
    """Data shown on a button: ``&`` in ``Smith & Co`` must not become a mnemonic."""
    return text.replace("&", "&&")


class MergeDialog(QDialog):
    """Choose, field by field, what the kept contact holds; OK merges (undoable)."""

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        keep_id: int,
        other_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.setWindowTitle(_("Merge contacts"))
        self._services, self._undo_stack, self._notifier = services, undo_stack, notifier
        self.keep = services.contacts.get(keep_id)
        self.other = services.contacts.get(other_id)
        self.choices = default_choices(
            self.keep.draft,
            self.other.draft,
            other_is_newer=self.other.updated_at > self.keep.updated_at,
        )
        #: row → side → radio button (only rows where there is a choice to make)
        self.buttons: dict[str, dict[Side, QRadioButton]] = {}
        self._groups: list[QButtonGroup] = []

        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(self._header(_("This contact")), 0, 1)
        grid.addWidget(self._header(_("The other contact")), 0, 2)
        titles = _row_titles()
        line = 1
        for choice in _ROW_ORDER:
            if is_empty(self.keep.draft, choice) and is_empty(self.other.draft, choice):
                continue
            caption = QLabel(titles[choice])
            caption.setObjectName(f"row_{choice}")
            grid.addWidget(caption, line, 0)
            self._add_choice(grid, line, choice)
            line += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.summary = QLabel(
            history_summary(history_counts(services.database, [keep_id, other_id]))
        )
        self.summary.setObjectName("merge_summary")
        self.summary.setWordWrap(True)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Merge"))
        ok.setObjectName("ok")
        ok.setDefault(True)
        box.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(box)
        self.resize(720, 640)

    @staticmethod
    def _header(text: str) -> QLabel:
        header = QLabel(text)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        return header

    def _add_choice(self, grid: QGridLayout, line: int, choice: str) -> None:
        keep_text, other_text = field_text(self.keep, choice), field_text(self.other, choice)
        agree = self._agree(choice)
        if agree:
            shown = QLabel(keep_text)
            shown.setObjectName(f"same_{choice}")
            shown.setWordWrap(True)
            grid.addWidget(shown, line, 1, 1, 2)
            return
        group = QButtonGroup(self)
        self._groups.append(group)
        sides = {Side.KEEP: keep_text or _("(empty)"), Side.OTHER: other_text or _("(empty)")}
        if choice in (*LIST_FIELDS, NOTES):
            sides[Side.BOTH] = _("Both")
        self.buttons[choice] = {}
        for side, text in sides.items():
            button = QRadioButton(_escaped(text))
            button.setObjectName(f"choice_{choice}_{side.value}")
            if choice == "photo":
                self._show_photo(button, side)
            button.setChecked(self.choices[choice] == side)
            button.toggled.connect(
                lambda checked, c=choice, s=side: self._chosen(c, s) if checked else None
            )
            group.addButton(button)
            self.buttons[choice][side] = button
            grid.addWidget(button, line, _COLUMNS[side])

    def _agree(self, choice: str) -> bool:
        names = SCALAR_FIELDS.get(choice, (choice,))
        return all(getattr(self.keep.draft, n) == getattr(self.other.draft, n) for n in names)

    def _show_photo(self, button: QAbstractButton, side: Side) -> None:
        draft = self.keep.draft if side == Side.KEEP else self.other.draft
        if draft.photo:
            pixmap = QPixmap()
            if pixmap.loadFromData(draft.photo):
                button.setIcon(QIcon(pixmap))
                button.setIconSize(QSize(64, 64))

    def _chosen(self, choice: str, side: Side) -> None:
        self.choices[choice] = side

    def choose(self, choice: str, side: Side) -> None:
        """Pick ``side`` for ``choice`` as a click on its radio button would."""
        self.buttons[choice][side].setChecked(True)

    def chosen_draft(self) -> ContactDraft:
        """The kept contact's fields as the choices now stand."""
        return merged_draft(self.keep.draft, self.other.draft, self.choices)

    def accept(self) -> None:
        chosen = self.chosen_draft()
        try:
            checked_contact(chosen)
        except ValidationFailed as error:
            messages = "\n".join(problem.message for problem in error.errors)
            QMessageBox.warning(self, _("Merge contacts"), messages)
            return
        self._undo_stack.push(
            MergeContactsCommand(
                self._services.database,
                self._notifier,
                self.keep.id,
                self.other.id,
                chosen,
                (self.keep.display_name, self.other.display_name),
            )
        )
        super().accept()


def open_merge_dialog(
    parent: QWidget | None,
    services: Services,
    undo_stack: QUndoStack,
    notifier: ChangeNotifier,
    keep_id: int,
    other_id: int,
) -> bool:
    """Show the merge dialog for two contacts; True when they were merged."""
    dialog = MergeDialog(services, undo_stack, notifier, keep_id, other_id, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
