"""The Culture panel's text, as the small HTML subset QTextBrowser renders.

Every user string passes through ``escape`` before it reaches the markup. Links use
the ``action:`` scheme (``action:edit:JP:gifts``); the panel handles them itself and
never lets the browser follow a link.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from itertools import groupby

from relationsapp.core.country_facts import CountryFacts
from relationsapp.core.culture_comparison import CultureComparison
from relationsapp.core.culture_notes import CultureNote
from relationsapp.core.culture_topics import (
    CULTURE_MAP_SCALES,
    NOTE_TOPICS,
    SCALE_MAX,
    SCALES_BY_KEY,
)
from relationsapp.core.person_brief import PersonBrief
from relationsapp.core.zones import to_local
from relationsapp.i18n.formatting import (
    country_name,
    format_date,
    format_number,
    format_time,
    format_utc_offset,
    format_weekday,
    format_weekdays,
)
from relationsapp.i18n.translate import _, ngettext

STYLE = """
<style>
h2 { margin-top: 14px; margin-bottom: 4px; }
h3 { margin-top: 10px; margin-bottom: 2px; }
td { padding: 1px 6px 1px 0; vertical-align: top; }
.meta { color: #666666; font-size: small; }
.badge { color: #7a4b00; background-color: #fff0c2; font-size: small; }
.empty { color: #777777; }
</style>
"""
ZONE_CITIES_SHOWN = 3


def _text(value: str) -> str:
    """Escaped, with line breaks kept."""
    return escape(value).replace("\n", "<br>")


def _isolated(sample: str) -> str:
    """A sample written the country's way, kept whole inside our line: "31/12/2026" in
    Arabic carries right-to-left marks that would otherwise reorder it to "312026/12/"."""
    return f"\u2068{sample}\u2069"


def _link(action: str, text: str) -> str:
    return f'<a href="action:{escape(action, quote=True)}">{escape(text)}</a>'


def _rows(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td><b>{escape(head)}</b></td><td>{body}</td></tr>" for head, body in rows
    )
    return f"<table>{cells}</table>"


def _heading(level: int, text: str) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def _badge(text: str) -> str:
    return f' <span class="badge">&nbsp;{escape(text)}&nbsp;</span>'


def person_html(brief: PersonBrief) -> str:
    parts = [_heading(2, brief.name)]
    rows = [(_("Address as"), escape(brief.address_as))]
    rows += [
        (_("Preference") if index == 0 else "", escape(line))
        for index, line in enumerate(brief.preferences)
    ]
    parts.append(_rows(rows))
    if brief.notes.strip():
        parts.append(_heading(3, _("Personal notes")) + f"<p>{_text(brief.notes)}</p>")
    return "".join(parts)


def account_html(name: str, notes: str) -> str:
    parts = [_heading(2, name)]
    if notes.strip():
        parts.append(_heading(3, _("Account notes")) + f"<p>{_text(notes)}</p>")
    return "".join(parts)


def _zones_line(facts: CountryFacts) -> str:
    """Zones grouped by their offset now: ``14:05 (UTC+09:00) Tokyo``."""
    lines = []
    for offset, group in groupby(facts.zones, key=lambda zone: zone.utc_offset_minutes):
        zones = list(group)
        cities = ", ".join(zone.city for zone in zones[:ZONE_CITIES_SHOWN])
        if len(zones) > ZONE_CITIES_SHOWN:
            more = len(zones) - ZONE_CITIES_SHOWN
            cities += " " + ngettext("and %(count)d more", "and %(count)d more", more) % {
                "count": more
            }
        local = zones[0].local
        day = "" if local.date() == facts.zones[0].local.date() else f" {format_weekday(local)}"
        lines.append(
            f"<b>{escape(format_time(local))}</b>{escape(day)} "
            f"({escape(format_utc_offset(offset))}) {escape(cities)}"
        )
    return "<br>".join(lines)


def facts_html(facts: CountryFacts) -> str:
    languages = ", ".join(
        language.name
        if language.official
        else _("%(language)s (widely used)") % {"language": language.name}
        for language in facts.languages
    )
    money = (
        f"{facts.currency_name} ({facts.currency}, {facts.currency_symbol})"
        if facts.currency
        else "—"
    )
    samples = facts.samples
    written = "<br>".join(
        escape(line)
        for line in (
            _("Date: %(date)s") % {"date": _isolated(samples.date)},
            _("Time: %(time)s") % {"time": _isolated(samples.time)},
            _("Number: %(number)s") % {"number": _isolated(samples.number)},
            _("Amount: %(money)s") % {"money": _isolated(samples.money)},
        )
    )
    holidays = "<br>".join(
        f"{escape(format_date(holiday.day))} — {escape(holiday.name)}" for holiday in facts.holidays
    ) or escape(_("None in the next 60 days"))
    first_day = format_weekdays((facts.first_weekday,))
    rows = [
        (_("Languages"), escape(languages or "—")),
        (_("Currency"), escape(money)),
        (_("Weekend"), escape(format_weekdays(facts.weekend))),
        (_("Week starts on"), escape(first_day)),
        (_("Written as"), written),
        (_("Calling code"), escape(f"+{facts.calling_code}" if facts.calling_code else "—")),
        (_("Local time"), _zones_line(facts)),
        (_("Public holidays"), holidays),
    ]
    return _rows(rows)


def _badges(note: CultureNote, today: dt.date) -> str:
    if note.starter:
        return _badge(_("starter — review"))
    if note.needs_review(today):
        return _badge(_("review due"))
    return ""


def _meta(note: CultureNote) -> str:
    if note.starter:  # said once above the notes, not under each of them
        return ""
    parts = [note.author] if note.author else []
    if note.source:
        parts.append(_("source: %(source)s") % {"source": note.source})
    if note.reviewed_on:
        parts.append(_("reviewed %(date)s") % {"date": format_date(note.reviewed_on)})
    return " · ".join(parts)


def notes_html(country: str, notes: dict[str, CultureNote], today: dt.date) -> str:
    parts = [_heading(3, _("Team notes"))]
    starter = next((note for note in notes.values() if note.starter), None)
    if starter is not None:
        about = _("Notes marked “starter” ship with the app: %(source)s") % {
            "source": starter.source
        }
        parts.append(f'<p class="meta">{escape(about)}</p>')
    missing = []
    for topic, title in NOTE_TOPICS.items():
        note = notes.get(topic)
        if note is None:
            missing.append(_link(f"edit:{country}:{topic}", _(title)))
            continue
        actions = " · ".join(
            (
                _link(f"edit:{country}:{topic}", _("Edit")),
                _link(f"delete:{country}:{topic}", _("Delete")),
            )
        )
        heading = escape(_(title))
        parts.append(
            f"<p><b>{heading}</b>{_badges(note, today)}<br>{_text(note.text)}<br>"
            f'<span class="meta">{escape(_meta(note))}</span> {actions}</p>'
        )
    if missing:
        invitation = escape(_("No note yet — add one:"))
        parts.append(f'<p class="empty">{invitation} {", ".join(missing)}</p>')
    return "".join(parts)


def _scale_bar(position: int) -> str:
    return "▁" * (position - 1) + "█" + "▁" * (SCALE_MAX - position)


def scales_html(country: str, notes: dict[str, CultureNote], today: dt.date) -> str:
    parts = [_heading(3, _("Culture Map"))]
    rows = []
    for scale in CULTURE_MAP_SCALES:
        note = notes.get(scale.key)
        if note is None or note.scale_position is None:
            continue
        left, right = escape(_(scale.left)), escape(_(scale.right))
        bar = _scale_bar(note.scale_position)
        rows.append((_(scale.title), f"{left} <tt>{bar}</tt> {right}{_badges(note, today)}"))
    if rows:
        parts.append(_rows(rows))
    else:
        empty = _("The team has not placed this country on the scales yet.")
        parts.append(f'<p class="empty">{escape(empty)}</p>')
    edit = _link(f"scales:{country}", _("Edit Culture Map positions…"))
    parts.append(f"<p>{edit}</p>")
    return "".join(parts)


def country_html(
    facts: CountryFacts, notes: dict[str, CultureNote], today: dt.date, comparison: str = ""
) -> str:
    """The country's facts, then ``comparison`` (you and them), its notes and scales."""
    return (
        _heading(2, facts.name)
        + facts_html(facts)
        + comparison
        + notes_html(facts.country, notes, today)
        + scales_html(facts.country, notes, today)
    )


def _overlap_text(comparison: CultureComparison, my_zone: str, their_zone: str) -> str:
    if comparison.overlap is None:
        if comparison.my_day_off:
            return _("None: today is not a working day for you")
        return _("None today")
    start, end = comparison.overlap
    minutes = comparison.overlap_minutes
    return _("%(mine)s your time = %(theirs)s their time (%(hours)s h)") % {
        "mine": _span(start, end, my_zone),
        "theirs": _span(start, end, their_zone),
        "hours": format_number(round(minutes / 60, 1)),
    }


def _span(start: dt.datetime, end: dt.datetime, zone: str) -> str:
    return f"{format_time(to_local(start, zone))}–{format_time(to_local(end, zone))}"


def _their_day_text(comparison: CultureComparison, my_zone: str) -> str:
    if comparison.their_hours is None:
        return _("Not a working day there today")
    start, end = comparison.their_hours
    return _("%(hours)s your time") % {"hours": _span(start, end, my_zone)}


def comparison_html(comparison: CultureComparison, my_zone: str, their_zone: str) -> str:
    mine, theirs = country_name(comparison.my_country), country_name(comparison.their_country)
    title = _("You and them: %(mine)s · %(theirs)s") % {"mine": mine, "theirs": theirs}
    rows = [
        (
            _("Weekend"),
            escape(
                _("you: %(mine)s · them: %(theirs)s")
                % {
                    "mine": format_weekdays(comparison.my_weekend),
                    "theirs": format_weekdays(comparison.their_weekend),
                }
            ),
        ),
        (_("Their working day"), escape(_their_day_text(comparison, my_zone))),
        (_("Working hours shared today"), escape(_overlap_text(comparison, my_zone, their_zone))),
    ]
    for label, note in ((mine, comparison.my_formality), (theirs, comparison.their_formality)):
        if note is not None:
            rows.append((_("Formality: %(country)s") % {"country": label}, _text(note.text)))
    for pair in comparison.scales:
        rows.append(
            (
                _(SCALES_BY_KEY[pair.scale.key].title),
                escape(
                    _("you %(mine)d · them %(theirs)d (1 = %(left)s, %(high)d = %(right)s)")
                    % {
                        "mine": pair.mine,
                        "theirs": pair.theirs,
                        "left": _(pair.scale.left),
                        "high": SCALE_MAX,
                        "right": _(pair.scale.right),
                    }
                ),
            )
        )
    return _heading(3, title) + _rows(rows)
