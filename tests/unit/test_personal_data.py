"""A person's copy of everything stored about them, and their erasure without a trace."""

from __future__ import annotations

import base64
import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

import pytest

from relationsapp.core.account_service import AccountService
from relationsapp.core.choices import Direction, InteractionKind
from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch
from relationsapp.core.deal_service import FeedbackDraft, FeedbackKind
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.interaction_service import InteractionDraft, PromiseDraft
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.core.personal_data import erase_person, personal_data, personal_data_html
from relationsapp.core.records import NO_YEAR, AccountDraft, OtherField
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from tests.helpers.factories import count_rows, jorgen, taro

#: In Jørgen's notes only: it must not be anywhere in the file after he is erased.
MARKER = "quokkamarker4711"
START = dt.datetime(2027, 3, 12, 9, 0, tzinfo=dt.UTC)


@dataclass
class People:
    services: Services
    jorgen: int
    taro: int
    alone_call: int  # Jørgen was the only client: goes with him
    shared_call: int  # Jørgen the contact, Taro took part: stays, Taro's now
    taros_call: int  # Taro the contact, Jørgen took part: stays without him
    meeting: int


@pytest.fixture
def people(database: Database) -> People:
    services = Services(database)
    account = services.accounts.create(AccountDraft(name="Pumpe A/S", country="DK"))
    jorgen_id = services.contacts.create(
        jorgen(
            account_id=account,
            notes=f"Met at the fair. {MARKER} <script>alert(1)</script>",
            birthday=dt.date(NO_YEAR, 4, 12),
            other_fields=[OtherField("X-SKYPE", "jdoe", (("TYPE", "HOME"),))],
            photo=b"\x89PNG\r\n\x1a\nfake",
            photo_type="image/png",
        )
    )
    taro_id = services.contacts.create(taro(notes="Prefers mornings."))
    AccountService(database).update(
        account, AccountDraft(name="Pumpe A/S", country="DK", referred_by_contact_id=jorgen_id)
    )
    interactions = services.interactions
    alone = interactions.log(
        InteractionDraft(
            occurred_at=START,
            kind=InteractionKind.CALL,
            direction=Direction.OUTBOUND,
            contact_id=jorgen_id,
            summary=f"Budget for the pump line ({MARKER})",
        ),
        [PromiseDraft(description="Send the quote", due_on=dt.date(2027, 3, 19))],
    )
    shared = interactions.log(
        InteractionDraft(
            occurred_at=START + dt.timedelta(days=1),
            kind=InteractionKind.MEETING,
            contact_id=jorgen_id,
            other_contact_ids=[taro_id],
            summary="Joint visit",
        )
    )
    taros = interactions.log(
        InteractionDraft(
            occurred_at=START + dt.timedelta(days=2),
            kind=InteractionKind.CALL,
            contact_id=taro_id,
            other_contact_ids=[jorgen_id],
            summary="Taro's call",
        ),
        [PromiseDraft(description="Taro's samples", due_on=dt.date(2027, 3, 20))],
    )
    services.deals.add_feedback(
        [
            FeedbackDraft(
                kind=FeedbackKind.CSAT,
                score=4,
                comment="Quick answers",
                contact_id=jorgen_id,
                interaction_id=alone,
            ),
            FeedbackDraft(kind=FeedbackKind.NPS, score=9, comment="Good", contact_id=taro_id),
        ]
    )
    meeting = services.meetings.book(
        MeetingDraft(
            title="Pump line review",
            start_utc=START + dt.timedelta(days=5),
            organiser_zone="Europe/Copenhagen",
            attendees=[
                MeetingAttendee("Me", "Europe/Copenhagen"),
                MeetingAttendee("Jørgen Sørensen", "Europe/Copenhagen", "DK", "", jorgen_id),
                MeetingAttendee("Yamada Taro", "Asia/Tokyo", "JP", "", taro_id),
            ],
        )
    )
    return People(services, jorgen_id, taro_id, alone, shared, taros, meeting)


def test_the_copy_holds_the_card_interactions_promises_feedback_and_meetings(
    people: People,
) -> None:
    data = personal_data(people.services, people.jorgen)
    json.dumps(data)  # machine-readable as it is
    contact = data["contact"]
    assert contact["display_name"] == "Jørgen Sørensen"
    assert [email["address"] for email in contact["emails"]] == ["jorgen@pumpe.dk"]
    assert contact["account"]["name"] == "Pumpe A/S"
    assert contact["birthday"] == "--04-12"  # no year known
    assert contact["other_fields"] == [
        {"name": "X-SKYPE", "value": "jdoe", "params": [["TYPE", "HOME"]], "group": ""}
    ]
    assert base64.b64decode(contact["photo"]["base64"]) == b"\x89PNG\r\n\x1a\nfake"
    assert dt.datetime.fromisoformat(contact["created_at"]).tzinfo is not None
    summaries = {item["summary"]: item["role"] for item in data["interactions"]}
    assert summaries == {
        f"Budget for the pump line ({MARKER})": "contact",
        "Joint visit": "contact",
        "Taro's call": "participant",
    }
    assert [promise["description"] for promise in data["promises"]] == ["Send the quote"]
    assert [(item["kind"], item["comment"]) for item in data["feedback"]] == [
        ("csat", "Quick answers")
    ]
    [meeting] = data["meetings"]
    assert (meeting["title"], meeting["their_zone"]) == ("Pump line review", "Europe/Copenhagen")
    assert meeting["start"] == (START + dt.timedelta(days=5)).isoformat()
    assert data["accounts_they_referred"] == [{"id": contact["account"]["id"], "name": "Pumpe A/S"}]


def test_the_copy_of_a_missing_contact_is_refused(people: People) -> None:
    with pytest.raises(RecordNotFound):
        personal_data(people.services.database, 999)


def test_the_page_escapes_what_people_typed(people: People) -> None:
    page = personal_data_html(personal_data(people.services, people.jorgen))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<html lang="en">' in page and '<meta charset="utf-8">' in page
    assert "Personal data: Jørgen Sørensen" in page
    assert "Quick answers" in page and "Pump line review" in page
    assert 'src="data:image/png;base64,' in page


def test_erasure_leaves_no_row_that_points_at_the_person(
    people: People, database: Database
) -> None:
    report = erase_person(database, people.jorgen)

    assert (report.name, report.contacts, report.emails) == ("Jørgen Sørensen", 1, 1)
    assert (report.interactions_deleted, report.interactions_unlinked) == (1, 2)
    assert (report.promises, report.feedback, report.meeting_participants) == (1, 1, 1)
    assert report.referrals_cleared == 1
    with pytest.raises(RecordNotFound):
        people.services.contacts.get(people.jorgen)
    search = IndexedContactSearch(database)
    for words in ("jorgen", "sorensen", MARKER, "pumpe.dk"):
        assert search.contact_ids(ContactQuery(text=words)) == [], words
    who = f"contact_id = {people.jorgen}"
    for table in (
        "contacts",
        "contact_emails",
        "contact_phones",
        "contact_tags",
        "interactions",
        "interaction_participants",
        "promises",
        "feedback",
        "meeting_participants",
    ):
        where = f"id = {people.jorgen}" if table == "contacts" else who
        assert count_rows(database, table, where) == 0, table
    assert count_rows(database, "accounts", f"referred_by_contact_id = {people.jorgen}") == 0
    assert count_rows(database, "contact_fts", f"contact_fts MATCH '{MARKER}'") == 0


def test_erasure_leaves_other_peoples_data_as_it_was(people: People, database: Database) -> None:
    before = personal_data(people.services, people.taro)
    erase_person(database, people.jorgen)
    after = personal_data(people.services, people.taro)

    assert after["contact"] == before["contact"]
    assert after["feedback"] == before["feedback"]
    assert [item["summary"] for item in after["interactions"]] == ["Joint visit", "Taro's call"]
    # The joint visit is Taro's now; his own call lost only Jørgen.
    interactions = people.services.interactions
    assert interactions.get(people.shared_call).draft.contact_id == people.taro
    assert interactions.get(people.shared_call).draft.other_contact_ids == []
    assert interactions.get(people.taros_call).draft.other_contact_ids == []
    assert [p["description"] for p in after["promises"]] == ["Taro's samples"]
    attendees = people.services.meetings.get(people.meeting).draft.attendees
    assert [attendee.label for attendee in attendees] == ["Me", "Yamada Taro"]
    assert IndexedContactSearch(database).contact_ids(ContactQuery(text="yamada")) == [people.taro]


def test_a_meeting_left_with_only_me_stays(people: People, database: Database) -> None:
    meetings = people.services.meetings
    alone = meetings.book(
        MeetingDraft(
            title="Lunch",
            start_utc=START,
            organiser_zone="Europe/Copenhagen",
            attendees=[
                MeetingAttendee("Me", "Europe/Copenhagen"),
                MeetingAttendee("Jørgen", "Europe/Copenhagen", "DK", "", people.jorgen),
            ],
        )
    )
    erase_person(database, people.jorgen)
    assert [a.label for a in meetings.get(alone).draft.attendees] == ["Me"]


def test_erased_words_are_gone_from_the_file_bytes(people: People, database: Database) -> None:
    people.services.contacts.update(
        people.taro, taro(notes="Prefers mornings, still.")
    )  # more FTS segments
    erase_person(database, people.jorgen)
    database.close()
    check = sqlite3.connect(database.path)
    check.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    check.close()
    raw = database.path.read_bytes().lower()
    wal = database.path.with_name(database.path.name + "-wal")
    if wal.exists():
        raw += wal.read_bytes().lower()
    assert MARKER.encode() not in raw
    assert "sørensen".encode() not in raw
    assert b"yamada" in raw  # the check can see text: Taro is still there


def test_erasing_a_missing_contact_changes_nothing(people: People, database: Database) -> None:
    with pytest.raises(RecordNotFound):
        erase_person(database, 999)
    assert count_rows(database, "contacts") == 2
