"""ORM models. Every NOT NULL column has a default; no UNIQUE beyond keys (see DESIGN)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from relationsapp.storage.base import SQL_NOW_DEFAULT, Base, RecordMixin, UtcDateTime, utc_now


class Account(RecordMixin, Base):
    __tablename__ = "accounts"

    name: Mapped[str] = mapped_column(Text, default="", server_default="")
    name_latin: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Case- and accent-folded latin name; what the list sorts by.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    industry: Mapped[str] = mapped_column(Text, default="", server_default="")
    size_band: Mapped[str] = mapped_column(String(16), default="", server_default="")
    country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    website: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: JSON array of strings.
    tags: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    referred_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )
    referred_by_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL", use_alter=True), default=None
    )

    __table_args__ = (Index("ix_accounts_live_sort", "deleted_at", "sort_key"),)


class Contact(RecordMixin, Base):
    __tablename__ = "contacts"

    given_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    family_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    given_name_latin: Mapped[str] = mapped_column(Text, default="", server_default="")
    family_name_latin: Mapped[str] = mapped_column(Text, default="", server_default="")
    name_order: Mapped[str] = mapped_column(
        String(16), default="given_first", server_default="given_first"
    )
    #: Derived on every write (name order applied) so lists never recompute them.
    display_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    latin_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    honorific: Mapped[str] = mapped_column(Text, default="", server_default="")
    formality: Mapped[str] = mapped_column(String(16), default="formal", server_default="formal")
    job_title: Mapped[str] = mapped_column(Text, default="", server_default="")
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )
    street: Mapped[str] = mapped_column(Text, default="", server_default="")
    postal_code: Mapped[str] = mapped_column(Text, default="", server_default="")
    city: Mapped[str] = mapped_column(Text, default="", server_default="")
    region: Mapped[str] = mapped_column(Text, default="", server_default="")
    country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    time_zone: Mapped[str] = mapped_column(Text, default="", server_default="")
    work_start: Mapped[int] = mapped_column(Integer, default=540, server_default="540")
    work_end: Mapped[int] = mapped_column(Integer, default=1020, server_default="1020")
    #: Comma-separated weekday numbers (0 = Monday); empty = the country's weekend (CLDR).
    weekend_days: Mapped[str] = mapped_column(String(16), default="", server_default="")
    preferred_language: Mapped[str] = mapped_column(String(16), default="", server_default="")
    preferred_channel: Mapped[str] = mapped_column(
        String(16), default="email", server_default="email"
    )
    response_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    #: A civil date (no time, no zone): the birthday in the client's own calendar.
    birthday: Mapped[dt.date | None] = mapped_column(Date, default=None)
    #: JSON array of strings.
    tags: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The notes are private: printed briefings can leave them out.
    notes_sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: JSON array of [first, last] ISO dates: periods the person is away (civil dates).
    away: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    #: "Stay in touch every N weeks"; 0 = no reminder.
    touch_weeks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: JSON array of {"name", "value", "params": [[k, v], ...], "group"}: properties of
    #: an imported card with no field here, kept to be written back on export.
    other_fields: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    #: A small PNG or JPEG (see core.records.PHOTO_MAX_SIDE), and its media type.
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    photo_type: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The UID the card had in the program it came from: a re-import updates, not adds.
    external_uid: Mapped[str] = mapped_column(Text, default="", server_default="")

    emails: Mapped[list[ContactEmail]] = relationship(
        order_by="ContactEmail.position", cascade="all, delete-orphan"
    )
    phones: Mapped[list[ContactPhone]] = relationship(
        order_by="ContactPhone.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_contacts_live_sort", "deleted_at", "sort_key"),
        # An account's people in name order, without walking the whole name index.
        Index("ix_contacts_account_sort", "account_id", "sort_key"),
        # (country, deleted_at): the country menu is read from this index alone.
        Index("ix_contacts_country", "country", "deleted_at"),
        Index("ix_contacts_external_uid", "external_uid"),
    )


class ContactEmail(RecordMixin, Base):
    __tablename__ = "contact_emails"
    # ix_contact_emails_address_nocase (address COLLATE NOCASE) is made by migration 0002.

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="work", server_default="work")
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ContactPhone(RecordMixin, Base):
    __tablename__ = "contact_phones"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="work", server_default="work")
    #: E.164, e.g. "+4533123456"; displayed in international format.
    number: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    #: "Who else has this number?" (duplicates on import and on demand).
    __table_args__ = (Index("ix_contact_phones_number", "number"),)


class Setting(Base):
    """Per-file settings (e.g. whether the welcome screen was answered)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="", server_default="")


class Meeting(RecordMixin, Base):
    """A booked meeting: an instant in UTC plus the organiser's zone that gives it meaning."""

    __tablename__ = "meetings"

    title: Mapped[str] = mapped_column(Text, default="", server_default="")
    start_utc: Mapped[dt.datetime] = mapped_column(
        UtcDateTime, default=utc_now, server_default=text(SQL_NOW_DEFAULT)
    )
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    #: The IANA zone the organiser typed the time in (for showing it back as typed).
    organiser_zone: Mapped[str] = mapped_column(Text, default="UTC", server_default="UTC")
    location: Mapped[str] = mapped_column(Text, default="", server_default="")
    agenda: Mapped[str] = mapped_column(Text, default="", server_default="")

    participants: Mapped[list[MeetingParticipant]] = relationship(
        order_by="MeetingParticipant.position", cascade="all, delete-orphan"
    )

    __table_args__ = (Index("ix_meetings_live_start", "deleted_at", "start_utc"),)


class MeetingParticipant(RecordMixin, Base):
    """One person or place at a meeting, with the zone and country they were in."""

    __tablename__ = "meeting_participants"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None, index=True
    )
    label: Mapped[str] = mapped_column(Text, default="", server_default="")
    zone: Mapped[str] = mapped_column(Text, default="UTC", server_default="UTC")
    country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    subdivision: Mapped[str] = mapped_column(String(8), default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CultureNote(RecordMixin, Base):
    """A team's note on one topic of one country's business culture.

    At most one live row per (country, topic) is kept by the service; a tombstoned
    row hides the shipped starter note for that topic. Culture Map scales are topics
    too, with ``scale_position`` 1–10 set (see relationsapp.core.culture_topics).
    """

    __tablename__ = "culture_notes"

    country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    topic: Mapped[str] = mapped_column(String(24), default="", server_default="")
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    scale_position: Mapped[int | None] = mapped_column(Integer, default=None)
    author: Mapped[str] = mapped_column(Text, default="", server_default="")
    source: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: A civil date: when somebody last checked the note was still right.
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)

    __table_args__ = (Index("ix_culture_notes_country_topic", "country", "topic"),)


class Interaction(RecordMixin, Base):
    """A call, meeting, e-mail, message, visit or note with a client, at an instant (UTC)."""

    __tablename__ = "interactions"

    kind: Mapped[str] = mapped_column(String(16), default="note", server_default="note")
    #: "in" (the client wrote or called), "out" (I did) or "none" (e.g. a note).
    direction: Mapped[str] = mapped_column(String(8), default="none", server_default="none")
    channel: Mapped[str] = mapped_column(String(16), default="", server_default="")
    occurred_at: Mapped[dt.datetime] = mapped_column(
        UtcDateTime, default=utc_now, server_default=text(SQL_NOW_DEFAULT)
    )
    #: The client's IANA zone at the time, so their local time shows as it was then.
    zone: Mapped[str] = mapped_column(Text, default="", server_default="")
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    follow_up: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The summary and outcome are private: printed briefings can leave them out.
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    participants: Mapped[list[InteractionParticipant]] = relationship(
        order_by="InteractionParticipant.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_interactions_contact_time", "contact_id", "occurred_at"),
        Index("ix_interactions_account_time", "account_id", "occurred_at"),
        Index("ix_interactions_live_time", "deleted_at", "occurred_at"),
    )


class InteractionParticipant(RecordMixin, Base):
    """Somebody else who took part: another contact, or a name (a colleague)."""

    __tablename__ = "interaction_participants"

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None, index=True
    )
    label: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Promise(RecordMixin, Base):
    """Something promised to a client, due on a civil date in the client's calendar."""

    __tablename__ = "promises"

    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: A civil date in the client's calendar: due at the end of their working day then.
    due_on: Mapped[dt.date] = mapped_column(
        Date, default=lambda: utc_now().date(), server_default=text("(CURRENT_DATE)")
    )
    #: "open", "kept" or "broken"; kept late is told from ``resolved_at`` and the deadline.
    status: Mapped[str] = mapped_column(String(8), default="open", server_default="open")
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None, index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None, index=True
    )
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), default=None, index=True
    )

    __table_args__ = (Index("ix_promises_status_due", "status", "due_on"),)


class Order(RecordMixin, Base):
    """A deal with an account: money in integer minor units plus its ISO 4217 currency."""

    __tablename__ = "orders"

    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )
    #: A civil date: the day the order was placed (won) or the deal was opened.
    ordered_on: Mapped[dt.date] = mapped_column(
        Date, default=lambda: utc_now().date(), server_default=text("(CURRENT_DATE)")
    )
    amount_minor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    currency: Mapped[str] = mapped_column(String(3), default="", server_default="")
    #: "open", "won" or "lost".
    status: Mapped[str] = mapped_column(String(8), default="open", server_default="open")
    product: Mapped[str] = mapped_column(Text, default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        Index("ix_orders_account_date", "account_id", "ordered_on"),
        Index("ix_orders_status_date", "status", "ordered_on"),
    )


class ExchangeRate(RecordMixin, Base):
    """One unit of ``currency`` is worth ``rate`` units of ``quote`` from ``valid_on``."""

    __tablename__ = "exchange_rates"

    currency: Mapped[str] = mapped_column(String(3), default="", server_default="")
    quote: Mapped[str] = mapped_column(String(3), default="", server_default="")
    #: A decimal as text ("7.4604"): exact, never a binary float.
    rate: Mapped[str] = mapped_column(Text, default="", server_default="")
    valid_on: Mapped[dt.date] = mapped_column(
        Date, default=lambda: utc_now().date(), server_default=text("(CURRENT_DATE)")
    )

    __table_args__ = (Index("ix_exchange_rates_pair_date", "currency", "quote", "valid_on"),)


class Feedback(RecordMixin, Base):
    """A client's answer: CSAT 1–5 (often for one interaction) or NPS 0–10."""

    __tablename__ = "feedback"

    #: "csat" or "nps".
    kind: Mapped[str] = mapped_column(String(8), default="csat", server_default="csat")
    score: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: A civil date: the day the client answered.
    answered_on: Mapped[dt.date] = mapped_column(
        Date, default=lambda: utc_now().date(), server_default=text("(CURRENT_DATE)")
    )
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Where it came from: "manual" or "import" (a survey tool's CSV).
    source: Mapped[str] = mapped_column(String(16), default="manual", server_default="manual")
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None, index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None, index=True
    )
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), default=None, index=True
    )

    __table_args__ = (Index("ix_feedback_kind_date", "kind", "answered_on"),)
