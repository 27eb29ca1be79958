"""Public holidays by country, in the reader's language, cached, never failing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import holidays
import pytest

from relationsapp.core import holiday_calendar
from relationsapp.core.holiday_calendar import (
    holiday_name,
    holidays_between,
    holidays_package_version,
    package_language,
)
from relationsapp.i18n.translate import set_language

INDEPENDENCE_DAY = dt.date(2027, 12, 6)  # Finland, a Monday


@pytest.mark.parametrize(
    ("language", "name"),
    [("fi", "Itsenäisyyspäivä"), ("en", "Independence Day")],
)
def test_finnish_independence_day_is_named_in_the_ui_language(language: str, name: str) -> None:
    set_language(language)
    assert holiday_name("FI", "", INDEPENDENCE_DAY) == name


def test_an_explicit_language_beats_the_ui_language() -> None:
    set_language("fi")
    assert holiday_name("FI", "", INDEPENDENCE_DAY, language="en") == "Independence Day"


def test_the_environment_locale_does_not_choose_the_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The package guesses from $LANGUAGE when language=None; we always say which.
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert holiday_name("FI", "", INDEPENDENCE_DAY, language="fi") == "Itsenäisyyspäivä"


def test_danish_christmas_in_danish_and_english() -> None:
    assert holiday_name("DK", "", dt.date(2027, 12, 26), language="da") == "Anden juledag"
    christmas = holiday_name("DK", "", dt.date(2027, 12, 26), language="en")
    assert christmas == "Second Day of Christmas"


def test_a_normal_day_has_no_holiday() -> None:
    assert holiday_name("FI", "", dt.date(2027, 12, 7)) is None


def test_language_falls_back_to_english_then_the_countrys_own() -> None:
    # Saudi names exist in Arabic and English, not Danish: a Dane reads English.
    assert package_language("SA", "", "da") == "en_US"
    # A country's own English variant wins for English readers.
    assert package_language("AU", "", "en") == "en_AU"
    assert package_language("GB", "", "en") == "en_GB"
    assert package_language("DK", "", "da") == "da"
    # Japan offers no Danish; English is there.
    assert package_language("JP", "", "da") == "en_US"


def test_unlocalised_country_still_has_its_holidays() -> None:
    assert package_language("NZ", "", "fi") is None
    assert holiday_name("NZ", "", dt.date(2027, 4, 26), language="fi")  # ANZAC Day (Mon)


@pytest.mark.parametrize(
    ("country", "subdivision"),
    [("XX", ""), ("", ""), ("US", "ZZ"), ("DK", "NOPE"), ("zz", "zz")],
)
def test_unknown_country_or_subdivision_has_no_holidays(country: str, subdivision: str) -> None:
    assert holiday_name(country, subdivision, dt.date(2027, 1, 1)) is None
    assert holidays_between(country, subdivision, dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == {}


def test_subdivision_holidays_apply_in_both_spellings() -> None:
    cesar_chavez = dt.date(2027, 3, 31)
    assert holiday_name("US", "CA", cesar_chavez, "en") == "Cesar Chavez Day"
    assert holiday_name("us", "US-CA", cesar_chavez, "en") == "Cesar Chavez Day"
    assert holiday_name("US", "", cesar_chavez, "en") is None


def test_holidays_between_spans_years_in_date_order_inclusive() -> None:
    found = holidays_between("DK", "", dt.date(2027, 12, 25), dt.date(2028, 1, 1), "da")
    assert found == {
        dt.date(2027, 12, 25): "Juledag",
        dt.date(2027, 12, 26): "Anden juledag",
        dt.date(2028, 1, 1): "Nytårsdag",
    }
    assert list(found) == sorted(found)


def test_each_country_year_and_language_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, Any]] = []
    real = holidays.country_holidays

    def counting(country: str, **options: Any) -> Any:
        calls.append((country, options.get("years")))
        return real(country, **options)

    monkeypatch.setattr(holiday_calendar.holidays, "country_holidays", counting)
    holiday_calendar._year_holidays.cache_clear()
    for _ in range(3):
        holiday_name("FI", "", dt.date(2031, 12, 6), "fi")
        holiday_name("FI", "", dt.date(2031, 5, 1), "fi")
    assert calls.count(("FI", 2031)) == 1
    holiday_name("FI", "", dt.date(2031, 12, 6), "en")  # another language: another table
    assert calls.count(("FI", 2031)) == 2


def test_package_version_is_reported() -> None:
    assert holidays_package_version() == holidays.__version__
