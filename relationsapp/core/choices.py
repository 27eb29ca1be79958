"""Closed sets of values stored in the database, with their human labels.

Values are stable strings (they are written to the file and later synced); labels go
through gettext at the moment they are shown, so a language switch relabels them.
"""

from __future__ import annotations

from enum import StrEnum

from relationsapp.i18n.translate import N_, _


class NameOrder(StrEnum):
    GIVEN_FIRST = "given_first"
    FAMILY_FIRST = "family_first"


class Formality(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    VIDEO = "video"
    MESSAGING = "messaging"
    IN_PERSON = "in_person"


class EmailKind(StrEnum):
    WORK = "work"
    HOME = "home"
    OTHER = "other"


class PhoneKind(StrEnum):
    WORK = "work"
    MOBILE = "mobile"
    HOME = "home"
    FAX = "fax"
    OTHER = "other"


class SizeBand(StrEnum):
    UNKNOWN = ""
    MICRO = "1-9"
    SMALL = "10-49"
    MEDIUM = "50-249"
    LARGE = "250-999"
    ENTERPRISE = "1000+"


class InteractionKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    MESSAGE = "message"
    VISIT = "visit"
    NOTE = "note"


class Direction(StrEnum):
    """Who reached out: the client ("in") or I ("out"); replies are tracked on "in"."""

    INBOUND = "in"
    OUTBOUND = "out"
    NONE = "none"


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"


_LABELS: dict[str, str] = {
    NameOrder.GIVEN_FIRST: N_("Given name first"),
    NameOrder.FAMILY_FIRST: N_("Family name first"),
    Formality.FORMAL: N_("Formal"),
    Formality.INFORMAL: N_("Informal"),
    Channel.EMAIL: N_("E-mail"),
    Channel.PHONE: N_("Phone"),
    Channel.VIDEO: N_("Video call"),
    Channel.MESSAGING: N_("Messaging"),
    Channel.IN_PERSON: N_("In person"),
    EmailKind.WORK: N_("Work"),
    EmailKind.HOME: N_("Home"),
    EmailKind.OTHER: N_("Other"),
    PhoneKind.MOBILE: N_("Mobile"),
    PhoneKind.FAX: N_("Fax"),
    SizeBand.UNKNOWN: N_("Unknown size"),
    SizeBand.MICRO: N_("1–9 employees"),
    SizeBand.SMALL: N_("10–49 employees"),
    SizeBand.MEDIUM: N_("50–249 employees"),
    SizeBand.LARGE: N_("250–999 employees"),
    SizeBand.ENTERPRISE: N_("1,000+ employees"),
    InteractionKind.CALL: N_("Call"),
    InteractionKind.MEETING: N_("Meeting"),
    # InteractionKind.EMAIL is Channel.EMAIL ("email"): labelled "E-mail" above.
    InteractionKind.MESSAGE: N_("Message"),
    InteractionKind.VISIT: N_("Visit"),
    InteractionKind.NOTE: N_("Note"),
    Direction.INBOUND: N_("From the client"),
    Direction.OUTBOUND: N_("From me"),
    Direction.NONE: N_("Neither"),
    PromiseStatus.OPEN: N_("Open"),
    PromiseStatus.KEPT: N_("Kept"),
    PromiseStatus.BROKEN: N_("Broken"),
}


def label(value: StrEnum) -> str:
    """The translated label of a choice, in the current UI language."""
    # PhoneKind.WORK == EmailKind.WORK == "work": StrEnums hash as their string value,
    # so one entry serves both kinds.
    return _(_LABELS[value])
