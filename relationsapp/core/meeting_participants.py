"""Who takes part in a meeting, and where each of them is on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from relationsapp.core.records import DEFAULT_WORK_END, DEFAULT_WORK_START


@dataclass(frozen=True)
class Stay:
    """Part of an itinerary: from ``first_day`` to ``last_day`` (inclusive) I am here."""

    first_day: dt.date
    last_day: dt.date
    zone: str
    country: str = ""
    subdivision: str = ""


@dataclass(frozen=True)
class Place:
    zone: str
    country: str
    subdivision: str


@dataclass(frozen=True)
class Participant:
    """A contact, "me", or an ad-hoc place, as the planner sees them."""

    label: str
    zone: str
    country: str = ""
    subdivision: str = ""
    work_start: int = DEFAULT_WORK_START  # minutes after local midnight
    work_end: int = DEFAULT_WORK_END
    #: Weekday numbers (0 = Monday); None = the country's weekend (CLDR).
    weekend_days: tuple[int, ...] | None = None
    unavailable_days: frozenset[dt.date] = field(default_factory=frozenset)
    #: Where this participant travels; a day not covered is spent at ``zone``/``country``.
    itinerary: tuple[Stay, ...] = ()
    contact_id: int | None = None

    def place_on(self, day: dt.date) -> Place:
        """Where the participant is on ``day`` (a civil date)."""
        for stay in self.itinerary:
            if stay.first_day <= day <= stay.last_day:
                return Place(stay.zone, stay.country, stay.subdivision)
        return Place(self.zone, self.country, self.subdivision)
