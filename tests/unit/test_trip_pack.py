"""Meeting briefings and trip packs: every participant covered, times where it happens
and at home, clock changes marked, bookmarks on the right pages, progress and cancel,
sensitive notes left out on request (no Qt)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from relationsapp.core.contact_service import ContactService
from relationsapp.core.deal_service import FeedbackDraft, FeedbackKind
from relationsapp.core.interaction_service import InteractionDraft
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.core.records import ContactDraft
from relationsapp.core.services import Services
from relationsapp.core.zones import localize
from relationsapp.reports.briefing_sheet import build_briefing, build_meeting_briefing
from relationsapp.reports.script_text import RtlParagraph, is_rtl, isolate, paragraph
from relationsapp.reports.trip_pack import PackCancelled, build_trip_pack, trip_meetings
from relationsapp.storage.database import Database

NOW = dt.datetime(2027, 3, 3, 9, 0, tzinfo=dt.UTC)  # Wednesday before the trip
HOME = "Europe/Copenhagen"


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


def person(services: Services, given: str, family: str, country: str, zone: str, **extra) -> int:  # type: ignore[no-untyped-def]
    draft = ContactDraft(
        given_name=given, family_name=family, country=country, time_zone=zone, **extra
    )
    return ContactService(services.database).create(draft)


def book(
    services: Services,
    title: str,
    local: dt.datetime,
    zone: str,
    people: list[int],
    *,
    me_at: str | None = None,
) -> int:
    """A meeting at wall time ``local`` in ``zone``, with me at ``me_at`` (default: zone)."""
    attendees = [MeetingAttendee("Me", me_at or zone)]
    for contact_id in people:
        details = services.contacts.get(contact_id)
        attendees.append(
            MeetingAttendee(
                details.display_name,
                details.draft.time_zone,
                details.draft.country,
                contact_id=contact_id,
            )
        )
    draft = MeetingDraft(
        title=title,
        start_utc=localize(local, zone).astimezone(dt.UTC),
        organiser_zone=zone,
        location="Room 4 <b>",
        agenda="Pricing & terms",
        attendees=attendees,
    )
    return services.meetings.book(draft)


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark, in order."""
    reader = PdfReader(io.BytesIO(data))
    found: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


@pytest.fixture
def trip(services: Services) -> dict[str, int]:
    """Tokyo Monday (two people), Seoul Wednesday, a video call from home on Friday."""
    yamada = person(services, "Taro", "Yamada", "JP", "Asia/Tokyo", notes="Likes golf.")
    sato = person(services, "Hanako", "Sato", "JP", "Asia/Tokyo")
    kim = person(services, "Minjun", "Kim", "KR", "Asia/Seoul")
    smith = person(services, "Ann", "Smith", "US", "America/New_York")
    return {
        "yamada": yamada,
        "sato": sato,
        "kim": kim,
        "smith": smith,
        "tokyo": book(
            services, "Tokyo review", dt.datetime(2027, 3, 8, 10), "Asia/Tokyo", [yamada, sato]
        ),
        "seoul": book(services, "Seoul intro", dt.datetime(2027, 3, 10, 14), "Asia/Seoul", [kim]),
        "call": book(
            services,
            "Call with Ann",
            dt.datetime(2027, 3, 12, 16),
            HOME,
            [smith],
        ),
    }


def test_a_meeting_briefing_covers_every_participant(
    services: Services, trip: dict[str, int]
) -> None:
    data = build_meeting_briefing(services, trip["tokyo"], now=NOW, my_zone=HOME)

    text = "\n".join(pages_text(data))
    assert "Tokyo review" in text
    assert "Taro Yamada" in text and "Hanako Sato" in text
    assert "Likes golf." in text
    assert "Room 4 <b>" in text and "Pricing & terms" in text
    # 10:00 in Tokyo, and each client's own time at the meeting.
    assert "Their time at the meeting: 10:00, 8 Mar 2027" in text
    # I am in Tokyo that day: the shared hours are counted and shown where I will be.
    assert "Working hours shared on the meeting day: 09:00–17:00 my time" in text
    assert [entry[1] for entry in outline(data)] == [
        "Tokyo review",
        "Taro Yamada",
        "Hanako Sato",
    ]


def test_the_trip_pack_itinerary_gives_times_there_and_at_home(
    services: Services, trip: dict[str, int]
) -> None:
    meetings = trip_meetings(services, dt.date(2027, 3, 8), dt.date(2027, 3, 12), HOME)
    data = build_trip_pack(services, [m.id for m in meetings], now=NOW, my_zone=HOME)

    itinerary = pages_text(data)[0]
    # Tokyo 10:00 is 02:00 at home (CET, UTC+1); Seoul 14:00 is 06:00.
    assert re.search(r"10:00\s*Tokyo\s*02:00", itinerary)
    assert re.search(r"14:00\s*Seoul\s*06:00", itinerary)
    assert re.search(r"16:00\s*Copenhagen\s*16:00", itinerary)
    # Flying out, Tokyo to Seoul (same offset: no change), and home again.
    assert "Copenhagen (UTC+01:00) to Tokyo (UTC+09:00): +8 h" in itinerary
    assert "Seoul (UTC+09:00) to Copenhagen (UTC+01:00): \u22128 h" in itinerary
    assert itinerary.count("Clocks change") == 2
    assert itinerary.index("Tokyo review") < itinerary.index("Seoul intro")


def test_every_bookmark_points_at_its_own_page(services: Services, trip: dict[str, int]) -> None:
    ids = [trip["call"], trip["seoul"], trip["tokyo"]]  # any order in, time order out
    data = build_trip_pack(services, ids, now=NOW, my_zone=HOME)

    pages = pages_text(data)
    entries = outline(data)
    assert [(level, title) for level, title, _page in entries] == [
        (0, "Itinerary"),
        (0, "Tokyo review"),
        (1, "Taro Yamada"),
        (1, "Hanako Sato"),
        (0, "Seoul intro"),
        (1, "Minjun Kim"),
        (0, "Call with Ann"),
        (1, "Ann Smith"),
    ]
    for _level, title, page in entries[1:]:
        assert title in pages[page - 1], (title, page)
    meeting_pages = [page for level, _title, page in entries[1:] if level == 0]
    assert meeting_pages == sorted(set(meeting_pages)), "each meeting starts a new page"
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_meetings_are_chosen_by_my_calendar_days(services: Services, trip: dict[str, int]) -> None:
    # Tokyo Monday 10:00 is Monday 02:00 in Copenhagen: on Monday, not on Sunday.
    assert [
        m.id for m in trip_meetings(services, dt.date(2027, 3, 7), dt.date(2027, 3, 7), HOME)
    ] == []
    monday = trip_meetings(services, dt.date(2027, 3, 8), dt.date(2027, 3, 8), HOME)
    assert [m.id for m in monday] == [trip["tokyo"]]


def test_progress_is_reported_and_cancel_stops_the_pack(
    services: Services, trip: dict[str, int]
) -> None:
    ids = [trip["tokyo"], trip["seoul"], trip["call"]]
    seen: list[tuple[int, int]] = []

    build_trip_pack(
        services, ids, now=NOW, my_zone=HOME, progress=lambda d, t: not seen.append((d, t))
    )
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert [done for done, _total in seen] == [0, 1, 2, 3, 4]

    def cancel_after_first(done: int, total: int) -> bool:
        return done < 1

    with pytest.raises(PackCancelled):
        build_trip_pack(services, ids, now=NOW, my_zone=HOME, progress=cancel_after_first)


def test_an_empty_pack_is_refused_with_a_message(services: Services) -> None:
    with pytest.raises(ValueError, match="at least one meeting"):
        build_trip_pack(services, [], now=NOW, my_zone=HOME)


def test_the_pack_prints_in_the_chosen_language(services: Services, trip: dict[str, int]) -> None:
    data = build_trip_pack(services, [trip["tokyo"]], now=NOW, my_zone=HOME, language="da")

    text = "\n".join(pages_text(data))
    assert "Fortroligt" in text  # "Confidential"
    assert "man. 8. mar. 2027" in text or "8. mar. 2027" in text


def test_sensitive_notes_are_left_out_only_when_asked(services: Services) -> None:
    contact_id = person(
        services,
        "Mette",
        "Holm",
        "DK",
        HOME,
        notes="Going through a divorce; avoid family talk.",
        notes_sensitive=True,
    )
    services.interactions.log(
        InteractionDraft(
            occurred_at=NOW - dt.timedelta(days=2),
            contact_id=contact_id,
            summary="Told me about health problems",
            sensitive=True,
        )
    )
    services.interactions.log(
        InteractionDraft(
            occurred_at=NOW - dt.timedelta(days=1),
            contact_id=contact_id,
            summary="Asked for the Q2 price list",
        )
    )

    full = "\n".join(pages_text(build_briefing(services, contact_id, now=NOW, my_zone=HOME)))
    assert "divorce" in full and "health problems" in full

    kept_private = "\n".join(
        pages_text(
            build_briefing(services, contact_id, now=NOW, my_zone=HOME, leave_out_sensitive=True)
        )
    )
    assert "divorce" not in kept_private and "health problems" not in kept_private
    assert "Left out: marked sensitive." in kept_private
    assert "Q2 price list" in kept_private  # the ordinary interaction stays


def test_satisfaction_answers_and_their_trend_are_printed(services: Services) -> None:
    contact_id = person(services, "Lars", "Berg", "DK", HOME)
    answers = [(6, dt.date(2026, 3, 1)), (8, dt.date(2026, 9, 1)), (9, dt.date(2027, 2, 1))]
    services.deals.add_feedback(
        [
            FeedbackDraft(
                kind=FeedbackKind.NPS, score=score, answered_on=day, contact_id=contact_id
            )
            for score, day in answers
        ]
    )

    text = "\n".join(pages_text(build_briefing(services, contact_id, now=NOW, my_zone=HOME)))

    assert "NPS 9 of 10" in text
    assert "NPS, oldest to newest: 6, 8, 9" in text


def test_a_right_to_left_name_inside_a_sentence_keeps_the_sentence_in_order() -> None:
    from reportlab.lib.styles import ParagraphStyle

    line = isolate("سلطان الشمري") + ": 6 Dec 2026, 11:00"
    assert not is_rtl(line)  # the sentence reads left to right
    assert is_rtl("سلطان الشمري: 6 Dec 2026")  # without the fence it would not

    flowable = paragraph(line, ParagraphStyle("t"))
    assert isinstance(flowable, RtlParagraph) and not flowable.rtl
