"""Sharing culture notes as a file: exact round trip, newer review wins, bad files refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from relationsapp.core.culture_notes import CultureNote, CultureNoteService
from relationsapp.interop.culture_notes_file import (
    MAX_FILE_BYTES,
    CultureFileError,
    plan_import,
    read_notes_file,
    write_notes_file,
)
from relationsapp.storage.database import Database

NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def note(country: str, topic: str, text: str, reviewed: dt.date | None) -> CultureNote:
    return CultureNote(country, topic, text, author="Mette", source="visit", reviewed_on=reviewed)


def test_export_then_import_gives_back_every_note_exactly(tmp_path: Path) -> None:
    notes = [
        note(
            "JP", "gifts", "Wrap gifts; give with both hands.\nNot in fours.", dt.date(2026, 5, 1)
        ),
        note("SA", "dining", "Ramadan: no food or drink in public by day. <b>&amp;</b>", None),
        CultureNote("DE", "leading", scale_position=3, author="Jukka"),
    ]
    path = tmp_path / "notes.json"
    write_notes_file(path, notes, NOW)
    assert read_notes_file(path) == notes
    document = json.loads(path.read_text("utf-8"))
    assert document["format"] == "relationsapp-culture-notes"
    assert document["exported_at"] == "2026-11-27T09:30:00Z"


def test_import_keeps_the_newer_review_topic_by_topic() -> None:
    ours = [
        note("JP", "gifts", "ours, newer", dt.date(2026, 6, 1)),
        note("JP", "dining", "ours, older", dt.date(2025, 1, 1)),
        note("JP", "dress", "ours, unreviewed", None),
    ]
    incoming = [
        note("JP", "gifts", "theirs, older", dt.date(2026, 1, 1)),
        note("JP", "dining", "theirs, newer", dt.date(2026, 3, 1)),
        note("JP", "dress", "theirs, reviewed", dt.date(2024, 1, 1)),
        note("FI", "meetings", "theirs, new topic", None),
    ]
    plan = plan_import(incoming, ours)
    assert [n.text for n in plan.added] == ["theirs, new topic"]
    assert [n.text for n in plan.updated] == ["theirs, newer", "theirs, reviewed"]
    assert [n.text for n in plan.kept] == ["theirs, older"]


def test_a_file_naming_a_topic_twice_counts_its_newer_review() -> None:
    incoming = [
        note("JP", "gifts", "first", dt.date(2026, 1, 1)),
        note("JP", "gifts", "second, newer", dt.date(2026, 2, 1)),
    ]
    assert [n.text for n in plan_import(incoming, []).added] == ["second, newer"]


def test_merging_into_the_database_changes_only_what_the_plan_says(
    database: Database, tmp_path: Path
) -> None:
    culture = CultureNoteService(database)
    culture.save(note("JP", "gifts", "ours, newer", dt.date(2026, 6, 1)))
    path = tmp_path / "colleague.json"
    write_notes_file(
        path,
        [
            note("JP", "gifts", "theirs, older", dt.date(2026, 1, 1)),
            note("JP", "dining", "theirs", dt.date(2026, 1, 1)),
        ],
        NOW,
    )
    plan = plan_import(read_notes_file(path), culture.stored_notes())
    culture.save_many(plan.changes)
    profile = culture.profile("JP")
    assert profile["gifts"].text == "ours, newer"
    assert profile["dining"].text == "theirs"


def write_json(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "broken.json"
    path.write_text(content, "utf-8")
    return path


def valid_document(**changes: object) -> dict[str, object]:
    document: dict[str, object] = {
        "format": "relationsapp-culture-notes",
        "version": 1,
        "notes": [{"country": "JP", "topic": "gifts", "text": "ok"}],
    }
    document.update(changes)
    return document


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "relationsapp-culture-notes",\n "notes": [,]}', "broken.json, line 2"),
        (json.dumps({"format": "something-else"}), "not a RelationsApp culture notes file"),
        (json.dumps(valid_document(version=2)), "newer RelationsApp"),
        (json.dumps(valid_document(notes="none")), "no list of notes"),
        (
            json.dumps(
                valid_document(
                    notes=[
                        {"country": "JP", "topic": "gifts", "text": "ok"},
                        {"country": "JP", "topic": "horoscope", "text": "?"},
                    ]
                )
            ),
            "note 2: Unknown topic “horoscope”",
        ),
        (
            json.dumps(valid_document(notes=[{"country": "ZZ", "topic": "gifts", "text": "x"}])),
            "note 1: Choose a country",
        ),
        (
            json.dumps(
                valid_document(
                    notes=[{"country": "JP", "topic": "gifts", "text": "x", "reviewed_on": "soon"}]
                )
            ),
            "“soon” is not a date",
        ),
        (
            json.dumps(
                valid_document(notes=[{"country": "JP", "topic": "leading", "scale_position": "8"}])
            ),
            "must be a whole number",
        ),
    ],
)
def test_a_bad_file_is_refused_saying_what_and_where(
    tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(CultureFileError) as refused:
        read_notes_file(write_json(tmp_path, content))
    assert message in str(refused.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(CultureFileError, match=r"huge\.json is larger than 5 MB"):
        read_notes_file(path)


def test_a_failed_export_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    write_notes_file(path, [note("JP", "gifts", "kept", None)], NOW)
    unwritable = [note("JP", "gifts", "\ud800 lone surrogate", None)]
    with pytest.raises(UnicodeEncodeError):
        write_notes_file(path, unwritable, NOW)
    assert read_notes_file(path)[0].text == "kept"
