"""Country facts agree with the libraries they come from (Babel, pytz, phonenumbers, holidays).

Every expectation is computed here from the library itself, so these tests keep passing
when CLDR or tzdata change, and fail when the module stops following them.
"""

from __future__ import annotations

import datetime as dt
import json

import holidays
import phonenumbers
import pytest
import pytz
from babel import Locale
from babel.dates import format_date, format_time
from babel.languages import get_territory_language_info
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
)

from relationsapp.core.country_facts import (
    SAMPLE_AMOUNT,
    SAMPLE_MOMENT,
    SAMPLE_NUMBER,
    WEEKDAY_KEYS,
    country_facts,
    facts_as_json,
)
from relationsapp.core.zones import canonical_zone, zone_city, zone_country
from relationsapp.i18n.formatting import locale_for_language
from relationsapp.i18n.translate import set_language

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def _weekend_keys(country: str) -> list[str]:
    locale = Locale.parse(f"und_{country}")
    days = [locale.weekend_start]
    while days[-1] != locale.weekend_end:
        days.append((days[-1] + 1) % 7)
    return [WEEKDAY_KEYS[day] for day in days]


@pytest.mark.parametrize(
    ("country", "expected"),
    [("SA", ["fri", "sat"]), ("AE", ["sat", "sun"]), ("IL", ["fri", "sat"]), ("IN", ["sun"])],
)
def test_weekend_follows_cldr(country: str, expected: list[str]) -> None:
    weekend = facts_as_json(country_facts(country, NOW))["weekend"]
    assert weekend == _weekend_keys(country)
    assert weekend == expected


@pytest.mark.parametrize("country", ["US", "AU", "BR"])
def test_every_zone_with_its_local_time_ordered_by_offset(country: str) -> None:
    facts = country_facts(country, NOW)
    expected = {canonical_zone(zone) for zone in pytz.country_timezones[country]}
    names = [zone.zone for zone in facts.zones]
    assert len(names) == len(set(names)) == len(expected)
    assert set(names) == expected
    for zone in facts.zones:
        local = NOW.astimezone(pytz.timezone(zone.zone))
        assert zone.local == NOW
        assert zone.local.replace(tzinfo=None) == local.replace(tzinfo=None)
        assert zone.local.utcoffset() == local.utcoffset()
        assert zone.utc_offset_minutes * 60 == local.utcoffset().total_seconds()
        assert zone.city == zone_city(zone.zone)
    keys = [(zone.utc_offset_minutes, zone.zone) for zone in facts.zones]
    assert keys == sorted(keys)
    assert keys[0][0] < keys[-1][0]


def test_zone_local_time_in_json_is_iso_with_offset() -> None:
    zones = facts_as_json(country_facts("AU", NOW))["zones"]
    assert isinstance(zones, list)
    sydney = next(zone for zone in zones if zone["zone"] == "Australia/Sydney")
    expected = NOW.astimezone(pytz.timezone("Australia/Sydney"))
    assert sydney["local_time"] == expected.isoformat()
    assert dt.datetime.fromisoformat(sydney["local_time"]) == NOW


@pytest.mark.parametrize(("country", "expected"), [("SA", "+966"), ("DK", "+45")])
def test_calling_code(country: str, expected: str) -> None:
    facts = country_facts(country, NOW)
    assert facts.calling_code == phonenumbers.country_code_for_region(country)
    assert facts_as_json(facts)["calling_code"] == expected


@pytest.mark.parametrize(("country", "expected"), [("SA", "SAR"), ("DK", "DKK"), ("JP", "JPY")])
def test_currency_in_use(country: str, expected: str) -> None:
    facts = country_facts(country, NOW, language="en")
    assert facts.currency == get_territory_currencies(country, NOW.date(), tender=True)[0]
    assert facts.currency == expected
    local = Locale.parse(f"und_{country}")
    assert facts.currency_symbol == get_currency_symbol(expected, locale=local)
    assert facts.currency_name == get_currency_name(expected, locale=locale_for_language("en"))


@pytest.mark.parametrize("country", ["US", "DK", "SA", "JP"])
def test_first_weekday(country: str) -> None:
    facts = country_facts(country, NOW)
    assert facts.first_weekday == Locale.parse(f"und_{country}").first_week_day
    assert facts_as_json(facts)["first_weekday"] == WEEKDAY_KEYS[facts.first_weekday]


def test_first_weekday_examples() -> None:
    assert facts_as_json(country_facts("US", NOW))["first_weekday"] == "sun"
    assert facts_as_json(country_facts("DK", NOW))["first_weekday"] == "mon"


@pytest.mark.parametrize("country", ["JP", "IN", "CH", "DK", "US"])
def test_languages_follow_cldr(country: str) -> None:
    info = get_territory_language_info(country)
    facts = country_facts(country, NOW, language="en")
    for language in facts.languages:
        status = info[language.code]["official_status"] or ""
        assert language.official == (status in ("official", "de_facto_official"))
        assert language.population_percent == info[language.code]["population_percent"]
        assert language.official or language.population_percent >= 10
    officials = [language.official for language in facts.languages]
    assert officials == sorted(officials, reverse=True)  # official ones first
    for group in (True, False):
        shares = [fact.population_percent for fact in facts.languages if fact.official == group]
        assert shares == sorted(shares, reverse=True)


def test_named_languages() -> None:
    def codes(country: str, *, official: bool) -> set[str]:
        found = country_facts(country, NOW).languages
        return {fact.code for fact in found if fact.official or not official}

    assert "ja" in codes("JP", official=True)
    assert {"hi", "en"} <= codes("IN", official=True)
    assert {"de", "fr", "it"} <= codes("CH", official=True)


def test_names_in_danish() -> None:
    danish = Locale.parse("da")
    facts = country_facts("DE", NOW, language="da")
    assert facts.name == danish.territories["DE"] == "Tyskland"
    german = next(language for language in facts.languages if language.code == "de")
    assert german.name == danish.languages["de"]
    assert facts.currency_name == get_currency_name("EUR", locale=Locale.parse("da_DK"))
    assert country_facts("DE", NOW, language="en").name == "Germany"


def test_names_in_the_language_in_force() -> None:
    set_language("da")
    assert country_facts("DE", NOW).name == "Tyskland"
    set_language("en")
    assert country_facts("DE", NOW).name == "Germany"


def test_christmas_in_denmark_named_in_danish() -> None:
    christmas = dt.date(2026, 12, 25)
    facts = country_facts("DK", NOW, language="da", days=60)
    found = {holiday.day: holiday.name for holiday in facts.holidays}
    expected = holidays.country_holidays("DK", years=2026, language="da")[christmas]
    assert found[christmas] == expected
    in_english = {h.day: h.name for h in country_facts("DK", NOW, language="en").holidays}
    assert in_english[christmas] != expected
    assert all(NOW.date() <= day < NOW.date() + dt.timedelta(days=60) for day in found)
    as_json = facts_as_json(facts)["holidays"]
    assert {"date": "2026-12-25", "name": expected} in as_json  # type: ignore[operator]


def test_holiday_window_starts_today_in_the_country() -> None:
    # 23:30 UTC on Christmas Eve is already Christmas Day in Copenhagen.
    late = dt.datetime(2026, 12, 24, 23, 30, tzinfo=dt.UTC)
    days = [holiday.day for holiday in country_facts("DK", late, days=1).holidays]
    assert days == [dt.date(2026, 12, 25)]
    window = country_facts("DK", NOW, days=24).holidays
    assert dt.date(2026, 12, 25) not in [holiday.day for holiday in window]


@pytest.mark.parametrize("country", ["US", "DE", "JP", "SA"])
def test_format_samples_follow_the_likely_locale(country: str) -> None:
    local = Locale.parse(f"und_{country}")
    samples = country_facts(country, NOW).samples
    currency = get_territory_currencies(country, NOW.date(), tender=True)[0]
    assert samples.locale == str(local)
    assert samples.date == format_date(SAMPLE_MOMENT.date(), "medium", locale=local)
    assert samples.short_date == format_date(SAMPLE_MOMENT.date(), "short", locale=local)
    assert samples.time == format_time(SAMPLE_MOMENT.time(), "short", locale=local)
    assert samples.number == format_decimal(SAMPLE_NUMBER, locale=local)
    assert samples.money == format_currency(SAMPLE_AMOUNT, currency, locale=local)


def test_twelve_and_twenty_four_hour_clocks_differ() -> None:
    us = country_facts("US", NOW).samples
    de = country_facts("DE", NOW).samples
    assert "h" in str(Locale.parse(us.locale).time_formats["short"].pattern)
    assert "H" in str(Locale.parse(de.locale).time_formats["short"].pattern)
    assert us.time != de.time
    assert us.short_date != de.short_date
    assert us.number != de.number


def test_unknown_country_is_refused() -> None:
    with pytest.raises(ValueError, match="XX"):
        country_facts("XX", NOW)
    with pytest.raises(ValueError):
        country_facts("DK", NOW.replace(tzinfo=None))


@pytest.mark.parametrize("country", ["AQ", "BV", "HM"])
def test_territory_without_locale_or_currency_degrades(country: str) -> None:
    facts = country_facts(country, NOW)
    currencies = get_territory_currencies(country, NOW.date(), tender=True)
    assert facts.currency == (currencies[0] if currencies else "")
    assert facts.samples.locale == ""
    assert "und" not in [language.code for language in facts.languages]
    assert {zone.zone for zone in facts.zones} == {
        canonical_zone(zone) for zone in pytz.country_timezones.get(country, [])
    }
    json.dumps(facts_as_json(facts))  # still JSON-ready


def test_json_shape() -> None:
    as_json = facts_as_json(country_facts("SA", NOW, language="en"))
    assert json.loads(json.dumps(as_json, ensure_ascii=False)) == as_json
    assert set(as_json) == {
        "country", "name", "languages", "currency", "weekend", "first_weekday",
        "formats", "calling_code", "zones", "holidays",
    }  # fmt: skip
    assert as_json["currency"] == {
        "code": "SAR",
        "name": get_currency_name("SAR", locale=locale_for_language("en")),
        "symbol": get_currency_symbol("SAR", locale=Locale.parse("ar_SA")),
    }
    assert as_json["languages"][0]["code"] == "ar"  # type: ignore[index]


def test_zone_helpers_moved_to_core() -> None:
    assert zone_city("America/Argentina/Buenos_Aires") == "Buenos Aires"
    assert zone_city("Asia/Calcutta") == "Kolkata"
    assert zone_country("Asia/Tokyo") == "JP"
    assert zone_country("Asia/Calcutta") == "IN"
    assert zone_country("UTC") == ""
