"""Fairness: whoever took the early or late hours last time is spared next time."""

from __future__ import annotations

import datetime as dt

from relationsapp.core.meeting_fairness import burden_counts
from relationsapp.core.meeting_participants import Participant
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService
from relationsapp.core.slot_finder import suggest_slots
from relationsapp.storage.database import Database

UTC = dt.UTC
TOKYO = Participant("Taro", "Asia/Tokyo", "JP", contact_id=1)
COPENHAGEN = Participant("Mette", "Europe/Copenhagen", "DK", contact_id=2)
NEW_YORK = Participant("Bob", "America/New_York", "US", contact_id=3)


def attendee(person: Participant) -> MeetingAttendee:
    return MeetingAttendee(person.label, person.zone, person.country, contact_id=person.contact_id)


def test_only_meetings_of_this_group_count_and_only_early_late_or_night_hours(
    database: Database,
) -> None:
    from dataclasses import replace

    from relationsapp.core.contact_service import ContactService
    from relationsapp.core.records import ContactDraft

    contacts = ContactService(database)
    taro_id = contacts.create(ContactDraft(given_name="Taro", country="JP", time_zone="Asia/Tokyo"))
    mette_id = contacts.create(
        ContactDraft(given_name="Mette", country="DK", time_zone="Europe/Copenhagen")
    )
    tokyo, copenhagen = replace(TOKYO, contact_id=taro_id), replace(COPENHAGEN, contact_id=mette_id)
    meetings = MeetingService(database)
    # 2027-03-01 06:00 UTC: Tokyo 15:00 (working), Copenhagen 07:00 (early for Mette).
    meetings.book(
        MeetingDraft(
            "Weekly",
            dt.datetime(2027, 3, 1, 6, 0, tzinfo=UTC),
            attendees=[attendee(tokyo), attendee(copenhagen)],
        )
    )
    # 2027-03-08 13:00 UTC: Tokyo 22:00 (night) for the same pair.
    meetings.book(
        MeetingDraft(
            "Weekly",
            dt.datetime(2027, 3, 8, 13, 0, tzinfo=UTC),
            attendees=[attendee(tokyo), attendee(copenhagen)],
        )
    )
    # Taro alone with someone else: not this group's meeting.
    meetings.book(
        MeetingDraft(
            "Other", dt.datetime(2027, 3, 9, 13, 0, tzinfo=UTC), attendees=[attendee(tokyo)]
        )
    )
    history = meetings.past(dt.datetime(2027, 3, 20, tzinfo=UTC))
    assert len(history) == 3
    assert burden_counts(history, [tokyo, copenhagen]) == {"Mette": 1, "Taro": 1}


def test_equal_slots_spare_whoever_carried_the_late_hours_before() -> None:
    # Copenhagen and New York: every 100-point slot is equal, so look at edge slots.
    args = ([COPENHAGEN, NEW_YORK], dt.date(2027, 3, 3), 1, 60)
    plain = suggest_slots(*args, limit=40)
    burdened_bob = suggest_slots(*args, limit=40, fairness={"Bob": 3})
    burdened_mette = suggest_slots(*args, limit=40, fairness={"Mette": 3})

    def first_edge_for(slots: list, label: str) -> int:  # type: ignore[type-arg]
        for position, slot in enumerate(slots):
            person = next(p for p in slot.participants if p.label == label)
            if slot.score < 100 and person.flags:
                return position
        return len(slots)

    # With Bob's earlier burden, the first imperfect slot that burdens him comes later.
    assert first_edge_for(burdened_bob, "Bob") >= first_edge_for(plain, "Bob")
    assert first_edge_for(burdened_mette, "Mette") >= first_edge_for(plain, "Mette")
