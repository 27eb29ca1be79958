"""Bring our own fonts, so every script in a client's name renders on any machine.

A bare Linux often has only DejaVu: Japanese, Chinese and Korean names would be empty
boxes. The fonts ship as Python package dependencies and are registered at start-up;
they also go first in the application font's fallback list so Qt picks them for
scripts the system font lacks.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication

# (module, how to find the font file inside it)
_FONT_PACKAGES = (
    "cvttf_NotoSansCJK_Regular",  # Han, kana, Hangul (one OTF, Qt reads CFF outlines)
    "fontpkg_noto_sans_arabic",
    "fontpkg_noto_sans_devanagari",
)
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def bundled_font_files() -> list[Path]:
    """The font files shipped by our font dependencies (missing packages are skipped)."""
    files: list[Path] = []
    for name in _FONT_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if module.__file__ is None:
            continue
        root = Path(module.__file__).parent
        files.extend(
            sorted(
                path
                for path in root.rglob("*")
                if path.suffix.lower() in _FONT_SUFFIXES and "Italic" not in path.name
            )
        )
    return files


def register_bundled_fonts() -> list[str]:
    """Register the bundled fonts and add them as fallbacks; returns their family names."""
    families: list[str] = []
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(
                family
                for family in QFontDatabase.applicationFontFamilies(font_id)
                if family not in families
            )
    if families:
        font = QGuiApplication.font()
        # The resolved family (e.g. "DejaVu Sans"), not an alias like "Sans Serif":
        # an alias would let the CJK font win for shared glyphs such as curly quotes.
        font.setFamilies([QFontInfo(font).family(), *families])
        QGuiApplication.setFont(font)
    return families
