"""A team's notes on countries' business cultures, with the shipped starter notes.

Per (country, topic) the newest stored row wins. A live row is the team's note; a
tombstoned row means "we removed this topic", which also hides the starter note. With
no row at all the starter note (if one ships for that country) is shown, translated
into the UI language — so starters follow a language switch until someone edits them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from relationsapp.core.culture_starters import STARTER_NOTES, STARTER_SOURCE
from relationsapp.core.culture_topics import (
    ALL_TOPICS,
    SCALE_MAX,
    SCALE_MIN,
    is_scale,
    topic_title,
)
from relationsapp.core.errors import ValidationFailed
from relationsapp.core.validation import FieldError
from relationsapp.i18n.translate import _
from relationsapp.storage.base import utc_now
from relationsapp.storage.database import Database
from relationsapp.storage.models import CultureNote as CultureNoteRow

#: A note whose last review is older than this is marked "review due".
REVIEW_AFTER_DAYS = 365
MAX_NOTE_LENGTH = 5000
STARTER_AUTHOR = "RelationsApp"


@dataclass(frozen=True)
class CultureNote:
    """One topic of one country: a note, or a position on a Culture Map scale."""

    country: str
    topic: str
    text: str = ""
    scale_position: int | None = None
    author: str = ""
    source: str = ""
    reviewed_on: dt.date | None = None
    #: Shipped with the app and not yet edited by anyone on the team.
    starter: bool = False

    def needs_review(self, today: dt.date) -> bool:
        """Starters always do; team notes when unreviewed or reviewed over a year ago."""
        if self.starter or self.reviewed_on is None:
            return True
        return (today - self.reviewed_on).days > REVIEW_AFTER_DAYS


@dataclass(frozen=True)
class StoredState:
    """What the file holds for one (country, topic): what undo puts back."""

    key: tuple[str, str]  # (country, topic)
    note: CultureNote | None  # None: no row at all (a starter shows, if one ships)
    removed: bool = False


def saved_state(note: CultureNote) -> StoredState:
    """The state that stores ``note`` (normalised) as the team's note."""
    note = normalise_note(note)
    return StoredState((note.country, note.topic), note)


def removed_state(current: StoredState, country: str, topic: str) -> StoredState:
    """The state that hides a topic: a tombstone (it also hides the starter note)."""
    note = current.note or CultureNote(country.upper(), topic)
    return StoredState((note.country, note.topic), note, removed=True)


def known_country(code: str) -> bool:
    import pytz

    return code in pytz.country_names


def validate_note(note: CultureNote) -> list[FieldError]:
    """Every problem with ``note``, each named for the field it is in."""
    errors: list[FieldError] = []
    if not known_country(note.country):
        errors.append(FieldError("country", _("Choose a country.")))
    if note.topic not in ALL_TOPICS:
        errors.append(FieldError("topic", _("Unknown topic “%(topic)s”.") % {"topic": note.topic}))
    elif is_scale(note.topic):
        position = note.scale_position
        if position is None or not SCALE_MIN <= position <= SCALE_MAX:
            errors.append(
                FieldError(
                    "scale_position",
                    _("A position runs from %(low)d to %(high)d.")
                    % {"low": SCALE_MIN, "high": SCALE_MAX},
                )
            )
    elif not note.text.strip():
        errors.append(FieldError("text", _("Write the note, or delete it.")))
    if len(note.text) > MAX_NOTE_LENGTH:
        errors.append(
            FieldError(
                "text",
                _("A note can be at most %(count)d characters.") % {"count": MAX_NOTE_LENGTH},
            )
        )
    return errors


def normalise_note(note: CultureNote) -> CultureNote:
    return replace(
        note,
        country=note.country.strip().upper(),
        text=note.text.strip(),
        author=note.author.strip(),
        source=note.source.strip(),
        scale_position=note.scale_position if is_scale(note.topic) else None,
        starter=False,
    )


def starter_note(country: str, topic: str) -> CultureNote | None:
    """The shipped note for that topic, in the UI language, or None."""
    text = STARTER_NOTES.get(country, {}).get(topic)
    if text is None:
        return None
    return CultureNote(
        country, topic, _(text), author=STARTER_AUTHOR, source=_(STARTER_SOURCE), starter=True
    )


def starter_profile(country: str) -> dict[str, CultureNote]:
    """Topic → starter note for ``country``: the profile of a file with no team notes."""
    return {
        topic: note for topic in ALL_TOPICS if (note := starter_note(country, topic)) is not None
    }


def notes_as_json(notes: dict[str, CultureNote], today: dt.date) -> list[dict[str, object]]:
    """The profile's notes, JSON-ready, in topic order (the CLI prints this)."""
    return [
        {
            "topic": note.topic,
            "title": topic_title(note.topic),
            "text": note.text,
            "scale_position": note.scale_position,
            "author": note.author,
            "source": note.source,
            "reviewed_on": note.reviewed_on.isoformat() if note.reviewed_on else None,
            "starter": note.starter,
            "needs_review": note.needs_review(today),
        }
        for note in notes.values()
    ]


def _note_of(row: CultureNoteRow) -> CultureNote:
    return CultureNote(
        country=row.country,
        topic=row.topic,
        text=row.text,
        scale_position=row.scale_position,
        author=row.author,
        source=row.source,
        reviewed_on=row.reviewed_on,
    )


def _newest_rows(session: Session, country: str) -> dict[str, CultureNoteRow]:
    rows = session.scalars(
        select(CultureNoteRow)
        .where(CultureNoteRow.country == country)
        .order_by(CultureNoteRow.updated_at, CultureNoteRow.id)
    )
    return {row.topic: row for row in rows}  # later (newer) rows overwrite earlier ones


class CultureNoteService:
    """Read the effective profile of a country; save, remove and restore its notes."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def profile(self, country: str) -> dict[str, CultureNote]:
        """Topic → note shown for ``country`` (team notes, else starters), topics in order."""
        country = country.upper()
        with self._database.session() as session:
            rows = _newest_rows(session, country)
        starters = starter_profile(country)
        notes: dict[str, CultureNote] = {}
        for topic in ALL_TOPICS:
            row = rows.get(topic)
            note = starters.get(topic) if row is None else None
            if row is not None and row.deleted_at is None:
                note = _note_of(row)
            if note is not None:
                notes[topic] = note
        return notes

    def countries(self) -> list[str]:
        """Countries that have any note: the team's or a starter."""
        with self._database.session() as session:
            stored = session.scalars(
                select(CultureNoteRow.country).where(CultureNoteRow.deleted_at.is_(None)).distinct()
            )
            return sorted(set(stored) | set(STARTER_NOTES))

    def stored_notes(self) -> list[CultureNote]:
        """The team's live notes (not the starters): what an export shares."""
        with self._database.session() as session:
            countries = session.scalars(select(CultureNoteRow.country).distinct()).all()
            notes = []
            for country in sorted(countries):
                for topic, row in _newest_rows(session, country).items():
                    if row.deleted_at is None and topic in ALL_TOPICS:
                        notes.append(_note_of(row))
            return notes

    def state(self, country: str, topic: str) -> StoredState:
        country = country.upper()
        with self._database.session() as session:
            row = _newest_rows(session, country).get(topic)
            if row is None:
                return StoredState((country, topic), None)
            return StoredState((country, topic), _note_of(row), removed=row.deleted_at is not None)

    def save(self, note: CultureNote) -> None:
        """Validate and store ``note`` as the team's note for its topic."""
        self.save_many([note])

    def save_many(self, notes: list[CultureNote]) -> None:
        """Validate every note, then store them all in one transaction (an import)."""
        for note in notes:
            if errors := validate_note(note):
                raise ValidationFailed(errors)
        self.put_states([saved_state(note) for note in notes])

    def remove(self, country: str, topic: str) -> None:
        """Hide the topic's note (the team's and the starter); undo with ``put_states``."""
        self.put_states([removed_state(self.state(country, topic), country, topic)])

    def put_states(self, states: list[StoredState]) -> None:
        """Make the file hold each state for its (country, topic), all or nothing.

        What undo and redo call: ``StoredState(None, key=...)`` removes every row of the
        key, so the starter note shows again.
        """
        with self._database.session() as session, session.begin():
            for state in states:
                self._put(session, state)

    @staticmethod
    def _put(session: Session, state: StoredState) -> None:
        country, topic = state.key
        if state.note is None:
            session.execute(
                delete(CultureNoteRow).where(
                    CultureNoteRow.country == country, CultureNoteRow.topic == topic
                )
            )
            return
        row = _newest_rows(session, country).get(topic)
        if row is None:
            row = CultureNoteRow(country=country, topic=topic)
            session.add(row)
        note = state.note
        row.text = note.text
        row.scale_position = note.scale_position
        row.author = note.author
        row.source = note.source
        row.reviewed_on = note.reviewed_on
        row.deleted_at = utc_now() if state.removed else None
        row.updated_at = utc_now()
