"""``relationsapp culture CC``: a country's facts and the team's notes, for scripts too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from babel import Locale

from relationsapp.core.culture_notes import CultureNote, CultureNoteService
from relationsapp.core.culture_starters import STARTER_NOTES
from relationsapp.storage.database import open_database
from tests.unit.test_cli import run


def culture_json(*argv: str) -> dict[str, Any]:
    code, output = run(*argv, "--json")
    assert code == 0
    document = json.loads(output)
    assert isinstance(document, dict)
    return document


def test_saudi_arabia_has_a_friday_saturday_weekend_and_its_calling_code(db_path: Path) -> None:
    profile = culture_json("--db", str(db_path), "culture", "SA")
    assert profile["weekend"] == ["fri", "sat"]
    assert profile["calling_code"] == f"+{phonenumbers.country_code_for_region('SA')}"
    assert profile["currency"]["code"] == "SAR"
    assert (
        profile["first_weekday"]
        == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[Locale.parse("und_SA").first_week_day]
    )


def test_without_a_file_the_starter_notes_are_printed_and_no_file_is_made(db_path: Path) -> None:
    profile = culture_json("--db", str(db_path), "culture", "jp")
    gifts = next(note for note in profile["notes"] if note["topic"] == "gifts")
    assert gifts["text"] == STARTER_NOTES["JP"]["gifts"]
    assert gifts["starter"] and gifts["needs_review"]
    assert not db_path.exists()


def test_the_team_s_note_replaces_the_starter(db_path: Path) -> None:
    with open_database(db_path) as database:
        CultureNoteService(database).save(
            CultureNote(
                "JP",
                "gifts",
                "Liquorice from Denmark went down well.",
                author="Mette",
                reviewed_on=dt.date.today(),
            )
        )
    profile = culture_json("--db", str(db_path), "culture", "JP")
    gifts = next(note for note in profile["notes"] if note["topic"] == "gifts")
    assert gifts == gifts | {
        "text": "Liquorice from Denmark went down well.",
        "author": "Mette",
        "starter": False,
        "needs_review": False,
    }


def test_the_text_form_is_readable_and_in_the_chosen_language(db_path: Path) -> None:
    code, output = run("--db", str(db_path), "--lang", "da", "culture", "FI")
    assert code == 0
    assert output.startswith("Finland (FI)\n")
    assert "Møder og punktlighed [gennemse]" in output


def test_an_unknown_country_code_is_an_error_naming_it(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run("--db", str(db_path), "culture", "XX")
    assert code == 1
    assert output == ""
    assert "“XX” is not a country code." in capsys.readouterr().err
