"""The client briefing sheet: one contact, or everyone at a meeting, on paper.

Who they are and how to address them, their time now (and at the meeting) and the
hours we share, how they like to be reached, our notes, their country's culture notes
and coming holidays, the last interactions, open promises, how satisfied they said they
were, and the other people at the account. Qt-free: the UI runs these builders off the
UI thread and the CLI calls them directly. Trip packs reuse the stories built here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Spacer

from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.core.person_brief import person_brief
from relationsapp.core.zones import to_local
from relationsapp.i18n.formatting import country_name, format_date, format_time
from relationsapp.i18n.translate import _, language_here
from relationsapp.reports import briefing_sections as sections
from relationsapp.reports.briefing_sections import BriefingContext
from relationsapp.reports.fonts import han_variant
from relationsapp.reports.pdf_document import GREY, Bookmark, render, styles
from relationsapp.reports.script_text import isolate, paragraph

if TYPE_CHECKING:
    from relationsapp.core.records import ContactDetails
    from relationsapp.core.services import Services


@contextmanager
def labels_in(language: str | None) -> Iterator[None]:
    """Translate and format in ``language`` for the duration (None: leave as it is).

    Only in this thread: the UI keeps its own language while a worker prints."""
    if language is None:
        yield
        return
    with language_here(language):
        yield


class Story:
    """Collects the flowables of one document."""

    def __init__(self) -> None:
        self.styles = styles()
        self.flowables: list[Flowable] = []

    def add(self, text: str, style: str = "body") -> None:
        self.flowables.append(paragraph(text, self.styles[style]))

    def section(
        self, title: str, lines: list[str] | list[tuple[str, bool]], empty: str = ""
    ) -> None:
        """A heading and its lines; (text, True) lines are alerts. Nothing when empty."""
        pairs = [line if isinstance(line, tuple) else (line, False) for line in lines]
        if not pairs and not empty:
            return
        heading = paragraph(title, self.styles["heading"])
        body = [
            paragraph(text, self.styles["alert" if alert else "item"]) for text, alert in pairs
        ] or [paragraph(empty, self.styles["note"])]
        self.flowables.append(KeepTogether([heading, body[0]]))
        self.flowables.extend(body[1:])

    def rule(self) -> None:
        self.flowables.append(HRFlowable(width="100%", thickness=0.6, color=GREY, spaceAfter=6))


def footer_texts(context: BriefingContext) -> dict[str, str]:
    today = to_local(context.now, context.my_zone).date()
    return {
        "confidential": _("Confidential · printed %(date)s") % {"date": format_date(today)},
        "page_text": _("Page %(page)d of %(pages)d"),
    }


def contact_story(
    story: Story,
    context: BriefingContext,
    contact_id: int,
    *,
    meeting_start: dt.datetime | None = None,
    my_place: str | None = None,
    bookmark: tuple[str, int] | None = None,
) -> None:
    """Everything about one contact; ``bookmark`` = (key, outline level) to mark it."""
    services = context.services
    details = services.contacts.get(contact_id)
    draft = details.draft
    today = to_local(context.now, context.my_zone).date()
    brief = person_brief(details, today)
    if bookmark is not None:
        story.flowables.append(Bookmark(bookmark[0], brief.name, bookmark[1]))
    with han_variant(draft.country):
        story.add(brief.name, "name")
        story.add(_("Address as: %(address)s") % {"address": brief.address_as}, "sub")
        position = " · ".join(
            part
            for part in (
                draft.job_title,
                details.account_name,
                country_name(draft.country) if draft.country else "",
            )
            if part.strip()
        )
        if position:
            story.add(position, "sub")
        story.flowables.append(Spacer(1, 4))
        _contact_sections(story, context, details, brief.preferences, meeting_start, my_place)


def _contact_sections(
    story: Story,
    context: BriefingContext,
    details: ContactDetails,
    preferences: tuple[str, ...],
    meeting_start: dt.datetime | None,
    my_place: str | None,
) -> None:
    services = context.services
    contact_id, draft = details.id, details.draft
    story.section(_("Time"), sections.time_lines(context, contact_id, meeting_start, my_place))
    story.section(_("How they like to work"), list(preferences))
    if draft.notes_sensitive and context.leave_out_sensitive:
        story.section(_("Personal notes"), [], _("Left out: marked sensitive."))
    else:
        notes = [draft.notes] if draft.notes.strip() else []
        story.section(_("Personal notes"), notes, _("No notes yet."))
    if draft.country:
        title = _("Culture notes: %(country)s") % {"country": country_name(draft.country)}
        story.section(title, context.culture_lines(draft.country), _("No culture notes."))
        story.section(
            _("Public holidays in the next 60 days"),
            context.holiday_lines(draft.country),
            _("No public holidays."),
        )
    story.section(
        _("Last interactions"),
        sections.interaction_lines(context, contact_id),
        _("No interactions logged."),
    )
    story.section(
        _("Open promises"), sections.promise_lines(context, contact_id), _("No open promises.")
    )
    story.section(_("Satisfaction"), sections.satisfaction_lines(services, contact_id))
    if draft.account_id is not None:
        heading = _("Others at %(account)s") % {"account": isolate(details.account_name)}
        others = sections.colleague_lines(services, draft.account_id, contact_id)
        story.section(heading, others, _("Nobody else at this account yet."))


def my_place(meeting: MeetingDetails) -> str:
    """Where I will be for the meeting: my own place in it (the planner stores it from my
    itinerary), else the zone it was booked in."""
    for attendee in meeting.draft.attendees:
        if attendee.contact_id is None:
            return attendee.zone
    return meeting.draft.organiser_zone


def meeting_title(meeting: MeetingDetails) -> str:
    return meeting.draft.title.strip() or _("Meeting")


def meeting_story(
    story: Story, context: BriefingContext, meeting: MeetingDetails, *, outline_level: int = 0
) -> None:
    """The meeting (when for whom, where, agenda), then a sheet for each contact at it."""
    draft = meeting.draft
    key = f"meeting-{meeting.id}"
    story.flowables.append(Bookmark(key, meeting_title(meeting), outline_level))
    story.add(_("Meeting briefing"), "kicker")
    story.add(meeting_title(meeting), "title")
    times = []
    for time in meeting.times:
        values = {
            "who": isolate(time.attendee.label),
            "date": format_date(time.local_start.date()),
            "start": format_time(time.local_start),
            "end": format_time(time.local_end),
            "zone": time.attendee.zone,
        }
        times.append(_("%(who)s: %(date)s, %(start)s–%(end)s (%(zone)s)") % values)
    story.section(_("When, for each of us"), times)
    if draft.location.strip():
        story.section(_("Where"), [draft.location])
    if draft.agenda.strip():
        story.section(_("Agenda"), [draft.agenda])
    contact_ids = [a.contact_id for a in draft.attendees if a.contact_id is not None]
    for contact_id in dict.fromkeys(contact_ids):  # each person once, in meeting order
        story.flowables.append(CondPageBreak(90 * mm))
        story.flowables.append(Spacer(1, 6))
        story.rule()
        contact_story(
            story,
            context,
            contact_id,
            meeting_start=draft.start_utc,
            my_place=my_place(meeting),
            bookmark=(f"{key}-contact-{contact_id}", outline_level + 1),
        )


def build_briefing(
    services: Services,
    contact_id: int,
    *,
    now: dt.datetime,
    my_zone: str,
    language: str | None = None,
    leave_out_sensitive: bool = False,
) -> bytes:
    """The briefing sheet of one contact as PDF bytes, labels in ``language`` (or the UI's)."""
    with labels_in(language):
        context = BriefingContext(services, now, my_zone, leave_out_sensitive)
        story = Story()
        story.add(_("Client briefing"), "kicker")
        contact_story(story, context, contact_id)
        return render(story.flowables, title=_("Client briefing"), **footer_texts(context))


def build_meeting_briefing(
    services: Services,
    meeting_id: int,
    *,
    now: dt.datetime,
    my_zone: str,
    language: str | None = None,
    leave_out_sensitive: bool = False,
) -> bytes:
    """The briefing of one meeting, covering each participant, as PDF bytes."""
    with labels_in(language):
        context = BriefingContext(services, now, my_zone, leave_out_sensitive)
        meeting = services.meetings.get(meeting_id)
        ids = [a.contact_id for a in meeting.draft.attendees if a.contact_id is not None]
        context.calendars.preload(ids)
        story = Story()
        meeting_story(story, context, meeting)
        return render(story.flowables, title=meeting_title(meeting), **footer_texts(context))
