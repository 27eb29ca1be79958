"""The ``relationsapp`` command: demo data, listing and searching, clear errors."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pytest

from relationsapp.cli import main
from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import ContactDraft
from relationsapp.storage.database import open_database
from tests.helpers.factories import count_rows, file_digest, jorgen, taro

RECORD_KEYS = {
    "uid",
    "display_name",
    "latin_name",
    "account",
    "country",
    "time_zone",
    "emails",
    "phones",
}


def run(*argv: str) -> tuple[int, str]:
    """Exit code and standard output of ``relationsapp argv…``."""
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def contacts_in(path: Path) -> int:
    with open_database(path, lock=False) as database:
        return count_rows(database, "contacts")


def json_records(path: Path, *command: str) -> list[dict[str, Any]]:
    code, output = run("--db", str(path), "contacts", *command, "--json")
    assert code == 0
    records = json.loads(output)
    assert isinstance(records, list)
    return records


@pytest.fixture
def people_file(db_path: Path) -> Path:
    """A file with Jørgen Sørensen, 山田太郎 and Mette Holm, closed again."""
    with open_database(db_path) as database:
        contacts = ContactService(database)
        contacts.create(jorgen())
        contacts.create(taro())
        contacts.create(ContactDraft(given_name="Mette", family_name="Holm", country="DK"))
    return db_path


def test_demo_with_count_creates_that_many_contacts_listed_as_json(db_path: Path) -> None:
    code, output = run("--db", str(db_path), "demo", "--count", "500")
    assert code == 0
    assert "500" in output

    records = json_records(db_path, "list")
    assert len(records) == 500
    assert all(set(record) >= RECORD_KEYS for record in records)
    assert len({record["uid"] for record in records}) == 500
    assert all(isinstance(record["emails"], list) for record in records)


def test_demo_without_count_loads_the_sample_data_set(db_path: Path) -> None:
    code, _output = run("--db", str(db_path), "demo")
    assert code == 0
    assert contacts_in(db_path) >= 290


def test_search_finds_a_danish_name_typed_without_danish_letters(people_file: Path) -> None:
    records = json_records(people_file, "search", "jorgen")
    assert [record["display_name"] for record in records] == ["Jørgen Sørensen"]
    assert records[0]["emails"] == ["jorgen@pumpe.dk"]
    assert records[0]["country"] == "DK"
    assert records[0]["time_zone"] == "Europe/Copenhagen"


def test_search_json_keeps_native_scripts_readable(people_file: Path) -> None:
    code, output = run("--db", str(people_file), "contacts", "search", "山田", "--json")
    assert code == 0
    assert "山田太郎" in output  # not \u5c71\u7530 escapes
    (record,) = json.loads(output)
    assert record["latin_name"] == "Yamada Taro"


def test_search_without_matches_prints_an_empty_json_list(people_file: Path) -> None:
    assert json_records(people_file, "search", "nobody-here") == []


def test_list_without_json_prints_one_tab_separated_line_per_contact(people_file: Path) -> None:
    code, output = run("--db", str(people_file), "contacts", "list")
    assert code == 0
    lines = output.splitlines()
    assert len(lines) == 3
    assert "Jørgen Sørensen\tJørgen Sørensen\t\tDK\tEurope/Copenhagen" in lines


def test_list_works_while_the_app_has_the_file_open(people_file: Path) -> None:
    with open_database(people_file):
        assert len(json_records(people_file, "list")) == 3


def test_demo_refuses_a_file_that_already_holds_data(
    people_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run("--db", str(people_file), "demo", "--count", "10")
    assert code == 1
    assert output == ""
    error = capsys.readouterr().err
    assert "--append" in error
    assert str(people_file.resolve()) in error
    assert contacts_in(people_file) == 3


def test_demo_append_adds_to_a_file_that_holds_data(people_file: Path) -> None:
    code, _output = run("--db", str(people_file), "demo", "--count", "10", "--append")
    assert code == 0
    assert contacts_in(people_file) == 13


@pytest.mark.parametrize("count", ["0", "-5"])
def test_demo_refuses_a_count_that_is_not_positive(
    db_path: Path, capsys: pytest.CaptureFixture[str], count: str
) -> None:
    code, _output = run("--db", str(db_path), "demo", "--count", count)
    assert code == 1
    assert "--count" in capsys.readouterr().err
    assert not db_path.exists() or contacts_in(db_path) == 0


@pytest.mark.parametrize(
    "command", [("contacts", "list"), ("contacts", "search", "x"), ("demo", "--count", "5")]
)
def test_corrupt_file_is_reported_with_its_path_and_left_unchanged(
    db_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    db_path.write_bytes(random.Random(3).randbytes(4096))
    before = file_digest(db_path)
    code, output = run("--db", str(db_path), *command)
    assert code == 1
    assert output == ""
    error = capsys.readouterr().err
    assert str(db_path.resolve()) in error
    assert "not changed" in error
    assert file_digest(db_path) == before


def test_demo_on_a_file_open_in_the_app_says_so(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(db_path):
        code, _output = run("--db", str(db_path), "demo", "--count", "5")
    assert code == 1
    assert "already open" in capsys.readouterr().err
    assert contacts_in(db_path) == 0


def test_reading_commands_never_create_a_file_at_a_mistyped_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    assert main(["--db", str(missing), "contacts", "list", "--json"], out=io.StringIO()) == 1
    assert "no database" in capsys.readouterr().err.lower()
    assert not missing.exists()
