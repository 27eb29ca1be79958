"""The client briefing sheet: one contact on paper before a call or a visit.

Who they are and how to address them, their time now and the hours we share today,
how they like to be reached, our notes, their country's culture notes and coming
holidays, the last interactions, open promises and the other people at the account.
Qt-free: the UI runs ``build_briefing`` off the UI thread and the CLI calls it directly.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer

from relationsapp.core.business_time import WorkCalendar
from relationsapp.core.choices import PromiseStatus, label
from relationsapp.core.culture_comparison import todays_overlap
from relationsapp.core.culture_topics import ALL_TOPICS, is_scale, topic_title
from relationsapp.core.person_brief import person_brief
from relationsapp.core.promise_rules import ClientCalendars, PromiseState, judge_all
from relationsapp.core.zones import to_local, zone_country
from relationsapp.i18n.formatting import country_name, format_date, format_time, ui_locale
from relationsapp.i18n.translate import _, current_language, set_language
from relationsapp.reports.fonts import base_font
from relationsapp.reports.script_text import paragraph

if TYPE_CHECKING:
    from relationsapp.core.services import Services

#: Territories that print on US Letter rather than A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"})
INTERACTIONS_SHOWN = 5
_GREY = colors.HexColor("#555555")


@contextmanager
def labels_in(language: str | None) -> Iterator[None]:
    """Translate and format in ``language`` for the duration (None: leave as it is)."""
    if language is None:
        yield
        return
    previous = current_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(previous)


def page_size() -> tuple[float, float]:
    """US Letter for the UI locale's territory where Letter is the norm, else A4."""
    return LETTER if (ui_locale().territory or "") in LETTER_TERRITORIES else A4


def _styles() -> dict[str, ParagraphStyle]:
    font = base_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13)
    return {
        "body": body,
        "kicker": ParagraphStyle("kicker", parent=body, fontSize=8, textColor=_GREY),
        "name": ParagraphStyle("name", parent=body, fontSize=18, leading=24),
        "sub": ParagraphStyle("sub", parent=body, fontSize=10.5, leading=14),
        "heading": ParagraphStyle(
            "heading", parent=body, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=3
        ),
        "item": ParagraphStyle("item", parent=body, leftIndent=10),
        "note": ParagraphStyle("note", parent=body, leftIndent=10, textColor=_GREY),
    }


def _numbered_canvas(confidential: str, page_text: str) -> type[Canvas]:
    """A canvas class that writes the footer once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(base_font(), 8)
            self.setFillColor(_GREY)
            self.drawString(18 * mm, 10 * mm, confidential)
            text = page_text % {"page": self._pageNumber, "pages": total}
            self.drawRightString(width - 18 * mm, 10 * mm, text)
            self.restoreState()

    return NumberedCanvas


def _when(instant: dt.datetime, zone: str) -> str:
    local = to_local(instant, zone)
    return _("%(date)s, %(time)s") % {"date": format_date(local.date()), "time": format_time(local)}


class _Sheet:
    """Collects the flowables of one sheet."""

    def __init__(self) -> None:
        self.styles = _styles()
        self.story: list[Flowable] = []

    def add(self, text: str, style: str = "body") -> None:
        self.story.append(paragraph(text, self.styles[style]))

    def section(self, title: str, lines: list[str], empty: str, style: str = "item") -> None:
        heading = paragraph(title, self.styles["heading"])
        body = [paragraph(line, self.styles[style]) for line in lines] or [
            paragraph(empty, self.styles["note"])
        ]
        self.story.append(KeepTogether([heading, body[0]]))
        self.story.extend(body[1:])


def _time_lines(services: Services, contact_id: int, now: dt.datetime, my_zone: str) -> list[str]:
    theirs = ClientCalendars(services, my_zone).for_contact(contact_id)
    local = to_local(now, theirs.zone)
    lines = [
        _("Their local time now: %(time)s, %(date)s (%(zone)s)")
        % {"time": format_time(local), "date": format_date(local.date()), "zone": theirs.zone}
    ]
    mine = WorkCalendar(zone=my_zone, country=zone_country(my_zone))
    overlap = todays_overlap(mine, theirs, now)
    if overlap is None:
        lines.append(_("No working hours shared with mine today"))
    else:
        start, end = (to_local(instant, my_zone) for instant in overlap)
        lines.append(
            _("Working hours shared today: %(start)s–%(end)s my time")
            % {"start": format_time(start), "end": format_time(end)}
        )
    return lines


def _culture_lines(services: Services, country: str) -> list[str]:
    notes = services.culture.profile(country)
    lines = []
    for topic in ALL_TOPICS:
        note = notes.get(topic)
        if note is None or is_scale(topic) or not note.text.strip():
            continue
        line = _("%(topic)s: %(text)s") % {"topic": topic_title(topic), "text": note.text}
        if note.starter:
            line += " " + _("(starter note — check it)")
        lines.append(line)
    return lines


def _holiday_lines(country: str, now: dt.datetime) -> list[str]:
    from relationsapp.core.country_facts import country_facts

    try:
        facts = country_facts(country, now)
    except ValueError:
        return []
    return [
        _("%(date)s: %(name)s") % {"date": format_date(holiday.day), "name": holiday.name}
        for holiday in facts.holidays
    ]


def _interaction_lines(services: Services, contact_id: int, my_zone: str) -> list[str]:
    lines = []
    for record in services.interactions.timeline(contact_id=contact_id, limit=INTERACTIONS_SHOWN):
        draft = record.draft
        text = " — ".join(part for part in (draft.summary, draft.outcome) if part.strip())
        lines.append(
            _("%(when)s · %(kind)s · %(text)s")
            % {"when": _when(draft.occurred_at, my_zone), "kind": label(draft.kind), "text": text}
        )
    return lines


def _promise_lines(
    services: Services, contact_id: int, now: dt.datetime, my_zone: str
) -> list[str]:
    records = services.interactions.promises(contact_id=contact_id, statuses=[PromiseStatus.OPEN])
    judged = judge_all(records, ClientCalendars(services, my_zone), now, my_zone)
    lines = []
    for promise in judged:
        values = {"due": format_date(promise.record.draft.due_on)}
        values["text"] = promise.record.draft.description
        if promise.state == PromiseState.OVERDUE:
            lines.append(_("OVERDUE — due %(due)s: %(text)s") % values)
        else:
            lines.append(_("Due %(due)s: %(text)s") % values)
    return lines


def build_briefing(
    services: Services,
    contact_id: int,
    *,
    now: dt.datetime,
    my_zone: str,
    language: str | None = None,
) -> bytes:
    """The briefing sheet of one contact as PDF bytes, labels in ``language`` (or the UI's)."""
    with labels_in(language):
        return _build(services, contact_id, now, my_zone)


def _build(services: Services, contact_id: int, now: dt.datetime, my_zone: str) -> bytes:
    details = services.contacts.get(contact_id)
    draft = details.draft
    today = to_local(now, my_zone).date()
    brief = person_brief(details, today)
    sheet = _Sheet()

    sheet.add(_("Client briefing"), "kicker")
    sheet.add(brief.name, "name")
    sheet.add(_("Address as: %(address)s") % {"address": brief.address_as}, "sub")
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
        sheet.add(position, "sub")
    sheet.story.append(Spacer(1, 4))

    sheet.section(_("Time"), _time_lines(services, contact_id, now, my_zone), "")
    sheet.section(_("How they like to work"), list(brief.preferences), "")
    sheet.section(
        _("Personal notes"), [draft.notes] if draft.notes.strip() else [], _("No notes yet.")
    )
    if draft.country:
        title = _("Culture notes: %(country)s") % {"country": country_name(draft.country)}
        sheet.section(title, _culture_lines(services, draft.country), _("No culture notes."))
        sheet.section(
            _("Public holidays in the next 60 days"),
            _holiday_lines(draft.country, now),
            _("No public holidays."),
        )
    sheet.section(
        _("Last interactions"),
        _interaction_lines(services, contact_id, my_zone),
        _("No interactions logged."),
    )
    sheet.section(
        _("Open promises"),
        _promise_lines(services, contact_id, now, my_zone),
        _("No open promises."),
    )
    if draft.account_id is not None:
        others = [
            " — ".join(part for part in (name, title) if part.strip())
            for other_id, name, title in services.accounts.contacts_of(draft.account_id)
            if other_id != contact_id
        ]
        heading = _("Others at %(account)s") % {"account": details.account_name}
        sheet.section(heading, others, _("Nobody else at this account yet."))

    confidential = _("Confidential · printed %(date)s") % {"date": format_date(today)}
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size(),
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=_("Client briefing"),
        author="RelationsApp",
        initialFontName=base_font(),
    )
    document.build(
        sheet.story,
        canvasmaker=_numbered_canvas(confidential, _("Page %(page)d of %(pages)d")),
    )
    return buffer.getvalue()
