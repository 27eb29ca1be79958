"""Plain dataclasses that cross the service boundary (never live ORM objects).

A *draft* is what an editor or importer hands to a service to create or update a
record; a *summary*/*details* is what a service hands back for display.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind, SizeBand

DEFAULT_WORK_START = 9 * 60  # minutes after local midnight
DEFAULT_WORK_END = 17 * 60
DEFAULT_RESPONSE_HOURS = 24


@dataclass(frozen=True, slots=True)
class EmailEntry:
    address: str
    kind: EmailKind = EmailKind.WORK


@dataclass(frozen=True, slots=True)
class PhoneEntry:
    """A phone number as typed (any format) or as stored (E.164, ``+4533123456``)."""

    number: str
    kind: PhoneKind = PhoneKind.WORK


@dataclass(frozen=True, slots=True)
class PostalAddress:
    street: str = ""
    postal_code: str = ""
    city: str = ""
    region: str = ""

    def is_empty(self) -> bool:
        return not (self.street or self.postal_code or self.city or self.region)


@dataclass(slots=True)
class ContactDraft:
    """Everything a user can type about a person."""

    given_name: str = ""
    family_name: str = ""
    given_name_latin: str = ""
    family_name_latin: str = ""
    name_order: NameOrder = NameOrder.GIVEN_FIRST
    honorific: str = ""
    formality: Formality = Formality.FORMAL
    job_title: str = ""
    account_id: int | None = None
    emails: list[EmailEntry] = field(default_factory=list)
    phones: list[PhoneEntry] = field(default_factory=list)
    address: PostalAddress = field(default_factory=PostalAddress)
    country: str = ""  # ISO 3166-1 alpha-2
    time_zone: str = ""  # IANA name
    work_start: int = DEFAULT_WORK_START
    work_end: int = DEFAULT_WORK_END
    #: Weekday numbers (0 = Monday) of the contact's weekend; None = the country's (CLDR).
    weekend_days: tuple[int, ...] | None = None
    preferred_language: str = ""  # CLDR locale id, e.g. "ja" or "pt_BR"
    preferred_channel: Channel = Channel.EMAIL
    response_hours: int = DEFAULT_RESPONSE_HOURS
    touch_weeks: int = 0  # "stay in touch every N weeks"; 0 = no reminder
    birthday: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    #: The notes are private: "leave out sensitive notes" keeps them off printouts.
    notes_sensitive: bool = False
    #: Periods (first day, last day, inclusive, in the contact's own calendar) when the
    #: person is away: holidays, leave, trade fairs. The planner avoids them.
    away: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    #: Properties from an imported vCard that have no field here (X-SKYPE, a second
    #: address, IMPP …): kept, shown as "other fields", written back on export.
    other_fields: list[OtherField] = field(default_factory=list)
    #: A small picture (PNG or JPEG bytes, at most PHOTO_MAX_SIDE pixels a side).
    photo: bytes | None = None
    photo_type: str = ""  # "image/png" or "image/jpeg"
    #: The UID the card had in the program it came from: a re-import updates, not adds.
    external_uid: str = ""


@dataclass(frozen=True, slots=True)
class OtherField:
    """One vCard property kept as read: ``item1.X-ABLabel;TYPE=x:value``.

    ``value`` is the property's value as it stood in the file after unfolding and
    quoted-printable/charset decoding, backslash escapes untouched, so writing it back
    reproduces the original property.
    """

    name: str  # upper case, e.g. "X-SKYPE", "ADR", "IMPP"
    value: str
    params: tuple[tuple[str, str], ...] = ()  # (NAME, value) in file order
    group: str = ""  # "item1" for item1.X-ABLabel


#: Birthdays known without a year (vCard ``--0412``) are stored in this year, the
#: convention Apple's and Google's exports use; shown without a year.
NO_YEAR = 1604
#: Photos are downscaled to fit this square before they are stored.
PHOTO_MAX_SIDE = 512


@dataclass(frozen=True)
class ContactDetails:
    """A stored contact as the editor shows it."""

    id: int
    uid: str
    draft: ContactDraft
    display_name: str
    latin_name: str
    account_name: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class ContactRow:
    """One line of the contacts list; only what the table shows."""

    id: int
    display_name: str
    latin_name: str
    account_name: str
    country: str
    time_zone: str
    work_start: int
    work_end: int
    weekend_days: tuple[int, ...] | None
    preferred_channel: Channel


@dataclass
class AccountDraft:
    """Everything a user can type about a company."""

    name: str = ""
    name_latin: str = ""
    industry: str = ""
    size_band: SizeBand = SizeBand.UNKNOWN
    country: str = ""
    website: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    referred_by_account_id: int | None = None
    referred_by_contact_id: int | None = None


@dataclass(frozen=True)
class AccountDetails:
    id: int
    uid: str
    draft: AccountDraft
    referred_by_name: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class AccountRow:
    """One line of the accounts list."""

    id: int
    name: str
    name_latin: str
    industry: str
    size_band: SizeBand
    country: str
    contact_count: int
