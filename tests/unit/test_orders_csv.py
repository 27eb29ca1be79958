"""Orders from an ERP's CSV export, and the CSV reading every import shares: encodings,
delimiters, quoted newlines, ragged rows and limits, reported with file and line."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from relationsapp.core.account_service import AccountService
from relationsapp.core.deal_service import DealService, OrderStatus
from relationsapp.core.records import AccountDraft
from relationsapp.interop.csv_reading import CsvFileError, ImportRefused, read_csv
from relationsapp.interop.orders_csv import (
    OrderImportPlan,
    apply_order_import,
    plan_order_import,
)
from relationsapp.storage.database import Database
from tests.helpers.factories import count_rows


@pytest.fixture
def accounts(database: Database) -> dict[str, int]:
    service = AccountService(database)
    return {
        "ostergaard": service.create(
            AccountDraft(
                name="Østergaard & Søn ApS", name_latin="Ostergaard & Son ApS", country="DK"
            )
        ),
        "makinen": service.create(AccountDraft(name="Mäkinen Oy", country="FI")),
        "mueller": service.create(AccountDraft(name="Müller Präzision GmbH", country="DE")),
        "yamada": service.create(
            AccountDraft(name="株式会社山田製作所", name_latin="Yamada Seisakusho", country="JP")
        ),
        "nordic_1": service.create(AccountDraft(name="Nordic Trading", country="SE")),
        "nordic_2": service.create(AccountDraft(name="Nordic Trading", country="NO")),
    }


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def reasons(plan: OrderImportPlan) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for problem in plan.problems:
        assert problem.file == plan.file
        found.setdefault(problem.line, []).append(problem.reason)
    return found


# --- encodings and delimiters ---------------------------------------------------------------


def test_a_utf8_file_with_bom_imports_every_row(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    path = write(
        tmp_path / "orders.csv",
        "\ufeffAccount,Date,Amount,Currency,Status\n"
        'Mäkinen Oy,2026-03-01,"1,234.50",EUR,won\n'
        'Yamada Seisakusho,2026-03-02,"1,500,000",JPY,open\n',
    )
    plan = plan_order_import(path, database)
    assert plan.problems == []
    assert (plan.encoding, plan.delimiter) == ("utf-8-sig", ",")
    first, second = (row.draft for row in plan.rows)
    assert (first.account_id, first.amount_minor, first.currency) == (
        accounts["makinen"],
        123450,
        "EUR",
    )
    assert (second.account_id, second.amount_minor, second.status) == (
        accounts["yamada"],
        1_500_000,
        OrderStatus.OPEN,
    )
    ids = apply_order_import(plan, DealService(database))
    assert len(ids) == 2
    stored = {record.draft.account_id: record.draft for record in DealService(database).orders()}
    assert stored[accounts["makinen"]].ordered_on == dt.date(2026, 3, 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom"])
def test_utf16_files_with_a_bom_are_read(
    tmp_path: Path, database: Database, accounts: dict[str, int], encoding: str
) -> None:
    text = "Kunde\tDato\tBeløb\tValuta\nØstergaard & Søn ApS\t01.03.2026\t1.234,50\tDKK\n"
    path = tmp_path / "orders.csv"
    if encoding == "utf-16":
        write(path, text, "utf-16")  # Python writes a BOM and little-endian here
    else:
        path.write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    plan = plan_order_import(path, database)
    assert plan.problems == []
    assert plan.encoding in ("utf-16-le", "utf-16-be") and plan.delimiter == "\t"
    (row,) = plan.rows
    assert (row.draft.account_id, row.draft.amount_minor) == (accounts["ostergaard"], 123450)


def test_a_windows_1252_file_with_semicolons_and_decimal_commas(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    # What Excel writes on a Danish Windows: cp1252, ";" and "1.234,50".
    path = write(
        tmp_path / "ordrer.csv",
        "Kunde;Dato;Beløb;Valuta;Status\n"
        "Østergaard & Søn ApS;01.03.2026;1.234,50;DKK;vundet\n"
        "Mäkinen Oy;15-04-2026;99,5;EUR;tabt\n"
        "Müller Präzision GmbH;20.04.2026;12.000;EUR;åben\n",
        "cp1252",
    )
    plan = plan_order_import(path, database)
    assert plan.problems == []
    assert (plan.encoding, plan.delimiter) == ("cp1252", ";")
    drafts = [row.draft for row in plan.rows]
    assert [d.account_id for d in drafts] == [
        accounts["ostergaard"],
        accounts["makinen"],
        accounts["mueller"],
    ]
    assert [d.amount_minor for d in drafts] == [123450, 9950, 1_200_000]
    assert [d.status for d in drafts] == [OrderStatus.WON, OrderStatus.LOST, OrderStatus.OPEN]
    assert [d.ordered_on for d in drafts] == [
        dt.date(2026, 3, 1),
        dt.date(2026, 4, 15),
        dt.date(2026, 4, 20),
    ]


@pytest.mark.parametrize(
    ("header", "statuses"),
    [
        ("Kunde;Datum;Betrag;Währung;Status", ("gewonnen", "verloren", "offen")),
        ("Asiakas;Päivämäärä;Summa;Valuutta;Tila", ("voitettu", "hävitty", "avoin")),
        ("KONTO;DATO;BELØB;VALUTA;STATUS", ("Vundet", "TABT", "Åben")),
    ],
)
def test_german_finnish_and_danish_headers_and_statuses(
    tmp_path: Path,
    database: Database,
    accounts: dict[str, int],
    header: str,
    statuses: tuple[str, str, str],
) -> None:
    rows = "".join(
        f"Müller Präzision GmbH;0{day}.05.2026;1.000,00;EUR;{status}\n"
        for day, status in enumerate(statuses, start=1)
    )
    plan = plan_order_import(write(tmp_path / "o.csv", header + "\n" + rows), database)
    assert plan.problems == []
    assert [row.draft.status for row in plan.rows] == [
        OrderStatus.WON,
        OrderStatus.LOST,
        OrderStatus.OPEN,
    ]


def test_a_file_mostly_utf8_with_one_stray_byte_is_refused_at_that_line(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    good = "Account,Date,Amount,Currency\nMäkinen Oy,2026-03-01,100,EUR\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(good + "Müller Präzision GmbH,2026-03-02,100,EUR\n".encode("cp1252"))
    with pytest.raises(CsvFileError) as caught:
        plan_order_import(path, database)
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{path}:3: ")
    assert "UTF-8" in caught.value.reason


def test_bytes_neither_utf8_nor_windows_1252_are_refused_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a,b\n1,2\n3,\x81\n")  # 0x81 is unassigned in Windows-1252
    with pytest.raises(CsvFileError, match="not valid Windows-1252 text") as caught:
        read_csv(path)
    assert caught.value.line == 3


def test_a_spreadsheet_saved_under_a_csv_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(CsvFileError, match="save it as CSV"):
        read_csv(path)


# --- records and lines ------------------------------------------------------------------


def test_quoted_newlines_keep_the_line_numbers_of_later_rows(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    path = write(
        tmp_path / "o.csv",
        "Account,Date,Amount,Currency,Notes\n"
        'Mäkinen Oy,2026-03-01,100,EUR,"two\nlines, and a ""quote"""\n'
        "Nobody Ltd,2026-03-01,100,EUR,\n",
    )
    plan = plan_order_import(path, database)
    (row,) = plan.rows
    assert row.line == 2 and row.draft.notes == 'two\nlines, and a "quote"'
    assert reasons(plan) == {4: ["No account is called “Nobody Ltd”."]}


def test_a_ragged_row_is_reported_with_its_line_not_padded(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    path = write(
        tmp_path / "o.csv",
        "Account;Date;Amount;Currency\n"
        "Mäkinen Oy;2026-03-01;100;EUR\n"
        "\n"
        "Mäkinen Oy;2026-03-02;100\n"
        "Mäkinen Oy;2026-03-03;100;EUR;;\n",  # empty surplus fields carry nothing
    )
    plan = plan_order_import(path, database)
    assert [row.line for row in plan.rows] == [2, 5]
    assert reasons(plan) == {4: ["This row has 3 fields; the header has 4."]}


def test_an_unclosed_quote_names_the_line_it_starts_on(tmp_path: Path) -> None:
    path = write(tmp_path / "o.csv", 'a,b\n1,2\n3,"open\n4,5\n')
    with pytest.raises(CsvFileError) as caught:
        read_csv(path)
    assert caught.value.line == 3


def test_limits_on_file_size_and_rows_are_clear_errors(tmp_path: Path) -> None:
    path = write(tmp_path / "big.csv", "a,b\n" + "1,2\n" * 50)
    with pytest.raises(CsvFileError, match="larger than 0 MB") as caught:
        read_csv(path, max_bytes=100)
    assert caught.value.file == str(path) and caught.value.line is None
    with pytest.raises(CsvFileError, match="more than 10 rows") as caught:
        read_csv(path, max_rows=10)
    assert caught.value.line == 12
    assert len(read_csv(path).rows) == 50


def test_an_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CsvFileError, match="empty"):
        read_csv(write(tmp_path / "empty.csv", "\n\n"))


# --- accounts ----------------------------------------------------------------------------


def test_accounts_match_by_name_or_latin_name_ignoring_case_and_accents(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    path = write(
        tmp_path / "o.csv",
        "Customer,Date,Amount,Currency\n"
        "OSTERGAARD & SON APS,2026-03-01,100,DKK\n"
        "østergaard & søn aps,2026-03-01,100,DKK\n"
        "makinen oy,2026-03-01,100,EUR\n"
        "株式会社山田製作所,2026-03-01,100,JPY\n"
        "Nordic Trading,2026-03-01,100,SEK\n",
    )
    plan = plan_order_import(path, database)
    assert [row.draft.account_id for row in plan.rows] == [
        accounts["ostergaard"],
        accounts["ostergaard"],
        accounts["makinen"],
        accounts["yamada"],
    ]
    (reason,) = reasons(plan)[6]
    assert reason.startswith("Several accounts are called “Nordic Trading”")


def test_accounts_match_by_uid_first_and_an_unknown_uid_is_a_problem(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    uid = AccountService(database).get(accounts["nordic_2"]).uid
    path = write(
        tmp_path / "o.csv",
        "Account UID,Account,Date,Amount,Currency\n"
        f"{uid},Nordic Trading,2026-03-01,100,NOK\n"
        ",Mäkinen Oy,2026-03-01,100,EUR\n"
        "0000-not-a-uid,Mäkinen Oy,2026-03-01,100,EUR\n",
    )
    plan = plan_order_import(path, database)
    assert [row.draft.account_id for row in plan.rows] == [
        accounts["nordic_2"],
        accounts["makinen"],
    ]
    assert reasons(plan) == {4: ["No account has the uid 0000-not-a-uid."]}


def test_a_deleted_account_is_not_matched(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    AccountService(database).delete(accounts["makinen"])
    path = write(tmp_path / "o.csv", "Account,Date,Amount,Currency\nMäkinen Oy,2026-03-01,1,EUR\n")
    assert reasons(plan_order_import(path, database)) == {2: ["No account is called “Mäkinen Oy”."]}


# --- values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("1.234,50", "EUR", 123450),
        ("1,234.50", "EUR", 123450),
        ("1234.5", "EUR", 123450),
        ("1234,5", "EUR", 123450),
        ("1 234,50", "EUR", 123450),
        ("1\u00a0234,50", "EUR", 123450),
        ("1'234.50", "CHF", 123450),
        ("12.345.678", "DKK", 1_234_567_800),
        ("1.234", "EUR", 123400),  # one mark, three digits after it: thousands
        ("1,500,000", "JPY", 1_500_000),
        ("250", "KWD", 250_000),
    ],
)
def test_amounts_in_either_notation(
    tmp_path: Path,
    database: Database,
    accounts: dict[str, int],
    amount: str,
    currency: str,
    minor: int,
) -> None:
    path = write(
        tmp_path / "o.csv",
        f'Account;Date;Amount;Currency\nMäkinen Oy;2026-03-01;"{amount}";{currency}\n',
    )
    plan = plan_order_import(path, database)
    assert plan.problems == []
    assert plan.rows[0].draft.amount_minor == minor


def test_the_column_decides_the_decimal_mark_and_nothing_is_rounded(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    # "99.50" shows "." is this column's decimal mark, so "1.234" is 1.234 euros:
    # more decimals than EUR has, a problem rather than a silent rounding.
    path = write(
        tmp_path / "o.csv",
        "Account,Date,Amount,Currency\n"
        "Mäkinen Oy,2026-03-01,99.50,EUR\n"
        "Mäkinen Oy,2026-03-01,1.234,EUR\n"
        "Mäkinen Oy,2026-03-01,12 apples,EUR\n"
        "Mäkinen Oy,2026-03-01,-5,EUR\n"
        "Mäkinen Oy,2026-03-01,5,kr.\n"
        "Mäkinen Oy,2026-03-01,5,sek\n",
    )
    plan = plan_order_import(path, database)
    assert [row.line for row in plan.rows] == [2, 7]
    assert plan.rows[1].draft.currency == "SEK"
    assert reasons(plan) == {
        3: ["“1.234” has more decimals than EUR has."],
        4: ["“12 apples” is not an amount."],
        5: ["An amount cannot be negative."],
        6: ["“KR.” is not an ISO 4217 currency code."],
    }


def test_dates_iso_dotted_and_slashed_day_first_by_default(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    path = write(
        tmp_path / "o.csv",
        "Account,Date,Amount,Currency\n"
        "Mäkinen Oy,2026-04-03,1,EUR\n"
        "Mäkinen Oy,03.04.2026,1,EUR\n"
        "Mäkinen Oy,03/04/2026,1,EUR\n"
        "Mäkinen Oy,2026-04-03 14:22:05,1,EUR\n"
        "Mäkinen Oy,31/02/2026,1,EUR\n"
        "Mäkinen Oy,next week,1,EUR\n"
        "Mäkinen Oy,,1,EUR\n",
    )
    plan = plan_order_import(path, database)
    assert {row.draft.ordered_on for row in plan.rows} == {dt.date(2026, 4, 3)}
    assert len(plan.rows) == 4
    found = reasons(plan)
    assert found[6] == ["“31/02/2026” is not a date (write it as YYYY-MM-DD or DD.MM.YYYY)."]
    assert found[7] == ["“next week” is not a date (write it as YYYY-MM-DD or DD.MM.YYYY)."]
    assert found[8] == ["“Date” is empty."]


def test_slash_dates_are_month_first_only_when_the_column_shows_it(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    us = write(
        tmp_path / "us.csv",
        "Account,Date,Amount,Currency\nMäkinen Oy,12/31/2026,1,EUR\nMäkinen Oy,03/04/2026,1,EUR\n",
    )
    assert [row.draft.ordered_on for row in plan_order_import(us, database).rows] == [
        dt.date(2026, 12, 31),
        dt.date(2026, 3, 4),
    ]
    mixed = write(
        tmp_path / "mixed.csv",
        "Account,Date,Amount,Currency\n"
        "Mäkinen Oy,12/31/2026,1,EUR\n"
        "Mäkinen Oy,31/12/2026,1,EUR\n"
        "Mäkinen Oy,03/04/2026,1,EUR\n",
    )
    plan = plan_order_import(mixed, database)
    assert len(plan.rows) == 2
    assert reasons(plan) == {
        4: ["“03/04/2026” could be 2026-04-03 or 2026-03-04; write the date as YYYY-MM-DD."]
    }


def test_without_a_status_column_orders_are_won_and_unknown_statuses_are_problems(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    no_status = write(
        tmp_path / "a.csv", "Account,Date,Amount,Currency\nMäkinen Oy,2026-03-01,1,EUR\n"
    )
    assert plan_order_import(no_status, database).rows[0].draft.status == OrderStatus.WON
    odd = write(
        tmp_path / "b.csv",
        "Account,Date,Amount,Currency,Status\n"
        "Mäkinen Oy,2026-03-01,1,EUR,maybe\n"
        "Mäkinen Oy,2026-03-01,1,EUR,\n",
    )
    assert reasons(plan_order_import(odd, database)) == {
        2: ["“maybe” is not a status (won, lost or open)."],
        3: ["“Status” is empty."],
    }


# --- columns ------------------------------------------------------------------------------


def test_an_explicit_mapping_names_the_columns(
    tmp_path: Path, database: Database, accounts: dict[str, int]
) -> None:
    path = write(
        tmp_path / "o.csv",
        "Firmenname;Belegdatum;Netto;Cur;Artikel\n"
        "Müller Präzision GmbH;01.02.2026;2.500,00;EUR;Pumpe\n",
    )
    mapping = {"account": "firmenname", "date": "Belegdatum", "amount": "Netto", "currency": "Cur"}
    plan = plan_order_import(path, database, mapping)
    (row,) = plan.rows
    assert (row.draft.account_id, row.draft.amount_minor, row.draft.product) == (
        accounts["mueller"],
        250000,
        "Pumpe",
    )
    with pytest.raises(CsvFileError, match="“Datum”, which the file does not have"):
        plan_order_import(path, database, {**mapping, "date": "Datum"})
    with pytest.raises(ValueError, match="unknown fields"):
        plan_order_import(path, database, {"colour": "Cur"})


def test_a_missing_or_doubled_column_is_an_error_on_the_header_line(
    tmp_path: Path, database: Database
) -> None:
    missing = write(tmp_path / "a.csv", "\nAccount,Date,Currency\nX,2026-01-01,EUR\n")
    with pytest.raises(CsvFileError) as caught:
        plan_order_import(missing, database)
    assert caught.value.line == 2
    assert "“amount”" in caught.value.reason and "“beløb”" in caught.value.reason
    doubled = write(tmp_path / "b.csv", "Account,Date,Dato,Amount,Currency\n")
    with pytest.raises(CsvFileError, match="“Date” and “Dato”"):
        plan_order_import(doubled, database)


# --- applying ---------------------------------------------------------------------------


@pytest.fixture
def half_good(tmp_path: Path, accounts: dict[str, int]) -> Path:
    return write(
        tmp_path / "o.csv",
        "Account,Date,Amount,Currency\n"
        "Mäkinen Oy,2026-03-01,100,EUR\n"
        "Nobody Ltd,2026-03-01,100,EUR\n"
        "Müller Präzision GmbH,2026-03-02,200,EUR\n",
    )


def test_nothing_is_imported_while_a_problem_exists(half_good: Path, database: Database) -> None:
    plan = plan_order_import(half_good, database)
    assert len(plan.rows) == 2 and plan.problem_lines == 1
    with pytest.raises(ImportRefused) as caught:
        apply_order_import(plan, DealService(database))
    assert [problem.line for problem in caught.value.problems] == [3]
    assert str(caught.value) == "1 line has a problem; nothing was imported."
    assert count_rows(database, "orders") == 0


def test_skip_problems_imports_the_good_rows(half_good: Path, database: Database) -> None:
    plan = plan_order_import(half_good, database)
    ids = apply_order_import(plan, DealService(database), skip_problems=True)
    assert len(ids) == 2
    assert count_rows(database, "orders") == 2


def test_an_import_failing_midway_leaves_nothing_behind(
    half_good: Path, database: Database
) -> None:
    plan = plan_order_import(half_good, database)
    plan.rows[1].draft.account_id = 999_999  # gone meanwhile: the foreign key refuses it
    with pytest.raises(IntegrityError):
        apply_order_import(plan, DealService(database), skip_problems=True)
    assert count_rows(database, "orders") == 0
