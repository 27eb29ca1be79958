"""Reminders: promises falling due and meetings starting within the next hour, Qt-free.

A promise's deadline is judged in the client's calendar (relationsapp.core.promise_rules:
the end of *their* working day on the agreed date), so a promise due "Thursday" to a
Riyadh client reminds me at 15:00 Copenhagen time, an hour before his 17:00.

Each reminder has a key that stays the same from one check to the next, so whoever
shows them (the desktop's tray, a status bar) can show each one once. The key carries
the deadline or start: a meeting moved to another time reminds again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relationsapp.core.choices import PromiseStatus
from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.core.promise_rules import ClientCalendars, JudgedPromise, judge_all
from relationsapp.core.services import Services
from relationsapp.core.today_json import utc_text
from relationsapp.core.today_texts import when_text
from relationsapp.core.zones import to_local
from relationsapp.i18n.translate import _

LEAD = dt.timedelta(minutes=60)
#: A client's civil date is at most a day and a bit from mine (UTC−12 to UTC+14), and a
#: night shift ends the morning after its date: due dates this far around mine suffice.
_DATE_SLACK = dt.timedelta(days=3)


@dataclass(frozen=True)
class Reminder:
    key: str  # "promise:<uid>@<deadline>", "meeting:<uid>@<start>"
    title: str
    message: str
    at: dt.datetime  # UTC: the deadline or the start
    contact_id: int | None


def _promise_reminder(promise: JudgedPromise, now: dt.datetime, my_zone: str) -> Reminder:
    record = promise.record
    today = to_local(now, my_zone).date()
    values = {
        "promise": record.draft.description,
        "name": record.contact_name or record.account_name,
        "time": when_text(promise.deadline, my_zone, [promise.client_zone], today),
    }
    if values["name"]:
        message = _("“%(promise)s” to %(name)s is due at %(time)s.") % values
    else:
        message = _("“%(promise)s” is due at %(time)s.") % values
    return Reminder(
        key=f"promise:{record.uid}@{utc_text(promise.deadline)}",
        title=_("Promise due soon"),
        message=message,
        at=promise.deadline,
        contact_id=record.draft.contact_id,
    )


def _meeting_reminder(meeting: MeetingDetails, now: dt.datetime, my_zone: str) -> Reminder:
    draft = meeting.draft
    today = to_local(now, my_zone).date()
    when = when_text(draft.start_utc, my_zone, [a.zone for a in draft.attendees], today)
    message = _("“%(title)s” starts at %(time)s.") % {"title": draft.title, "time": when}
    if draft.location.strip():
        message += "\n" + _("Where: %(location)s") % {"location": draft.location.strip()}
    return Reminder(
        key=f"meeting:{meeting.uid}@{utc_text(draft.start_utc)}",
        title=_("Meeting soon"),
        message=message,
        at=draft.start_utc,
        contact_id=next((a.contact_id for a in draft.attendees if a.contact_id is not None), None),
    )


def due_soon(
    services: Services, now: dt.datetime, my_zone: str, lead: dt.timedelta = LEAD
) -> list[Reminder]:
    """Open promises whose deadline and meetings whose start fall in [now, now + lead]."""
    until = now + lead
    records = services.interactions.promises(
        statuses=[PromiseStatus.OPEN],
        due_from=to_local(now, my_zone).date() - _DATE_SLACK,
        due_until=to_local(until, my_zone).date() + _DATE_SLACK,
    )
    found = [
        _promise_reminder(promise, now, my_zone)
        for promise in judge_all(records, ClientCalendars(services, my_zone), now, my_zone)
        if now <= promise.deadline <= until
    ]
    # starting_between excludes its end; a meeting starting exactly at now + lead counts.
    for meeting in services.meetings.starting_between(now, until + dt.timedelta(microseconds=1)):
        found.append(_meeting_reminder(meeting, now, my_zone))
    return sorted(found, key=lambda reminder: (reminder.at, reminder.key))
