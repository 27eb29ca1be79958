"""``relationsapp import-orders`` and ``import-feedback``: counts, problems with file:line,
--dry-run, --json, --skip-problems and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relationsapp.core.account_service import AccountService
from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import AccountDraft, ContactDraft, EmailEntry
from relationsapp.storage.database import open_database
from tests.helpers.factories import file_digest, query_file
from tests.unit.test_cli import run


@pytest.fixture
def crm_file(db_path: Path) -> Path:
    """Two accounts, one contact with an e-mail address; closed again."""
    with open_database(db_path) as database:
        makinen = AccountService(database).create(AccountDraft(name="Mäkinen Oy", country="FI"))
        AccountService(database).create(AccountDraft(name="Østergaard & Søn ApS", country="DK"))
        ContactService(database).create(
            ContactDraft(
                given_name="Aino", account_id=makinen, emails=[EmailEntry("aino@makinen.fi")]
            )
        )
    return db_path


@pytest.fixture
def orders_csv(tmp_path: Path) -> Path:
    path = tmp_path / "ordrer.csv"
    path.write_bytes(
        "Kunde;Dato;Beløb;Valuta;Status\n"
        "Mäkinen Oy;01.03.2026;1.234,50;EUR;vundet\n"
        "Ukendt A/S;02.03.2026;99,00;DKK;vundet\n"
        "Østergaard & Søn ApS;03.03.2026;12.000,00;DKK;åben\n".encode("cp1252")
    )
    return path


@pytest.fixture
def clean_orders_csv(tmp_path: Path) -> Path:
    path = tmp_path / "clean.csv"
    path.write_text("Account,Date,Amount,Currency\nMäkinen Oy,2026-03-01,100,EUR\n", "utf-8")
    return path


@pytest.fixture
def survey_csv(tmp_path: Path) -> Path:
    path = tmp_path / "survey.csv"
    path.write_text(
        "Email,Date,Type,Score,Comment\n"
        'AINO@makinen.fi,2026-03-01,NPS,10,"Great\nvisit"\n'
        "nobody@example.com,2026-03-02,CSAT,4,\n",
        "utf-8",
    )
    return path


def orders_in(path: Path) -> int:
    return int(query_file(path, "SELECT count(*) FROM orders")[0][0])


def test_problems_stop_the_import_with_file_line_and_exit_1(
    crm_file: Path, orders_csv: Path
) -> None:
    code, output = run("--db", str(crm_file), "import-orders", str(orders_csv))
    assert code == 1
    assert f"{orders_csv}:3: No account is called “Ukendt A/S”.\n" in output
    assert "2 orders ready to import" in output
    assert "1 line has a problem." in output
    assert "Nothing was imported" in output
    assert orders_in(crm_file) == 0


def test_skip_problems_imports_the_good_rows_and_exits_0(crm_file: Path, orders_csv: Path) -> None:
    code, output = run("--db", str(crm_file), "import-orders", str(orders_csv), "--skip-problems")
    assert code == 0
    assert "Imported 2 orders." in output
    assert f"{orders_csv}:3: " in output  # still told what was left out
    assert query_file(
        crm_file, "SELECT amount_minor, currency, status FROM orders ORDER BY id"
    ) == [
        (123450, "EUR", "won"),
        (1_200_000, "DKK", "open"),
    ]


def test_a_clean_file_imports_and_exits_0(crm_file: Path, clean_orders_csv: Path) -> None:
    code, output = run("--db", str(crm_file), "import-orders", str(clean_orders_csv))
    assert (code, orders_in(crm_file)) == (0, 1)
    assert "Imported 1 order." in output


def test_dry_run_reports_and_writes_nothing(
    crm_file: Path, orders_csv: Path, clean_orders_csv: Path
) -> None:
    before = file_digest(crm_file)
    code, output = run("--db", str(crm_file), "import-orders", str(orders_csv), "--dry-run")
    assert code == 1  # the real import would be refused
    assert "Dry run: nothing was imported." in output
    code, _output = run("--db", str(crm_file), "import-orders", str(clean_orders_csv), "--dry-run")
    assert code == 0
    assert file_digest(crm_file) == before


def test_json_lists_imported_and_skipped(crm_file: Path, orders_csv: Path) -> None:
    code, output = run(
        "--db", str(crm_file), "import-orders", str(orders_csv), "--json", "--skip-problems"
    )
    assert code == 0
    document = json.loads(output)
    assert document["imported"] == 2
    assert document["skipped"] == [
        {"file": str(orders_csv), "line": 3, "reason": "No account is called “Ukendt A/S”."}
    ]
    code, output = run("--db", str(crm_file), "import-orders", str(orders_csv), "--json")
    assert code == 1
    assert json.loads(output)["imported"] == 0
    assert orders_in(crm_file) == 2


def test_an_unreadable_file_is_an_error_naming_it(
    crm_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing_column = tmp_path / "odd.csv"
    missing_column.write_text("Account,When\nMäkinen Oy,2026-03-01\n", "utf-8")
    code, output = run("--db", str(crm_file), "import-orders", str(missing_column))
    assert (code, output) == (1, "")
    assert f"{missing_column}:1: The file has no column named like" in capsys.readouterr().err
    code, output = run("--db", str(crm_file), "import-orders", str(tmp_path / "nope.csv"))
    assert (code, output) == (1, "")
    assert "nope.csv: The file cannot be read" in capsys.readouterr().err


def test_import_feedback_text_json_and_skipping(crm_file: Path, survey_csv: Path) -> None:
    code, output = run("--db", str(crm_file), "import-feedback", str(survey_csv))
    assert code == 1
    assert f"{survey_csv}:4: No contact has the e-mail address nobody@example.com." in output
    assert "1 answer ready to import" in output
    code, output = run("--db", str(crm_file), "import-feedback", str(survey_csv), "--dry-run")
    assert code == 1 and "Dry run" in output
    assert query_file(crm_file, "SELECT count(*) FROM feedback") == [(0,)]
    code, output = run(
        "--db", str(crm_file), "import-feedback", str(survey_csv), "--skip-problems", "--json"
    )
    assert code == 0
    assert json.loads(output)["imported"] == 1
    assert query_file(crm_file, "SELECT kind, score, source, comment FROM feedback") == [
        ("nps", 10, "import", "Great\nvisit")
    ]
