"""What to know about one person before their country: how to address them, how they
like to be reached, their own week and notes. The Culture panel shows this first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relationsapp.core.choices import Formality, label
from relationsapp.core.names import is_latin, join_name, name_with_transliteration
from relationsapp.core.records import ContactDetails, ContactDraft
from relationsapp.i18n.formatting import (
    format_date,
    format_minutes_of_day,
    format_weekdays,
    language_name,
)
from relationsapp.i18n.translate import _, ngettext

# Honorifics written after the name rather than before it: attached in Japanese and
# Chinese (山田様, 王先生), after a space in Korean and Hindi (김민준 님, शर्मा जी).
_ATTACHED_SUFFIXES = frozenset({"様", "さま", "さん", "殿", "先生", "女士", "小姐"})
_SPACED_SUFFIXES = frozenset({"님", "씨", "जी"})


@dataclass(frozen=True)
class PersonBrief:
    name: str  # as written, with its transliteration
    country: str
    address_as: str
    preferences: tuple[str, ...]
    notes: str


def form_of_address(draft: ContactDraft) -> str:
    """How to address the person in writing: ``Hr. Sørensen``, ``山田様``, or ``Mette``."""
    if draft.formality == Formality.INFORMAL:
        return draft.given_name or draft.given_name_latin
    family = draft.family_name or draft.family_name_latin
    honorific = draft.honorific.strip()
    if not honorific:
        return join_name(draft.given_name or draft.given_name_latin, family, draft.name_order)
    if honorific in _ATTACHED_SUFFIXES:
        return f"{family}{honorific}"
    if honorific in _SPACED_SUFFIXES:
        return f"{family} {honorific}"
    return f"{honorific} {family}"


def _away_lines(draft: ContactDraft, today: dt.date) -> list[str]:
    lines = []
    for first, last in sorted(draft.away):
        if last >= today and first <= today + dt.timedelta(days=60):
            lines.append(
                _("Away %(first)s – %(last)s")
                % {"first": format_date(first), "last": format_date(last)}
            )
    return lines


def preference_lines(draft: ContactDraft, today: dt.date) -> list[str]:
    """The person's own ways, as short sentences in the UI language."""
    channel = label(draft.preferred_channel)
    if draft.preferred_language:
        lines = [
            _("Prefers %(channel)s, in %(language)s")
            % {"channel": channel.lower(), "language": language_name(draft.preferred_language)}
        ]
    else:
        lines = [_("Prefers %(channel)s") % {"channel": channel.lower()}]
    lines.append(
        ngettext(
            "Expects a reply within %(count)d hour",
            "Expects a reply within %(count)d hours",
            draft.response_hours,
        )
        % {"count": draft.response_hours}
    )
    lines.append(
        _("Works %(start)s–%(end)s local time")
        % {
            "start": format_minutes_of_day(draft.work_start),
            "end": format_minutes_of_day(draft.work_end),
        }
    )
    if draft.weekend_days is not None:
        lines.append(
            _("Own weekend: %(days)s") % {"days": format_weekdays(draft.weekend_days)}
            if draft.weekend_days
            else _("Own weekend: works every day")
        )
    lines.extend(_away_lines(draft, today))
    return lines


def person_brief(details: ContactDetails, today: dt.date) -> PersonBrief:
    draft = details.draft
    address = form_of_address(draft)
    family_latin = draft.family_name_latin
    if address and not is_latin(address) and family_latin and draft.formality == Formality.FORMAL:
        address = f"{address} ({family_latin})"
    formality = label(draft.formality)
    return PersonBrief(
        name=name_with_transliteration(details.display_name, details.latin_name),
        country=draft.country,
        address_as=_("%(address)s · %(formality)s") % {"address": address, "formality": formality}
        if address
        else formality,
        preferences=tuple(preference_lines(draft, today)),
        notes=draft.notes,
    )
