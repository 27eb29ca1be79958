"""Words, colours and compact labels shared by the meeting planner's models and widgets.

Everything here is presentation: how a :class:`CellKind` or a slot flag reads in the
UI language, which colour it gets, and how a local time fits into a 40-pixel cell.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from relationsapp.core.day_grid import CellKind
from relationsapp.i18n.formatting import format_time, ui_locale
from relationsapp.i18n.translate import _

# Background and text colour of each kind. Chosen so that black text stays readable on
# every light background (contrast ≥ 7:1) and the night cells take light text; the
# kinds stay apart for the common colour-vision deficiencies (the lightness differs,
# not only the hue): green, pale amber, dark blue, grey, violet, pale grey (hatched by
# the grid view).
_BACKGROUND = {
    CellKind.WORKING: "#8fd6a0",
    CellKind.EDGE: "#fbe7a6",
    CellKind.NIGHT: "#34466b",
    CellKind.WEEKEND: "#b9bec7",
    CellKind.HOLIDAY: "#c9a2e8",
    CellKind.UNAVAILABLE: "#e2e2e2",
}
_FOREGROUND = {kind: "#1b1b1b" for kind in CellKind} | {CellKind.NIGHT: "#eef2fa"}


def kind_background(kind: CellKind) -> QColor:
    return QColor(_BACKGROUND[kind])


def kind_foreground(kind: CellKind) -> QColor:
    return QColor(_FOREGROUND[kind])


@cache
def kind_icon(kind: CellKind) -> QIcon:
    """A 12-pixel square in the kind's colour with a thin outline (legend, slot cells)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setBrush(kind_background(kind))
    painter.setPen(QColor("#6b6f76"))
    painter.drawRect(0, 0, 11, 11)
    if kind is CellKind.UNAVAILABLE:
        painter.setBrush(Qt.BrushStyle.BDiagPattern)
        painter.drawRect(0, 0, 11, 11)
    painter.end()
    return QIcon(pixmap)


def kind_text(kind: CellKind) -> str:
    """What a cell of this kind is, in a word or two (translated at call time)."""
    return {
        CellKind.WORKING: _("working hours"),
        CellKind.EDGE: _("early/late"),
        CellKind.NIGHT: _("night"),
        CellKind.WEEKEND: _("weekend"),
        CellKind.HOLIDAY: _("holiday"),
        CellKind.UNAVAILABLE: _("unavailable"),
    }[kind]


def holiday_text(name: str) -> str:
    return _("holiday: %(name)s") % {"name": name}


def flag_text(flag: str) -> str:
    """A slot finder flag (``outside_hours``, ``holiday:<name>``, …) in words."""
    if flag.startswith("holiday:"):
        return holiday_text(flag.partition(":")[2])
    if flag == "outside_hours":
        return _("outside working hours")
    try:
        return kind_text(CellKind(flag))
    except ValueError:  # a flag a newer core added: show it rather than hide it
        return flag


def flag_kind(flags: tuple[str, ...]) -> CellKind:
    """The most severe kind among ``flags`` (WORKING when there are none)."""
    kinds = [CellKind.WORKING]
    for flag in flags:
        try:
            kinds.append(CellKind(flag.partition(":")[0]))
        except ValueError:  # "outside_hours" is no kind of its own
            continue
    order = list(CellKind)
    return max(kinds, key=order.index)


def short_flag_texts(flags: tuple[str, ...]) -> list[str]:
    """Warnings for a table cell: "outside working hours" goes when a more precise
    word ("early/late", "night") says the same thing."""
    precise = any(flag in (CellKind.EDGE.value, CellKind.NIGHT.value) for flag in flags)
    return [flag_text(flag) for flag in flags if not (precise and flag == "outside_hours")]


_DAY_PERIOD = re.compile(r"\s*[aB]+\s*")


def compact_time(local: dt.datetime) -> str:
    """A local time short enough for a grid cell, in the UI locale's clock.

    Whole hours show the hour alone: ``09`` (en_GB, da), ``9`` (fi, whose pattern is
    ``H.mm``) or ``9a``/``3p`` (12-hour locales such as en_US, with the narrow day
    period). Times with minutes, as in 30- and 45-minute zones, keep them in the
    locale's short pattern: ``19:45``, ``19.45``, ``7:45p``.
    """
    pattern = str(ui_locale().time_formats["short"].pattern)
    twelve_hour = "h" in pattern or "K" in pattern
    if local.minute == 0:
        hour = re.search(r"[HhKk]+", pattern)
        fmt = hour.group(0) if hour else "HH"
    else:
        fmt = _DAY_PERIOD.sub("", pattern).strip()
    if twelve_hour:
        fmt += "aaaaa"
    return format_time(local, fmt)
