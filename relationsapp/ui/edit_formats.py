"""Qt display formats for date and time editors, from the UI locale's CLDR patterns.

QDateEdit/QTimeEdit take Qt format strings; CLDR gives ``dd/MM/y`` or ``h:mm a``.
The two syntaxes agree on ``d``, ``M``, ``H``, ``h`` and ``m``; the year and the day
period need translating (``y`` → ``yyyy``, ``a`` → ``AP``). Anything unusual (quoted
text, eras) falls back to ISO order, which everyone can read.
"""

from __future__ import annotations

from relationsapp.i18n.formatting import ui_locale

_DATE_TOKENS = {
    "d": "d",
    "dd": "dd",
    "M": "M",
    "MM": "MM",
    "y": "yyyy",
    "yy": "yyyy",
    "yyyy": "yyyy",
}
_TIME_TOKENS = {"H": "H", "HH": "HH", "h": "h", "hh": "hh", "m": "mm", "mm": "mm", "a": "AP"}


def _convert(pattern: str, tokens: dict[str, str], fallback: str) -> str:
    out: list[str] = []
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if char.isalpha():
            end = position
            while end < len(pattern) and pattern[end] == char:
                end += 1
            token = pattern[position:end]
            if token not in tokens:
                return fallback
            out.append(tokens[token])
            position = end
        elif char == "'":
            return fallback
        else:
            out.append(char)
            position += 1
    return "".join(out)


def qt_date_format() -> str:
    """``dd/MM/yyyy`` (en_GB), ``M/d/yyyy`` (en_US), ``d.M.yyyy`` (fi)."""
    pattern = ui_locale().date_formats["short"].pattern
    return _convert(pattern, _DATE_TOKENS, "yyyy-MM-dd")


def qt_time_format() -> str:
    """``HH:mm`` (en_GB), ``h:mm AP`` (en_US), ``H.mm`` (fi)."""
    pattern = ui_locale().time_formats["short"].pattern
    return _convert(pattern, _TIME_TOKENS, "HH:mm")
