"""Is it a decent time to call this client? Working hours and weekends by country."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import lru_cache

from relationsapp.core.zones import to_local


class WorkStatus(StrEnum):
    WORKING = "working"
    OFF_HOURS = "off_hours"
    WEEKEND = "weekend"
    UNKNOWN = "unknown"  # no zone recorded


@lru_cache(maxsize=512)
def country_weekend(country: str) -> tuple[int, ...]:
    """Weekday numbers (0 = Monday) of the weekend in ``country``, from CLDR.

    Saudi Arabia gives (4, 5) (Friday–Saturday), India (6,) (Sunday only), Denmark (5, 6).
    """
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(f"und_{country.upper()}") if country else Locale.parse("und_001")
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("und_001")
    start, end = locale.weekend_start, locale.weekend_end
    days = [start]
    while days[-1] != end:
        days.append((days[-1] + 1) % 7)
    return tuple(days)


def weekend_for(country: str, override: tuple[int, ...] | None) -> tuple[int, ...]:
    """The contact's own weekend if set, else the country's."""
    return override if override is not None else country_weekend(country)


def work_status(
    instant: dt.datetime,
    zone: str,
    country: str,
    work_start: int,
    work_end: int,
    weekend_override: tuple[int, ...] | None = None,
) -> WorkStatus:
    """Where ``instant`` falls in the client's week: working, off hours or weekend."""
    if not zone:
        return WorkStatus.UNKNOWN
    try:
        local = to_local(instant, zone)
    except KeyError:  # pytz.UnknownTimeZoneError is a KeyError
        return WorkStatus.UNKNOWN
    if local.weekday() in weekend_for(country, weekend_override):
        return WorkStatus.WEEKEND
    minute = local.hour * 60 + local.minute
    if work_start <= work_end:
        inside = work_start <= minute < work_end
    else:  # a shift that crosses midnight, e.g. 22:00–06:00
        inside = minute >= work_start or minute < work_end
    return WorkStatus.WORKING if inside else WorkStatus.OFF_HOURS
