"""Record a client's NPS answer: 0–10, on which day, in their words.

The score is a spin box and a slider that move together; under them the group the
score falls in (promoter, passive, detractor) changes as it moves, so "7" is not
mistaken for a good answer. Nothing outside 0–10 can be entered. The dialog only
reads and fills widgets: ``validate_feedback`` decides what is wrong and the caller
records the answer through an undoable command.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.deal_service import (
    SCORE_RANGE,
    FeedbackDraft,
    FeedbackKind,
    validate_feedback,
)
from relationsapp.i18n.translate import _
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.feedback_labels import nps_colour, nps_group_explained
from relationsapp.ui.field_error_label import FieldErrorBoard, FieldErrorLabel
from relationsapp.ui.form_helpers import add_row, notes_edit, record_combo, save_cancel_buttons

DEFAULT_NPS = 8  # a neutral start: the user moves it, and nothing looks pre-judged


class FeedbackDialog(QDialog):
    """One NPS answer from a contact (or, on an account's timeline, one of its people)."""

    def __init__(
        self,
        people: list[tuple[int, str]],
        today: dt.date,
        account_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``people``: (id, name) of who may have answered; with ``account_id`` the
        answer may also be the account's without a person named."""
        super().__init__(parent)
        self.setObjectName("feedback_dialog")
        self.setWindowTitle(_("Record NPS answer"))
        self._account_id = account_id
        low, high = SCORE_RANGE[FeedbackKind.NPS]

        question = QLabel(
            _(
                "How likely is the client to recommend us to a friend or colleague, "
                "from 0 (not at all likely) to 10 (extremely likely)?"
            )
        )
        question.setObjectName("nps_question")
        question.setWordWrap(True)
        if account_id is None and len(people) == 1:
            self.who: QComboBox | None = None
            who_field: QWidget = QLabel(people[0][1])
            self._contact_id: int | None = people[0][0]
        else:
            self.who = record_combo("who", _("(not said)"), people)
            who_field, self._contact_id = self.who, None
        who_field.setObjectName("who" if self.who is not None else "who_label")

        self.score = QSpinBox()
        self.score.setObjectName("score")
        self.score.setRange(low, high)
        self.score.setValue(DEFAULT_NPS)
        # Room for "10" and the arrows in any style (some size a spin box for one digit).
        self.score.setMinimumWidth(self.score.fontMetrics().horizontalAdvance("10") * 2 + 40)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("score_slider")
        self.slider.setRange(low, high)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setValue(DEFAULT_NPS)
        self.slider.setAccessibleName(_("Score"))
        self.group = QLabel()
        self.group.setObjectName("nps_group")
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("answered_on")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(qt_date_format())
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.comment = notes_edit("comment")
        self.comment.setPlaceholderText(_("What they said, in their words"))

        score_row = QHBoxLayout()
        score_row.addWidget(self.score)
        score_row.addWidget(self.slider, 1)
        score_box = QVBoxLayout()
        score_box.setSpacing(2)
        score_box.addLayout(score_row)
        score_box.addWidget(self.group)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.who_error = FieldErrorLabel("contact")
        who_text = _("&Who answered:")
        if self.who is None:  # a plain label: no field to jump to, so no "&" to show
            who_text = re.sub(r"&(?!&)", "", who_text)
        add_row(form, who_text, who_field, self.who, self.who_error)
        add_row(form, _("Sc&ore:"), score_box, self.score)
        add_row(form, _("&Answered on:"), self.date_edit, self.date_edit)
        add_row(form, _("&Comment:"), self.comment, self.comment)

        self.buttons = save_cancel_buttons(self)
        general = FieldErrorLabel("general")
        self._errors = FieldErrorBoard(general)
        self._errors.add_field(
            "contact", self.who_error, self.who if self.who is not None else self.score
        )

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

        self.score.valueChanged.connect(self.slider.setValue)
        self.slider.valueChanged.connect(self.score.setValue)
        self.score.valueChanged.connect(self._show_group)
        if self.who is not None:
            self.who.currentIndexChanged.connect(self.who_error.clear_error)
        self._show_group(self.score.value())
        self.score.setFocus(Qt.FocusReason.OtherFocusReason)
        self.score.selectAll()  # typing a digit replaces the starting score

    def _show_group(self, score: int) -> None:
        self.group.setText(nps_group_explained(score))
        colour = nps_colour(score)
        palette = self.palette()  # the dialog's: a passive score reads in the text colour
        if colour is not None:
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.group.setPalette(palette)

    def draft(self) -> FeedbackDraft:
        """What the widgets say now (not validated)."""
        day = self.date_edit.date()
        if self.who is not None:
            chosen = self.who.currentData()
            contact_id = int(chosen) if chosen is not None else None
        else:
            contact_id = self._contact_id
        return FeedbackDraft(
            kind=FeedbackKind.NPS,
            score=self.score.value(),
            answered_on=dt.date(day.year(), day.month(), day.day()),
            comment=self.comment.toPlainText().strip(),
            contact_id=contact_id,
            account_id=self._account_id,
            source="manual",
        )

    def accept(self) -> None:
        """Close with Accepted only when nothing is wrong; otherwise show why, in place."""
        self._errors.clear()
        errors = validate_feedback(self.draft())
        if not errors:
            super().accept()
            return
        first = self._errors.show(errors)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
