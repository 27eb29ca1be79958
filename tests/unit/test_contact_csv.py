"""Contacts from the CSV files Google Contacts and Outlook (in several languages) export,
and from any other CSV: which program wrote it, what each column holds, and every row
either read field by field or reported with its file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relationsapp.core.choices import EmailKind, PhoneKind
from relationsapp.core.records import NO_YEAR, EmailEntry, OtherField, PhoneEntry, PostalAddress
from relationsapp.interop import contact_csv
from relationsapp.interop.contact_csv import detect_contact_layout, read_contact_csv
from relationsapp.interop.contact_csv_layouts import TARGETS, guess_mapping, target_label
from relationsapp.interop.contact_csv_values import country_code, read_birthday, split_tags
from relationsapp.interop.contact_records import ImportedContact, ParsedContacts
from relationsapp.interop.csv_reading import CsvFileError

DATA = Path(__file__).resolve().parents[1] / "data" / "contact_csv"


def by_name(parsed: ParsedContacts) -> dict[str, ImportedContact]:
    return {contact.draft.family_name: contact for contact in parsed.contacts}


def others(contact: ImportedContact) -> list[tuple[str, str]]:
    return [(field.name, field.value) for field in contact.draft.other_fields]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- Google -----------------------------------------------------------------------------


def test_google_old_layout_reads_multi_values_kinds_primary_marks_and_groups() -> None:
    path = DATA / "google_old.csv"
    layout = detect_contact_layout(path)
    assert (layout.kind, layout.encoding, layout.delimiter) == ("google", "utf-8", ",")

    parsed = read_contact_csv(path)
    assert parsed.skipped == []
    soren, taro = by_name(parsed)["Ærø"], by_name(parsed)["山田"]
    assert (soren.source, soren.line) == (str(path), 2)
    draft = soren.draft
    assert (draft.given_name, draft.family_name) == ("Søren", "Ærø")
    assert (soren.account_name, draft.job_title) == ("Ærø Shipping ApS", "Indkøbschef")
    # "* Work" marks the primary group: both its addresses first, then the home one.
    assert draft.emails == [
        EmailEntry("soren@aero.dk", EmailKind.WORK),
        EmailEntry("s.aero@aero.dk", EmailKind.WORK),
        EmailEntry("soren@hjemme.dk", EmailKind.HOME),
    ]
    assert draft.phones == [
        PhoneEntry("+45 20 12 34 56", PhoneKind.MOBILE),
        PhoneEntry("+45 33 12 34 99", PhoneKind.FAX),
    ]
    assert draft.address == PostalAddress("Strandvejen 1", "2900", "Hellerup", "")
    assert draft.country == "DK"
    assert draft.birthday == dt.date(1975, 3, 14)
    assert draft.tags == ["Kunder", "starred"]  # "* myContacts" is every contact's group
    assert draft.notes == "Likes sailing.\nCall before noon."
    assert others(soren) == [
        ("X-CSV-Website 1 - Type", "Work"),
        ("X-CSV-Website 1 - Value", "https://aero.dk"),
    ]
    assert soren.warnings == []

    assert taro.line == 6  # the notes and address of Søren span four physical lines
    assert (taro.draft.given_name, taro.draft.family_name) == ("太郎", "山田")
    assert taro.account_name == "株式会社山田製作所"
    assert taro.draft.birthday == dt.date(NO_YEAR, 4, 12)
    assert taro.draft.emails == [EmailEntry("taro@yamada.co.jp", EmailKind.OTHER)]
    assert taro.draft.tags == []
    # Only the formatted address: it stands in for the street.
    assert taro.draft.address.street == "東京都千代田区1-1"
    assert taro.draft.country == "JP"
    assert others(taro) == [("X-CSV-Nickname", "Taro-san")]


def test_google_new_layout_reads_labels_and_organization_columns() -> None:
    path = DATA / "google_new.csv"
    assert detect_contact_layout(path).kind == "google"
    parsed = read_contact_csv(path)
    assert parsed.skipped == []
    hans, aino = by_name(parsed)["Müller"], by_name(parsed)["Mäkinen"]
    assert hans.draft.given_name == "Hans"
    assert (hans.account_name, hans.draft.job_title) == ("Müller Präzision GmbH", "Einkauf")
    assert hans.draft.emails == [
        EmailEntry("hans.mueller@mueller.de", EmailKind.WORK),  # "* Work": primary
        EmailEntry("hans@mueller-privat.de", EmailKind.HOME),
    ]
    assert hans.draft.phones == [
        PhoneEntry("+49 170 1234567", PhoneKind.MOBILE),
        PhoneEntry("+49 89 123456", PhoneKind.WORK),
    ]
    assert hans.draft.address == PostalAddress("Hauptstraße 5", "80331", "München", "Bayern")
    assert hans.draft.country == "DE"
    assert hans.draft.birthday == dt.date(1980, 1, 2)
    assert hans.draft.tags == ["Kunden", "starred"]
    assert others(hans) == [("X-CSV-Middle Name", "Peter")]

    assert aino.draft.birthday == dt.date(NO_YEAR, 12, 24)
    assert aino.draft.country == "FI"  # "Suomi"
    assert aino.draft.emails == [EmailEntry("aino@makinen.fi", EmailKind.WORK)]
    assert aino.account_name == ""


# --- Outlook ----------------------------------------------------------------------------


def test_outlook_english_export_ignores_empty_columns_and_outlook_defaults() -> None:
    path = DATA / "outlook_en.csv"
    layout = detect_contact_layout(path)
    assert (layout.kind, layout.language) == ("outlook", "en")
    parsed = read_contact_csv(path)
    assert parsed.skipped == []
    soren, jane = by_name(parsed)["Ærø"], by_name(parsed)["Doe"]
    draft = soren.draft
    assert (draft.given_name, soren.account_name, draft.job_title) == (
        "Søren",
        "Ærø Shipping ApS",
        "Purchasing Manager",
    )
    assert draft.emails == [
        EmailEntry("soren@aero.dk", EmailKind.WORK),
        EmailEntry("soren@hjemme.dk", EmailKind.WORK),
    ]
    # The fax column comes first in Outlook's file; faxes go last.
    assert draft.phones == [
        PhoneEntry("+45 33 12 34 56", PhoneKind.WORK),
        PhoneEntry("+45 20 12 34 56", PhoneKind.MOBILE),
        PhoneEntry("+45 33 12 34 99", PhoneKind.FAX),
    ]
    assert draft.address == PostalAddress("Strandvejen 1\n3. sal", "2900", "Hellerup", "")
    assert draft.country == "DK"
    assert draft.birthday == dt.date(1980, 1, 2)  # 1/2/1980: month first in English Outlook
    assert draft.tags == ["Customers", "VIP"]
    assert draft.notes == "Met at the Hannover fair.\r\nPrefers e-mail."
    # "Normal", "False", "Unspecified", "0/0/00", display names and SMTP are not kept.
    assert others(soren) == [("X-CSV-Title", "Mr."), ("X-CSV-Web Page", "https://aero.dk")]

    assert jane.draft.birthday == dt.date(1979, 12, 31)
    assert jane.draft.country == "US"  # "United States of America"
    assert jane.draft.address.region == "NY"
    assert jane.draft.phones == [PhoneEntry("+1 212 555 0100", PhoneKind.HOME)]
    assert others(jane) == []


def test_outlook_german_export_in_windows_1252_with_semicolons() -> None:
    path = DATA / "outlook_de_cp1252.csv"
    layout = detect_contact_layout(path)
    assert (layout.kind, layout.language, layout.encoding, layout.delimiter) == (
        "outlook",
        "de",
        "cp1252",
        ";",
    )
    parsed = read_contact_csv(path)
    assert parsed.encoding == "cp1252"
    assert parsed.skipped == []
    hans, juergen = by_name(parsed)["Müller"], by_name(parsed)["Weiß"]
    assert (hans.draft.given_name, hans.account_name, hans.draft.job_title) == (
        "Hans",
        "Müller Präzision GmbH",
        "Einkaufsleiter",
    )
    assert hans.draft.emails == [EmailEntry("hans.mueller@mueller.de", EmailKind.WORK)]
    assert hans.draft.phones == [
        PhoneEntry("+49 (89) 123456", PhoneKind.WORK),
        PhoneEntry("+49 170 1234567", PhoneKind.MOBILE),
    ]
    assert hans.draft.address == PostalAddress("Hauptstraße 5", "80331", "München", "Bayern")
    assert hans.draft.country == "DE"
    assert hans.draft.birthday == dt.date(1980, 1, 2)  # 2.1.1980
    assert hans.draft.tags == ["Kunden", "Messe München"]
    assert hans.draft.notes == "Größere Bestellung im Frühjahr; Grüße an Frau Müller."
    assert others(hans) == [("X-CSV-Anrede", "Herr")]

    assert (juergen.draft.given_name, juergen.account_name) == ("Jürgen", "Weiß & Söhne KG")
    assert juergen.draft.country == "AT"  # "Österreich"
    assert juergen.draft.birthday is None  # "0.0.00"
    assert juergen.draft.phones == [PhoneEntry("+43 1 2345678", PhoneKind.HOME)]


def test_outlook_danish_export_in_utf16() -> None:
    path = DATA / "outlook_da_utf16.csv"
    layout = detect_contact_layout(path)
    assert (layout.kind, layout.language, layout.encoding) == ("outlook", "da", "utf-16-le")
    parsed = read_contact_csv(path)
    assert parsed.skipped == []
    soren, yamada = parsed.contacts
    assert (soren.draft.given_name, soren.draft.family_name) == ("Søren", "Ærø")
    assert (soren.account_name, soren.draft.job_title) == ("Ærø Shipping ApS", "Indkøbschef")
    assert soren.draft.phones == [
        PhoneEntry("+45 33 12 34 56", PhoneKind.WORK),
        PhoneEntry("+45 20 12 34 56", PhoneKind.MOBILE),
    ]
    assert soren.draft.emails == [EmailEntry("soren@aero.dk", EmailKind.WORK)]
    assert soren.draft.birthday == dt.date(1975, 3, 14)  # 14-03-1975
    assert soren.draft.tags == ["Kunder", "Sejlads"]
    assert soren.draft.notes == "Ringer helst om formiddagen."
    assert others(soren) == []  # "Ikke angivet", "Falsk", "0-0-00" say nothing
    assert (yamada.draft.given_name, yamada.draft.family_name) == ("山田", "太郎")
    assert yamada.draft.country == "JP"
    assert yamada.line == 3


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("Prénom,Nom,Adresse de messagerie,Téléphone (bureau),Tél. mobile,Société,Titre", "fr"),
        ("Fornavn,Efternavn,Mailadresse,Firmatelefon,Mobiltelefon,Firma,Stilling", "da"),
        ("Vorname,Nachname,E-Mail-Adresse,Telefon geschäftlich,Mobiltelefon,Firma,Position", "de"),
        # Case, spaces and accents do not matter.
        ("PRENOM,NOM,adresse de messagerie,telephone (bureau),tel. mobile,societe,titre", "fr"),
    ],
)
def test_localised_outlook_headers_are_recognised(
    tmp_path: Path, header: str, language: str
) -> None:
    path = write(tmp_path / "c.csv", header + "\nAnne,Ærø,a@b.dk,+45 1,+45 2,Firma A/S,Chef\n")
    layout = detect_contact_layout(path)
    assert (layout.kind, layout.language) == ("outlook", language)
    (contact,) = read_contact_csv(path).contacts
    draft = contact.draft
    assert (draft.given_name, draft.family_name, contact.account_name, draft.job_title) == (
        "Anne",
        "Ærø",
        "Firma A/S",
        "Chef",
    )
    assert draft.emails == [EmailEntry("a@b.dk", EmailKind.WORK)]
    assert draft.phones == [PhoneEntry("+45 1", PhoneKind.WORK), PhoneEntry("+45 2", "mobile")]


# --- generic files ------------------------------------------------------------------------


def test_generic_file_with_quoted_newlines_reports_ragged_rows_with_their_lines() -> None:
    path = DATA / "generic_ragged.csv"
    layout = detect_contact_layout(path)
    assert layout.kind == "generic"
    assert [layout.mapping.get(i) for i in range(len(layout.headers))] == [
        "full_name",
        "email",
        "phone_mobile",
        "organisation",
        "notes",
        "country",
        None,  # "Shoe size": kept as an other field
    ]
    parsed = read_contact_csv(path)
    assert [(c.line, c.draft.given_name, c.draft.family_name) for c in parsed.contacts] == [
        (2, "Søren", "Ærø"),
        (6, "Hans", "Müller"),
        (9, "山田", "太郎"),
    ]
    assert [(s.source, s.line, s.reason) for s in parsed.skipped] == [
        (str(path), 5, "This row has 3 fields; the header has 7."),
        (str(path), 8, "This row has 9 fields; the header has 7."),
    ]
    soren, hans, yamada = parsed.contacts
    assert soren.draft.notes == "First line\r\nsecond line\r\nthird line"
    assert soren.draft.phones == [PhoneEntry("+45 20 12 34 56", PhoneKind.MOBILE)]
    assert others(soren) == [("X-CSV-Shoe size", "44")]
    assert hans.draft.notes == 'A note with "quotes", a comma\nand a newline'
    assert hans.draft.country == "DE"
    assert yamada.draft.country == "JP"  # "日本"


def test_a_utf8_file_with_byte_order_mark_and_finnish_headers() -> None:
    path = DATA / "finnish_bom.csv"
    layout = detect_contact_layout(path)
    assert (layout.kind, layout.encoding, layout.delimiter) == ("generic", "utf-8-sig", ";")
    aino, matti = read_contact_csv(path).contacts
    assert (aino.draft.given_name, aino.draft.family_name, aino.account_name) == (
        "Aino",
        "Mäkinen",
        "Mäkinen Oy",
    )
    assert aino.draft.emails == [EmailEntry("aino@makinen.fi", EmailKind.WORK)]
    assert aino.draft.phones == [PhoneEntry("+358 40 123 4567", PhoneKind.WORK)]
    assert aino.draft.country == "FI"
    assert aino.draft.birthday == dt.date(1985, 12, 24)
    assert aino.draft.notes == "Tapasimme messuilla"
    assert matti.draft.country == "SE"  # "Ruotsi"


def test_a_changed_mapping_is_used_and_unknown_targets_are_refused() -> None:
    path = DATA / "generic_ragged.csv"
    layout = detect_contact_layout(path)
    mapping = dict(layout.mapping)
    mapping[6] = "notes"  # the person says "Shoe size" goes to the notes
    mapping[2] = "phone_home"
    parsed = read_contact_csv(path, layout.with_mapping(mapping))
    soren = parsed.contacts[0]
    assert soren.draft.notes == "First line\r\nsecond line\r\nthird line\n44"
    assert soren.draft.phones == [PhoneEntry("+45 20 12 34 56", PhoneKind.HOME)]
    assert others(soren) == []
    with pytest.raises(ValueError, match="unknown targets"):
        layout.with_mapping({0: "shoe_size"})


def test_a_second_value_for_a_one_value_field_is_kept_not_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "First name,Company,Firma\nAnne,Alpha A/S,Beta GmbH\n")
    layout = detect_contact_layout(path)
    mapping = {**layout.mapping, 2: "organisation"}
    (anne,) = read_contact_csv(path, layout.with_mapping(mapping)).contacts
    assert anne.account_name == "Alpha A/S"
    assert others(anne) == [("X-CSV-Firma", "Beta GmbH")]


def test_a_file_whose_columns_changed_since_detection_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "Name,Email\nAnne Ærø,a@b.dk\n")
    layout = detect_contact_layout(path)
    write(path, "Email,Name\na@b.dk,Anne Ærø\n")
    parsed = read_contact_csv(path, layout)
    assert parsed.contacts == []
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (1, "The columns of the file have changed since they were matched; open it again.")
    ]


def test_generic_headers_in_danish_german_and_finnish_are_guessed() -> None:
    names = ["Fornavn", "Nachname", "Sähköposti", "E-mail 2", "Telefon", "Handy", "Maa", "Noter"]
    assert guess_mapping(names) == {
        0: "given_name",
        1: "family_name",
        2: "email",
        3: "email",
        4: "phone",
        5: "phone_mobile",
        6: "country",
        7: "notes",
    }


def test_every_target_has_a_label() -> None:
    assert all(target_label(target) for target in TARGETS)


def test_a_row_without_name_company_email_or_phone_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "Name,Email,Notes\nAnne,,\n,,only a note\n")
    parsed = read_contact_csv(path)
    assert [c.draft.given_name for c in parsed.contacts] == ["Anne"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (3, "This row has no name, company, e-mail address or phone number.")
    ]


def test_unknown_country_and_unreadable_birthday_are_kept_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "Name,Country,Birthday\nAnne,Atlantis,31.02.1980\n")
    (anne,) = read_contact_csv(path).contacts
    assert (anne.draft.country, anne.draft.birthday) == ("", None)
    assert anne.draft.other_fields == [
        OtherField("X-CSV-Country", "Atlantis"),
        OtherField("X-CSV-Birthday", "31.02.1980"),
    ]
    assert anne.warnings == [
        "The country “Atlantis” is not known; it is kept with the other fields.",
        "The birthday “31.02.1980” is not a date.",
    ]


def test_an_unclosed_quote_skips_that_record_and_keeps_the_others(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", 'Name,Email\nAnne,a@b.dk\n"Bo"x,b@c.dk\nCarl,c@d.dk\n')
    parsed = read_contact_csv(path)
    assert [c.draft.given_name for c in parsed.contacts] == ["Anne", "Carl"]
    assert [s.line for s in parsed.skipped] == [3]
    assert "quote" in parsed.skipped[0].reason


def test_too_many_records_are_refused_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact_csv, "MAX_RECORDS", 2)
    path = write(tmp_path / "c.csv", "Name\nA\nB\nC\n")
    parsed = read_contact_csv(path)
    assert parsed.contacts == []
    assert [(s.source, s.line, s.reason) for s in parsed.skipped] == [
        (str(path), 4, "The file has more than 2 rows; split it into smaller files.")
    ]


def test_a_file_larger_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact_csv, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path / "c.csv", "Name\n" + "Anne\n" * 300_000)
    with pytest.raises(CsvFileError, match="larger than 1 MB"):
        detect_contact_layout(path)
    (refusal,) = read_contact_csv(path).skipped
    assert (refusal.line, refusal.reason) == (
        1,
        "The file is larger than 1 MB; split it into smaller files.",
    )


# --- cell values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "month_first", "expected"),
    [
        ("1980-04-12", False, dt.date(1980, 4, 12)),
        ("--04-12", False, dt.date(NO_YEAR, 4, 12)),
        ("--0412", False, dt.date(NO_YEAR, 4, 12)),
        ("1/2/1980", True, dt.date(1980, 1, 2)),
        ("1/2/1980", False, dt.date(1980, 2, 1)),
        ("12/31/79", True, dt.date(1979, 12, 31)),
        ("0/0/00", True, None),
        ("0.0.00", False, None),
        ("", False, None),
        ("12.04.1980", False, dt.date(1980, 4, 12)),
        ("12-04-1980", False, dt.date(1980, 4, 12)),
    ],
)
def test_birthday_formats(text: str, month_first: bool, expected: dt.date | None) -> None:
    assert read_birthday(text, month_first) == expected


def test_an_ambiguous_slash_birthday_in_a_mixed_column_is_a_reason_not_a_guess() -> None:
    assert read_birthday("3/4/1980", None) == (
        "The birthday “3/4/1980” could be 1980-03-04 or 1980-04-03."
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Denmark", "DK"),
        ("Danmark", "DK"),
        ("Dänemark", "DK"),
        ("Tanska", "DK"),
        ("dk", "DK"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Suomi", "FI"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("日本", "JP"),
        ("Atlantis", None),
        ("XX", None),
    ],
)
def test_country_names_in_several_languages(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_tags_from_google_outlook_and_generic_cells() -> None:
    assert split_tags("* myContacts ::: Friends ::: * starred") == ["Friends", "starred"]
    assert split_tags("Kunden;Messe München") == ["Kunden", "Messe München"]
    assert split_tags("a, b, a") == ["a", "b"]


# --- anything at all -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(alphabet=st.sampled_from('ab,;\t"\r\n*:=+ -@ø山'), max_size=300).map(
            lambda text: text.encode("utf-8")
        ),
        st.lists(
            st.lists(st.text(max_size=12), min_size=1, max_size=6), min_size=1, max_size=6
        ).map(
            lambda rows: (
                "Name,E-mail 1 - Type,E-mail 1 - Value,Birthday,Country,Group Membership\n"
                + "\n".join(",".join(row) for row in rows)
            ).encode("utf-8", "surrogatepass")
        ),
    )
)
def test_arbitrary_bytes_never_raise_and_every_problem_is_reported(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "contacts.csv"
    path.write_bytes(data)
    parsed = read_contact_csv(path)  # a file it cannot read at all is one skipped record
    try:
        detect_contact_layout(path)
    except CsvFileError as refusal:
        assert refusal.reason
        assert str(refusal).startswith(str(path))
        assert parsed.contacts == []
        assert [(s.line, s.reason) for s in parsed.skipped] == [(refusal.line or 1, refusal.reason)]
    for record in parsed.skipped:
        assert record.source == str(path)
        assert record.line >= 1
        assert record.reason
    for contact in parsed.contacts:
        assert contact.line >= 1


def test_a_file_that_is_not_text_is_one_skipped_record(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"PK\x03\x04 a spreadsheet")
    parsed = read_contact_csv(path)
    assert parsed.contacts == []
    assert [(s.source, s.line, s.reason) for s in parsed.skipped] == [
        (
            str(path),
            1,
            "This is not a CSV text file; if it is a spreadsheet, save it as CSV first.",
        )
    ]
