"""All time zone arithmetic, done right with pytz (see DESIGN: Time).

Never ``datetime(..., tzinfo=pytz.timezone(zone))``: that attaches the zone's first
historical offset (Local Mean Time, e.g. +05:53 for Kolkata). Always ``localize`` a
local time and ``astimezone``/``normalize`` an instant.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

import pytz

# Old names that phone-number and vCard libraries still hand out, mapped to the names
# tzdata uses today. pytz treats them as separate zones, so compare canonical names.
_LEGACY_ZONES = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Asia/Dacca": "Asia/Dhaka",
    "Asia/Thimbu": "Asia/Thimphu",
    "Asia/Ujung_Pandang": "Asia/Makassar",
    "Asia/Macao": "Asia/Macau",
    "Asia/Chongqing": "Asia/Shanghai",
    "Asia/Chungking": "Asia/Shanghai",
    "Asia/Harbin": "Asia/Shanghai",
    "Asia/Tel_Aviv": "Asia/Jerusalem",
    "Asia/Istanbul": "Europe/Istanbul",
    "Europe/Kiev": "Europe/Kyiv",
    "Europe/Nicosia": "Asia/Nicosia",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "America/Godthab": "America/Nuuk",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Pacific/Truk": "Pacific/Chuuk",
    "Pacific/Ponape": "Pacific/Pohnpei",
    "Australia/ACT": "Australia/Sydney",
    "Australia/NSW": "Australia/Sydney",
    "Australia/LHI": "Australia/Lord_Howe",
    "Canada/Newfoundland": "America/St_Johns",
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "GB": "Europe/London",
    "Japan": "Asia/Tokyo",
    "PRC": "Asia/Shanghai",
    "ROK": "Asia/Seoul",
}


def canonical_zone(name: str) -> str:
    """Today's IANA name for ``name`` (``Asia/Calcutta`` → ``Asia/Kolkata``)."""
    name = name.strip()
    return _LEGACY_ZONES.get(name, name)


def is_known_zone(name: str) -> bool:
    return canonical_zone(name) in pytz.all_timezones_set


@lru_cache(maxsize=512)
def _zone(name: str) -> dt.tzinfo:
    return pytz.timezone(canonical_zone(name))


def zones_for_country(country: str) -> list[str]:
    """The zones of a country, most populous first (pytz's order), canonical names."""
    try:
        zones = pytz.country_timezones[country.upper()]
    except KeyError:
        return []
    return [canonical_zone(zone) for zone in zones]


def all_zones() -> list[str]:
    """Every current zone name (``pytz.common_timezones``)."""
    return list(pytz.common_timezones)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_local(instant: dt.datetime, zone: str) -> dt.datetime:
    """The wall-clock time in ``zone`` at the UTC ``instant`` (aware, correct offset)."""
    if instant.tzinfo is None:
        raise ValueError("to_local needs an aware datetime")
    return instant.astimezone(_zone(zone))


def localize(local: dt.datetime, zone: str) -> dt.datetime:
    """An aware datetime for a naive wall-clock time in ``zone``.

    Raises ``pytz.NonExistentTimeError`` (DST gap) or ``pytz.AmbiguousTimeError``
    (DST fold) rather than guessing: the caller must ask the user.
    """
    tz = _zone(zone)
    return tz.localize(local, is_dst=None)  # type: ignore[attr-defined]


def utc_offset_minutes(zone: str, instant: dt.datetime) -> int:
    """The zone's offset from UTC at ``instant``, in minutes (Kolkata: 330)."""
    offset = to_local(instant, zone).utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


def system_zone() -> str:
    """This computer's IANA zone (``$TZ``, ``/etc/localtime``, ``/etc/timezone``) or UTC."""
    import contextlib
    import os
    from pathlib import Path

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        # e.g. /usr/share/zoneinfo/Europe/Copenhagen → Europe/Copenhagen
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="ascii").strip())
    for candidate in candidates:
        if candidate and is_known_zone(candidate):
            return canonical_zone(candidate)
    return "UTC"


def zone_city(zone: str) -> str:
    """``Europe/Copenhagen`` → ``Copenhagen``; ``America/Argentina/Buenos_Aires`` →
    ``Buenos Aires``; a zone without a city part (``UTC``) is shown as it is."""
    return canonical_zone(zone).rsplit("/", 1)[-1].replace("_", " ")


@cache
def _zone_countries() -> dict[str, str]:
    # zone.tab names one country per zone, so the reverse mapping is a plain dict.
    return {
        canonical_zone(zone): country
        for country, zones in pytz.country_timezones.items()
        for zone in zones
    }


def zone_country(zone: str) -> str:
    """The ISO 3166 country whose zone this is (``Asia/Tokyo`` → ``JP``), or ""."""
    return _zone_countries().get(canonical_zone(zone), "")
