"""Alphabetical order as readers of a language expect it, without ICU.

Accents sort with their base letter (Côte d’Ivoire between Costa Rica and Croatia),
except where a language treats a letter as its own, at the end of the alphabet:
Danish Æ Ø Å, Finnish Å Ä Ö. Enough for sorting names of countries and languages in
the three UI languages; the UI's own widgets use QCollator.
"""

from __future__ import annotations

import unicodedata

_AFTER_Z = "\U0010ffff"  # sorts after every letter

# Letters that a language sorts as separate letters after z, in their order.
_OWN_LETTERS = {
    "da": ("æ", "ø", "å"),
    "nb": ("æ", "ø", "å"),
    "fi": ("å", "ä", "ö"),
    "sv": ("å", "ä", "ö"),
}
# Letters that are not "base letter + accent" in Unicode.
_BASE_OF = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ß": "ss"})


def collation_key(text: str, language: str) -> tuple[str, str]:
    """A sort key for ``text`` in ``language`` (primary: letters; then the exact text)."""
    lowered = unicodedata.normalize("NFC", text.casefold())
    own = _OWN_LETTERS.get(language, ())
    for rank, letter in enumerate(own):
        lowered = lowered.replace(letter, f"{_AFTER_Z}{rank}")
    decomposed = unicodedata.normalize("NFKD", lowered.translate(_BASE_OF))
    primary = "".join(char for char in decomposed if not unicodedata.combining(char))
    return primary, text
