"""The Today report from real services: each list, judged in the client's calendar."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import holidays
import pytest

from relationsapp.core.choices import Channel, Direction, InteractionKind, PromiseStatus
from relationsapp.core.interaction_service import InteractionDraft, PromiseDraft
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.core.promise_rules import PromiseState
from relationsapp.core.records import ContactDraft
from relationsapp.core.reminders import due_soon
from relationsapp.core.services import Services
from relationsapp.core.today import build_today, start_of_day
from relationsapp.core.today_json import today_as_json
from relationsapp.core.today_texts import Section, duration_text, today_sections
from relationsapp.core.zones import localize
from relationsapp.storage.base import utc_now
from relationsapp.storage.database import Database
from tests.helpers.people import seed_people

UTC = dt.UTC
ME = "Europe/Copenhagen"
FRIDAY = dt.date(2027, 3, 12)  # no holiday in Japan, Denmark or the US


def at(zone: str, *when: int) -> dt.datetime:
    """A wall time in ``zone`` as a UTC instant."""
    return localize(dt.datetime(*when), zone).astimezone(UTC)  # type: ignore[arg-type]


def cph(*when: int) -> dt.datetime:
    return at(ME, *when)


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    return seed_people(database)


def promise(services: Services, contact_id: int, due: dt.date, text: str = "Send sample") -> int:
    draft = PromiseDraft(description=text, due_on=due, contact_id=contact_id)
    return services.interactions.add_promise(draft)


def message_from(services: Services, contact_id: int, when: dt.datetime, *, inbound: bool) -> int:
    draft = InteractionDraft(
        occurred_at=when,
        kind=InteractionKind.EMAIL,
        direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
        channel=Channel.EMAIL,
        contact_id=contact_id,
        summary="Question about pump sizing" if inbound else "Answered",
    )
    return services.interactions.log(draft)


def edit_contact(services: Services, contact_id: int, **changes: object) -> None:
    draft = services.contacts.get(contact_id).draft
    services.contacts.update(contact_id, replace(draft, **changes))  # type: ignore[arg-type]


def ids(items: list[object], attribute: str = "contact_id") -> list[object]:
    return [getattr(item, attribute) for item in items]


# --- promises -----------------------------------------------------------------------


def test_a_promise_due_friday_in_tokyo_is_due_friday_morning_and_overdue_by_afternoon(
    services: Services, people: dict[str, int]
) -> None:
    promise_id = promise(services, people["taro"], FRIDAY)
    # Tokyo's Friday ends 17:00 JST = 08:00 UTC = 09:00 in Copenhagen (CET).
    morning = build_today(services, cph(2027, 3, 12, 8, 30), ME)
    assert [p.record.id for p in morning.due_today] == [promise_id]
    assert morning.overdue == []
    assert morning.due_today[0].deadline == dt.datetime(2027, 3, 12, 8, 0, tzinfo=UTC)

    afternoon = build_today(services, cph(2027, 3, 12, 14, 0), ME)
    assert afternoon.due_today == []
    (late,) = afternoon.overdue
    assert late.record.id == promise_id and late.state == PromiseState.OVERDUE
    assert late.delay == dt.timedelta(hours=5)


def test_a_promise_is_due_today_when_it_is_the_clients_today_though_not_mine(
    services: Services,
) -> None:
    # Los Angeles' Friday ends 17:00 PST = 02:00 Saturday in Copenhagen: on Friday
    # afternoon here the deadline is "tomorrow" for me, yet today for him.
    la = services.contacts.create(
        ContactDraft(
            given_name="Maria", family_name="Lopez", country="US", time_zone="America/Los_Angeles"
        )
    )
    promise(services, la, FRIDAY)
    friday = build_today(services, cph(2027, 3, 12, 16, 0), ME)
    (due,) = friday.due_today
    assert due.state == PromiseState.DUE_TODAY
    assert due.deadline == dt.datetime(2027, 3, 13, 1, 0, tzinfo=UTC)
    assert build_today(services, cph(2027, 3, 13, 1, 59), ME).overdue == []
    assert len(build_today(services, cph(2027, 3, 13, 2, 1), ME).overdue) == 1
    # Thursday afternoon here is Thursday morning there: not due yet for either of us.
    assert build_today(services, cph(2027, 3, 11, 16, 0), ME).due_today == []


def test_kept_and_later_promises_are_not_listed(services: Services, people: dict[str, int]) -> None:
    kept = promise(services, people["taro"], FRIDAY, "Kept one")
    services.interactions.set_status(kept, PromiseStatus.KEPT, cph(2027, 3, 11, 10, 0))
    promise(services, people["taro"], FRIDAY + dt.timedelta(days=7), "Next week")
    report = build_today(services, cph(2027, 3, 12, 14, 0), ME)
    assert report.overdue == [] and report.due_today == []


# --- replies ------------------------------------------------------------------------

RIYADH = "Asia/Riyadh"  # weekend Friday–Saturday; no holiday in April 2027


def test_a_riyadh_friday_evening_email_is_not_overdue_over_his_weekend(
    services: Services, people: dict[str, int]
) -> None:
    message_from(services, people["ahmed"], at(RIYADH, 2027, 4, 9, 19, 0), inbound=True)
    saturday = build_today(services, cph(2027, 4, 10, 12, 0), ME)
    (waiting,) = saturday.awaiting
    assert waiting.interaction.draft.contact_id == people["ahmed"]
    assert not waiting.state.overdue
    assert waiting.state.working_minutes_left == 24 * 60  # Sunday to Tuesday, untouched
    # 24 working hours: Sunday, Monday, Tuesday 09:00–17:00 in Riyadh.
    assert waiting.state.due_at == at(RIYADH, 2027, 4, 13, 17, 0)


def test_a_reply_is_overdue_after_enough_of_the_clients_working_hours(
    services: Services, people: dict[str, int]
) -> None:
    message_from(services, people["ahmed"], at(RIYADH, 2027, 4, 9, 19, 0), inbound=True)
    before = build_today(services, at(RIYADH, 2027, 4, 13, 16, 0), ME)
    assert before.awaiting[0].state.working_minutes_left == 60
    wednesday = build_today(services, at(RIYADH, 2027, 4, 14, 10, 0), ME)
    (late,) = wednesday.awaiting
    assert late.state.overdue and late.state.working_minutes_over == 60


def test_an_outbound_interaction_answers_the_message(
    services: Services, people: dict[str, int]
) -> None:
    message_from(services, people["ahmed"], at(RIYADH, 2027, 4, 9, 19, 0), inbound=True)
    message_from(services, people["ahmed"], at(RIYADH, 2027, 4, 11, 9, 30), inbound=False)
    assert build_today(services, cph(2027, 4, 14, 12, 0), ME).awaiting == []


# --- birthdays ----------------------------------------------------------------------


def test_a_tokyo_birthday_tomorrow_for_me_is_today_for_him(
    services: Services, people: dict[str, int]
) -> None:
    edit_contact(services, people["taro"], birthday=dt.date(1970, 6, 11))
    edit_contact(services, people["jorgen"], birthday=dt.date(1980, 6, 11))
    edit_contact(services, people["mette"], birthday=dt.date(1985, 6, 20))  # 10 days off
    # 22:30 in Copenhagen on 10 June is 05:30 on 11 June in Tokyo.
    report = build_today(services, cph(2027, 6, 10, 22, 30), ME)
    by_contact = {birthday.contact_id: birthday for birthday in report.birthdays}
    assert set(by_contact) == {people["taro"], people["jorgen"]}
    assert by_contact[people["taro"]].days_until == 0
    assert by_contact[people["taro"]].age == 57
    assert by_contact[people["jorgen"]].days_until == 1
    assert report.birthdays[0].contact_id == people["taro"]  # today first


def test_a_29_february_birthday_is_kept_on_28_february_in_a_common_year(
    services: Services, people: dict[str, int]
) -> None:
    edit_contact(services, people["aino"], birthday=dt.date(1988, 2, 29))
    (common,) = build_today(services, at("Europe/Helsinki", 2027, 2, 28, 10, 0), ME).birthdays
    assert (common.day, common.days_until, common.age) == (dt.date(2027, 2, 28), 0, 39)
    (leap,) = build_today(services, at("Europe/Helsinki", 2028, 2, 28, 10, 0), ME).birthdays
    assert (leap.day, leap.days_until, leap.age) == (dt.date(2028, 2, 29), 1, 40)


def test_a_birthday_without_a_year_has_no_age(services: Services, people: dict[str, int]) -> None:
    edit_contact(services, people["mette"], birthday=dt.date(1604, 6, 12))  # vCard --06-12
    (birthday,) = build_today(services, cph(2027, 6, 10, 12, 0), ME).birthdays
    assert birthday.days_until == 2 and birthday.age is None


# --- stay in touch ------------------------------------------------------------------


def test_stay_in_touch_lists_people_not_contacted_within_their_weeks(
    services: Services, people: dict[str, int]
) -> None:
    for key in ("mette", "jorgen", "aino"):
        edit_contact(services, people[key], touch_weeks=4)
    message_from(services, people["mette"], cph(2027, 1, 4, 10, 0), inbound=False)
    message_from(services, people["jorgen"], cph(2027, 2, 1, 10, 0), inbound=False)
    # Aino only took part in a call with Jørgen: that counts as being in touch.
    services.interactions.log(
        InteractionDraft(
            occurred_at=cph(2027, 2, 10, 10, 0),
            kind=InteractionKind.CALL,
            contact_id=people["jorgen"],
            other_contact_ids=[people["aino"]],
            summary="Three-way call",
        )
    )
    report = build_today(services, cph(2027, 2, 15, 12, 0), ME)
    (lapsed,) = report.lapsed
    assert lapsed.contact_id == people["mette"] and lapsed.weeks == 4
    assert lapsed.last_contact == cph(2027, 1, 4, 10, 0)


def test_someone_never_contacted_lapses_weeks_after_the_card_was_made(
    services: Services, people: dict[str, int]
) -> None:
    edit_contact(services, people["aino"], touch_weeks=2)
    assert build_today(services, utc_now() + dt.timedelta(days=13), ME).lapsed == []
    (never,) = build_today(services, utc_now() + dt.timedelta(days=15), ME).lapsed
    assert never.contact_id == people["aino"] and never.last_contact is None


def test_a_planned_call_in_the_future_does_not_count_as_in_touch(
    services: Services, people: dict[str, int]
) -> None:
    edit_contact(services, people["mette"], touch_weeks=4)
    message_from(services, people["mette"], cph(2027, 1, 4, 10, 0), inbound=False)
    message_from(services, people["mette"], cph(2027, 3, 1, 10, 0), inbound=False)
    (lapsed,) = build_today(services, cph(2027, 2, 15, 12, 0), ME).lapsed
    assert lapsed.last_contact == cph(2027, 1, 4, 10, 0)


# --- holidays -----------------------------------------------------------------------


def test_a_public_holiday_today_where_clients_are(
    services: Services, people: dict[str, int]
) -> None:
    maundy_thursday = dt.date(2027, 3, 25)
    assert maundy_thursday in holidays.country_holidays("DK", years=2027)
    (denmark,) = build_today(services, cph(2027, 3, 25, 12, 0), ME).holidays
    assert (denmark.country, denmark.day, denmark.contact_count) == ("DK", maundy_thursday, 2)
    assert denmark.name == holidays.country_holidays("DK", years=2027, language="en_US").get(
        maundy_thursday
    )


def test_a_holiday_counts_in_the_clients_calendar_not_mine(
    services: Services, people: dict[str, int]
) -> None:
    foundation_day = dt.date(2027, 2, 11)
    assert foundation_day in holidays.country_holidays("JP", years=2027)
    # 17:00 on 10 February in Copenhagen is 01:00 on 11 February in Tokyo.
    (japan,) = build_today(services, cph(2027, 2, 10, 17, 0), ME).holidays
    assert (japan.country, japan.day, japan.contact_count) == ("JP", foundation_day, 1)
    assert build_today(services, cph(2027, 2, 10, 15, 0), ME).holidays == []


# --- meetings -----------------------------------------------------------------------


def book(services: Services, title: str, start: dt.datetime, contact_id: int) -> int:
    return services.meetings.book(
        MeetingDraft(
            title=title,
            start_utc=start,
            organiser_zone=ME,
            attendees=[MeetingAttendee("Taro Yamada", "Asia/Tokyo", "JP", contact_id=contact_id)],
        )
    )


def test_meetings_are_those_of_my_day_in_my_zone(
    services: Services, people: dict[str, int]
) -> None:
    early = book(services, "Early call", cph(2027, 3, 12, 0, 0), people["taro"])
    late = book(services, "Late call", cph(2027, 3, 12, 23, 30), people["taro"])
    book(services, "Yesterday", cph(2027, 3, 11, 23, 59), people["taro"])
    book(services, "Tomorrow", cph(2027, 3, 13, 0, 0), people["taro"])
    report = build_today(services, cph(2027, 3, 12, 12, 0), ME)
    assert [meeting.id for meeting in report.meetings] == [early, late]


def test_my_day_starts_after_a_dst_gap_at_midnight(services: Services) -> None:
    # Santiago skips 2027-09-05 00:00–01:00: the day begins at 01:00 -03 (04:00 UTC).
    assert start_of_day(dt.date(2027, 9, 5), "America/Santiago") == dt.datetime(
        2027, 9, 5, 4, 0, tzinfo=UTC
    )
    report = build_today(services, dt.datetime(2027, 9, 5, 15, 0, tzinfo=UTC), "America/Santiago")
    assert report.is_empty()


# --- JSON, words, reminders ---------------------------------------------------------


def test_today_as_json_gives_instants_in_utc_and_in_each_zone(
    services: Services, people: dict[str, int]
) -> None:
    promise_id = promise(services, people["taro"], FRIDAY, "Send the revised quote")
    message_from(services, people["ahmed"], at(RIYADH, 2027, 3, 1, 10, 0), inbound=True)
    book(services, "Video call", cph(2027, 3, 12, 16, 0), people["taro"])
    document = today_as_json(build_today(services, cph(2027, 3, 12, 14, 0), ME))
    json.dumps(document)  # serialisable as it is
    assert set(document) >= {
        "now",
        "my_zone",
        "promises_overdue",
        "promises_due_today",
        "awaiting_replies",
        "meetings",
        "birthdays",
        "stay_in_touch",
        "holidays",
    }
    assert document["now"] == "2027-03-12T13:00:00Z" and document["my_zone"] == ME
    (overdue,) = document["promises_overdue"]
    assert overdue["promise_id"] == promise_id and overdue["contact_id"] == people["taro"]
    assert overdue["contact"] == "山田太郎 (Yamada Taro)"
    assert overdue["deadline"] == "2027-03-12T08:00:00Z"
    assert overdue["deadline_local"] == "2027-03-12T17:00:00+09:00"
    assert overdue["deadline_mine"] == "2027-03-12T09:00:00+01:00"
    assert overdue["overdue_by_minutes"] == 300
    (waiting,) = document["awaiting_replies"]
    assert waiting["contact_id"] == people["ahmed"]
    assert waiting["received"] == "2027-03-01T07:00:00Z"
    assert waiting["received_local"] == "2027-03-01T10:00:00+03:00"
    assert waiting["overdue"] is True and waiting["overdue_by_working_minutes"] > 0
    (meeting,) = document["meetings"]
    assert meeting["start"] == "2027-03-12T15:00:00Z" and meeting["starts_in_minutes"] == 120
    assert meeting["attendees"][0]["start_local"] == "2027-03-13T00:00:00+09:00"


def test_the_sections_come_in_a_fixed_order_and_say_how_late(
    services: Services, people: dict[str, int]
) -> None:
    promise(services, people["taro"], dt.date(2027, 3, 11), "Send the revised quote")
    sections = today_sections(build_today(services, cph(2027, 3, 12, 12, 5), ME))
    assert [section.kind for section in sections] == list(Section)
    assert sections[0].heading == "Overdue promises (1)"
    assert sections[1].heading == "Promises due today (0)"
    (line,) = sections[0].lines
    assert line.status == "overdue by 1 day 3 h"  # Thursday 09:00 here → Friday 12:05
    assert line.when == "Thu 11 Mar 09:00 (17:00 in Tokyo)"
    assert line.contact_id == people["taro"] and line.promise_id is not None


def test_durations_read_as_people_say_them() -> None:
    assert duration_text(dt.timedelta(days=3, hours=5)) == "3 days"
    assert duration_text(dt.timedelta(days=1, hours=3, minutes=59)) == "1 day 3 h"
    assert duration_text(dt.timedelta(hours=3, minutes=20)) == "3 h 20 min"
    assert duration_text(dt.timedelta(seconds=20)) == "1 min"


def test_a_promise_due_within_the_hour_reminds_in_my_time_and_the_clients(
    services: Services, people: dict[str, int]
) -> None:
    promise(services, people["ahmed"], dt.date(2027, 4, 15), "Send revised quote")
    # Thursday 17:00 in Riyadh is 16:00 in Copenhagen (CEST).
    (reminder,) = due_soon(services, cph(2027, 4, 15, 15, 10), ME)
    assert reminder.at == cph(2027, 4, 15, 16, 0)
    assert reminder.contact_id == people["ahmed"]
    assert reminder.key.startswith("promise:")
    assert "Send revised quote" in reminder.message and "Ahmed Al-Otaibi" in reminder.message
    assert "16:00 (17:00 in Riyadh)" in reminder.message
    assert due_soon(services, cph(2027, 4, 15, 14, 50), ME) == []  # 70 minutes ahead
    assert due_soon(services, cph(2027, 4, 15, 16, 1), ME) == []  # passed: overdue now


def test_a_meeting_starting_within_the_hour_reminds_with_a_stable_key(
    services: Services, people: dict[str, int]
) -> None:
    book(services, "Video call", cph(2027, 3, 12, 10, 0), people["taro"])
    first = due_soon(services, cph(2027, 3, 12, 9, 30), ME)
    again = due_soon(services, cph(2027, 3, 12, 9, 31), ME)
    assert [r.key for r in first] == [r.key for r in again] and len(first) == 1
    assert first[0].message == "“Video call” starts at 10:00 (18:00 in Tokyo)."
    assert due_soon(services, cph(2027, 3, 12, 8, 59), ME) == []
