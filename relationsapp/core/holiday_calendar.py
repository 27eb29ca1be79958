"""Public holidays by country and subdivision, named in the reader's language.

A thin, cached layer over the ``holidays`` package (DESIGN: Time — holidays are data).
The first look-up of a country imports its module (about 90 ms); every later look-up of
the same (country, subdivision, year, language) is a dictionary read. An unknown
country or subdivision has no holidays: a planner must never fail because a contact
was filed under a code the package does not know.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import holidays

from relationsapp.i18n.translate import current_language
from relationsapp.storage.text_folding import fold

# The territory whose spelling each UI language prefers when a country offers several
# variants of it (``en_GB`` before ``en_US``, as relationsapp.i18n.formatting does).
_HOME_TERRITORY = {"en": "GB", "da": "DK", "fi": "FI"}
_FALLBACK_LANGUAGE = "en"


def holidays_package_version() -> str:
    """The version of the ``holidays`` package in use (for reports and bug reports)."""
    return str(holidays.__version__)


def _normalise(country: str, subdivision: str) -> tuple[str, str]:
    country = country.strip().upper()
    subdivision = subdivision.strip().upper()
    # Accept ISO 3166-2 style "US-CA" as well as the bare "CA" the package wants.
    if country and subdivision.startswith(f"{country}-"):
        subdivision = subdivision[len(country) + 1 :]
    return country, subdivision


@lru_cache(maxsize=512)
def _entity_languages(country: str, subdivision: str) -> tuple[tuple[str, ...], str | None] | None:
    """(supported languages, default language) of a country; None when it is unknown."""
    if not country:
        return None
    try:
        entity = holidays.country_holidays(country, subdiv=subdivision or None)
    except NotImplementedError:  # the package's answer to unknown countries/subdivisions
        return None
    supported = tuple(getattr(entity, "supported_languages", ()) or ())
    return supported, getattr(entity, "default_language", None)


def _match(language: str, supported: tuple[str, ...], default: str | None) -> str:
    """The package's code for ``language`` among ``supported``, or "" when absent."""
    if default and default.split("_")[0] == language:
        # The country's own variant first: Australians get en_AU names in English.
        return default
    if language in supported:
        return language
    preferred = f"{language}_{_HOME_TERRITORY.get(language, '')}"
    if preferred in supported:
        return preferred
    variants = sorted(code for code in supported if code.startswith(f"{language}_"))
    return variants[0] if variants else ""


def package_language(country: str, subdivision: str, language: str) -> str | None:
    """The ``language=`` to pass for UI ``language`` ("da", "fi", "en").

    Order: the UI language itself (or a regional variant of it), then English, then the
    country's default (usually its official language). Always explicit, because with
    ``language=None`` the package guesses from $LANGUAGE/$LANG — the test suite sets
    LANGUAGE=en and would otherwise get English Finnish holidays under a Finnish UI.
    None only for countries the package does not translate (or does not know).
    """
    country, subdivision = _normalise(country, subdivision)
    found = _entity_languages(country, subdivision)
    if found is None:
        return None
    supported, default = found
    for wanted in (language.split("_")[0].lower(), _FALLBACK_LANGUAGE):
        code = _match(wanted, supported, default)
        if code:
            return code
    return default


@lru_cache(maxsize=2048)
def _year_holidays(
    country: str, subdivision: str, year: int, language: str | None
) -> MappingProxyType[dt.date, str]:
    """Every holiday of one year as a read-only {date: name}; empty when unknown."""
    if not country:
        return MappingProxyType({})
    options: dict[str, Any] = {"subdiv": subdivision or None, "years": year}
    if language is not None:
        options["language"] = language
    try:
        entity = holidays.country_holidays(country, **options)
    except NotImplementedError:
        return MappingProxyType({})
    # Copy into a plain dict: HolidayBase.get() would populate further years on demand
    # (expand=True), which is slow and not thread-safe.
    return MappingProxyType({day: str(name) for day, name in entity.items()})


def _resolve(country: str, subdivision: str, language: str | None) -> tuple[str, str, str | None]:
    country, subdivision = _normalise(country, subdivision)
    wanted = language if language is not None else current_language()
    return country, subdivision, package_language(country, subdivision, wanted)


def holiday_name(
    country: str, subdivision: str, day: dt.date, language: str | None = None
) -> str | None:
    """The name of the public holiday on ``day`` in ``country`` (None on a normal day).

    ``language`` is a UI language code (default: the one in force). Several holidays on
    one day come joined by "; " as the package gives them.
    """
    country, subdivision, package = _resolve(country, subdivision, language)
    return _year_holidays(country, subdivision, day.year, package).get(day)


def holidays_between(
    country: str,
    subdivision: str,
    first: dt.date,
    last: dt.date,
    language: str | None = None,
) -> dict[dt.date, str]:
    """Every holiday from ``first`` to ``last`` inclusive, in date order."""
    country, subdivision, package = _resolve(country, subdivision, language)
    found: dict[dt.date, str] = {}
    for year in range(first.year, last.year + 1):
        table = _year_holidays(country, subdivision, year, package)
        for day in sorted(table):
            if first <= day <= last:
                found[day] = table[day]
    return found


@lru_cache(maxsize=256)
def _subdivision_names(country: str) -> dict[str, str]:
    """Folded code or name → subdivision code, for one country (empty when unknown)."""
    try:
        entity = holidays.country_holidays(country.upper()).__class__
    except NotImplementedError:
        return {}
    names: dict[str, str] = {}
    for code in getattr(entity, "subdivisions", ()):
        names[fold(code)] = code
    for alias, code in getattr(entity, "subdivisions_aliases", {}).items():
        names[fold(alias)] = code
    return names


def subdivision_code(country: str, region: str) -> str:
    """The holidays package's code for a region typed on a contact card, or "".

    ``("DE", "Bayern")`` → ``"BY"``; ``("US", "california")`` → ``"CA"``;
    ``("US", "NY")`` → ``"NY"``; anything unknown → "" (national holidays only).
    """
    if not country or not region.strip():
        return ""
    return _subdivision_names(country.upper()).get(fold(region), "")
