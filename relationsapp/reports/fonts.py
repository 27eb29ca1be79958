"""TrueType fonts for PDFs, registered with reportlab once and embedded as subsets.

The files come from our font package dependencies (as in ``relationsapp.ui.fonts``),
never from the system. reportlab reads TrueType outlines only, so CJK comes from the
TrueType Noto Sans JP/KR/SC/TC of ``justmytype-intl-cjk`` (the CFF-flavoured OTF that
the UI uses is refused: "postscript outlines are not supported"). Han characters look
different in Japan, Korea, mainland China and Taiwan, so the face is chosen per text
(kana → JP, Hangul → KR) and otherwise by the client's country (``han_variant``).
Each face is registered on first use (50–80 ms); a missing package is skipped and its
script falls back to the base font.

The CJK and Hebrew files are variable fonts whose default instance is Thin, and
reportlab draws the default instance: they are instanced at Regular (wght 400) with
fontTools once and kept in the cache folder (~10 s per CJK face the first time, then
read like any file).
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from relationsapp.storage.app_settings import cache_dir

#: Our reportlab font name → (the package that ships its file, a file-name pattern).
FONT_PACKAGES: dict[str, tuple[str, str]] = {
    "RA-Sans": ("fontpkg_noto_sans", "*.ttf"),  # Latin, Greek, Cyrillic
    "RA-Arabic": ("fontpkg_noto_sans_arabic", "*.ttf"),
    "RA-Hebrew": ("pylopdf_fonts_he", "NotoSansHebrew*.ttf"),
    "RA-Devanagari": ("fontpkg_noto_sans_devanagari", "*.ttf"),
    "RA-Thai": ("fontpkg_noto_sans_thai", "*.ttf"),
    "RA-CJK-JP": ("justmytype_intl_cjk", "NotoSansJP*.ttf"),
    "RA-CJK-KR": ("justmytype_intl_cjk", "NotoSansKR*.ttf"),
    "RA-CJK-SC": ("justmytype_intl_cjk", "NotoSansSC*.ttf"),
    "RA-CJK-TC": ("justmytype_intl_cjk", "NotoSansTC*.ttf"),
}
BASE_FONT = "RA-Sans"
#: Used only when the Noto Sans package is missing: Latin-1 only, nothing embedded.
FALLBACK_FONT = "Helvetica"


def _font_file(package: str, pattern: str) -> Path | None:
    try:
        module = importlib.import_module(package)
    except ImportError:
        return None
    if module.__file__ is None:
        return None
    candidates = sorted(
        path for path in Path(module.__file__).parent.rglob(pattern) if "Italic" not in path.name
    )
    return candidates[0] if candidates else None


#: The instance we print with: Regular, normal width.
_REGULAR = {"wght": 400.0, "wdth": 100.0}
_instancing = threading.Lock()


def _regular_axes(path: Path) -> dict[str, float]:
    """The axis values to pin so that ``path`` prints Regular; {} when it already does."""
    from fontTools.ttLib import TTFont as ToolsFont

    with ToolsFont(str(path), lazy=True) as font:
        if "fvar" not in font:
            return {}
        axes = {axis.axisTag: axis for axis in font["fvar"].axes}
    return {
        tag: min(max(value, axes[tag].minValue), axes[tag].maxValue)
        for tag, value in _REGULAR.items()
        if tag in axes and axes[tag].defaultValue != value
    }


def printable_file(path: Path) -> Path:
    """``path``, or a cached static Regular instance of it when its default is not."""
    axes = _regular_axes(path)
    if not axes:
        return path
    stat = path.stat()
    cached = cache_dir() / "fonts" / f"{path.stem}-{stat.st_size}-{int(stat.st_mtime)}-regular.ttf"
    with _instancing:
        if cached.exists():
            return cached
        from fontTools.ttLib import TTFont as ToolsFont
        from fontTools.varLib import instancer

        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        with ToolsFont(str(path)) as font:
            try:  # named "…-Regular" in the PDF, not "…-Thin"
                instancer.instantiateVariableFont(font, axes, inplace=True, updateFontNames=True)
            except ValueError:  # no STAT table to name the instance from
                instancer.instantiateVariableFont(font, axes, inplace=True)
            font.save(str(partial))
        os.replace(partial, cached)  # never a half-written font under the real name
    return cached


@cache
def is_available(name: str) -> bool:
    """Register font ``name`` on first use; whether reportlab can now draw with it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if name not in FONT_PACKAGES:
        return False
    path = _font_file(*FONT_PACKAGES[name])
    if path is None:
        return False
    try:
        pdfmetrics.registerFont(TTFont(name, str(printable_file(path))))
    except (TTFError, OSError):  # CFF outlines; an unwritable cache
        return False
    return True


def base_font() -> str:
    """The font for Latin, Greek and Cyrillic text and for labels."""
    return BASE_FONT if is_available(BASE_FONT) else FALLBACK_FONT


def font_for(name: str) -> str:
    """``name`` when it could be registered, otherwise the base font."""
    return name if is_available(name) else base_font()


#: Han variant by the client's country; anything else prints Japanese forms.
_HAN_BY_COUNTRY = {"CN": "SC", "SG": "SC", "TW": "TC", "HK": "TC", "MO": "TC", "KR": "KR"}
_han_country: ContextVar[str] = ContextVar("han_country", default="")


@contextmanager
def han_variant(country: str) -> Iterator[None]:
    """Han-only text printed inside this block takes the forms used in ``country``."""
    token = _han_country.set(country.upper())
    try:
        yield
    finally:
        _han_country.reset(token)


def cjk_font(text: str) -> str:
    """The CJK face for ``text``: kana → Japanese, Hangul → Korean, else by country."""
    if any(0x3040 <= ord(char) <= 0x30FF or 0x31F0 <= ord(char) <= 0x31FF for char in text):
        variant = "JP"
    elif any(0xAC00 <= ord(char) <= 0xD7AF or 0x1100 <= ord(char) <= 0x11FF for char in text):
        variant = "KR"
    else:
        variant = _HAN_BY_COUNTRY.get(_han_country.get(), "JP")
    return font_for(f"RA-CJK-{variant}")
