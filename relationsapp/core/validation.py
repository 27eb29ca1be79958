"""Check what a user typed and say, next to the field, what is wrong.

Validation never changes stored data: it returns the problems, and ``normalise``
returns a cleaned copy (phones in E.164, canonical zone names) to save.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from relationsapp.core.records import AccountDraft, ContactDraft, PhoneEntry
from relationsapp.core.zones import canonical_zone, is_known_zone
from relationsapp.i18n.formatting import country_codes, country_name
from relationsapp.i18n.translate import _, current_language

# Deliberately plain: one @, no spaces, a dot in the domain. RFC 5322 allows far more,
# but what people mistype (spaces, commas, a missing domain) is what must be caught.
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>.]+(\.[^@\s,;<>.]+)+$")
_WEBSITE = re.compile(r"^(https?://)?[^\s/]+\.[^\s/]+(/\S*)?$", re.IGNORECASE)
MAX_RESPONSE_HOURS = 24 * 60
MAX_TOUCH_WEEKS = 104  # two years: a longer gap is no longer "staying in touch"
MAX_AWAY_DAYS = 366


@dataclass(frozen=True)
class FieldError:
    """A problem with one field; ``index`` picks the row of a list field (e-mails, phones)."""

    field: str
    message: str
    index: int | None = None


def email_error(address: str) -> str | None:
    """Why ``address`` is not an e-mail address, or None when it is one."""
    address = address.strip()
    if not address:
        return _("Enter an e-mail address or remove the row.")
    if "@" not in address:
        return _("An e-mail address needs an @, as in name@example.com.")
    if not _EMAIL.match(address) or ".." in address:
        return _("“%(address)s” is not a valid e-mail address.") % {"address": address}
    return None


def parse_phone(number: str, country: str) -> tuple[str | None, str | None]:
    """(E.164 number, None) when valid for ``country``; (None, reason) when not."""
    # Validating and then normalising a draft parses each number twice; an import of
    # 100,000 cards does it for every phone: the answers are kept (they depend on the
    # UI language only through the message).
    return _parse_phone(number, country, current_language())


@lru_cache(maxsize=65536)
def _parse_phone(number: str, country: str, _language: str) -> tuple[str | None, str | None]:
    import phonenumbers  # ~50 ms to import: only when a phone is checked

    number = number.strip()
    if not number:
        return None, _("Enter a phone number or remove the row.")
    region = country.upper() or None
    if not number.startswith("+") and region is None:
        return None, _("Start with the country code (+45 …) or choose the contact’s country.")
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None, _("“%(number)s” is not a phone number.") % {"number": number}
    if not phonenumbers.is_valid_number(parsed):
        where = region if not number.startswith("+") else None
        if where:
            return None, _("“%(number)s” is not a valid number in %(country)s.") % {
                "number": number,
                "country": country_name(where),
            }
        return None, _("“%(number)s” is not a valid phone number.") % {"number": number}
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None


def format_phone(e164: str) -> str:
    """``+4533123456`` → ``+45 33 12 34 56`` (international format)."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _country_error(country: str) -> str | None:
    if country and country.upper() not in country_codes():
        return _("“%(code)s” is not a country code (ISO 3166, e.g. DK).") % {"code": country}
    return None


def _language_error(language: str) -> str | None:
    if not language:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return _("“%(code)s” is not a known language.") % {"code": language}
    return None


def has_name(draft: ContactDraft) -> bool:
    """A given or family name, in its own script or in Latin letters."""
    names = (draft.given_name, draft.family_name, draft.given_name_latin, draft.family_name_latin)
    return any(part.strip() for part in names)


def validate_contact(draft: ContactDraft, today: dt.date | None = None) -> list[FieldError]:
    """Every problem in ``draft``, in the order the editor shows the fields."""
    errors: list[FieldError] = []
    if not has_name(draft):
        errors.append(FieldError("name", _("Enter a given or family name.")))
    for index, email in enumerate(draft.emails):
        if (message := email_error(email.address)) is not None:
            errors.append(FieldError("emails", message, index))
    for index, phone in enumerate(draft.phones):
        _number, message = parse_phone(phone.number, draft.country)
        if message is not None:
            errors.append(FieldError("phones", message, index))
    if (message := _country_error(draft.country)) is not None:
        errors.append(FieldError("country", message))
    if draft.time_zone and not is_known_zone(draft.time_zone):
        errors.append(
            FieldError("time_zone", _("“%(zone)s” is not a time zone.") % {"zone": draft.time_zone})
        )
    if not (0 <= draft.work_start < 24 * 60 and 0 < draft.work_end <= 24 * 60):
        errors.append(FieldError("work_hours", _("Working hours must lie within one day.")))
    elif draft.work_start == draft.work_end:
        errors.append(
            FieldError("work_hours", _("Working hours must not start and end at the same time."))
        )
    if (message := _language_error(draft.preferred_language)) is not None:
        errors.append(FieldError("preferred_language", message))
    if not 0 <= draft.response_hours <= MAX_RESPONSE_HOURS:
        errors.append(
            FieldError("response_hours", _("Expected response time must be 0–1440 hours."))
        )
    if not 0 <= draft.touch_weeks <= MAX_TOUCH_WEEKS:
        errors.append(
            FieldError("touch_weeks", _("The stay-in-touch interval must be 0–104 weeks."))
        )
    if draft.birthday is not None and draft.birthday > (today or dt.date.today()):
        errors.append(FieldError("birthday", _("A birthday cannot be in the future.")))
    for index, (first, last) in enumerate(draft.away):
        if last < first:
            errors.append(FieldError("away", _("The last day comes before the first."), index))
        elif (last - first).days > MAX_AWAY_DAYS:
            errors.append(FieldError("away", _("An absence can last one year at most."), index))
    return errors


def normalise_contact(draft: ContactDraft) -> ContactDraft:
    """A copy ready to store: trimmed text, E.164 phones, upper-case country, canonical zone.

    Call only on a draft without errors.
    """
    country = draft.country.strip().upper()
    phones = []
    for phone in draft.phones:
        e164, _message = parse_phone(phone.number, country)
        phones.append(PhoneEntry(e164 or phone.number.strip(), phone.kind))
    return replace(
        draft,
        given_name=draft.given_name.strip(),
        family_name=draft.family_name.strip(),
        given_name_latin=draft.given_name_latin.strip(),
        family_name_latin=draft.family_name_latin.strip(),
        honorific=draft.honorific.strip(),
        job_title=draft.job_title.strip(),
        emails=[replace(email, address=email.address.strip()) for email in draft.emails],
        phones=phones,
        country=country,
        time_zone=canonical_zone(draft.time_zone),
        tags=sorted({tag.strip() for tag in draft.tags if tag.strip()}, key=str.casefold),
        notes=draft.notes.rstrip(),
        away=sorted(set(draft.away)),
    )


def validate_account(draft: AccountDraft) -> list[FieldError]:
    """Every problem in an account draft."""
    errors: list[FieldError] = []
    if not (draft.name.strip() or draft.name_latin.strip()):
        errors.append(FieldError("name", _("Enter the company’s name.")))
    if (message := _country_error(draft.country)) is not None:
        errors.append(FieldError("country", message))
    if draft.website.strip() and not _WEBSITE.match(draft.website.strip()):
        errors.append(
            FieldError("website", _("“%(url)s” is not a web address.") % {"url": draft.website})
        )
    return errors


def normalise_account(draft: AccountDraft) -> AccountDraft:
    """A copy ready to store (trimmed, upper-case country, sorted unique tags)."""
    return replace(
        draft,
        name=draft.name.strip(),
        name_latin=draft.name_latin.strip(),
        industry=draft.industry.strip(),
        country=draft.country.strip().upper(),
        website=draft.website.strip(),
        tags=sorted({tag.strip() for tag in draft.tags if tag.strip()}, key=str.casefold),
        notes=draft.notes.rstrip(),
    )
