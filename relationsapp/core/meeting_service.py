"""Book, change, cancel and list meetings; each participant's local time is derived.

A meeting is stored as an instant in UTC plus the zone the organiser typed it in;
participants keep the zone and country they were in, so "Thursday 15:00 in Riyadh"
stays right even if the contact later moves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.validation import FieldError
from relationsapp.core.zones import canonical_zone, is_known_zone, to_local
from relationsapp.i18n.translate import _
from relationsapp.storage.base import utc_now
from relationsapp.storage.database import Database
from relationsapp.storage.models import Meeting, MeetingParticipant

MAX_DURATION_MINUTES = 24 * 60


@dataclass(frozen=True)
class MeetingAttendee:
    label: str
    zone: str
    country: str = ""
    subdivision: str = ""
    contact_id: int | None = None


@dataclass
class MeetingDraft:
    title: str = ""
    start_utc: dt.datetime = field(default_factory=utc_now)
    duration_minutes: int = 60
    organiser_zone: str = "UTC"
    location: str = ""
    agenda: str = ""
    attendees: list[MeetingAttendee] = field(default_factory=list)


@dataclass(frozen=True)
class AttendeeTime:
    attendee: MeetingAttendee
    local_start: dt.datetime
    local_end: dt.datetime


@dataclass(frozen=True)
class MeetingDetails:
    id: int
    uid: str
    draft: MeetingDraft
    times: tuple[AttendeeTime, ...]


def validate_meeting(draft: MeetingDraft) -> list[FieldError]:
    errors: list[FieldError] = []
    if not draft.title.strip():
        errors.append(FieldError("title", _("Give the meeting a title.")))
    if draft.start_utc.tzinfo is None:
        errors.append(FieldError("start", _("The start time has no time zone.")))
    if not 0 < draft.duration_minutes <= MAX_DURATION_MINUTES:
        errors.append(FieldError("duration", _("A meeting lasts between 1 minute and 24 hours.")))
    if not is_known_zone(draft.organiser_zone):
        errors.append(
            FieldError("zone", _("“%(zone)s” is not a time zone.") % {"zone": draft.organiser_zone})
        )
    for index, attendee in enumerate(draft.attendees):
        if not is_known_zone(attendee.zone):
            message = _("“%(zone)s” is not a time zone.") % {"zone": attendee.zone}
            errors.append(FieldError("attendees", message, index))
    return errors


def attendee_times(draft: MeetingDraft) -> tuple[AttendeeTime, ...]:
    """Each attendee's local start and end (DST-correct in their own zone)."""
    end = draft.start_utc + dt.timedelta(minutes=draft.duration_minutes)
    return tuple(
        AttendeeTime(
            attendee, to_local(draft.start_utc, attendee.zone), to_local(end, attendee.zone)
        )
        for attendee in draft.attendees
    )


def _apply(meeting: Meeting, draft: MeetingDraft) -> None:
    meeting.title = draft.title.strip()
    meeting.start_utc = draft.start_utc
    meeting.duration_minutes = draft.duration_minutes
    meeting.organiser_zone = canonical_zone(draft.organiser_zone)
    meeting.location = draft.location.strip()
    meeting.agenda = draft.agenda.rstrip()
    now = utc_now()
    for old in meeting.participants:
        if old.deleted_at is None:
            old.deleted_at = now
    for position, attendee in enumerate(draft.attendees):
        meeting.participants.append(
            MeetingParticipant(
                contact_id=attendee.contact_id,
                label=attendee.label,
                zone=canonical_zone(attendee.zone),
                country=attendee.country.upper(),
                subdivision=attendee.subdivision,
                position=position,
            )
        )


def _draft_of(meeting: Meeting) -> MeetingDraft:
    return MeetingDraft(
        title=meeting.title,
        start_utc=meeting.start_utc,
        duration_minutes=meeting.duration_minutes,
        organiser_zone=meeting.organiser_zone,
        location=meeting.location,
        agenda=meeting.agenda,
        attendees=[
            MeetingAttendee(row.label, row.zone, row.country, row.subdivision, row.contact_id)
            for row in meeting.participants
            if row.deleted_at is None
        ],
    )


def _checked(draft: MeetingDraft) -> MeetingDraft:
    errors = validate_meeting(draft)
    if errors:
        raise ValidationFailed(errors)
    return draft


def _live(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise RecordNotFound(meeting_id)
    return meeting


class MeetingService:
    """Meetings for the planner, the Upcoming list and the CLI."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def book(self, draft: MeetingDraft) -> int:
        draft = _checked(draft)
        with self._database.session() as session, session.begin():
            meeting = Meeting()
            session.add(meeting)
            _apply(meeting, draft)
            session.flush()
            return meeting.id

    def update(self, meeting_id: int, draft: MeetingDraft) -> None:
        draft = _checked(draft)
        with self._database.session() as session, session.begin():
            _apply(_live(session, meeting_id), draft)

    def cancel(self, meeting_id: int) -> None:
        """Tombstone the meeting (``restore`` brings it back: undo)."""
        with self._database.session() as session, session.begin():
            _live(session, meeting_id).deleted_at = utc_now()

    def restore(self, meeting_id: int) -> None:
        with self._database.session() as session, session.begin():
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise RecordNotFound(meeting_id)
            meeting.deleted_at = None

    def get(self, meeting_id: int) -> MeetingDetails:
        with self._database.session() as session:
            meeting = _live(session, meeting_id)
            draft = _draft_of(meeting)
            return MeetingDetails(meeting.id, meeting.uid, draft, attendee_times(draft))

    def id_for_uid(self, uid: str) -> int | None:
        """The id of the live meeting with ``uid`` (a stable reference from outside)."""
        with self._database.session() as session:
            return session.scalar(
                select(Meeting.id).where(Meeting.uid == uid.strip(), Meeting.deleted_at.is_(None))
            )

    def past(self, now: dt.datetime, days: int = 365) -> list[MeetingDetails]:
        """Live meetings that started in the ``days`` before ``now``, oldest first."""
        return self.starting_between(now - dt.timedelta(days=days), now)

    def starting_between(self, first: dt.datetime, end: dt.datetime) -> list[MeetingDetails]:
        """Live meetings starting at ``first`` or later and before ``end``, oldest first."""
        statement = (
            select(Meeting)
            .where(
                Meeting.deleted_at.is_(None),
                Meeting.start_utc >= first,
                Meeting.start_utc < end,
            )
            .order_by(Meeting.start_utc, Meeting.id)
            .options(selectinload(Meeting.participants))
        )
        with self._database.session() as session:
            return [
                MeetingDetails(meeting.id, meeting.uid, draft, attendee_times(draft))
                for meeting in session.scalars(statement)
                for draft in (_draft_of(meeting),)
            ]

    def upcoming(self, now: dt.datetime, limit: int = 50) -> list[MeetingDetails]:
        """Live meetings that have not ended yet, soonest first."""
        # A meeting that started up to a day ago may still be running.
        statement = (
            select(Meeting)
            .where(Meeting.deleted_at.is_(None), Meeting.start_utc >= now - dt.timedelta(days=1))
            .order_by(Meeting.start_utc, Meeting.id)
            .options(selectinload(Meeting.participants))
        )
        found: list[MeetingDetails] = []
        with self._database.session() as session:
            for meeting in session.scalars(statement):
                end = meeting.start_utc + dt.timedelta(minutes=meeting.duration_minutes)
                if end <= now:
                    continue
                draft = _draft_of(meeting)
                found.append(MeetingDetails(meeting.id, meeting.uid, draft, attendee_times(draft)))
                if len(found) >= limit:
                    break
        return found
