"""How a person's name is written: native script, latin transliteration, name order."""

from __future__ import annotations

import unicodedata

from relationsapp.core.choices import NameOrder
from relationsapp.core.records import ContactDraft
from relationsapp.storage.text_folding import fold

#: Countries whose names are written family name first (Japan, China, Korea, Hungary,
#: Taiwan, Hong Kong, Macao, Vietnam, Mongolia). Used as the editor's default only;
#: the contact's own setting always wins.
FAMILY_FIRST_COUNTRIES = frozenset({"JP", "CN", "KR", "KP", "HU", "TW", "HK", "MO", "VN", "MN"})

# Scripts that write a full name without a space between family and given name:
# kana, Han, Hangul (김민준, 山田太郎).
_UNSPACED_SCRIPT_RANGES = (
    (0x3040, 0x30FF),
    (0x3400, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
)


def default_name_order(country: str) -> NameOrder:
    """The usual order of names in ``country``."""
    return (
        NameOrder.FAMILY_FIRST
        if country.upper() in FAMILY_FIRST_COUNTRIES
        else NameOrder.GIVEN_FIRST
    )


def _unspaced(text: str) -> bool:
    return any(low <= ord(char) <= high for char in text for low, high in _UNSPACED_SCRIPT_RANGES)


def join_name(given: str, family: str, order: NameOrder) -> str:
    """``山田`` + ``太郎`` family-first → ``山田太郎``; ``Mette`` + ``Holm`` → ``Mette Holm``."""
    first, second = (family, given) if order == NameOrder.FAMILY_FIRST else (given, family)
    first, second = first.strip(), second.strip()
    separator = "" if _unspaced(first) and _unspaced(second) else " "
    return separator.join(part for part in (first, second) if part)


def display_name(draft: ContactDraft) -> str:
    """The name as the person writes it (native script), falling back to latin."""
    native = join_name(draft.given_name, draft.family_name, draft.name_order)
    return native or latin_name(draft)


def latin_name(draft: ContactDraft) -> str:
    """The latin transliteration in the person's name order (``Yamada Taro``)."""
    latin = join_name(draft.given_name_latin, draft.family_name_latin, draft.name_order)
    if latin:
        return latin
    native = join_name(draft.given_name, draft.family_name, draft.name_order)
    # A name already in Latin letters (Jørgen Sørensen, Nguyễn Văn An) is its own
    # transliteration.
    return native if is_latin(native) else ""


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter (with or without accents)."""
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "") for char in text)


def sort_key(draft: ContactDraft) -> str:
    """Family name first, folded, so lists sort the way an address book does."""
    family = draft.family_name_latin or draft.family_name
    given = draft.given_name_latin or draft.given_name
    return fold(f"{family} {given}")


_RTL_BIDI_CLASSES = frozenset({"R", "AL"})


def name_with_transliteration(display: str, latin: str) -> str:
    """``山田太郎 (Yamada Taro)``: the name as written, then how to say it.

    A right-to-left name is wrapped in a first-strong isolate, after a left-to-right
    mark, so the line stays left-to-right and the parenthesis does not jump to the
    wrong end (a QLabel takes its direction from the first strong character and does
    not look past isolates).
    """
    if not latin or latin == display or is_latin(display):
        return display  # "Anna Åberg (Anna Aberg)" would only add noise
    if any(unicodedata.bidirectional(char) in _RTL_BIDI_CLASSES for char in display):
        display = f"\u200e\u2068{display}\u2069"
    return f"{display} ({latin})"
