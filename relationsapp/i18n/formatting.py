"""Babel formatting in the reader's locale: never strftime or f-strings for people."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_time as _format_time
from babel.numbers import format_decimal

from relationsapp.i18n.translate import current_language

# The territory each UI language formats for when the environment names none.
_DEFAULT_TERRITORY = {"en": "GB", "da": "DK", "fi": "FI"}


@lru_cache(maxsize=16)
def _locale_for(language: str, environment_locale: str) -> Locale:
    # Keep the user's own territory when it goes with the UI language (en_US users
    # get 12-hour times, en_GB users 24-hour), otherwise the language's home territory.
    code = environment_locale.split(".")[0]
    if code.split("_")[0] == language and "_" in code:
        try:
            return Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            pass
    territory = _DEFAULT_TERRITORY.get(language)
    return Locale.parse(f"{language}_{territory}" if territory else language)


def locale_for_language(language: str) -> Locale:
    """The Babel locale UI text would be formatted in under UI ``language`` ("da")."""
    environment = (
        os.environ.get("LC_ALL") or os.environ.get("LC_TIME") or os.environ.get("LANG", "")
    )
    return _locale_for(language, environment)


def ui_locale() -> Locale:
    """The Babel locale that UI text is formatted in."""
    return locale_for_language(current_language())


def format_time(value: dt.datetime | dt.time, fmt: str = "short") -> str:
    """``14:05`` (da, fi, en_GB) or ``2:05 PM`` (en_US); no zone conversion."""
    return _format_time(value, format=fmt, locale=ui_locale())


def format_date(value: dt.date, fmt: str = "medium") -> str:
    return _format_date(value, format=fmt, locale=ui_locale())


def format_datetime(value: dt.datetime, fmt: str = "medium") -> str:
    return _format_datetime(value, format=fmt, locale=ui_locale())


# CLDR's "atTime" joining patterns (date, then the time of day), which Babel does not
# ship: "torsdag den 11. marts 2027 kl. 15.00", "torstai 11. maaliskuuta 2027 klo 15.00".
# Locales not listed use Babel's standard joining pattern.
_AT_TIME = {"da": "{1} 'kl'. {0}", "fi": "{1} 'klo' {0}", "en": "{1} 'at' {0}"}


def _join(locale: Locale, date_text: str, time_text: str, date_format: str) -> str:
    pattern = _AT_TIME.get(locale.language) if date_format in ("full", "long") else None
    pattern = pattern or str(locale.datetime_formats.get(date_format, "{1} {0}"))
    # Quoted literals ('kl') lose their quotes; {1} is the date, {0} the time.
    return pattern.replace("'", "").replace("{1}", date_text).replace("{0}", time_text)


def format_date_and_time(value: dt.datetime, date_format: str = "full") -> str:
    """``torsdag den 11. marts 2027 kl. 15.00``: a long date with a short time."""
    return _join(
        ui_locale(), format_date(value, date_format), format_time(value, "short"), date_format
    )


def format_date_and_time_in(value: dt.datetime, locale: Locale) -> str:
    """:func:`format_date_and_time` in a given locale (a reader who is not the UI's)."""
    date_text = _format_date(value, "full", locale=locale)
    return _join(locale, date_text, _format_time(value, "short", locale=locale), "full")


def format_weekday(value: dt.date, width: str = "abbreviated") -> str:
    """``Fri``, ``fre.``, ``pe`` — the day name in the UI language."""
    return ui_locale().days["format"][width][value.weekday()]


def format_weekdays(days: Iterable[int], width: str = "wide") -> str:
    """Weekday numbers (0 = Monday) as names in week order: ``Friday, Saturday``."""
    names = ui_locale().days["format"][width]
    return ", ".join(str(names[day]) for day in sorted(set(days)))


def format_number(value: float) -> str:
    return format_decimal(value, locale=ui_locale())


def format_minutes_of_day(minutes: int) -> str:
    """A working-hours boundary like 540 as ``09:00`` in the UI locale."""
    hours, rest = divmod(minutes % (24 * 60), 60)
    return format_time(dt.time(hours, rest))


def format_utc_offset(minutes: int) -> str:
    """``UTC+05:30``, ``UTC−03:30`` (a real minus sign), ``UTC+00:00``."""
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def country_name(code: str, locale: Locale | None = None) -> str:
    """The country's name in the UI language (``JP`` → ``Japan``/``Japan``/``Japani``),
    or in ``locale`` when given."""
    if not code:
        return ""
    return str((locale or ui_locale()).territories.get(code.upper(), code.upper()))


def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → name in the UI language, for every real country."""
    return dict(_country_names(current_language()))


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every real country's ISO 3166-1 alpha-2 code (upper case)."""
    import pytz

    return frozenset(pytz.country_names)


@lru_cache(maxsize=8)
def _country_names(language: str) -> tuple[tuple[str, str], ...]:
    # Built once per language: an import checks the country of every card.
    import pytz  # its ISO 3166 list; CLDR also names regions like "EU" and "UN"

    territories = locale_for_language(language).territories
    return tuple(
        (code, str(territories.get(code, name))) for code, name in pytz.country_names.items()
    )


def language_name(code: str, locale: Locale | None = None) -> str:
    """A CLDR locale id (``pt_BR``) named in the UI language (``Brazilian Portuguese``),
    or in ``locale`` when given."""
    if not code:
        return ""
    try:
        return str(Locale.parse(code).get_display_name(locale or ui_locale()) or code)
    except (UnknownLocaleError, ValueError):
        return code


def format_percent_value(fraction: float) -> str:
    """``0.83`` → ``83%`` (en), ``83 %`` (da, fi)."""
    from babel.numbers import format_percent

    return str(format_percent(fraction, locale=ui_locale()))


def format_signed(value: float) -> str:
    """An NPS: ``+32``, ``0``, ``−12`` with the locale's own signs."""
    from babel.numbers import get_minus_sign_symbol, get_plus_sign_symbol

    rounded = round(value)
    if rounded > 0:
        return str(get_plus_sign_symbol(ui_locale())) + format_number(rounded)
    if rounded < 0:
        return str(get_minus_sign_symbol(ui_locale())) + format_number(-rounded)
    return format_number(0)
