"""Meetings from iCalendar files (.ics from Outlook, Google Calendar, or our own export).

Each VEVENT with a start time becomes a meeting: its title, start (in the zone the event
names; a floating time is taken in my home zone), length, place and description; its
attendees are matched to contacts by e-mail address, and "me" is added in the event's
zone. An all-day event is not a meeting and is reported, as is an event already in the
file (same title and start) — so importing a file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService
from relationsapp.core.zones import canonical_zone, is_known_zone, localize, zone_country
from relationsapp.i18n.translate import _
from relationsapp.interop.contact_records import MAX_FILE_BYTES, SkippedRecord

if TYPE_CHECKING:
    from relationsapp.storage.database import Database

DEFAULT_MINUTES = 60
MAX_MINUTES = 24 * 60


@dataclass
class MeetingImportResult:
    imported_ids: list[int] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)


def _event_lines(text: str) -> list[int]:
    """The line number of each BEGIN:VEVENT, in order (icalendar keeps none)."""
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


def _zone_of(start: dt.datetime, home_zone: str) -> str:
    key = getattr(start.tzinfo, "key", None) or getattr(start.tzinfo, "zone", None)
    if isinstance(key, str) and is_known_zone(key):
        return canonical_zone(key)
    if start.tzinfo is not None and start.utcoffset() == dt.timedelta(0):
        return "UTC"
    return home_zone


def _contacts_by_email(database: Database) -> dict[str, tuple[int, str, str, str]]:
    """e-mail (folded) → (contact id, display name, zone, country) of live contacts."""
    from relationsapp.core.choices import NameOrder
    from relationsapp.core.names import display_name
    from relationsapp.core.records import ContactDraft

    found: dict[str, tuple[int, str, str, str]] = {}
    sql = (
        "SELECT e.address, c.id, c.given_name, c.family_name, c.name_order, c.time_zone,"
        " c.country FROM contact_emails AS e JOIN contacts AS c ON c.id = e.contact_id"
        " WHERE c.deleted_at IS NULL AND e.deleted_at IS NULL"
    )
    for address, contact_id, given, family, order, zone, country in database.reader().execute(sql):
        draft = ContactDraft(given_name=given, family_name=family, name_order=NameOrder(order))
        found.setdefault(
            address.strip().casefold(), (contact_id, display_name(draft), zone, country)
        )
    return found


def _attendees(
    event: Any, zone: str, people: dict[str, tuple[int, str, str, str]]
) -> list[MeetingAttendee]:
    attendees = [MeetingAttendee(_("Me"), zone, zone_country(zone))]
    values = event.get("attendee") or []
    if not isinstance(values, list):
        values = [values]
    for value in values:
        address = str(value)
        if address.lower().startswith("mailto:"):
            address = address[7:]
        match = people.get(address.strip().casefold())
        if match is not None:
            contact_id, name, their_zone, country = match
            attendees.append(MeetingAttendee(name, their_zone or zone, country, "", contact_id))
    return attendees


def _draft(
    event: Any, home_zone: str, people: dict[str, tuple[int, str, str, str]]
) -> MeetingDraft | str:
    """The event as a meeting draft, or the reason it is not one."""
    if event.get("dtstart") is None:
        return _("the event has no start time")
    start = event.decoded("dtstart")
    if not isinstance(start, dt.datetime):
        return _("an all-day event is not a meeting")
    zone = _zone_of(start, home_zone)
    if start.tzinfo is None:  # floating time: the wall clock where I am
        start = localize(start, zone)
    minutes = DEFAULT_MINUTES
    if event.get("dtend") is not None:
        end = event.decoded("dtend")
        if isinstance(end, dt.datetime):
            end = end if end.tzinfo is not None else localize(end, zone)
            minutes = int((end - start).total_seconds() // 60)
    elif event.get("duration") is not None:
        minutes = int(event.decoded("duration").total_seconds() // 60)
    if not 0 < minutes <= MAX_MINUTES:
        return _("the event lasts %(minutes)d minutes; a meeting lasts up to a day") % {
            "minutes": minutes
        }
    return MeetingDraft(
        title=str(event.get("summary", "")).strip() or _("Meeting"),
        start_utc=start.astimezone(dt.UTC),
        duration_minutes=minutes,
        organiser_zone=zone,
        location=str(event.get("location", "")).strip(),
        agenda=str(event.get("description", "")).strip(),
        attendees=_attendees(event, zone, people),
    )


def import_meetings_from_ics(
    database: Database, paths: list[Path], home_zone: str = "UTC"
) -> MeetingImportResult:
    """Book every meeting in ``paths``; the rest is reported with file, line and reason."""
    import icalendar

    result = MeetingImportResult()
    meetings = MeetingService(database)
    people = _contacts_by_email(database)
    for path in paths:
        source = str(path)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                reason = _("is larger than %(limit)d MB, the most one import takes")
                result.skipped.append(
                    SkippedRecord(source, 0, reason % {"limit": MAX_FILE_BYTES // 2**20})
                )
                continue
            data = path.read_bytes()
            calendars = icalendar.Calendar.from_ical(data, multiple=True)
        except OSError as error:
            reason = _("cannot be read: %(error)s") % {"error": error.strerror}
            result.skipped.append(SkippedRecord(source, 0, reason))
            continue
        except ValueError as error:
            reason = _("is not an iCalendar file: %(error)s") % {"error": error}
            result.skipped.append(SkippedRecord(source, 1, reason))
            continue
        lines = _event_lines(data.decode("utf-8", errors="replace"))
        events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
        for number, event in enumerate(events):
            line = lines[number] if number < len(lines) else 0
            try:
                draft = _draft(event, home_zone, people)
            except (ValueError, TypeError, AttributeError) as error:
                draft = _("the event could not be read: %(error)s") % {"error": error}
            if isinstance(draft, str):
                result.skipped.append(SkippedRecord(source, line, draft))
                continue
            if _already_booked(meetings, draft):
                reason = _("already in the file: “%(title)s” at the same time") % {
                    "title": draft.title
                }
                result.skipped.append(SkippedRecord(source, line, reason))
                continue
            result.imported_ids.append(meetings.book(draft))
    return result


def _already_booked(meetings: MeetingService, draft: MeetingDraft) -> bool:
    same_start = meetings.starting_between(
        draft.start_utc, draft.start_utc + dt.timedelta(seconds=1)
    )
    return any(meeting.draft.title == draft.title for meeting in same_start)
