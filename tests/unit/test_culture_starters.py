"""The starter culture notes: every topic for every shipped country, short and hedged."""

from __future__ import annotations

import re

import pytest
import pytz

from relationsapp.core.culture_starters import STARTER_NOTES, STARTER_SOURCE
from relationsapp.core.culture_topics import NOTE_TOPICS

TOPICS = (
    "communication",
    "formality",
    "greetings",
    "meetings",
    "negotiation",
    "gifts",
    "dining",
    "dress",
    "avoid",
)
MUST_SHIP = ("DK", "FI", "JP", "SA", "AE", "DE", "US", "CN", "IN", "BR")
MAX_LENGTH = 240
HEDGES = re.compile(
    r"many|often|usually|tend|most|common|usual|may|some|generally", flags=re.IGNORECASE
)
COUNTRIES = sorted(STARTER_NOTES)


def test_the_starters_cover_the_countries_sales_staff_travel_to() -> None:
    assert len(STARTER_NOTES) >= 12
    assert set(MUST_SHIP) <= set(STARTER_NOTES)


def test_the_topics_are_the_ones_the_culture_panel_shows() -> None:
    assert tuple(NOTE_TOPICS) == TOPICS


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_country_is_a_real_iso_code(country: str) -> None:
    assert country in pytz.country_names


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_country_has_a_note_on_every_topic(country: str) -> None:
    assert sorted(STARTER_NOTES[country]) == sorted(TOPICS)


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_note_is_short_enough_to_read_before_a_meeting(country: str) -> None:
    for topic, text in STARTER_NOTES[country].items():
        assert text.strip(), (country, topic)
        assert len(text) <= MAX_LENGTH, (country, topic, len(text))


@pytest.mark.parametrize("country", COUNTRIES)
def test_notes_describe_tendencies_not_rules(country: str) -> None:
    hedged = [topic for topic, text in STARTER_NOTES[country].items() if HEDGES.search(text)]
    assert len(hedged) >= 7, (country, sorted(set(TOPICS) - set(hedged)))


def test_notes_are_safe_to_pass_through_gettext() -> None:
    """No placeholders for %-formatting, no &-mnemonics, no straight double quotes."""
    for text in [STARTER_SOURCE, *(t for notes in STARTER_NOTES.values() for t in notes.values())]:
        assert not re.search(r"[%&\"{}]", text), text
        assert text == text.strip()
