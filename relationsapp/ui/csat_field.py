"""The interaction dialog's "Client's satisfaction (CSAT)" choice, and the answer it makes.

A combo rather than a spin box: "Not asked" is the usual answer and must be one
keystroke away, and 1–5 with words ("4 — Satisfied") cannot be misread as a 0–10
scale. Nothing outside 1–5 can be chosen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from relationsapp.core.deal_service import FeedbackDraft, FeedbackKind
from relationsapp.core.interaction_service import InteractionDraft
from relationsapp.core.zones import to_local
from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _
from relationsapp.ui.feedback_labels import csat_label

CSAT_SCORES = range(1, 6)


class CsatField(QComboBox):
    """``Not asked`` (None) or a CSAT score 1–5 with its words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csat")
        self.setAccessibleName(_("Client’s satisfaction (CSAT)"))
        self.setToolTip(_("How satisfied the client said they were with this interaction"))
        self.addItem(_("Not asked"), None)
        for score in CSAT_SCORES:
            self.addItem(
                _("%(score)s — %(meaning)s")
                % {"score": format_number(score), "meaning": csat_label(score)},
                score,
            )
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def score(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def set_score(self, score: int | None) -> None:
        """Show ``score`` (``None``: ``Not asked``)."""
        self.setCurrentIndex(max(self.findData(score), 0) if score is not None else 0)


def csat_draft(score: int | None, interaction: InteractionDraft, zone: str) -> FeedbackDraft | None:
    """The client's CSAT about ``interaction``, answered the day it happened in ``zone``.

    The date is the client's: a call at 23:30 in Copenhagen on Friday is Saturday's
    in Tokyo, and the answer counts for Saturday there. ``interaction_id`` is left for
    the caller (a new interaction has none until it is logged).
    """
    if score is None:
        return None
    return FeedbackDraft(
        kind=FeedbackKind.CSAT,
        score=score,
        answered_on=to_local(interaction.occurred_at, zone).date(),
        contact_id=interaction.contact_id,
        account_id=interaction.account_id,
        source="manual",
    )
