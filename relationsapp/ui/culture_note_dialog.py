"""Edit one culture note, or a country's Culture Map positions.

Both dialogs only read and fill widgets; ``validate_note`` decides what is wrong and
the caller stores the result through an undoable command.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.culture_notes import CultureNote, validate_note
from relationsapp.core.culture_topics import CULTURE_MAP_SCALES, SCALE_MAX, SCALE_MIN
from relationsapp.i18n.formatting import country_name
from relationsapp.i18n.translate import _
from relationsapp.ui.field_error_label import FieldErrorBoard, FieldErrorLabel
from relationsapp.ui.form_helpers import add_row, line_edit, notes_edit


def _review_date_edit(reviewed_on: dt.date | None, today: dt.date) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName("reviewed_on")
    edit.setCalendarPopup(True)
    # Saving is reviewing: whoever saves vouches for the note as of today.
    day = today if reviewed_on is None else max(reviewed_on, today)
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def _save_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _date_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class _AuthorSourceFields:
    """Author, source and review date: what every note records about itself."""

    def __init__(self, form: QFormLayout, note: CultureNote, author: str, today: dt.date) -> None:
        self.author = line_edit("author", _("Who wrote this"))
        self.author.setText(author if note.starter or not note.author else note.author)
        self.source = line_edit("source", _("Where it comes from: a colleague, a book, a visit"))
        self.source.setText("" if note.starter else note.source)
        self.reviewed = _review_date_edit(None if note.starter else note.reviewed_on, today)
        add_row(form, _("&Author:"), self.author, self.author)
        add_row(form, _("&Source:"), self.source, self.source)
        add_row(form, _("&Reviewed on:"), self.reviewed, self.reviewed)


class CultureNoteDialog(QDialog):
    """One topic's note for one country, with who wrote it, from where, reviewed when."""

    def __init__(
        self,
        note: CultureNote,
        title: str,
        author: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._note = note
        self.setObjectName("culture_note_dialog")
        self.setWindowTitle(
            _("%(topic)s — %(country)s") % {"topic": title, "country": country_name(note.country)}
        )
        layout = QVBoxLayout(self)
        if note.starter:
            hint = QLabel(
                _(
                    "This is a starter note shipped with the app. Check it against what "
                    "your team knows, rewrite it in your own words, and save."
                )
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        form = QFormLayout()
        layout.addLayout(form)
        self.text = notes_edit("note_text")
        self.text.setPlainText(note.text)
        self.text.setMinimumHeight(140)
        self.text_error = FieldErrorLabel("text_error")
        add_row(form, _("&Note:"), self.text, self.text, self.text_error)
        self._fields = _AuthorSourceFields(form, note, author, today)
        general = FieldErrorLabel("general_error")
        layout.addWidget(general)
        self._errors = FieldErrorBoard(general)
        self._errors.add_field("text", self.text_error, self.text)
        layout.addWidget(_save_cancel_buttons(self))
        self.resize(560, 380)

    def note(self) -> CultureNote:
        return CultureNote(
            country=self._note.country,
            topic=self._note.topic,
            text=self.text.toPlainText(),
            author=self._fields.author.text(),
            source=self._fields.source.text(),
            reviewed_on=_date_of(self._fields.reviewed),
        )

    def accept(self) -> None:
        self._errors.clear()
        errors = validate_note(self.note())
        if errors:
            self._errors.show(errors)
            return
        super().accept()


class CultureScalesDialog(QDialog):
    """Where the team places a country on the eight Culture Map scales (1–10, or unset)."""

    def __init__(
        self,
        country: str,
        positions: dict[str, CultureNote],
        author: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("culture_scales_dialog")
        self._country = country
        self._before = positions
        self.setWindowTitle(_("Culture Map — %(country)s") % {"country": country_name(country)})
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Place the country where your team's experience puts it, from %(low)d to "
                "%(high)d. Leave a scale unset when you are not sure."
            )
            % {"low": SCALE_MIN, "high": SCALE_MAX}
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        group = QGroupBox(_("Scales"))
        grid = QGridLayout(group)
        self.sliders: dict[str, QSlider] = {}
        self.set_boxes: dict[str, QCheckBox] = {}
        for row, scale in enumerate(CULTURE_MAP_SCALES):
            current = positions.get(scale.key)
            box = QCheckBox(_(scale.title))
            box.setObjectName(f"set_{scale.key}")
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"scale_{scale.key}")
            slider.setRange(SCALE_MIN, SCALE_MAX)
            slider.setPageStep(1)
            slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            position = current.scale_position if current else None
            slider.setValue(position or (SCALE_MIN + SCALE_MAX) // 2)
            box.setChecked(position is not None)
            slider.setEnabled(position is not None)
            box.toggled.connect(slider.setEnabled)
            slider.setAccessibleName(_(scale.title))
            grid.addWidget(box, row, 0)
            grid.addWidget(QLabel(_(scale.left)), row, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(slider, row, 2)
            grid.addWidget(QLabel(_(scale.right)), row, 3)
            self.sliders[scale.key] = slider
            self.set_boxes[scale.key] = box
        grid.setColumnStretch(2, 1)
        layout.addWidget(group)
        form = QFormLayout()
        layout.addLayout(form)
        existing = next(iter(positions.values()), CultureNote(country, "", starter=True))
        self._fields = _AuthorSourceFields(form, existing, author, today)
        layout.addWidget(_save_cancel_buttons(self))
        self.resize(720, 480)

    def positions(self) -> dict[str, CultureNote | None]:
        """Scale → the note to store, or None to clear it; only scales that changed."""
        changed: dict[str, CultureNote | None] = {}
        for key, slider in self.sliders.items():
            before = self._before.get(key)
            if not self.set_boxes[key].isChecked():
                if before is not None:
                    changed[key] = None
                continue
            if before is not None and before.scale_position == slider.value():
                continue
            changed[key] = CultureNote(
                country=self._country,
                topic=key,
                scale_position=slider.value(),
                author=self._fields.author.text(),
                source=self._fields.source.text(),
                reviewed_on=_date_of(self._fields.reviewed),
            )
        return changed
