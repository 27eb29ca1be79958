"""The trip pack: an itinerary page, then a briefing for each meeting, in one PDF.

The itinerary gives each meeting's time where I will be for it and at home, and marks
where the clocks change between meetings (a flight from Copenhagen to Tokyo: "+8 h").
"Where I will be" is the zone of my own place in the meeting (``my_place``).
Every meeting and every person gets a PDF bookmark, so the reader's sidebar is the
table of contents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytz
from reportlab.lib import colors
from reportlab.platypus import PageBreak, Table, TableStyle

from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.core.zones import to_local, utc_offset_minutes, zone_city
from relationsapp.i18n.formatting import (
    format_date,
    format_time,
    format_utc_offset,
    format_weekday,
)
from relationsapp.i18n.translate import _
from relationsapp.reports.briefing_sections import BriefingContext
from relationsapp.reports.briefing_sheet import (
    Story,
    footer_texts,
    labels_in,
    meeting_story,
    meeting_title,
    my_place,
)
from relationsapp.reports.pdf_document import MARGIN, Bookmark, page_size, render
from relationsapp.reports.script_text import paragraph

if TYPE_CHECKING:
    from relationsapp.core.services import Services

#: (done, total) → keep going?
Progress = Callable[[int, int], bool]
_SHADE = colors.HexColor("#fff4d6")
_LINE = colors.HexColor("#bbbbbb")


class PackCancelled(Exception):
    """The user cancelled the trip pack while it was being built."""


def _day_start(day: dt.date, zone: str) -> dt.datetime:
    # is_dst=False: a zone whose clocks jump at midnight still gets a start of day.
    local = pytz.timezone(zone).localize(dt.datetime.combine(day, dt.time()), is_dst=False)
    return local.astimezone(dt.UTC)


def trip_meetings(
    services: Services, first_day: dt.date, last_day: dt.date, my_zone: str
) -> list[MeetingDetails]:
    """Live meetings starting on ``first_day`` … ``last_day`` (my calendar), in order."""
    start = _day_start(first_day, my_zone)
    end = _day_start(last_day + dt.timedelta(days=1), my_zone)
    return services.meetings.starting_between(start, end)


def _zone_label(zone: str, instant: dt.datetime) -> str:
    offset = format_utc_offset(utc_offset_minutes(zone, instant))
    return _("%(city)s (%(offset)s)") % {"city": zone_city(zone), "offset": offset}


def _clock_change(before: str, after: str, instant: dt.datetime) -> str:
    hours = (utc_offset_minutes(after, instant) - utc_offset_minutes(before, instant)) / 60
    shift = f"{hours:+g}".replace("-", "\u2212")
    return _("Clocks change from %(from)s to %(to)s: %(shift)s h") % {
        "from": _zone_label(before, instant),
        "to": _zone_label(after, instant),
        "shift": shift,
    }


def _itinerary(story: Story, meetings: list[MeetingDetails], my_zone: str) -> None:
    cell = story.styles["cell"]
    header = [
        _("Day"),
        _("Where I am"),
        _("At home"),
        _("Meeting"),
        _("With"),
    ]
    rows: list[list[object]] = [[paragraph(text, cell) for text in header]]
    changes: list[int] = []
    current = my_zone
    for meeting in meetings:
        start = meeting.draft.start_utc
        zone = my_place(meeting)
        if zone != current and utc_offset_minutes(zone, start) != utc_offset_minutes(
            current, start
        ):
            changes.append(len(rows))
            rows.append([paragraph(_clock_change(current, zone, start), cell), "", "", "", ""])
        current = zone
        there, home = to_local(start, zone), to_local(start, my_zone)
        day = _("%(weekday)s %(date)s") % {
            "weekday": format_weekday(there.date()),
            "date": format_date(there.date()),
        }
        home_text = format_time(home)
        if home.date() != there.date():
            home_text = _("%(time)s (%(weekday)s)") % {
                "time": home_text,
                "weekday": format_weekday(home.date()),
            }
        people = ", ".join(a.label for a in meeting.draft.attendees if a.contact_id is not None)
        rows.append(
            [
                paragraph(day, cell),
                paragraph(f"{format_time(there)} {zone_city(zone)}", cell),
                paragraph(home_text, cell),
                paragraph(meeting_title(meeting), cell),
                paragraph(people, cell),
            ]
        )
    width = page_size()[0] - 2 * MARGIN
    fractions = (0.17, 0.17, 0.13, 0.27, 0.26)
    table = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, _LINE),
    ]
    for row in changes:
        commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), _SHADE)]
    table.setStyle(TableStyle(commands))
    story.flowables.append(table)


def build_trip_pack(
    services: Services,
    meeting_ids: list[int],
    *,
    now: dt.datetime,
    my_zone: str,
    language: str | None = None,
    leave_out_sensitive: bool = False,
    progress: Progress | None = None,
) -> bytes:
    """The itinerary and a briefing per meeting, as PDF bytes.

    ``progress(done, total)`` is called after each meeting and before the final layout;
    when it returns False the pack is abandoned with ``PackCancelled``.
    """
    with labels_in(language):
        if not meeting_ids:
            raise ValueError(_("Choose at least one meeting for the trip pack."))
        meetings = sorted(
            (services.meetings.get(meeting_id) for meeting_id in meeting_ids),
            key=lambda meeting: (meeting.draft.start_utc, meeting.id),
        )
        context = BriefingContext(services, now, my_zone, leave_out_sensitive)
        context.calendars.preload(
            a.contact_id for m in meetings for a in m.draft.attendees if a.contact_id is not None
        )
        total = len(meetings) + 1

        def step(done: int) -> None:
            if progress is not None and not progress(done, total):
                raise PackCancelled

        story = Story()
        title = _("Trip pack")
        story.flowables.append(Bookmark("itinerary", _("Itinerary"), 0))
        story.add(title, "title")
        first, last = (
            to_local(m.draft.start_utc, my_zone).date() for m in (meetings[0], meetings[-1])
        )
        story.add(
            _("%(first)s – %(last)s · home time %(zone)s")
            % {"first": format_date(first), "last": format_date(last), "zone": my_zone},
            "sub",
        )
        _itinerary(story, meetings, my_zone)
        step(0)
        for done, meeting in enumerate(meetings, start=1):
            story.flowables.append(PageBreak())
            meeting_story(story, context, meeting)
            step(done)
        data = render(story.flowables, title=title, **footer_texts(context))
        step(total)
        return data
