"""vCard value syntax shared by the reader and the writer: escapes, structured values,
country names, and the X-RELATIONSAPP-* names of our own fields."""

from __future__ import annotations

import re
from functools import cache

PRODID = "-//RelationsApp//RelationsApp vCard export//EN"
OWN_PREFIX = "X-RELATIONSAPP-"
#: The original ``N``/``ORG`` kept beside the mapped fields when it holds more than they
#: can (a suffix "Sr.", departments, an ``item1.`` label); written back in its place
#: while it still agrees with the fields.
SHADOWED = ("N", "ORG")

#: Parameters about how a value is written, not what it means.
TRANSPORT_PARAMS = frozenset({"CHARSET", "ENCODING", "LANGUAGE", "VALUE", "PID", "SORT-AS"})

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}
_SPLIT_CACHE: dict[str, re.Pattern[str]] = {}


def unescape(value: str) -> str:
    r"""``a\,b\nc\\d`` → ``a,b`` newline ``c\d``; an unknown ``\x`` keeps its backslash."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_unescape_one, value)


def _unescape_one(match: re.Match[str]) -> str:
    char = match.group(1)
    if char in _UNESCAPED:
        return _UNESCAPED[char]
    if char in "\\,;:\"'":
        return char
    return "\\" + char


def split_escaped(value: str, separator: str) -> list[str]:
    r"""Split on ``separator`` not escaped by a backslash, then unescape each part.

    ``Doe;John;Richter\, James;;`` → ``["Doe", "John", "Richter, James", "", ""]``.
    """
    if "\\" not in value:
        return value.split(separator)
    pattern = _SPLIT_CACHE.get(separator)
    if pattern is None:
        sep = re.escape(separator)
        pattern = re.compile(r"((?:\\.|[^\\" + sep + r"])*)(" + sep + r"|\\?$)", re.DOTALL)
        _SPLIT_CACHE[separator] = pattern
    parts: list[str] = []
    for match in pattern.finditer(value):
        parts.append(unescape(match.group(1)))
        if match.group(2) != separator:
            break
    return parts


def keeps_original(name: str, value: str, params: tuple[tuple[str, str], ...], group: str) -> bool:
    """Whether an ``N``/``ORG`` holds more than the fields take (so the original is kept).

    ``N:Doe;John;;Mr.;Sr.`` (a suffix), ``ORG:IBM;Accounting`` (a department),
    ``item1.ORG`` (a label) or a meaningful parameter: yes. ``N:Doe;John;;;``: no.
    """
    if group or any(key not in TRANSPORT_PARAMS for key, _value in params):
        return True
    parts = split_escaped(value, ";")
    if name == "N":
        return len(parts) > 5 or (len(parts) == 5 and bool(parts[4].strip()))
    return any(part.strip() for part in parts[1:])


def escape_text(value: str) -> str:
    """RFC 6350 §3.4 text escaping for one value or component."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is in a Latin block (``Jørgen`` yes, ``최유림`` no)."""
    if text.isascii():
        return True
    return all(
        ord(char) < 0x250 or 0x1E00 <= ord(char) <= 0x1EFF or not char.isalpha() for char in text
    )


def is_cjk(text: str) -> bool:
    """Han, Hangul or Kana: written family name first, usually without a space."""
    if text.isascii():
        return False
    return any(
        0x3040 <= ord(char) <= 0x30FF
        or 0x3400 <= ord(char) <= 0x9FFF
        or 0xAC00 <= ord(char) <= 0xD7AF
        or 0x1100 <= ord(char) <= 0x11FF
        or 0xF900 <= ord(char) <= 0xFAFF
        for char in text
    )


# --- countries ------------------------------------------------------------------------

_COUNTRY_ALIASES = {
    "usa": "US",
    "us": "US",
    "u s a": "US",
    "u s": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "holland": "NL",
    "korea": "KR",
    "south korea": "KR",
    "russia": "RU",
}
_PUNCTUATION = re.compile(r"[.\s]+")


def _country_key(name: str) -> str:
    return _PUNCTUATION.sub(" ", name.casefold()).strip()


@cache
def _country_names() -> dict[str, str]:
    """Lower-cased country names (English and each country's own languages) → alpha-2."""
    from babel import Locale
    from babel.core import get_global
    from babel.languages import get_official_languages

    english: dict[str, str] = {
        str(code): str(name) for code, name in Locale("en").territories.items()
    }
    names: dict[str, str] = {}
    codes = [code for code in english if len(code) == 2 and code.isalpha()]
    for code in codes:
        for language in get_official_languages(code)[:3]:
            try:
                local = Locale.parse(f"{language}_{code}").territories.get(code)
            except Exception:  # Babel has no data for some official languages
                continue
            if local:
                names.setdefault(_country_key(str(local)), code)
    for code in codes:
        names[_country_key(english[code])] = code
        names[code.lower()] = code
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and targets and len(targets[0]) == 2:
            names.setdefault(alias.lower(), targets[0])
    names.update(_COUNTRY_ALIASES)
    return names


def country_code(name: str) -> str:
    """``Denmark``, ``Danmark``, ``DK``, ``DNK``, ``U.S.A.`` → alpha-2; "" when unknown."""
    key = _country_key(name)
    if not key:
        return ""
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    return _country_names().get(key, "")


@cache
def country_name(code: str) -> str:
    """The English name of an alpha-2 code, as written into ADR (readers everywhere know it)."""
    from babel import Locale

    return str(Locale("en").territories.get(code.upper(), code))
