"""Turning contacts and typed-in places into planner participants."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from relationsapp.core.holiday_calendar import subdivision_code
from relationsapp.core.meeting_participants import Participant
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.records import DEFAULT_WORK_END, DEFAULT_WORK_START, ContactDetails
from relationsapp.core.zones import canonical_zone, is_known_zone, zones_for_country

_HOURS = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


class ParticipantSpecError(ValueError):
    """A ``LABEL:ZONE[:CC[-SUBDIV]]`` or ``HH:MM-HH:MM`` text that cannot be read."""


@dataclass(frozen=True)
class WorkingHours:
    start: int = DEFAULT_WORK_START
    end: int = DEFAULT_WORK_END


def parse_hours(text: str) -> WorkingHours:
    """``09:00-17:00`` → minutes after midnight; ``24:00`` is allowed as an end."""
    match = _HOURS.match(text.strip())
    if not match:
        raise ParticipantSpecError(text)
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if start_m >= 60 or end_m >= 60 or not 0 <= start < 24 * 60 or not 0 < end <= 24 * 60:
        raise ParticipantSpecError(text)
    if start == end:
        raise ParticipantSpecError(text)
    return WorkingHours(start, end)


def parse_participant(spec: str, hours: WorkingHours = WorkingHours()) -> Participant:
    """``Mette:Europe/Copenhagen:DK`` or ``Ana:America/Sao_Paulo:BR-SP`` → Participant."""
    parts = spec.split(":")
    if len(parts) not in (2, 3) or not parts[0].strip():
        raise ParticipantSpecError(spec)
    label, zone = parts[0].strip(), parts[1].strip()
    if not is_known_zone(zone):
        raise ParticipantSpecError(spec)
    country, subdivision = "", ""
    if len(parts) == 3:
        country, _dash, subdivision = parts[2].strip().upper().partition("-")
        if len(country) != 2 or not country.isalpha():
            raise ParticipantSpecError(spec)
    return Participant(
        label=label,
        zone=canonical_zone(zone),
        country=country,
        subdivision=subdivision,
        work_start=hours.start,
        work_end=hours.end,
    )


def participant_from_contact(details: ContactDetails) -> Participant | None:
    """A contact with their zone (else their country's main zone), hours and weekend;
    None when neither zone nor country says where they are."""
    draft = details.draft
    zone = draft.time_zone if is_known_zone(draft.time_zone) else ""
    zone = zone or next(iter(zones_for_country(draft.country)), "")
    if not zone:
        return None
    return Participant(
        label=name_with_transliteration(details.display_name, details.latin_name),
        zone=zone,
        country=draft.country,
        # "Bayern" or "CA" on the card → that state's holidays too.
        subdivision=subdivision_code(draft.country, draft.address.region),
        work_start=draft.work_start,
        work_end=draft.work_end,
        weekend_days=draft.weekend_days,
        unavailable_days=away_days(draft.away),
        contact_id=details.id,
    )


def away_days(periods: list[tuple[dt.date, dt.date]]) -> frozenset[dt.date]:
    """Every civil date inside the away periods."""
    return frozenset(
        first + dt.timedelta(days=offset)
        for first, last in periods
        for offset in range((last - first).days + 1)
    )
