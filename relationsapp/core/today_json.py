"""The Today report as JSON-ready data, for ``relationsapp today --json`` and scripts.

Instants are UTC (``2027-03-12T08:00:00Z``); each has a local twin with its offset in
the zone that gives it meaning (``2027-03-12T17:00:00+09:00`` for a Tokyo client, and
``..._mine`` in my zone). Durations are whole minutes: clock minutes for promises and
meetings, working minutes (the client's working week) for replies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.core.promise_rules import JudgedPromise
from relationsapp.core.today import (
    AwaitingReply,
    Birthday,
    HolidayToday,
    LapsedContact,
    TodayReport,
)
from relationsapp.core.zones import to_local

Json = dict[str, Any]


def utc_text(instant: dt.datetime) -> str:
    """``2027-03-12T08:00:00Z``."""
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_text(instant: dt.datetime, zone: str) -> str:
    """``2027-03-12T17:00:00+09:00``: the instant on the wall clock in ``zone``."""
    return to_local(instant, zone).isoformat(timespec="seconds")


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _promise(promise: JudgedPromise, report: TodayReport) -> Json:
    record = promise.record
    item: Json = {
        "promise_id": record.id,
        "uid": record.uid,
        "description": record.draft.description,
        "contact_id": record.draft.contact_id,
        "contact": record.contact_name,
        "account_id": record.draft.account_id,
        "account": record.account_name,
        "due_on": record.draft.due_on.isoformat(),
        "deadline": utc_text(promise.deadline),
        "deadline_local": local_text(promise.deadline, promise.client_zone),
        "deadline_mine": local_text(promise.deadline, report.my_zone),
        "client_zone": promise.client_zone,
        "state": promise.state.value,
    }
    if promise.delay is not None:
        item["overdue_by_minutes"] = _minutes(promise.delay)
    else:
        item["due_in_minutes"] = max(0, _minutes(promise.deadline - report.now))
    return item


def _awaiting(item: AwaitingReply, report: TodayReport) -> Json:
    record, state = item.interaction, item.state
    received = record.draft.occurred_at
    return {
        "interaction_id": record.id,
        "uid": record.uid,
        "contact_id": record.draft.contact_id,
        "contact": record.contact_name,
        "account": record.account_name,
        "kind": record.draft.kind.value,
        "channel": record.draft.channel.value if record.draft.channel else None,
        "summary": record.draft.summary,
        "received": utc_text(received),
        "received_local": local_text(received, item.client_zone),
        "received_mine": local_text(received, report.my_zone),
        "reply_due": utc_text(state.due_at),
        "reply_due_local": local_text(state.due_at, item.client_zone),
        "reply_due_mine": local_text(state.due_at, report.my_zone),
        "client_zone": item.client_zone,
        "overdue": state.overdue,
        "due_in_working_minutes": state.working_minutes_left,
        "overdue_by_working_minutes": state.working_minutes_over,
    }


def _meeting(meeting: MeetingDetails, report: TodayReport) -> Json:
    draft = meeting.draft
    contact_id = next((a.contact_id for a in draft.attendees if a.contact_id is not None), None)
    return {
        "meeting_id": meeting.id,
        "uid": meeting.uid,
        "title": draft.title,
        "contact_id": contact_id,
        "start": utc_text(draft.start_utc),
        "start_mine": local_text(draft.start_utc, report.my_zone),
        "duration_minutes": draft.duration_minutes,
        "starts_in_minutes": _minutes(draft.start_utc - report.now),
        "location": draft.location,
        "attendees": [
            {
                "label": time.attendee.label,
                "contact_id": time.attendee.contact_id,
                "zone": time.attendee.zone,
                "start_local": time.local_start.isoformat(timespec="seconds"),
            }
            for time in meeting.times
        ],
    }


def _birthday(birthday: Birthday) -> Json:
    return {
        "contact_id": birthday.contact_id,
        "contact": birthday.name,
        "date": birthday.day.isoformat(),
        "days_until": birthday.days_until,
        "age": birthday.age,
        "client_zone": birthday.client_zone,
    }


def _lapsed(lapsed: LapsedContact, report: TodayReport) -> Json:
    last = lapsed.last_contact
    return {
        "contact_id": lapsed.contact_id,
        "contact": lapsed.name,
        "every_weeks": lapsed.weeks,
        "last_contact": utc_text(last) if last else None,
        "days_since": (report.now - last).days if last else None,
    }


def _holiday(holiday: HolidayToday) -> Json:
    return {
        "country": holiday.country,
        "name": holiday.name,
        "date": holiday.day.isoformat(),
        "contact_count": holiday.contact_count,
    }


def today_as_json(report: TodayReport) -> Json:
    """Every list of the report, JSON-serialisable (``json.dumps`` needs nothing more)."""
    return {
        "now": utc_text(report.now),
        "my_zone": report.my_zone,
        "today": to_local(report.now, report.my_zone).date().isoformat(),
        "promises_overdue": [_promise(p, report) for p in report.overdue],
        "promises_due_today": [_promise(p, report) for p in report.due_today],
        "awaiting_replies": [_awaiting(item, report) for item in report.awaiting],
        "meetings": [_meeting(meeting, report) for meeting in report.meetings],
        "birthdays": [_birthday(birthday) for birthday in report.birthdays],
        "stay_in_touch": [_lapsed(item, report) for item in report.lapsed],
        "holidays": [_holiday(holiday) for holiday in report.holidays],
    }
