"""Me beside them: my country and the client's, side by side.

Weekend days, how today's working hours overlap, the formality notes of both
countries, and the Culture Map scales wherever the team has placed both countries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relationsapp.core.business_time import WorkCalendar
from relationsapp.core.culture_notes import CultureNote
from relationsapp.core.culture_topics import CULTURE_MAP_SCALES, CultureScale
from relationsapp.core.working_hours import weekend_for
from relationsapp.core.zones import to_local


@dataclass(frozen=True)
class ScalePair:
    scale: CultureScale
    mine: int
    theirs: int


@dataclass(frozen=True)
class CultureComparison:
    my_country: str
    their_country: str
    my_weekend: tuple[int, ...]
    their_weekend: tuple[int, ...]
    #: Today's shared working time as UTC instants (my today), or None when there is none.
    overlap: tuple[dt.datetime, dt.datetime] | None
    my_day_off: bool  # today is not a working day for me
    #: Their working hours on their own today (UTC), or None on their day off.
    their_hours: tuple[dt.datetime, dt.datetime] | None
    my_formality: CultureNote | None
    their_formality: CultureNote | None
    scales: tuple[ScalePair, ...]

    @property
    def overlap_minutes(self) -> int:
        if self.overlap is None:
            return 0
        return int((self.overlap[1] - self.overlap[0]).total_seconds() // 60)


def _intersection(
    first: tuple[dt.datetime, dt.datetime], second: tuple[dt.datetime, dt.datetime]
) -> tuple[dt.datetime, dt.datetime] | None:
    start, end = max(first[0], second[0]), min(first[1], second[1])
    return (start, end) if start < end else None


def todays_overlap(
    mine: WorkCalendar, theirs: WorkCalendar, now: dt.datetime
) -> tuple[dt.datetime, dt.datetime] | None:
    """The longest stretch of my working day today that is working time for them too.

    "Today" is my date. Their days around it are all looked at, because across the date
    line my Monday afternoon can be their Tuesday morning.
    """
    my_day = to_local(now, mine.zone).date()
    my_hours = mine.working_interval(my_day)
    if my_hours is None:
        return None
    best: tuple[dt.datetime, dt.datetime] | None = None
    for shift in (-1, 0, 1):
        their_hours = theirs.working_interval(my_day + dt.timedelta(days=shift))
        shared = _intersection(my_hours, their_hours) if their_hours else None
        if shared and (best is None or shared[1] - shared[0] > best[1] - best[0]):
            best = shared
    return best


def compare_cultures(
    mine: WorkCalendar,
    theirs: WorkCalendar,
    my_notes: dict[str, CultureNote],
    their_notes: dict[str, CultureNote],
    now: dt.datetime,
) -> CultureComparison:
    scales = tuple(
        ScalePair(scale, my_position, their_position)
        for scale in CULTURE_MAP_SCALES
        if (my_position := _position(my_notes, scale.key)) is not None
        and (their_position := _position(their_notes, scale.key)) is not None
    )
    my_day = to_local(now, mine.zone).date()
    return CultureComparison(
        my_country=mine.country,
        their_country=theirs.country,
        my_weekend=weekend_for(mine.country, mine.weekend_override),
        their_weekend=weekend_for(theirs.country, theirs.weekend_override),
        overlap=todays_overlap(mine, theirs, now),
        my_day_off=mine.working_interval(my_day) is None,
        their_hours=theirs.working_interval(to_local(now, theirs.zone).date()),
        my_formality=my_notes.get("formality"),
        their_formality=their_notes.get("formality"),
        scales=scales,
    )


def _position(notes: dict[str, CultureNote], key: str) -> int | None:
    note = notes.get(key)
    return note.scale_position if note is not None else None
