"""What a country's culture profile is made of: note topics and Culture Map scales.

The topics make notes comparable from one country to the next. The eight scales are
the dimensions of Erin Meyer's *The Culture Map*; the app ships no positions on them
(those are proprietary): a team enters its own, 1 (left pole) to 10 (right pole).
"""

from __future__ import annotations

from dataclasses import dataclass

from relationsapp.i18n.translate import N_, _

#: Note topics in the order the panel shows them, with their (untranslated) titles.
NOTE_TOPICS: dict[str, str] = {
    "communication": N_("Communication: direct or indirect, explicit or implicit"),
    "formality": N_("Formality and forms of address"),
    "greetings": N_("Greetings and business cards"),
    "meetings": N_("Meetings and punctuality"),
    "negotiation": N_("Negotiation and decisions"),
    "gifts": N_("Gifts and hospitality"),
    "dining": N_("Dining and alcohol"),
    "dress": N_("Dress"),
    "avoid": N_("Topics to avoid"),
}

SCALE_MIN, SCALE_MAX = 1, 10


@dataclass(frozen=True)
class CultureScale:
    key: str
    title: str  # untranslated; show with _()
    left: str
    right: str


CULTURE_MAP_SCALES: tuple[CultureScale, ...] = (
    CultureScale("communicating", N_("Communicating"), N_("Low-context"), N_("High-context")),
    CultureScale(
        "evaluating",
        N_("Evaluating"),
        N_("Direct negative feedback"),
        N_("Indirect negative feedback"),
    ),
    CultureScale("persuading", N_("Persuading"), N_("Principles first"), N_("Applications first")),
    CultureScale("leading", N_("Leading"), N_("Egalitarian"), N_("Hierarchical")),
    CultureScale("deciding", N_("Deciding"), N_("Consensual"), N_("Top-down")),
    CultureScale("trusting", N_("Trusting"), N_("Task-based"), N_("Relationship-based")),
    CultureScale(
        "disagreeing", N_("Disagreeing"), N_("Confrontational"), N_("Avoids confrontation")
    ),
    CultureScale("scheduling", N_("Scheduling"), N_("Linear time"), N_("Flexible time")),
)
SCALES_BY_KEY = {scale.key: scale for scale in CULTURE_MAP_SCALES}
ALL_TOPICS: tuple[str, ...] = (*NOTE_TOPICS, *SCALES_BY_KEY)


def is_scale(topic: str) -> bool:
    return topic in SCALES_BY_KEY


def topic_title(topic: str) -> str:
    """The topic's or scale's title in the UI language."""
    if topic in NOTE_TOPICS:
        return _(NOTE_TOPICS[topic])
    return _(SCALES_BY_KEY[topic].title)
