"""Folding text so that what people type finds what is stored, in any script.

``fold("Jørgen Sørensen") == "jorgen sorensen"``; ``fold("Mäkinen") == "makinen"``;
``fold("山田太郎") == "山 田 太 郎"``.

Why not just NFKD + strip accents: NFKD does not split ``ø``, ``æ`` or ``ł`` (they are
letters of their own, not letters with accents), and SQLite's ``remove_diacritics``
misses them too, so Danish, Norwegian and Polish names would not be found. Why space
out Han, kana and Hangul: those scripts write names without spaces, so a word tokenizer
sees ``山田太郎`` as one token and ``太郎`` would never match it; one token per
character lets a phrase query find any part of the name.
"""

from __future__ import annotations

import unicodedata

# Letters that are not "letter + accent" in Unicode, so decomposition leaves them alone.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŋ": "n",
    }
)

# Accents are stripped only from letters of alphabets where they are accents
# (Latin, Greek, Cyrillic: code points below Armenian). In Devanagari or Arabic the
# combining marks are vowels and viramas and belong to the word.
_ACCENTED_ALPHABETS_END = 0x0530


def _is_ideographic(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= code <= 0x4DBF  # CJK Extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK Unified Ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # CJK Compatibility Ideographs
        or 0x20000 <= code <= 0x3FFFF  # CJK Extensions B and later
    )


def fold(text: str) -> str:
    """Lower-case, accent-free, space-separated words, the same for index and query."""
    # Space out ideographs before decomposing: NFKD splits a Hangul syllable into jamo.
    spaced = "".join(
        f" {char} " if _is_ideographic(char) else char
        for char in unicodedata.normalize("NFKC", text.casefold().translate(_SPECIAL_LETTERS))
    )
    decomposed = unicodedata.normalize("NFKD", spaced)
    kept: list[str] = []
    previous_base = ""
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn" and previous_base and ord(previous_base) < _ACCENTED_ALPHABETS_END:
            continue  # an accent on a Latin/Greek/Cyrillic letter
        if category[0] in "LNM":
            kept.append(char)
            if category[0] != "M":
                previous_base = char
        else:
            kept.append(" ")
            previous_base = ""
    words = unicodedata.normalize("NFC", "".join(kept)).translate(_SPECIAL_LETTERS).split()
    return " ".join(words)


def fold_words(text: str) -> list[list[str]]:
    """The folded tokens of each whitespace-separated word the user typed.

    ``fold_words("mette@pumps 山田")`` gives ``[["mette", "pumps"], ["山", "田"]]``: each
    inner list is searched as a phrase, so the parts of one typed word stay together.
    """
    return [tokens for word in text.split() if (tokens := fold(word).split())]
