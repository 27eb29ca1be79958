"""TrueType fonts for PDFs, registered with reportlab once and embedded as subsets.

The files come from our font package dependencies (as in ``relationsapp.ui.fonts``),
never from the system. reportlab reads TrueType outlines only: the CJK package ships a
CFF-flavoured OTF, which reportlab refuses ("postscript outlines are not supported"),
so CJK is skipped when no TrueType file is found (see ``available_fonts``).
Hebrew: none of our font packages covers it yet.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

#: Our reportlab font name → the package that ships its file.
FONT_PACKAGES: dict[str, str] = {
    "RA-Sans": "fontpkg_noto_sans",  # Latin, Greek, Cyrillic
    "RA-CJK": "cvttf_NotoSansCJK_Regular",
    "RA-Arabic": "fontpkg_noto_sans_arabic",
    "RA-Devanagari": "fontpkg_noto_sans_devanagari",
    "RA-Thai": "fontpkg_noto_sans_thai",
}
BASE_FONT = "RA-Sans"
#: Used only when the Noto Sans package is missing: Latin-1 only, nothing embedded.
FALLBACK_FONT = "Helvetica"


def _font_file(package: str) -> Path | None:
    try:
        module = importlib.import_module(package)
    except ImportError:
        return None
    if module.__file__ is None:
        return None
    candidates = sorted(
        path
        for path in Path(module.__file__).parent.rglob("*")
        if path.suffix.lower() in (".ttf", ".otf") and "Italic" not in path.name
    )
    return candidates[0] if candidates else None


@lru_cache(maxsize=1)
def available_fonts() -> frozenset[str]:
    """Register every usable font once; the names that reportlab can now draw with."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    registered = set()
    for name, package in FONT_PACKAGES.items():
        path = _font_file(package)
        if path is None:
            continue
        try:
            # Variable fonts: reportlab uses the default (regular) instance.
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except TTFError:  # e.g. CFF outlines in the CJK OTF
            continue
        registered.add(name)
    return frozenset(registered)


def base_font() -> str:
    """The font for Latin, Greek and Cyrillic text and for labels."""
    return BASE_FONT if BASE_FONT in available_fonts() else FALLBACK_FONT


def font_for(name: str) -> str:
    """``name`` when it could be registered, otherwise the base font."""
    return name if name in available_fonts() else base_font()
