"""What a wall-clock time typed by a person means in a zone: one instant, none, or two.

On the night clocks go forward an hour of local times does not exist (Copenhagen,
2027-03-28 02:30); on the night they go back an hour happens twice (2027-10-31 02:30
is 00:30 UTC *and* 01:30 UTC). The app never picks one silently: it says which case
it is, with the offsets, and the user decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import pytz

from relationsapp.core.zones import canonical_zone, is_known_zone


class WallTimeStatus(StrEnum):
    OK = "ok"
    NONEXISTENT = "nonexistent"  # in a DST gap
    AMBIGUOUS = "ambiguous"  # in a DST fold


@dataclass(frozen=True)
class WallTime:
    zone: str
    local: dt.datetime  # naive, as typed
    status: WallTimeStatus
    #: The candidate instants in time order: one when OK, two in a fold, none in a gap.
    instants: tuple[dt.datetime, ...]
    #: The zone's UTC offsets around that time (both sides of a gap or fold).
    offsets: tuple[dt.timedelta, ...]


class UnknownZoneError(ValueError):
    """The zone name is not in the time zone database."""


def interpret_wall_time(zone: str, local: dt.datetime) -> WallTime:
    """Classify the naive ``local`` time in ``zone``; raises UnknownZoneError."""
    if local.tzinfo is not None:
        raise ValueError("interpret_wall_time takes a naive wall-clock time")
    if not is_known_zone(zone):
        raise UnknownZoneError(zone)
    name = canonical_zone(zone)
    tz = pytz.timezone(name)
    try:
        aware = tz.localize(local, is_dst=None)
    except pytz.AmbiguousTimeError:
        first = tz.localize(local, is_dst=True)
        second = tz.localize(local, is_dst=False)
        instants = tuple(sorted((first.astimezone(dt.UTC), second.astimezone(dt.UTC))))
        return WallTime(name, local, WallTimeStatus.AMBIGUOUS, instants, _offsets(first, second))
    except pytz.NonExistentTimeError:
        before = tz.localize(local, is_dst=False)
        after = tz.localize(local, is_dst=True)
        return WallTime(name, local, WallTimeStatus.NONEXISTENT, (), _offsets(before, after))
    offset = aware.utcoffset() or dt.timedelta(0)
    return WallTime(name, local, WallTimeStatus.OK, (aware.astimezone(dt.UTC),), (offset,))


def _offsets(*moments: dt.datetime) -> tuple[dt.timedelta, ...]:
    found = sorted({moment.utcoffset() or dt.timedelta(0) for moment in moments})
    return tuple(found)


def format_offset(offset: dt.timedelta) -> str:
    """``+05:30``, ``-03:30``, ``+00:00`` (ISO 8601, for machines; people get Babel's)."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"
