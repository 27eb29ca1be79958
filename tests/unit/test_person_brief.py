"""The person before the country: how to address them and their own ways."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from relationsapp.core.choices import Channel, Formality, NameOrder
from relationsapp.core.person_brief import form_of_address, person_brief, preference_lines
from relationsapp.core.records import ContactDetails, ContactDraft
from relationsapp.i18n.translate import set_language

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)

YAMADA = ContactDraft(
    given_name="太郎",
    family_name="山田",
    given_name_latin="Taro",
    family_name_latin="Yamada",
    name_order=NameOrder.FAMILY_FIRST,
    honorific="様",
    country="JP",
    time_zone="Asia/Tokyo",
    preferred_language="ja",
    preferred_channel=Channel.EMAIL,
    response_hours=48,
    notes="Does not drink alcohol.",
)


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        (YAMADA, "山田様"),
        (
            ContactDraft(given_name="Jørgen", family_name="Sørensen", honorific="Hr."),
            "Hr. Sørensen",
        ),
        (ContactDraft(given_name="민준", family_name="김", honorific="님"), "김 님"),
        (ContactDraft(given_name="Wei", family_name="王", honorific="先生"), "王先生"),
        (
            ContactDraft(given_name="Mette", family_name="Holm", formality=Formality.INFORMAL),
            "Mette",
        ),
        (ContactDraft(given_name="Anna", family_name="Berg"), "Anna Berg"),
    ],
)
def test_form_of_address_puts_the_honorific_where_the_language_does(
    draft: ContactDraft, expected: str
) -> None:
    assert form_of_address(draft) == expected


def test_the_brief_shows_native_address_with_latin_family_name_and_the_notes() -> None:
    details = ContactDetails(1, "uid", YAMADA, "山田太郎", "Yamada Taro", "", NOW, NOW)
    brief = person_brief(details, TODAY)
    assert brief.name == "山田太郎 (Yamada Taro)"
    assert brief.address_as == "山田様 (Yamada) · Formal"
    assert brief.notes == "Does not drink alcohol."


def test_preferences_say_channel_language_reply_time_and_hours() -> None:
    lines = preference_lines(YAMADA, TODAY)
    assert lines[:3] == [
        "Prefers e-mail, in Japanese",
        "Expects a reply within 48 hours",
        "Works 09:00–17:00 local time",
    ]


def test_preferences_are_in_the_ui_language() -> None:
    set_language("da")
    assert preference_lines(YAMADA, TODAY)[0] == "Foretrækker e-mail, på japansk"


def test_an_own_weekend_and_an_absence_soon_are_mentioned() -> None:
    draft = replace(
        YAMADA,
        weekend_days=(4, 5),
        away=[
            (dt.date(2026, 12, 21), dt.date(2027, 1, 3)),
            (dt.date(2027, 8, 1), dt.date(2027, 8, 9)),
        ],
    )
    lines = preference_lines(draft, TODAY)
    assert "Own weekend: Friday, Saturday" in lines
    assert "Away 21 Dec 2026 – 3 Jan 2027" in lines
    assert not any("Aug" in line for line in lines)  # months away: not yet worth saying
