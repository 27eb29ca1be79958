"""Contacts → vCard 4.0 (or 3.0 for older address books), the way our reader reads back.

- Lines are CRLF and folded at 75 octets without splitting a UTF-8 sequence.
- Text is escaped per RFC 6350 (``\\\\`` ``\\n`` ``\\,`` ``\\;``); parameter values that hold
  ``:`` ``;`` ``,`` are quoted and RFC 6868 caret-encoded (``^n`` ``^'`` ``^^``).
- Fields without a vCard property travel as ``X-RELATIONSAPP-*`` (name order, formality,
  working hours, weekend, response time, …) so exporting and importing again keeps them;
  the Latin name goes out as ``X-PHONETIC-FIRST-NAME``/``-LAST-NAME``, which Apple's and
  Google's address books show.
- Every other field comes back as it was read (``item1.X-ABLabel;TYPE=x:value``). A
  kept original ``N``/``ORG`` (with a suffix, departments or a group) is written in place
  of the generated one while it still agrees with the contact's fields.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind
from relationsapp.core.records import (
    DEFAULT_RESPONSE_HOURS,
    DEFAULT_WORK_END,
    DEFAULT_WORK_START,
    NO_YEAR,
    ContactDetails,
    ContactDraft,
    OtherField,
)
from relationsapp.interop.vcard_text import (
    OWN_PREFIX,
    PRODID,
    country_name,
    escape_text,
    is_cjk,
    is_latin,
    keeps_original,
    split_escaped,
)

VERSIONS = ("4.0", "3.0")
_Matcher = Callable[[OtherField], bool]
_FOLD_OCTETS = 75
_EMAIL_TYPES = {EmailKind.WORK: "work", EmailKind.HOME: "home", EmailKind.OTHER: "other"}
_PHONE_TYPES_4 = {
    PhoneKind.WORK: "work,voice",
    PhoneKind.MOBILE: "cell",
    PhoneKind.HOME: "home,voice",
    PhoneKind.FAX: "fax",
    PhoneKind.OTHER: "other",
}
_PHONE_TYPES_3 = {
    PhoneKind.WORK: "WORK,VOICE",
    PhoneKind.MOBILE: "CELL",
    PhoneKind.HOME: "HOME,VOICE",
    PhoneKind.FAX: "FAX",
    PhoneKind.OTHER: "OTHER",
}


def write_vcards(contacts: Iterable[ContactDetails], version: str = "4.0") -> str:
    """All contacts as one .vcf text (CRLF line ends)."""
    return "".join(
        write_vcard(c.draft, uid=c.uid, account_name=c.account_name, version=version)
        for c in contacts
    )


def display_name(draft: ContactDraft) -> str:
    """``Jane Doe``; ``Doe Jane`` family first; ``최유림`` for CJK family-first names."""
    given, family = draft.given_name.strip(), draft.family_name.strip()
    if draft.name_order is NameOrder.FAMILY_FIRST:
        separator = "" if is_cjk(family + given) and " " not in family + given else " "
        return separator.join(p for p in (family, given) if p)
    return " ".join(p for p in (given, family) if p)


def write_vcard(
    draft: ContactDraft, *, uid: str = "", account_name: str = "", version: str = "4.0"
) -> str:
    """One contact as a vCard; ``uid`` is ours, used when the card came from nowhere else."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {VERSIONS}, not {version!r}")
    four = version == "4.0"
    lines: list[str] = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}"]
    add = lines.append
    card_uid = draft.external_uid or (f"urn:uuid:{uid}" if uid else "")
    if card_uid:
        add("UID:" + escape_text(card_uid))
    others = draft.other_fields
    name = display_name(draft) or account_name or (draft.emails[0].address if draft.emails else "")
    add("FN:" + escape_text(name))
    n_value = ";".join(
        escape_text(part) for part in (draft.family_name, draft.given_name, "", draft.honorific, "")
    )
    if not _shadowed("N", others, _n_matches(draft)):
        add("N:" + n_value)
    # Apple and Google show X-PHONETIC-* beside a name; for a name in Latin letters it
    # would read as a pronunciation, so ours goes out under our own name then.
    native = not is_latin(f"{draft.given_name} {draft.family_name}")
    for latin, phonetic, own in (
        (draft.given_name_latin, "X-PHONETIC-FIRST-NAME", "GIVEN-NAME-LATIN"),
        (draft.family_name_latin, "X-PHONETIC-LAST-NAME", "FAMILY-NAME-LATIN"),
    ):
        if latin:
            add((phonetic if native else OWN_PREFIX + own) + ":" + escape_text(latin))
    if account_name and not _shadowed("ORG", others, _org_matches(account_name)):
        add("ORG:" + escape_text(account_name))
    if draft.job_title:
        add("TITLE:" + escape_text(draft.job_title))
    for email in draft.emails:
        kind = _EMAIL_TYPES[email.kind]
        add(f"EMAIL;TYPE={kind if four else kind.upper()}:" + escape_text(email.address))
    for phone in draft.phones:
        if four:
            add(
                f"TEL;VALUE=uri;TYPE={_param(_PHONE_TYPES_4[phone.kind])}:tel:"
                + escape_text(phone.number)
            )
        else:
            add(f"TEL;TYPE={_PHONE_TYPES_3[phone.kind]}:" + escape_text(phone.number))
    if not draft.address.is_empty() or draft.country:
        address = draft.address
        parts = ("", "", address.street, address.city, address.region, address.postal_code)
        country = country_name(draft.country) if draft.country else ""
        add(
            f"ADR;TYPE={'work' if four else 'WORK'}:"
            + ";".join(escape_text(p) for p in (*parts, country))
        )
    if draft.notes:
        add("NOTE:" + escape_text(draft.notes))
    if draft.birthday is not None:
        add(_birthday(draft, four))
    if draft.tags:
        add("CATEGORIES:" + ",".join(escape_text(tag) for tag in draft.tags))
    if draft.time_zone:
        add("TZ;VALUE=text:" + escape_text(draft.time_zone))
    if draft.preferred_language:
        add("LANG;PREF=1:" + escape_text(draft.preferred_language.replace("_", "-")))
    if draft.photo:
        add(_photo(draft.photo, draft.photo_type, four))
    lines.extend(_own_fields(draft))
    for field in others:
        lines.append(format_other_field(field))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def format_other_field(field: OtherField) -> str:
    """``item1.X-ABLabel;TYPE=x:value`` as it was read (the value is not escaped again)."""
    name = _property_name(field.name)
    group = _property_name(field.group) if field.group else ""
    head = f"{group}.{name}" if group else name
    params = "".join(
        f";{_property_name(key)}={_param(value)}" for key, value in field.params if key
    )
    value = field.value
    if "\r" in value or "\n" in value:
        value = value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return f"{head}{params}:{value}"


_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9-]+")


def _property_name(name: str) -> str:
    """A name vCard allows (letters, digits, hyphens): a field kept from a CSV column
    ("X-CSV-Website 1 - Type") is written as X-CSV-Website-1-Type."""
    cleaned = re.sub("-{2,}", "-", _NAME_CHARACTERS.sub("-", name.strip())).strip("-")
    return cleaned or "X-FIELD"


def _param(value: str) -> str:
    """A parameter value, caret-encoded (RFC 6868) and quoted when it must be."""
    if "^" in value or "\n" in value or '"' in value or "\r" in value:
        value = (
            value.replace("^", "^^")
            .replace("\r\n", "^n")
            .replace("\r", "^n")
            .replace("\n", "^n")
            .replace('"', "^'")
        )
    if any(char in value for char in ":;,") or value != value.strip():
        return f'"{value}"'
    return value


def _shadowed(name: str, others: list[OtherField], matches: _Matcher) -> bool:
    """Whether the first kept ``name`` is the original of the field and still agrees with it.

    It is then written where it stands among the other fields instead of a generated
    one, so ``ORG:IBM;Accounting`` keeps its department and ``item1.ORG`` its label.
    """
    for field in others:
        if field.name == name:
            return not any(key == "ALTID" for key, _ in field.params) and matches(field)
    return False


def _n_matches(draft: ContactDraft) -> _Matcher:
    def matches(field: OtherField) -> bool:
        parts = [p.strip() for p in split_escaped(field.value, ";")] + [""] * 5
        additional = " ".join(a.strip() for a in parts[2].split(",") if a.strip())
        given = f"{parts[1]} {additional}".strip() if additional else parts[1]
        if not keeps_original(field.name, field.value, field.params, field.group):
            return False
        return (parts[0], given, parts[3]) == (
            draft.family_name,
            draft.given_name,
            draft.honorific,
        )

    return matches


def _org_matches(account_name: str) -> _Matcher:
    def matches(field: OtherField) -> bool:
        return split_escaped(field.value, ";")[0].strip() == account_name and keeps_original(
            field.name, field.value, field.params, field.group
        )

    return matches


def _birthday(draft: ContactDraft, four: bool) -> str:
    birthday = draft.birthday
    assert birthday is not None
    if birthday.year == NO_YEAR:
        if four:
            return f"BDAY:--{birthday.month:02d}{birthday.day:02d}"
        # vCard 3.0 has no year-less dates: Apple's convention, which Google reads too.
        return f"BDAY;X-APPLE-OMIT-YEAR={NO_YEAR}:{birthday.isoformat()}"
    if four:
        return f"BDAY:{birthday.year:04d}{birthday.month:02d}{birthday.day:02d}"
    return f"BDAY:{birthday.isoformat()}"


def _photo(data: bytes, mime_type: str, four: bool) -> str:
    mime_type = mime_type or "image/jpeg"
    encoded = base64.b64encode(data).decode("ascii")
    if four:
        return f"PHOTO:data:{mime_type};base64,{encoded}"
    kind = mime_type.rpartition("/")[2].upper()
    return f"PHOTO;ENCODING=b;TYPE={kind}:{encoded}"


def _own_fields(draft: ContactDraft) -> list[str]:
    """Our fields that have no vCard property (defaults are left out)."""
    own = OWN_PREFIX
    lines = [f"{own}NAME-ORDER:{draft.name_order.value}"]
    if draft.formality is not Formality.FORMAL:
        lines.append(f"{own}FORMALITY:{draft.formality.value}")
    if (draft.work_start, draft.work_end) != (DEFAULT_WORK_START, DEFAULT_WORK_END):
        start, end = divmod(draft.work_start, 60), divmod(draft.work_end, 60)
        lines.append(f"{own}WORK-HOURS:{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}")
    if draft.weekend_days is not None:
        lines.append(f"{own}WEEKEND:" + ",".join(str(day) for day in draft.weekend_days))
    if draft.response_hours != DEFAULT_RESPONSE_HOURS:
        lines.append(f"{own}RESPONSE-HOURS:{draft.response_hours}")
    if draft.preferred_channel is not Channel.EMAIL:
        lines.append(f"{own}CHANNEL:{draft.preferred_channel.value}")
    if draft.touch_weeks:
        lines.append(f"{own}TOUCH-WEEKS:{draft.touch_weeks}")
    if draft.notes_sensitive:
        lines.append(f"{own}NOTES-SENSITIVE:1")
    if draft.away:
        periods = ",".join(f"{first.isoformat()}/{last.isoformat()}" for first, last in draft.away)
        lines.append(f"{own}AWAY:{periods}")
    return lines


def fold(line: str) -> str:
    """Fold at 75 octets (continuations start with a space), never inside a UTF-8 sequence."""
    if len(line) <= _FOLD_OCTETS // 4 or len(line.encode("utf-8")) <= _FOLD_OCTETS:
        return line
    data = line.encode("utf-8")
    pieces: list[bytes] = []
    start = 0
    limit = _FOLD_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its sequence
            end -= 1
        pieces.append(data[start:end])
        start = end
        limit = _FOLD_OCTETS - 1  # the leading space counts
    pieces.append(data[start:])
    return "\r\n ".join(piece.decode("utf-8") for piece in pieces)
