"""``relationsapp today``: what needs me today, as text or JSON, from a file read-only."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from relationsapp.core.interaction_service import InteractionService, PromiseDraft
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import open_database
from tests.helpers.factories import file_digest
from tests.helpers.people import seed_people
from tests.unit.test_cli import run

#: Friday 12 March 2027, 14:00 in Copenhagen.
NOW = dt.datetime(2027, 3, 12, 13, 0, tzinfo=dt.UTC)


@pytest.fixture
def seeded_file(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The five seed people, one promise to Taro Yamada due Thursday; I am in Copenhagen."""
    with open_database(db_path) as database:
        people = seed_people(database)
        InteractionService(database).add_promise(
            PromiseDraft(
                description="Send the revised quote",
                due_on=dt.date(2027, 3, 11),
                contact_id=people["taro"],
            )
        )
    AppSettings(home_zone="Europe/Copenhagen").save()
    monkeypatch.setattr("relationsapp.core.zones.now_utc", lambda: NOW)
    return db_path


def test_today_json_lists_the_overdue_promise(seeded_file: Path) -> None:
    before = file_digest(seeded_file)
    code, output = run("--db", str(seeded_file), "today", "--json")
    assert code == 0
    document = json.loads(output)
    assert set(document) >= {
        "now",
        "my_zone",
        "promises_overdue",
        "promises_due_today",
        "awaiting_replies",
        "meetings",
        "birthdays",
        "stay_in_touch",
        "holidays",
    }
    assert document["now"] == "2027-03-12T13:00:00Z"
    assert document["my_zone"] == "Europe/Copenhagen"
    (overdue,) = document["promises_overdue"]
    assert overdue["description"] == "Send the revised quote"
    assert overdue["contact"] == "山田太郎 (Yamada Taro)"  # readable, not \\u escapes
    assert overdue["deadline_local"] == "2027-03-11T17:00:00+09:00"
    assert overdue["overdue_by_minutes"] == 29 * 60
    assert file_digest(seeded_file) == before  # read-only


def test_today_text_prints_every_section_with_its_count(seeded_file: Path) -> None:
    code, output = run("--db", str(seeded_file), "today")
    assert code == 0
    assert output.startswith("Friday, 12 March 2027 (times in Europe/Copenhagen)\n")
    assert "\nOverdue promises (1)\n" in output
    assert "Send the revised quote · 山田太郎 (Yamada Taro) · Thu 11 Mar 09:00" in output
    assert "overdue by 1 day 5 h" in output
    assert "\nBirthdays this week (0)\n" in output


def test_today_on_a_missing_file_is_an_error_and_makes_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    code, output = run("--db", str(missing), "today", "--json")
    assert code == 1 and output == ""
    assert "no database" in capsys.readouterr().err.lower()
    assert not missing.exists()
