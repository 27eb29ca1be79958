"""What a visitor should know about a country, derived only from libraries.

Languages, currency, week and number formats come from CLDR (Babel), zones from tzdata
(pytz), the calling code from phonenumbers and holidays from the ``holidays`` package.
Nothing here is typed by hand, so the facts improve when the libraries do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
import pytz
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.languages import get_territory_language_info
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
)

from relationsapp.core.holiday_calendar import holidays_between
from relationsapp.core.working_hours import country_weekend
from relationsapp.core.zones import to_local, utc_offset_minutes, zone_city, zones_for_country
from relationsapp.i18n.formatting import (
    country_name,
    language_name,
    locale_for_language,
    ui_locale,
)

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: The moment the format samples show: day 31 reveals the day/month order, 15:45 the clock.
SAMPLE_MOMENT = dt.datetime(2026, 12, 31, 15, 45)
SAMPLE_NUMBER = 1234567.89
SAMPLE_AMOUNT = 1234.5
#: A language without official status is listed from this share of the population.
WIDELY_USED_PERCENT = 10.0


@dataclass(frozen=True)
class LanguageFact:
    code: str
    name: str
    official: bool
    population_percent: float


@dataclass(frozen=True)
class ZoneNow:
    zone: str
    city: str
    local: dt.datetime
    utc_offset_minutes: int


@dataclass(frozen=True)
class HolidayFact:
    day: dt.date
    name: str


@dataclass(frozen=True)
class FormatSamples:
    locale: str
    date: str
    short_date: str
    time: str
    number: str
    money: str


@dataclass(frozen=True)
class CountryFacts:
    country: str
    name: str
    languages: tuple[LanguageFact, ...]
    currency: str
    currency_name: str
    currency_symbol: str
    weekend: tuple[int, ...]
    first_weekday: int
    samples: FormatSamples
    calling_code: int
    zones: tuple[ZoneNow, ...]
    holidays: tuple[HolidayFact, ...]


def _likely_locale(country: str) -> Locale | None:
    # CLDR has no likely language for some territories (AQ, BV, HM, TF, BQ).
    try:
        return Locale.parse(f"und_{country}")
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=512)
def _languages(country: str, names: Locale) -> tuple[LanguageFact, ...]:
    """Official languages, then widely used ones, each most spoken first."""
    official: list[LanguageFact] = []
    widely_used: list[LanguageFact] = []
    for code, info in get_territory_language_info(country).items():
        if code == "und":  # CLDR's "unknown language" (Antarctica): nothing to name
            continue
        status = str(info.get("official_status") or "")
        percent = float(info.get("population_percent") or 0.0)
        # Official in one region only (German in Denmark) is no national language.
        is_official = "official" in status and "regional" not in status
        if not is_official and percent < WIDELY_USED_PERCENT:
            continue
        fact = LanguageFact(code, language_name(code, names), is_official, percent)
        (official if is_official else widely_used).append(fact)

    def order(facts: list[LanguageFact]) -> tuple[LanguageFact, ...]:
        return tuple(sorted(facts, key=lambda fact: (-fact.population_percent, fact.code)))

    return order(official) + order(widely_used)


@lru_cache(maxsize=512)
def _first_weekday(country: str) -> int:
    # Without a likely locale, CLDR's world default applies (as country_weekend does).
    return (_likely_locale(country) or Locale.parse("und_001")).first_week_day


@lru_cache(maxsize=512)
def _zone_names(country: str) -> tuple[str, ...]:
    # pytz still lists some legacy names; two of them may name one canonical zone.
    return tuple(dict.fromkeys(zones_for_country(country)))


@lru_cache(maxsize=1024)
def _money_and_samples(
    country: str, day: dt.date, names: Locale
) -> tuple[str, str, str, FormatSamples]:
    """(currency code, its name in ``names``, its local symbol, format samples)."""
    currencies = get_territory_currencies(country, day, tender=True)
    currency = currencies[0] if currencies else ""
    currency_name = get_currency_name(currency, locale=names) if currency else ""
    local = _likely_locale(country)
    if local is None:
        return currency, currency_name, "", FormatSamples("", "", "", "", "", "")
    samples = FormatSamples(
        locale=str(local),
        date=format_date(SAMPLE_MOMENT.date(), "medium", locale=local),
        short_date=format_date(SAMPLE_MOMENT.date(), "short", locale=local),
        time=format_time(SAMPLE_MOMENT.time(), "short", locale=local),
        number=format_decimal(SAMPLE_NUMBER, locale=local),
        money=format_currency(SAMPLE_AMOUNT, currency, locale=local) if currency else "",
    )
    symbol = get_currency_symbol(currency, locale=local) if currency else ""
    return currency, currency_name, symbol, samples


def country_facts(
    country: str, now: dt.datetime, *, language: str | None = None, days: int = 60
) -> CountryFacts:
    """Everything known about ``country`` (ISO 3166-1 alpha-2) at the instant ``now``.

    Names are in UI ``language`` ("en", "da", "fi"; None: the one in force). Holidays
    cover ``days`` days from today's date in the country's main zone.
    """
    code = country.strip().upper()
    if code not in pytz.country_names:
        raise ValueError(f"unknown country code {country!r}: expected ISO 3166-1 alpha-2")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("country_facts needs an aware datetime for now")
    names = ui_locale() if language is None else locale_for_language(language)
    currency, currency_name, symbol, samples = _money_and_samples(code, now.date(), names)

    zone_names = _zone_names(code)
    zones = sorted(
        (
            ZoneNow(zone, zone_city(zone), to_local(now, zone), utc_offset_minutes(zone, now))
            for zone in zone_names
        ),
        key=lambda zone_now: (zone_now.utc_offset_minutes, zone_now.zone),
    )
    # "Today" is the date where most people live: pytz lists that zone first.
    first = to_local(now, zone_names[0] if zone_names else "UTC").date()
    last = first + dt.timedelta(days=days - 1)
    found = holidays_between(code, "", first, last, language)

    return CountryFacts(
        country=code,
        name=country_name(code, names),
        languages=_languages(code, names),
        currency=currency,
        currency_name=currency_name,
        currency_symbol=symbol,
        weekend=country_weekend(code),
        first_weekday=_first_weekday(code),
        samples=samples,
        calling_code=phonenumbers.country_code_for_region(code),
        zones=tuple(zones),
        holidays=tuple(HolidayFact(day, name) for day, name in found.items()),
    )


def facts_as_json(facts: CountryFacts) -> dict[str, object]:
    """The facts as plain JSON values (weekdays as ``"mon"``…, dates in ISO 8601)."""
    return {
        "country": facts.country,
        "name": facts.name,
        "languages": [dataclasses.asdict(language) for language in facts.languages],
        "currency": {
            "code": facts.currency,
            "name": facts.currency_name,
            "symbol": facts.currency_symbol,
        },
        "weekend": [WEEKDAY_KEYS[day] for day in facts.weekend],
        "first_weekday": WEEKDAY_KEYS[facts.first_weekday],
        "formats": dataclasses.asdict(facts.samples),
        "calling_code": f"+{facts.calling_code}" if facts.calling_code else "",
        "zones": [
            {
                "zone": zone.zone,
                "city": zone.city,
                "local_time": zone.local.isoformat(),
                "utc_offset_minutes": zone.utc_offset_minutes,
            }
            for zone in facts.zones
        ],
        "holidays": [
            {"date": holiday.day.isoformat(), "name": holiday.name} for holiday in facts.holidays
        ],
    }
