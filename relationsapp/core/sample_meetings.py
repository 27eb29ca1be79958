"""Sample meetings: a video call this week and a trip to Tokyo, Seoul and Riyadh next week.

Booked through the meeting service like the planner does, with "Me" first at the place
I will be (my itinerary), so the Upcoming list, meeting briefings and trip packs have
something real to show. Times are chosen in each place's own working day (Riyadh on a
Sunday: a working day there).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService
from relationsapp.core.names import display_name
from relationsapp.core.services import Services
from relationsapp.core.zones import localize, to_local, zone_country
from relationsapp.i18n.translate import _
from relationsapp.storage.database import Database
from relationsapp.storage.models import Contact

#: (days after next Monday, local hour, my zone then, client country, people, title, place)
_TRIP = (
    (0, 10, "Asia/Tokyo", "JP", 2, "Quarterly review", "Client office, Marunouchi"),
    (1, 15, "Asia/Tokyo", "JP", 1, "Renewal terms", "Client office"),
    (3, 10, "Asia/Seoul", "KR", 1, "Introductory meeting", "Gangnam office"),
    (6, 11, "Asia/Riyadh", "SA", 1, "Partnership workshop", "King Fahd Road office"),
)


def _people(database: Database, country: str, count: int) -> list[int]:
    with database.session() as session:
        rows = session.scalars(
            select(Contact.id)
            .where(Contact.deleted_at.is_(None), Contact.country == country)
            .order_by(Contact.account_id, Contact.id)
            .limit(count)
        )
        return list(rows)


def _attendee(services: Services, contact_id: int) -> MeetingAttendee:
    details = services.contacts.get(contact_id)
    draft = details.draft
    return MeetingAttendee(display_name(draft), draft.time_zone, draft.country, "", contact_id)


def add_sample_meetings(database: Database, now: dt.datetime, home_zone: str) -> int:
    """Book the sample meetings; returns how many were booked."""
    services = Services(database)
    meetings = MeetingService(database)
    home_day = to_local(now, home_zone).date()
    next_monday = home_day + dt.timedelta(days=7 - home_day.weekday())
    booked = 0
    call_people = _people(database, "US", 1)
    if call_people:
        day = home_day + dt.timedelta(days=1 if home_day.weekday() < 4 else 7 - home_day.weekday())
        start = localize(dt.datetime.combine(day, dt.time(16)), home_zone)
        me = MeetingAttendee(_("Me"), home_zone, zone_country(home_zone))
        meetings.book(
            MeetingDraft(
                title="Video call: pricing follow-up",
                start_utc=start.astimezone(dt.UTC),
                duration_minutes=45,
                organiser_zone=home_zone,
                location="Video call",
                attendees=[me, _attendee(services, call_people[0])],
            )
        )
        booked += 1
    for offset, hour, zone, country, count, title, place in _TRIP:
        people = _people(database, country, count)
        if not people:
            continue
        day = next_monday + dt.timedelta(days=offset)
        start = localize(dt.datetime.combine(day, dt.time(hour)), zone)
        me = MeetingAttendee(_("Me"), zone, zone_country(zone))
        meetings.book(
            MeetingDraft(
                title=title,
                start_utc=start.astimezone(dt.UTC),
                duration_minutes=60,
                organiser_zone=zone,
                location=place,
                agenda="1. Where we are\n2. What we promised\n3. Next steps",
                attendees=[me, *(_attendee(services, person) for person in people)],
            )
        )
        booked += 1
    return booked
