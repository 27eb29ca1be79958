"""Read-only texts the contact editor derives as the user types (no Qt)."""

from __future__ import annotations

import itertools
import re

from babel.lists import format_list

from relationsapp.core.choices import NameOrder
from relationsapp.core.names import display_name, latin_name, name_with_transliteration
from relationsapp.core.records import ContactDraft, OtherField
from relationsapp.core.validation import format_phone, parse_phone
from relationsapp.core.working_hours import weekend_for
from relationsapp.i18n.formatting import country_name, ui_locale
from relationsapp.i18n.translate import _


def weekend_text(country: str, override: tuple[int, ...] | None) -> str:
    """``Friday–Saturday (usual in Saudi Arabia)``: the weekend in the UI language."""
    days = weekend_for(country, override)
    names = ui_locale().days["format"]["wide"]
    contiguous = all((later - earlier) % 7 == 1 for earlier, later in itertools.pairwise(days))
    if not days:
        text = _("no weekend")
    elif len(days) > 1 and contiguous:
        text = _("%(first)s–%(last)s") % {"first": names[days[0]], "last": names[days[-1]]}
    else:
        text = format_list([names[day] for day in days], locale=ui_locale())
    if override is not None:
        return _("%(days)s (this contact’s own weekend)") % {"days": text}
    if country:
        return _("%(days)s (usual in %(country)s)") % {
            "days": text,
            "country": country_name(country),
        }
    return _("%(days)s (choose a country for its usual weekend)") % {"days": text}


def name_preview(
    given: str, family: str, given_latin: str, family_latin: str, order: NameOrder
) -> str:
    """``山田太郎 (Yamada Taro)``: the display name, with the latin one when it differs."""
    names = ContactDraft(
        given_name=given,
        family_name=family,
        given_name_latin=given_latin,
        family_name_latin=family_latin,
        name_order=order,
    )
    native = display_name(names)
    if not native:
        return _("(no name yet)")
    # The same form as the contact list, with a right-to-left name isolated.
    return name_with_transliteration(native, latin_name(names))


def phone_hint(number: str, country: str) -> str:
    """``International format: +81 3-1234-5678`` when ``number`` is valid, else ""."""
    if not number.strip():
        return ""
    e164, _problem = parse_phone(number, country)
    if e164 is None:
        return ""
    return _("International format: %(number)s") % {"number": format_phone(e164)}


def other_field_text(other: OtherField) -> str:
    """``X-SKYPE (TYPE=HOME): jdoe``: one property an import kept, as a line to read."""
    name = f"{other.group}.{other.name}" if other.group else other.name
    if not other.params:
        return _("%(name)s: %(value)s") % {"name": name, "value": other.value}
    params = ", ".join(f"{key}={value}" for key, value in other.params)
    return _("%(name)s (%(params)s): %(value)s") % {
        "name": name,
        "params": params,
        "value": other.value,
    }


def date_format_without_year(qt_format: str) -> str:
    """``dd/MM/yyyy`` → ``dd/MM``; ``yyyy-MM-dd`` → ``MM-dd``: for a birthday's day and month."""
    text = re.sub(r"y+", "", qt_format)
    text = re.sub(r"([^dM])\1+", r"\1", text)  # "d..M" where the year stood between them
    return text.strip(" ./-,") or "dd/MM"
