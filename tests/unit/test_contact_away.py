"""A contact's away periods: stored, validated, and kept free by the planner."""

from __future__ import annotations

import datetime as dt

import pytest

from relationsapp.core.contact_service import ContactService
from relationsapp.core.errors import ValidationFailed
from relationsapp.core.planner_participants import participant_from_contact
from relationsapp.core.records import ContactDraft
from relationsapp.core.slot_finder import suggest_slots
from relationsapp.storage.database import Database

D = dt.date


def test_away_periods_round_trip_sorted_and_without_duplicates(database: Database) -> None:
    contacts = ContactService(database)
    away = [
        (D(2027, 7, 5), D(2027, 7, 23)),
        (D(2027, 3, 10), D(2027, 3, 10)),
        (D(2027, 7, 5), D(2027, 7, 23)),
    ]
    contact_id = contacts.create(
        ContactDraft(given_name="Mette", country="DK", time_zone="Europe/Copenhagen", away=away)
    )
    assert contacts.get(contact_id).draft.away == [
        (D(2027, 3, 10), D(2027, 3, 10)),
        (D(2027, 7, 5), D(2027, 7, 23)),
    ]


def test_a_period_that_ends_before_it_starts_is_refused_at_its_row(database: Database) -> None:
    draft = ContactDraft(
        given_name="Mette", away=[(D(2027, 3, 1), D(2027, 3, 2)), (D(2027, 3, 9), D(2027, 3, 8))]
    )
    with pytest.raises(ValidationFailed) as refused:
        ContactService(database).create(draft)
    assert [(e.field, e.index) for e in refused.value.errors] == [("away", 1)]


def test_the_planner_offers_no_time_on_a_day_the_contact_is_away(database: Database) -> None:
    contacts = ContactService(database)
    contact_id = contacts.create(
        ContactDraft(
            given_name="Aino",
            country="FI",
            time_zone="Europe/Helsinki",
            away=[(D(2027, 3, 16), D(2027, 3, 17))],
        )
    )
    aino = participant_from_contact(contacts.get(contact_id))
    assert aino is not None
    assert aino.unavailable_days == {D(2027, 3, 16), D(2027, 3, 17)}
    slots = suggest_slots(
        [aino], D(2027, 3, 15), 4, 60, reference_zone="Europe/Helsinki", limit=200
    )
    local_days = {slot.participants[0].local_start.date() for slot in slots}
    assert local_days == {D(2027, 3, 15), D(2027, 3, 18)}


def test_the_region_on_the_card_brings_its_own_holidays(database: Database) -> None:
    from relationsapp.core.day_grid import CellKind, classify
    from relationsapp.core.holiday_calendar import subdivision_code
    from relationsapp.core.records import PostalAddress

    assert subdivision_code("DE", "Bayern") == "BY"
    assert subdivision_code("US", "california") == "CA"
    assert subdivision_code("DE", "Atlantis") == ""
    contacts = ContactService(database)
    munich = contacts.create(
        ContactDraft(
            given_name="Anna",
            country="DE",
            time_zone="Europe/Berlin",
            address=PostalAddress(city="München", region="Bayern"),
        )
    )
    hamburg = contacts.create(
        ContactDraft(
            given_name="Jens",
            country="DE",
            time_zone="Europe/Berlin",
            address=PostalAddress(city="Hamburg", region="Hamburg"),
        )
    )
    anna = participant_from_contact(contacts.get(munich))
    jens = participant_from_contact(contacts.get(hamburg))
    assert anna is not None and jens is not None
    epiphany = dt.datetime(
        2027, 1, 6, 9, 0, tzinfo=dt.UTC
    )  # a Wednesday; a holiday in Bavaria only
    assert classify(anna, epiphany)[0] == CellKind.HOLIDAY
    assert classify(jens, epiphany)[0] == CellKind.WORKING
