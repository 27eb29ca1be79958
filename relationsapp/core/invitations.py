"""Sending a meeting: an iCalendar file, and an invitation text for each participant.

The invitation is written in the participant's own language when the app ships it
(English otherwise), with the time in *their* zone formatted for *their* locale:
"torsdag den 11. marts 2027 15.00 (Europe/Copenhagen)".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError
from icalendar import Calendar, Event, vCalAddress

from relationsapp import __version__
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDetails, MeetingDraft
from relationsapp.core.zones import to_local
from relationsapp.i18n.formatting import format_date_and_time_in
from relationsapp.i18n.translate import N_, SUPPORTED_LANGUAGES, translator

_GREETING = N_("Dear %(name)s,")
_BODY = N_(
    "I would like to invite you to “%(title)s” on %(when)s (%(zone)s), for %(minutes)d minutes."
)
_WHERE = N_("Place: %(location)s")
_AGENDA = N_("Agenda:")
_CLOSING = N_("Kind regards")


def meeting_to_ics(draft: MeetingDraft, uid: str, organiser: str = "") -> bytes:
    """A VCALENDAR with one VEVENT, in the organiser's zone, VTIMEZONE data included.

    Calendar programs show it in each reader's own zone; the VTIMEZONE block means
    they need not know the zone name (Outlook does not use IANA names).
    """
    return _calendar([_event(draft, uid, organiser)], method="REQUEST")


def meetings_to_ics(meetings: Iterable[MeetingDetails]) -> bytes:
    """Several meetings in one VCALENDAR to import into a calendar (METHOD:PUBLISH)."""
    return _calendar([_event(m.draft, m.uid) for m in meetings], method="PUBLISH")


def _calendar(events: list[Event], method: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//RelationsApp//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(draft: MeetingDraft, uid: str, organiser: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@relationsapp")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    start = to_local(draft.start_utc, draft.organiser_zone)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=draft.duration_minutes))
    event.add("summary", draft.title)
    if draft.location:
        event.add("location", draft.location)
    if draft.agenda:
        event.add("description", draft.agenda)
    if organiser:
        event.add("organizer", vCalAddress(f"mailto:{organiser}"))
    for attendee in draft.attendees:
        address = vCalAddress(f"urn:relationsapp:{attendee.contact_id or attendee.label}")
        address.params["cn"] = attendee.label
        event.add("attendee", address)
    return event


def _reader_locale(language: str) -> Locale:
    try:
        return Locale.parse(language or "en")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def invitation_language(preferred: str) -> str:
    """The language an invitation is written in: theirs if shipped, else English."""
    base = (preferred or "en").replace("-", "_").split("_")[0]
    return base if base in SUPPORTED_LANGUAGES else "en"


def invitation_text(draft: MeetingDraft, attendee: MeetingAttendee, preferred_language: str) -> str:
    """A ready-to-paste invitation for ``attendee`` in their language and zone."""
    language = invitation_language(preferred_language)
    catalog = translator(language)
    # Dates in their locale when the text is in their language (da_DK, fi_FI),
    # otherwise in the language of the text, so one sentence never mixes two.
    locale = _reader_locale(preferred_language if language != "en" else "en")
    local = to_local(draft.start_utc, attendee.zone).replace(tzinfo=None)
    parts = [
        catalog.gettext(_GREETING) % {"name": attendee.label},
        catalog.gettext(_BODY)
        % {
            "title": draft.title,
            "when": format_date_and_time_in(local, locale),
            "zone": attendee.zone,
            "minutes": draft.duration_minutes,
        },
    ]
    if draft.location:
        parts.append(catalog.gettext(_WHERE) % {"location": draft.location})
    if draft.agenda:
        parts.append(f"{catalog.gettext(_AGENDA)}\n{draft.agenda}")
    parts.append(catalog.gettext(_CLOSING))
    return "\n\n".join(parts)
