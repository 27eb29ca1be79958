"""User text in any script made safe and legible for reportlab ``Paragraph``.

Three things go wrong when a client's name or note is handed to ``Paragraph`` as is:

- it is parsed as markup: ``<`` raises, ``&amp;`` turns into ``&``, ``<img src=…>``
  reads a local file or a URL. Every user string is escaped here, C0 control
  characters are dropped, and reportlab's trusted URL schemes are emptied.
- one font does not cover every script: the text is cut into runs by script and
  each run gets its own ``<font>`` (Noto Sans for Latin/Greek/Cyrillic, Noto Sans
  Arabic, Hebrew, Devanagari, Thai, and the JP/KR/SC/TC face of Noto Sans CJK).
- Arabic and Hebrew are right to left. reportlab cannot reorder, so lines are wrapped
  here by measuring words, and each wrapped line is then reshaped (joined letter
  forms) and reordered (bidi) on its own: reordering a whole paragraph first would put
  its last words on the first line. Devanagari is shaped by HarfBuzz
  (``ParagraphStyle(shaping=1)``); CJK and Thai may break between any two characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from relationsapp.reports.fonts import base_font, cjk_font, font_for

# A second fence behind escaping: reportlab refuses every URL (http, file://, data:)
# when no scheme or host is trusted. It does not guard plain paths ("/etc/passwd"):
# only escaping does, so no user text may ever reach Paragraph unescaped.
rl_config.trustedSchemes = []
rl_config.trustedHosts = []

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Bidi controls (isolates, embeddings, marks): used by the reordering, never drawn.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SCRIPT_FONTS = {
    "arabic": "RA-Arabic",
    "hebrew": "RA-Hebrew",
    "devanagari": "RA-Devanagari",
    "thai": "RA-Thai",
}
_RTL_SCRIPTS = frozenset({"arabic", "hebrew"})


@cache  # a sheet asks about the same few hundred characters thousands of times
def script_of(char: str) -> str | None:
    """The script family of ``char`` as far as fonts care; None for neutrals."""
    code = ord(char)
    if code < 0x80:
        return "latin" if char.isalpha() else None
    if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
        return "hebrew"
    if (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    ):
        return "arabic"
    if 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF:
        return "devanagari"
    if 0x0E00 <= code <= 0x0E7F:
        return "thai"
    if (
        0x1100 <= code <= 0x11FF
        or 0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    ):
        return "cjk"
    if unicodedata.category(char)[0] in "LM":
        return "latin"  # Latin, Greek and Cyrillic letters beyond ASCII
    return None


def script_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (script, piece); neutrals join the run before them."""
    runs: list[tuple[str, list[str]]] = []
    for char in text:
        script = script_of(char)
        if runs and (script is None or script == runs[-1][0]):
            runs[-1][1].append(char)
        elif runs and runs[-1][0] == "neutral" and script is not None:
            runs[-1] = (script, runs[-1][1])
            runs[-1][1].append(char)
        else:
            runs.append((script or "neutral", [char]))
    return [(script, "".join(chars)) for script, chars in runs]


def font_of_script(script: str, piece: str = "") -> str:
    if script == "cjk":
        return cjk_font(piece)
    return font_for(_SCRIPT_FONTS[script]) if script in _SCRIPT_FONTS else base_font()


def clean(text: str) -> str:
    """``text`` without control characters (kept: newline and tab)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _covers(font: str, text: str) -> bool:
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getattr(getFont(font), "face", None)
    mapping = getattr(face, "charToGlyph", None)
    return mapping is not None and all(ord(char) in mapping or char == "\n" for char in text)


def markup(text: str, home_font: str | None = None) -> str:
    """``text`` as escaped Paragraph markup, each script run in its font.

    Runs that ``home_font`` (the style's font) can draw stay in it. A shaped paragraph
    needs that: reportlab 5's HarfBuzz path garbles a Latin run that follows a
    Devanagari run in another font ("(Rahul" came out as "(ƐλƤYƨ").
    """
    parts = []
    for script, piece in script_runs(_BIDI_CONTROLS.sub("", clean(text))):
        escaped = escape(piece).replace("\n", "<br/>")
        font = font_of_script(script, piece)
        if home_font is None:
            in_style_font = script in ("latin", "neutral")
        else:
            in_style_font = font == home_font or _covers(home_font, piece)
        if in_style_font:
            parts.append(escaped)
        else:
            parts.append(f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def _width(text: str, size: float) -> float:
    return sum(stringWidth(piece, font_of_script(s, piece), size) for s, piece in script_runs(text))


def _visual(line: str, rtl: bool) -> str:
    """One wrapped line, Arabic letters joined and everything put in display order."""
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(line), base_dir="R" if rtl else "L"))


def _wrap_rtl(text: str, width: float, size: float) -> list[str]:
    """Logical-order lines no wider than ``width`` (words longer than a line are cut).

    Words are measured once each (reshaped on their own: letters never join across a
    space) and a line's width is their sum plus the spaces, so wrapping stays linear.
    """
    import arabic_reshaper

    widths: dict[str, float] = {}

    def measure(piece: str) -> float:
        if piece not in widths:
            widths[piece] = _width(arabic_reshaper.reshape(piece), size)
        return widths[piece]

    space = _width(" ", size)
    lines: list[str] = []
    for source_line in clean(text).split("\n"):
        current, current_width = "", 0.0
        for word in source_line.split():
            while measure(word) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut]) > width:
                    cut = max(1, cut * 3 // 4) if measure(word[: cut // 2]) > width else cut - 1
                if current:
                    lines.append(current)
                    current, current_width = "", 0.0
                lines.append(word[:cut])
                word = word[cut:]
            word_width = measure(word)
            if current and current_width + space + word_width > width:
                lines.append(current)
                current, current_width = word, word_width
            elif current:
                current, current_width = f"{current} {word}", current_width + space + word_width
            else:
                current, current_width = word, word_width
        lines.append(current)
    return lines


class RtlParagraph(Flowable):
    """Text with Arabic or Hebrew in it, wrapped by us and reordered line by line."""

    def __init__(self, text: str, style: ParagraphStyle, *, rtl: bool = True) -> None:
        super().__init__()
        self.text = text
        self.rtl = rtl
        self.style = (
            ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT) if rtl else style
        )
        self._lines: list[Paragraph] = []
        self._layouts: dict[float, list[Paragraph]] = {}

    def _layout(self, width: float) -> list[Paragraph]:
        if width not in self._layouts:  # wrap and split ask again for the same width
            lines = _wrap_rtl(self.text, width, self.style.fontSize)
            self._layouts[width] = [
                Paragraph(markup(_visual(line, self.rtl)) or "&nbsp;", self.style) for line in lines
            ]
        return self._layouts[width]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._lines = self._layout(availWidth)
        height = sum(line.wrap(availWidth, availHeight)[1] for line in self._lines)
        self.width, self.height = availWidth, height
        return availWidth, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        return list(lines) if len(lines) > 1 else []

    def draw(self) -> None:
        y = self.height
        for line in self._lines:
            _, height = line.wrap(self.width, y)
            y -= height
            line.drawOn(self.canv, 0, y)


def isolate(value: str) -> str:
    """``value`` fenced off (FSI…PDI) so that, put into a sentence, its direction cannot
    reorder the words around it: "سلطان: 6 Dec" would otherwise print as "6 :سلطان Dec"."""
    return f"\u2068{value}\u2069"


def is_rtl(text: str) -> bool:
    """True when the first strong letter of ``text`` (outside isolates) is Arabic or Hebrew."""
    depth = 0
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == "\u2069":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif char in "\u200e\u200f":  # LRM, RLM: strong marks set on purpose (names.py)
            return char == "\u200f"
        else:
            script = script_of(char)
            if script is not None:
                return script in _RTL_SCRIPTS
    return False


def has_rtl(text: str) -> bool:
    return any(script_of(char) in _RTL_SCRIPTS for char in text)


def paragraph(text: str, style: ParagraphStyle) -> Flowable:
    """A flowable showing ``text`` exactly as typed, whatever it contains."""
    if has_rtl(text):
        if is_rtl(text):
            return RtlParagraph(text, style)
        # Mostly left to right with some Arabic: reorder each line's RTL runs in place.
        return RtlParagraph(text, style, rtl=False)
    scripts = {script for script, _piece in script_runs(text)}
    overrides: dict[str, object] = {}
    home_font = None
    if "devanagari" in scripts:
        home_font = font_of_script("devanagari")
        overrides["shaping"] = 1
        overrides["fontName"] = home_font
    if scripts & {"cjk", "thai"}:
        overrides["wordWrap"] = "CJK"  # break between any two characters
    if overrides:
        style = ParagraphStyle(f"{style.name}-shaped", parent=style, **overrides)
    return Paragraph(markup(text, home_font) or "&nbsp;", style)
