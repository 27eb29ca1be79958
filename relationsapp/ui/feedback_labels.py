"""What a feedback score means, in words and colour: CSAT 1–5 and the NPS groups.

Shared by the interaction dialog's CSAT choice, the NPS dialog and the timeline's
feedback list, so "4" reads "Satisfied" and "9" reads "Promoter" everywhere.
The NPS groups are the standard ones the metrics count (core.metrics): promoters
9–10, passives 7–8, detractors 0–6.
"""

from __future__ import annotations

from relationsapp.core.deal_service import FeedbackKind
from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _

#: Colour-blind-safe (Okabe–Ito, as on the dashboard's NPS chart, darkened to read as
#: text); passives and neutral answers keep the text colour (grey would look disabled).
DETRACTOR_COLOUR = "#C04A00"
PROMOTER_COLOUR = "#007A5A"


def csat_label(score: int) -> str:
    """1 → ``Very dissatisfied`` … 5 → ``Very satisfied``."""
    labels = {
        1: _("Very dissatisfied"),
        2: _("Dissatisfied"),
        3: _("Neutral"),
        4: _("Satisfied"),
        5: _("Very satisfied"),
    }
    return labels.get(score, "")


def nps_group(score: int) -> str:
    """``Promoter`` (9–10), ``Passive`` (7–8) or ``Detractor`` (0–6)."""
    if score >= 9:
        return _("Promoter")
    if score >= 7:
        return _("Passive")
    return _("Detractor")


def nps_group_explained(score: int) -> str:
    """The group with its range, for the dialog: ``Promoter (9–10)``."""
    if score >= 9:
        return _("Promoter (9–10): would recommend us")
    if score >= 7:
        return _("Passive (7–8): satisfied, not enthusiastic")
    return _("Detractor (0–6): unhappy, may warn others off")


def nps_colour(score: int) -> str | None:
    """Green for a promoter, orange for a detractor, None (the text colour) for a passive."""
    if score >= 9:
        return PROMOTER_COLOUR
    return None if score >= 7 else DETRACTOR_COLOUR


def score_colour(kind: FeedbackKind, score: int) -> str | None:
    """As ``nps_colour``, with CSAT 4–5 as happy and 1–2 as unhappy."""
    if kind == FeedbackKind.NPS:
        return nps_colour(score)
    if score >= 4:
        return PROMOTER_COLOUR
    return None if score == 3 else DETRACTOR_COLOUR


def kind_text(kind: FeedbackKind) -> str:
    return _("CSAT") if kind == FeedbackKind.CSAT else _("NPS")


def score_meaning(kind: FeedbackKind, score: int) -> str:
    return csat_label(score) if kind == FeedbackKind.CSAT else nps_group(score)


def score_text(kind: FeedbackKind, score: int) -> str:
    """``9 · Promoter``, ``4 · Satisfied``."""
    return _("%(score)s · %(meaning)s") % {
        "score": format_number(score),
        "meaning": score_meaning(kind, score),
    }
