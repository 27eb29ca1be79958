"""Culture notes shared as a JSON file, so a team can pass its knowledge around.

The file holds the team's notes (never the starters, which ship with every copy)::

    {"format": "relationsapp-culture-notes", "version": 1, "exported_at": "...Z",
     "notes": [{"country": "JP", "topic": "gifts", "text": "...", "scale_position": null,
                "author": "Mette", "source": "...", "reviewed_on": "2026-11-02"}]}

Import merges topic by topic within each country and keeps the newer review: an
incoming note replaces ours only when its ``reviewed_on`` is later (an unreviewed note
counts as oldest). A file is read and checked whole before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relationsapp.core.culture_notes import CultureNote, validate_note
from relationsapp.i18n.translate import _

FORMAT = "relationsapp-culture-notes"
VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024


class CultureFileError(Exception):
    """The file cannot be imported; the message says what and where, for the user."""


@dataclass
class ImportPlan:
    """What an import would do, topic by topic."""

    added: list[CultureNote] = field(default_factory=list)
    updated: list[CultureNote] = field(default_factory=list)
    #: Incoming notes not taken: ours is as new or newer (or identical).
    kept: list[CultureNote] = field(default_factory=list)

    @property
    def changes(self) -> list[CultureNote]:
        return [*self.added, *self.updated]


def _entry(note: CultureNote) -> dict[str, Any]:
    return {
        "country": note.country,
        "topic": note.topic,
        "text": note.text,
        "scale_position": note.scale_position,
        "author": note.author,
        "source": note.source,
        "reviewed_on": note.reviewed_on.isoformat() if note.reviewed_on else None,
    }


def write_notes_file(path: Path, notes: list[CultureNote], now: dt.datetime) -> None:
    """Write ``notes`` to ``path`` atomically (a half-written file never replaces a good one)."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "notes": [_entry(note) for note in notes],
    }
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    os.replace(partial, path)


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CultureFileError(
            _("%(where)s: “%(key)s” must be text.") % {"where": where, "key": key}
        )
    return value


def _note_from(entry: object, where: str) -> CultureNote:
    if not isinstance(entry, dict):
        raise CultureFileError(_("%(where)s: expected an object.") % {"where": where})
    position = entry.get("scale_position")
    if position is not None and (not isinstance(position, int) or isinstance(position, bool)):
        raise CultureFileError(
            _("%(where)s: “scale_position” must be a whole number.") % {"where": where}
        )
    reviewed_text = _text(entry, "reviewed_on", where)
    try:
        reviewed = dt.date.fromisoformat(reviewed_text) if reviewed_text else None
    except ValueError:
        raise CultureFileError(
            _("%(where)s: “%(value)s” is not a date (YYYY-MM-DD).")
            % {"where": where, "value": reviewed_text}
        ) from None
    note = CultureNote(
        country=_text(entry, "country", where).strip().upper(),
        topic=_text(entry, "topic", where).strip(),
        text=_text(entry, "text", where),
        scale_position=position,
        author=_text(entry, "author", where),
        source=_text(entry, "source", where),
        reviewed_on=reviewed,
    )
    if errors := validate_note(note):
        raise CultureFileError(f"{where}: {errors[0].message}")
    return note


def read_notes_file(path: Path) -> list[CultureNote]:
    """Every note in the file, or CultureFileError naming the file and the entry at fault."""
    name = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CultureFileError(
                _("%(file)s is larger than %(size)d MB; it is not a culture notes file.")
                % {"file": name, "size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        document = json.loads(path.read_text("utf-8-sig"))
    except OSError as error:
        raise CultureFileError(
            _("%(file)s could not be read: %(error)s")
            % {"file": name, "error": error.strerror or error}
        ) from None
    except UnicodeDecodeError:
        raise CultureFileError(_("%(file)s is not UTF-8 text.") % {"file": name}) from None
    except json.JSONDecodeError as error:
        raise CultureFileError(
            _("%(file)s, line %(line)d: not valid JSON (%(error)s).")
            % {"file": name, "line": error.lineno, "error": error.msg}
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CultureFileError(
            _("%(file)s is not a RelationsApp culture notes file.") % {"file": name}
        )
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise CultureFileError(
            _("%(file)s was written by a newer RelationsApp; update the app to import it.")
            % {"file": name}
        )
    entries = document.get("notes")
    if not isinstance(entries, list):
        raise CultureFileError(_("%(file)s has no list of notes.") % {"file": name})
    return [
        _note_from(entry, _("%(file)s, note %(number)d") % {"file": name, "number": number})
        for number, entry in enumerate(entries, start=1)
    ]


def _newer(incoming: CultureNote, ours: CultureNote) -> bool:
    if ours.reviewed_on is None:
        return incoming.reviewed_on is not None
    return incoming.reviewed_on is not None and incoming.reviewed_on > ours.reviewed_on


def plan_import(incoming: list[CultureNote], ours: list[CultureNote]) -> ImportPlan:
    """Sort incoming notes into added / updated / kept against our stored notes."""
    stored = {(note.country, note.topic): note for note in ours}
    plan = ImportPlan()
    latest: dict[tuple[str, str], CultureNote] = {}
    for note in incoming:  # a file with the same topic twice: its newer review counts
        key = (note.country, note.topic)
        if key not in latest or _newer(note, latest[key]):
            latest[key] = note
    for key, note in latest.items():
        mine = stored.get(key)
        if mine is None:
            plan.added.append(note)
        elif _newer(note, mine):
            plan.updated.append(note)
        else:
            plan.kept.append(note)
    return plan
