"""Reading vCard syntax the way exporters really write it, and reporting what cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relationsapp.core.choices import EmailKind, PhoneKind
from relationsapp.interop import contact_records
from relationsapp.interop.vcard_mapping import read_vcard_bytes, read_vcard_file
from relationsapp.interop.vcard_parser import parse_vcard_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "vcards"


def card(*lines: str, end: str = "\r\n") -> bytes:
    return end.join(("BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", "")).encode()


def test_quoted_printable_soft_break_inside_a_utf8_sequence() -> None:
    parsed = read_vcard_file(FIXTURES / "qp-soft-break.vcf")
    assert parsed.skipped == []
    soren, jurgen = parsed.contacts
    assert (soren.draft.given_name, soren.draft.family_name) == ("Søren", "Jørgensen")
    assert soren.account_name == "Københavns Skærebod"
    assert soren.draft.notes == "Første linje\nAnden linje med € 100"
    assert soren.draft.phones[0].number == "+45 33 12 34 56"
    assert soren.warnings == []
    # CHARSET=ISO-8859-1 decodes single bytes.
    assert (jurgen.draft.given_name, jurgen.draft.family_name) == ("Jürgen", "Müller")
    assert jurgen.line == 12


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r", "\r\r\n"])
def test_every_line_ending_reads_the_same(end: str) -> None:
    data = card("FN:Åse Berg", "N:Berg;Åse;;;", "EMAIL;TYPE=HOME:ase@example.no", end=end)
    parsed = read_vcard_bytes(data, "x.vcf")
    assert parsed.skipped == []
    (contact,) = parsed.contacts
    assert (contact.draft.given_name, contact.draft.family_name) == ("Åse", "Berg")
    assert [(e.address, e.kind) for e in contact.draft.emails] == [
        ("ase@example.no", EmailKind.HOME)
    ]


def test_folds_inside_parameters_and_values() -> None:
    data = card(
        'TEL;TYPE="wo',
        ' rk,cell":+45 20',
        "\t 12 34 56",
        "N:Hansen;Ma",
        " ja;;;",
    )
    (contact,) = read_vcard_bytes(data, "x").contacts
    assert contact.draft.given_name == "Maja"
    assert [(p.number, p.kind) for p in contact.draft.phones] == [
        ("+45 20 12 34 56", PhoneKind.MOBILE)
    ]


def test_bare_21_types_quoted_values_and_caret_escapes() -> None:
    data = card(
        "N:Doe;Jane;;;",
        "TEL;WORK;FAX:+1 555 0100",
        "X-CUSTOM;X-NOTE=\"a:b;c,d\";X-CARET=line^none^^two^'q^':value",
    )
    (contact,) = read_vcard_bytes(data, "x").contacts
    assert [(p.number, p.kind) for p in contact.draft.phones] == [("+1 555 0100", PhoneKind.FAX)]
    (custom,) = contact.draft.other_fields
    assert custom.params == (("X-NOTE", "a:b;c,d"), ("X-CARET", 'line\none^two"q"'))
    assert custom.value == "value"


def test_structured_values_split_only_on_unescaped_separators() -> None:
    data = card(
        "N:O\\;Brien;Seán\\, Óg;;Dr.;",
        "ADR;TYPE=WORK:;;Main St 1\\nBack door;Dublin;;D02;Ireland",
        "CATEGORIES:client,trade fair\\, 2024",
        "NOTE:first\\nsecond\\, with comma\\; and semicolon\\\\",
    )
    (contact,) = read_vcard_bytes(data, "x").contacts
    draft = contact.draft
    assert (draft.family_name, draft.given_name, draft.honorific) == ("O;Brien", "Seán, Óg", "Dr.")
    assert draft.address.street == "Main St 1\nBack door"
    assert draft.country == "IE"
    assert draft.notes == "first\nsecond, with comma; and semicolon\\"
    assert draft.tags == ["client", "trade fair", "2024"]


def test_21_base64_photo_over_unindented_lines_ending_with_an_empty_line() -> None:
    png = (
        "iVBORw0KGgoAAAANSUhEUgAAAAsAAAALCAQAAAADpb+tAAAAQklEQVQI122PQQ4AMAjCKv//Mzs4M0zm",
        "RYKkamEwWQVoRJogk4PuRoOoMC/EK8nYb+l08WGvSxKlNHO5kxnp/WXrAzsSERN1N6q5AAAAAElFTkSu",
        "QmCC",
    )
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nPHOTO;PNG;BASE64:\r\n"
        + "\r\n".join(png)
        + "\r\n\r\nEMAIL;INTERNET:jane@example.com\r\nEND:VCARD\r\n"
    ).encode()
    parsed = read_vcard_bytes(data, "x")
    assert parsed.skipped == []
    (contact,) = parsed.contacts
    assert contact.draft.photo_type == "image/png"
    assert contact.draft.emails[0].address == "jane@example.com"


def test_non_utf8_file_falls_back_to_windows_1252() -> None:
    data = card("N:Müller;Jürgen;;;", "NOTE:Größe").decode().encode("cp1252")
    (contact,) = read_vcard_bytes(data, "x").contacts
    assert (contact.draft.given_name, contact.draft.family_name) == ("Jürgen", "Müller")
    assert contact.draft.notes == "Größe"


def test_a_broken_card_does_not_stop_the_rest() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:One;First\r\n"  # no END: the next BEGIN comes
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Two;Second\r\nthis line has no colon\r\n"
        b"END:VCARD\r\nstray text\r\nBEGIN:VCARD\r\nN:Three;Third\r\n"
    )
    parsed = read_vcard_bytes(data, "people.vcf")
    assert [c.draft.family_name for c in parsed.contacts] == ["Two"]
    assert [(s.source, s.line) for s in parsed.skipped] == [
        ("people.vcf", 1),  # the card without END
        ("people.vcf", 7),  # the line without ":" (its card is still imported)
        ("people.vcf", 9),  # text between cards
        ("people.vcf", 10),  # cut short at the end of the file
    ]
    assert "no END:VCARD" in parsed.skipped[0].reason
    assert "this line has no colon" in parsed.skipped[1].reason


def test_a_file_without_any_card_is_reported() -> None:
    parsed = read_vcard_bytes(b"Name,Email\r\nJane,jane@example.com\r\n", "contacts.csv")
    assert parsed.contacts == []
    assert [s.line for s in parsed.skipped] == [1]


def test_too_many_cards_stop_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("relationsapp.interop.vcard_parser.MAX_RECORDS", 2)
    data = card("N:A;a") + card("N:B;b") + card("N:C;c")
    parsed = read_vcard_bytes(data, "x")
    assert len(parsed.contacts) == 2
    (skipped,) = parsed.skipped
    assert skipped.line == 9
    assert "more than 2 cards" in skipped.reason


def test_too_large_a_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("relationsapp.interop.vcard_mapping.MAX_FILE_BYTES", 10)
    path = tmp_path / "big.vcf"
    path.write_bytes(card("N:A;a"))
    parsed = read_vcard_file(path)
    assert parsed.contacts == []
    assert "larger than" in parsed.skipped[0].reason
    assert contact_records.MAX_FILE_BYTES > 10  # the real limit is untouched


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    parsed = read_vcard_file(tmp_path / "nowhere.vcf")
    assert parsed.contacts == []
    assert parsed.skipped[0].source == str(tmp_path / "nowhere.vcf")


def test_photo_that_is_not_a_picture_is_left_out_with_a_warning() -> None:
    data = card("N:Doe;Jane", "PHOTO;ENCODING=b;TYPE=JPEG:SGVsbG8gd29ybGQ=")
    (contact,) = read_vcard_bytes(data, "x").contacts
    assert contact.draft.photo is None
    assert any("not a JPEG, PNG, GIF or WebP" in w for w in contact.warnings)


def test_lines_and_groups_are_numbered_from_the_file() -> None:
    data = card("N:Doe;Jane", "item1.X-ABLabel:Assistant", "item1.TEL:+1 555 0199")
    cards, skipped = parse_vcard_bytes(data, "x")
    assert skipped == []
    (parsed,) = cards
    assert [(p.name, p.group, p.line) for p in parsed.props] == [
        ("N", "", 3),
        ("X-ABLABEL", "item1", 4),
        ("TEL", "item1", 5),
    ]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    parsed = read_vcard_bytes(data, "fuzz.vcf")
    for skipped in parsed.skipped:
        assert skipped.source == "fuzz.vcf" and skipped.reason


VCARDISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "BEGIN:VCARD",
                "END:VCARD",
                "VERSION:2.1",
                "N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=",
                "=91;x",
                "PHOTO;ENCODING=b:iVBORw0KGgo=",
                "PHOTO:data:image/png;base64\\,AAAA",
                "BDAY:--1399",
                'TEL;TYPE="a:b',
                " folded",
                "ADR:;;;;;;;;;;",
                "X-RELATIONSAPP-WORK-HOURS:99:99-x",
                "X-RELATIONSAPP-AWAY:2024-02-30/x",
                "",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(VCARDISH, st.sampled_from(["\r\n", "\n", "\r"]))
def test_arbitrary_card_like_text_never_raises(lines: list[str], end: str) -> None:
    parsed = read_vcard_bytes(end.join(lines).encode("utf-8", "surrogatepass"), "fuzz.vcf")
    total = end.join(lines).upper().count("BEGIN:VCARD")
    assert len(parsed.contacts) <= total
