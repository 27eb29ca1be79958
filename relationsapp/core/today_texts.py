"""The Today report in words: sections of lines (what, who, when, status), Qt-free.

The desktop view (relationsapp.ui.today_model) and the ``today`` command print the
same sections in the same order with the same wording. Times are mine first, then the
client's where it differs: ``15:00 (16:00 in Riyadh)``; a time on another day than
mine today carries its day: ``Thu 11 Mar 15:00``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from babel.dates import format_skeleton, get_timezone_location

from relationsapp.core.choices import label
from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.core.promise_rules import JudgedPromise, PromiseState
from relationsapp.core.today import (
    AwaitingReply,
    Birthday,
    HolidayToday,
    LapsedContact,
    TodayReport,
)
from relationsapp.core.zones import canonical_zone, to_local, zone_city
from relationsapp.i18n.formatting import (
    country_name,
    format_date,
    format_number,
    format_time,
    format_weekday,
    ui_locale,
)
from relationsapp.i18n.translate import _, ngettext

#: A meeting this close is "soon" (amber), and so is a reply due within this much work.
SOON = dt.timedelta(hours=1)
SOON_WORKING_MINUTES = 4 * 60
_SUMMARY_CHARS = 90


class Section(StrEnum):
    """The Today view's sections, in the order they are shown."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    AWAITING = "awaiting"
    MEETINGS = "meetings"
    HOLIDAYS = "holidays"
    BIRTHDAYS = "birthdays"
    STAY_IN_TOUCH = "stay_in_touch"


class Tone(StrEnum):
    """How a status should catch the eye."""

    URGENT = "urgent"  # overdue
    SOON = "soon"  # due today, within the hour, a birthday today
    NORMAL = "normal"


@dataclass(frozen=True)
class TodayLine:
    what: str
    who: str
    when: str  # my time, then the client's in brackets
    status: str
    detail: str = ""  # one sentence more, for a tooltip or a second line
    tone: Tone = Tone.NORMAL
    contact_id: int | None = None
    promise_id: int | None = None
    #: Identity across reloads (``promise:<uid>``), to keep the selection in place.
    key: str = ""


@dataclass(frozen=True)
class TodaySection:
    kind: Section
    lines: tuple[TodayLine, ...]

    @property
    def title(self) -> str:
        return section_title(self.kind)

    @property
    def heading(self) -> str:
        """``Overdue promises (2)``."""
        return _("%(title)s (%(count)s)") % {
            "title": self.title,
            "count": format_number(len(self.lines)),
        }


def section_title(kind: Section) -> str:
    """The section's name, translated at call time."""
    return {
        Section.OVERDUE: _("Overdue promises"),
        Section.DUE_TODAY: _("Promises due today"),
        Section.AWAITING: _("Awaiting my reply"),
        Section.MEETINGS: _("Meetings today"),
        Section.HOLIDAYS: _("Public holidays at clients"),
        Section.BIRTHDAYS: _("Birthdays this week"),
        Section.STAY_IN_TOUCH: _("Time to get in touch"),
    }[kind]


# --- words for amounts of time ------------------------------------------------------


def duration_text(delta: dt.timedelta) -> str:
    """``2 days``, ``1 day 3 h``, ``3 h 20 min``, ``20 min``: at most two units.

    Rounded down, so "overdue by" never overstates; a positive delta under a minute
    still says ``1 min`` rather than ``0 min``.
    """
    seconds = max(0, int(delta.total_seconds()))
    minutes = max(1, seconds // 60) if seconds else 0
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts: list[str] = []
    if days:
        parts.append(ngettext("%(count)d day", "%(count)d days", days) % {"count": days})
        if days == 1 and hours:
            parts.append(_("%(count)d h") % {"count": hours})
    elif hours:
        parts.append(_("%(count)d h") % {"count": hours})
        if minutes:
            parts.append(_("%(count)d min") % {"count": minutes})
    else:
        parts.append(_("%(count)d min") % {"count": minutes})
    return " ".join(parts)


def working_time_text(minutes: int) -> str:
    """``3 working hours`` (whole hours, rounded down) or ``40 working minutes``."""
    if minutes < 60:
        return ngettext("%(count)d working minute", "%(count)d working minutes", minutes) % {
            "count": minutes
        }
    hours = minutes // 60
    return ngettext("%(count)d working hour", "%(count)d working hours", hours) % {"count": hours}


# --- words for days, places and times -----------------------------------------------


def short_day(day: dt.date) -> str:
    """``Thu 11 Mar``, ``to. 11. mar.``, ``Thu, Mar 11`` (CLDR skeleton, the UI locale)."""
    return format_skeleton("MMMEd", day, locale=ui_locale())


def long_day(day: dt.date) -> str:
    """``Thursday 11 Mar`` in the UI locale."""
    return format_skeleton("MMMEEEEd", day, locale=ui_locale())


def place_name(zone: str) -> str:
    """The zone's city in the UI language (``Asia/Tokyo`` → ``Tokyo``, fi ``Tokio``)."""
    try:
        return str(get_timezone_location(canonical_zone(zone), ui_locale(), return_city=True))
    except (LookupError, ValueError):
        return zone_city(zone)


def _my_clock(instant: dt.datetime, my_zone: str, today: dt.date) -> str:
    mine = to_local(instant, my_zone)
    if mine.date() == today:
        return format_time(mine)
    return _("%(day)s %(time)s") % {"day": short_day(mine.date()), "time": format_time(mine)}


def _their_clock(instant: dt.datetime, my_zone: str, zone: str) -> str | None:
    if not zone or canonical_zone(zone) == canonical_zone(my_zone):
        return None
    mine, theirs = to_local(instant, my_zone), to_local(instant, zone)
    if mine.replace(tzinfo=None) == theirs.replace(tzinfo=None):
        return None  # another zone, the same clock (Oslo and Copenhagen)
    clock = format_time(theirs)
    if theirs.date() != mine.date():
        clock = _("%(day)s %(time)s") % {"day": format_weekday(theirs.date()), "time": clock}
    return _("%(time)s in %(place)s") % {"time": clock, "place": place_name(zone)}


def when_text(instant: dt.datetime, my_zone: str, zones: Iterable[str], today: dt.date) -> str:
    """``15:00 (16:00 in Riyadh)``: my clock, then each other zone's (once each)."""
    mine = _my_clock(instant, my_zone, today)
    theirs = [
        clock
        for zone in dict.fromkeys(canonical_zone(zone) for zone in zones if zone)
        if (clock := _their_clock(instant, my_zone, zone))
    ]
    if not theirs:
        return mine
    return _("%(mine)s (%(theirs)s)") % {"mine": mine, "theirs": ", ".join(theirs)}


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _SUMMARY_CHARS else line[: _SUMMARY_CHARS - 1].rstrip() + "…"


# --- one line per item --------------------------------------------------------------


def promise_line(promise: JudgedPromise, now: dt.datetime, my_zone: str) -> TodayLine:
    record = promise.record
    today = to_local(now, my_zone).date()
    if promise.state == PromiseState.OVERDUE:
        delay = promise.delay if promise.delay is not None else now - promise.deadline
        status = _("overdue by %(duration)s") % {"duration": duration_text(delay)}
        tone = Tone.URGENT
    else:
        left = duration_text(promise.deadline - now)
        status, tone = _("due in %(duration)s") % {"duration": left}, Tone.SOON
    detail = _("Due %(date)s: the end of the working day in %(place)s.") % {
        "date": format_date(record.draft.due_on, "full"),
        "place": place_name(promise.client_zone),
    }
    return TodayLine(
        what=_one_line(record.draft.description),
        who=record.contact_name or record.account_name,
        when=when_text(promise.deadline, my_zone, [promise.client_zone], today),
        status=status,
        detail=detail,
        tone=tone,
        contact_id=record.draft.contact_id,
        promise_id=record.id,
        key=f"promise:{record.uid}",
    )


def awaiting_line(item: AwaitingReply, now: dt.datetime, my_zone: str) -> TodayLine:
    record, state = item.interaction, item.state
    today = to_local(now, my_zone).date()
    if state.overdue:
        over = working_time_text(state.working_minutes_over)
        # The section says it is my reply; the status only says how it stands.
        status, tone = _("overdue by %(duration)s") % {"duration": over}, Tone.URGENT
    else:
        left = working_time_text(state.working_minutes_left)
        status = _("due in %(duration)s") % {"duration": left}
        tone = Tone.SOON if state.working_minutes_left <= SOON_WORKING_MINUTES else Tone.NORMAL
    detail = _("%(kind)s; a reply is due by %(due)s, counted in their working hours.") % {
        "kind": label(record.draft.kind),
        "due": when_text(state.due_at, my_zone, [item.client_zone], today),
    }
    return TodayLine(
        what=_one_line(record.draft.summary or record.draft.outcome),
        who=record.contact_name,
        when=when_text(record.draft.occurred_at, my_zone, [item.client_zone], today),
        status=status,
        detail=detail,
        tone=tone,
        contact_id=record.draft.contact_id,
        key=f"interaction:{record.uid}",
    )


def meeting_line(meeting: MeetingDetails, now: dt.datetime, my_zone: str) -> TodayLine:
    draft = meeting.draft
    today = to_local(now, my_zone).date()
    start = draft.start_utc
    end = start + dt.timedelta(minutes=draft.duration_minutes)
    if now < start:
        status = _("in %(duration)s") % {"duration": duration_text(start - now)}
        tone = Tone.SOON if start - now <= SOON else Tone.NORMAL
    elif now < end:
        status = _("now, until %(time)s") % {"time": format_time(to_local(end, my_zone))}
        tone = Tone.SOON
    else:
        status = _("ended at %(time)s") % {"time": format_time(to_local(end, my_zone))}
        tone = Tone.NORMAL
    contact_id = next((a.contact_id for a in draft.attendees if a.contact_id is not None), None)
    return TodayLine(
        what=_one_line(draft.title),
        who=", ".join(attendee.label for attendee in draft.attendees),
        when=when_text(start, my_zone, [a.zone for a in draft.attendees], today),
        status=status,
        detail=_one_line(draft.location),
        tone=tone,
        contact_id=contact_id,
        key=f"meeting:{meeting.uid}",
    )


def birthday_line(birthday: Birthday, my_zone: str) -> TodayLine:
    if birthday.age is None:
        what = _("Birthday")
    else:
        what = _("Birthday: turns %(age)s") % {"age": format_number(birthday.age)}
    when = long_day(birthday.day)
    if canonical_zone(birthday.client_zone) != canonical_zone(my_zone):
        place = place_name(birthday.client_zone)
        when = _("%(date)s in %(place)s") % {"date": when, "place": place}
    if birthday.days_until == 0:
        status = _("today")
    elif birthday.days_until == 1:
        status = _("tomorrow")
    else:
        days = birthday.days_until
        status = ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    return TodayLine(
        what=what,
        who=birthday.name,
        when=when,
        status=status,
        tone=Tone.SOON if birthday.days_until == 0 else Tone.NORMAL,
        contact_id=birthday.contact_id,
        key=f"birthday:{birthday.contact_id}",
    )


def lapsed_line(lapsed: LapsedContact, now: dt.datetime, my_zone: str) -> TodayLine:
    what = ngettext(
        "Stay in touch every %(count)d week", "Stay in touch every %(count)d weeks", lapsed.weeks
    ) % {"count": lapsed.weeks}
    if lapsed.last_contact is None:
        when, status = "", _("nothing logged yet")
    else:
        when = format_date(to_local(lapsed.last_contact, my_zone).date(), "medium")
        weeks = (now - lapsed.last_contact).days // 7
        ago = ngettext("%(count)d week", "%(count)d weeks", weeks) % {"count": weeks}
        status = _("last contact %(duration)s ago") % {"duration": ago}
    return TodayLine(
        what=what,
        who=lapsed.name,
        when=when,
        status=status,
        contact_id=lapsed.contact_id,
        key=f"lapsed:{lapsed.contact_id}",
    )


def holiday_line(holiday: HolidayToday) -> TodayLine:
    count = holiday.contact_count
    return TodayLine(
        what=holiday.name,
        who=country_name(holiday.country),
        when=long_day(holiday.day),
        status=ngettext("%(count)d contact there", "%(count)d contacts there", count)
        % {"count": count},
        key=f"holiday:{holiday.country}",
    )


def today_sections(report: TodayReport) -> list[TodaySection]:
    """Every section, in view order, empty ones included."""
    now, zone = report.now, report.my_zone
    lines = {
        Section.OVERDUE: [promise_line(p, now, zone) for p in report.overdue],
        Section.DUE_TODAY: [promise_line(p, now, zone) for p in report.due_today],
        Section.AWAITING: [awaiting_line(item, now, zone) for item in report.awaiting],
        Section.MEETINGS: [meeting_line(meeting, now, zone) for meeting in report.meetings],
        Section.HOLIDAYS: [holiday_line(holiday) for holiday in report.holidays],
        Section.BIRTHDAYS: [birthday_line(birthday, zone) for birthday in report.birthdays],
        Section.STAY_IN_TOUCH: [lapsed_line(item, now, zone) for item in report.lapsed],
    }
    return [TodaySection(kind, tuple(lines[kind])) for kind in Section]
