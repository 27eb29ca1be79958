"""The lines of each section of a briefing sheet, as translated plain text.

Each function reads what it needs through the services and returns strings; the sheet
(``briefing_sheet``) turns them into paragraphs. ``BriefingContext`` carries what is
shared by every sheet of one print run: the instant, my zone, the client calendars
(built once for a whole trip pack) and whether sensitive notes are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from relationsapp.core.business_time import WorkCalendar
from relationsapp.core.choices import PromiseStatus, label
from relationsapp.core.culture_comparison import todays_overlap
from relationsapp.core.culture_topics import ALL_TOPICS, is_scale, topic_title
from relationsapp.core.deal_service import FeedbackKind
from relationsapp.core.promise_rules import ClientCalendars, PromiseState, judge_all
from relationsapp.core.zones import to_local, zone_country
from relationsapp.i18n.formatting import format_date, format_time
from relationsapp.i18n.translate import _
from relationsapp.reports.script_text import isolate

if TYPE_CHECKING:
    from relationsapp.core.services import Services

INTERACTIONS_SHOWN = 5
FEEDBACK_SHOWN = 6


@dataclass
class BriefingContext:
    services: Services
    now: dt.datetime
    my_zone: str
    leave_out_sensitive: bool = False
    calendars: ClientCalendars = field(init=False)
    #: Per country, read once per print run (a trip pack meets many people of one country).
    culture: dict[str, list[str]] = field(default_factory=dict)
    holidays: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.calendars = ClientCalendars(self.services, self.my_zone)

    def culture_lines(self, country: str) -> list[str]:
        if country not in self.culture:
            self.culture[country] = culture_lines(self.services, country)
        return self.culture[country]

    def holiday_lines(self, country: str) -> list[str]:
        if country not in self.holidays:
            self.holidays[country] = holiday_lines(country, self.now)
        return self.holidays[country]


def when_text(instant: dt.datetime, zone: str) -> str:
    local = to_local(instant, zone)
    return _("%(date)s, %(time)s") % {"date": format_date(local.date()), "time": format_time(local)}


def time_lines(
    context: BriefingContext,
    contact_id: int,
    meeting_start: dt.datetime | None = None,
    my_place: str | None = None,
) -> list[str]:
    """Their time now (and at the meeting), and the working hours we share that day:
    mine where I will be for the meeting (``my_place``), else at home."""
    theirs = context.calendars.for_contact(contact_id)
    local = to_local(context.now, theirs.zone)
    lines = [
        _("Their local time now: %(time)s, %(date)s (%(zone)s)")
        % {"time": format_time(local), "date": format_date(local.date()), "zone": theirs.zone}
    ]
    if meeting_start is not None:
        at_meeting = to_local(meeting_start, theirs.zone)
        lines.append(
            _("Their time at the meeting: %(time)s, %(date)s")
            % {"time": format_time(at_meeting), "date": format_date(at_meeting.date())}
        )
    my_zone = my_place or context.my_zone
    mine = WorkCalendar(zone=my_zone, country=zone_country(my_zone))
    overlap = todays_overlap(mine, theirs, meeting_start or context.now)
    if overlap is None:
        if meeting_start is None:
            lines.append(_("No working hours shared with mine today"))
        else:
            lines.append(_("No working hours shared with mine on the meeting day"))
        return lines
    start, end = (format_time(to_local(instant, my_zone)) for instant in overlap)
    if meeting_start is None:
        template = _("Working hours shared today: %(start)s–%(end)s my time")
    else:
        template = _("Working hours shared on the meeting day: %(start)s–%(end)s my time")
    lines.append(template % {"start": start, "end": end})
    return lines


def culture_lines(services: Services, country: str) -> list[str]:
    notes = services.culture.profile(country)
    lines = []
    for topic in ALL_TOPICS:
        note = notes.get(topic)
        if note is None or is_scale(topic) or not note.text.strip():
            continue
        line = _("%(topic)s: %(text)s") % {"topic": topic_title(topic), "text": isolate(note.text)}
        if note.starter:
            line += " " + _("(starter note — check it)")
        lines.append(line)
    return lines


def holiday_lines(country: str, now: dt.datetime) -> list[str]:
    from relationsapp.core.country_facts import country_facts

    try:
        facts = country_facts(country, now)
    except ValueError:
        return []
    return [
        _("%(date)s: %(name)s") % {"date": format_date(holiday.day), "name": holiday.name}
        for holiday in facts.holidays
    ]


def interaction_lines(context: BriefingContext, contact_id: int) -> list[str]:
    lines = []
    timeline = context.services.interactions.timeline(
        contact_id=contact_id, limit=INTERACTIONS_SHOWN
    )
    for record in timeline:
        draft = record.draft
        if draft.sensitive and context.leave_out_sensitive:
            text = _("(sensitive — left out)")
        else:
            text = " — ".join(part for part in (draft.summary, draft.outcome) if part.strip())
        lines.append(
            _("%(when)s · %(kind)s · %(text)s")
            % {
                "when": when_text(draft.occurred_at, context.my_zone),
                "kind": label(draft.kind),
                "text": isolate(text),
            }
        )
    return lines


def promise_lines(context: BriefingContext, contact_id: int) -> list[tuple[str, bool]]:
    """(line, overdue?) of each open promise to the contact, soonest due first."""
    records = context.services.interactions.promises(
        contact_id=contact_id, statuses=[PromiseStatus.OPEN]
    )
    judged = judge_all(records, context.calendars, context.now, context.my_zone)
    lines = []
    for promise in judged:
        values = {"due": format_date(promise.record.draft.due_on)}
        values["text"] = isolate(promise.record.draft.description)
        if promise.state == PromiseState.OVERDUE:
            lines.append((_("OVERDUE — due %(due)s: %(text)s") % values, True))
        else:
            lines.append((_("Due %(due)s: %(text)s") % values, False))
    return lines


def satisfaction_lines(services: Services, contact_id: int) -> list[str]:
    """The newest CSAT/NPS answers, then each kind's trend from oldest to newest."""
    answers = services.deals.feedback(contact_id=contact_id)
    lines = []
    for answer in answers[:FEEDBACK_SHOWN]:
        draft = answer.draft
        if draft.kind == FeedbackKind.NPS:
            score = _("NPS %(score)d of 10") % {"score": draft.score}
        else:
            score = _("CSAT %(score)d of 5") % {"score": draft.score}
        line = _("%(date)s: %(score)s") % {"date": format_date(draft.answered_on), "score": score}
        if draft.comment.strip():
            line += " — " + isolate(draft.comment)
        lines.append(line)
    for kind in (FeedbackKind.NPS, FeedbackKind.CSAT):
        scores = [str(a.draft.score) for a in reversed(answers) if a.draft.kind == kind]
        if len(scores) >= 2:
            template = _("NPS, oldest to newest: %(scores)s") if kind == FeedbackKind.NPS else None
            template = template or _("CSAT, oldest to newest: %(scores)s")
            lines.append(template % {"scores": ", ".join(scores[-8:])})
    return lines


def colleague_lines(services: Services, account_id: int, contact_id: int) -> list[str]:
    return [
        " — ".join(part for part in (name, title) if part.strip())
        for other_id, name, title in services.accounts.contacts_of(account_id)
        if other_id != contact_id
    ]
