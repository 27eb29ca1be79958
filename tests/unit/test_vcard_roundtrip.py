"""Exporting contacts to vCard and importing the file again gives the same contacts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind
from relationsapp.core.records import (
    NO_YEAR,
    ContactDetails,
    ContactDraft,
    EmailEntry,
    OtherField,
    PhoneEntry,
    PostalAddress,
)
from relationsapp.interop.vcard_mapping import read_vcard_bytes, read_vcard_file
from relationsapp.interop.vcard_writer import fold, write_vcard, write_vcards

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "vcards"
UID = "01890a5d-ac96-774b-bcce-b302099a8057"


def png(size: tuple[int, int]) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(output, "PNG")
    return output.getvalue()


def full_draft() -> ContactDraft:
    return ContactDraft(
        given_name="花子",
        family_name="佐藤",
        given_name_latin="Hanako",
        family_name_latin="Sato",
        name_order=NameOrder.FAMILY_FIRST,
        honorific="Dr.",
        formality=Formality.INFORMAL,
        job_title="Head of Purchasing; Asia, Pacific",
        emails=[EmailEntry("hanako@example.jp"), EmailEntry("h@example.org", EmailKind.HOME)],
        phones=[PhoneEntry("+81 3 1234 5678"), PhoneEntry("+81 90 1234 5678", PhoneKind.MOBILE)],
        address=PostalAddress("1-2-3 Marunouchi\nBuilding 5", "100-0005", "千代田区", "東京都"),
        country="JP",
        time_zone="Asia/Tokyo",
        work_start=8 * 60 + 30,
        work_end=18 * 60,
        weekend_days=(5, 6),
        preferred_language="ja",
        preferred_channel=Channel.VIDEO,
        response_hours=48,
        touch_weeks=6,
        birthday=dt.date(NO_YEAR, 4, 12),
        tags=["key account", "trade fair"],
        notes="Prefers mornings.\nSpeaks English; slow pace, please \\ thanks",
        notes_sensitive=True,
        away=[(dt.date(2026, 4, 29), dt.date(2026, 5, 6))],
        other_fields=[
            OtherField("X-SKYPE", "hanako.sato"),
            OtherField("X-ABLABEL", "_$!<Assistant>!$_", (), "item1"),
            OtherField("IMPP", "xmpp:hanako@example.jp", (("X-SERVICE-TYPE", "Jabber"),)),
            OtherField("URL", "http\\://example.jp", (("TYPE", "WORK,PREF"), ("X-N", 'a"b^c'))),
        ],
        photo=png((40, 30)),
        photo_type="image/png",
        external_uid="urn:uuid:4f0c-crm-1",
    )


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_every_field_survives_export_and_import(version: str) -> None:
    draft = full_draft()
    text = write_vcard(draft, uid=UID, account_name="トヨタ; Tokyo", version=version)
    parsed = read_vcard_bytes(text.encode("utf-8"), "export.vcf")
    assert parsed.skipped == []
    (contact,) = parsed.contacts
    assert contact.warnings == []
    assert contact.account_name == "トヨタ; Tokyo"
    assert contact.draft == draft


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_our_uid_goes_out_when_the_card_came_from_nowhere_else(version: str) -> None:
    draft = ContactDraft(given_name="Jørgen", family_name="Østergård", given_name_latin="Jorgen")
    text = write_vcard(draft, uid=UID, version=version)
    (contact,) = read_vcard_bytes(text.encode(), "x").contacts
    # A re-import of this file finds the contact by the UID written for it.
    assert contact.draft == dataclasses.replace(draft, external_uid=f"urn:uuid:{UID}")
    # A Latin name is not written as a phonetic spelling (Apple would show it as one).
    assert "X-PHONETIC" not in text


def test_file_shape_crlf_folding_and_4_0_values() -> None:
    draft = full_draft()
    text = write_vcard(draft, uid=UID, account_name="ACME", version="4.0")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "TEL;VALUE=uri;TYPE=cell:tel:+81 90 1234 5678" in unfolded
    assert "BDAY:--0412" in unfolded
    assert "PHOTO:data:image/png;base64," in unfolded
    assert "X-PHONETIC-FIRST-NAME:Hanako" in unfolded
    assert (
        "ADR;TYPE=work:;;1-2-3 Marunouchi\\nBuilding 5;千代田区;東京都;100-0005;Japan" in unfolded
    )
    assert "item1.X-ABLABEL:_$!<Assistant>!$_" in unfolded
    assert 'URL;TYPE="WORK,PREF";X-N=a^\'b^^c:http\\://example.jp' in unfolded
    three = write_vcard(draft, uid=UID, version="3.0").replace("\r\n ", "")
    assert "PHOTO;ENCODING=b;TYPE=PNG:" in three
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12" in three


def test_folding_never_splits_a_character() -> None:
    line = "NOTE:" + "æøå€😀" * 40
    folded = fold(line)
    for piece in folded.split("\r\n"):
        assert len(piece.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_write_vcards_takes_stored_contacts() -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    details = [
        ContactDetails(n, f"uid-{n}", ContactDraft(given_name=name), name, name, "Firma", now, now)
        for n, name in enumerate(["Ann", "Bo"], start=1)
    ]
    parsed = read_vcard_bytes(write_vcards(details).encode(), "all.vcf")
    assert [
        (c.draft.given_name, c.account_name, c.draft.external_uid) for c in parsed.contacts
    ] == [
        ("Ann", "Firma", "urn:uuid:uid-1"),
        ("Bo", "Firma", "urn:uuid:uid-2"),
    ]


def test_a_large_photo_is_made_small() -> None:
    draft = ContactDraft(given_name="Big", photo=png((1600, 900)), photo_type="image/png")
    (contact,) = read_vcard_bytes(write_vcard(draft).encode(), "x").contacts
    assert contact.draft.photo is not None
    with Image.open(io.BytesIO(contact.draft.photo)) as image:
        assert image.size == (512, 288)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_corpus_cards_survive_our_export(version: str) -> None:
    for path in sorted(CORPUS.rglob("*.vcf")):
        for contact in read_vcard_file(path).contacts:
            text = write_vcard(
                contact.draft, uid=UID, account_name=contact.account_name, version=version
            )
            (again,) = read_vcard_bytes(text.encode(), "again.vcf").contacts
            expected = contact.draft.external_uid or f"urn:uuid:{UID}"
            assert again.draft == dataclasses.replace(contact.draft, external_uid=expected), path
            assert again.account_name == contact.account_name, path


NAME = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    max_size=12,
).map(str.strip)
TEXT = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Zl", "Zp"),
        exclude_characters="\r\x85\x0b\x0c\x1c\x1d\x1e",
    ),
    max_size=40,
).map(str.strip)
TAG = (
    st.text(
        st.characters(
            codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters=","
        ),
        min_size=1,
        max_size=10,
    )
    .map(str.strip)
    .filter(bool)
)
TOKEN = st.from_regex(r"X-[A-Z0-9]{1,8}(-[A-Z0-9]{1,5})?", fullmatch=True).filter(
    lambda name: not name.startswith(("X-RELATIONSAPP", "X-PHONETIC"))
)
OTHER = st.builds(
    OtherField,
    name=TOKEN,
    value=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    ).filter(lambda v: v.strip() != ""),
    params=st.lists(
        st.tuples(
            TOKEN,
            st.text(
                st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                max_size=10,
            ),
        ),
        max_size=2,
    ).map(tuple),
    group=st.sampled_from(["", "item1", "item2"]),
)
DRAFTS = st.builds(
    ContactDraft,
    given_name=NAME,
    family_name=NAME,
    given_name_latin=NAME.filter(lambda s: s.isascii()),
    family_name_latin=NAME.filter(lambda s: s.isascii()),
    name_order=st.sampled_from(NameOrder),
    honorific=NAME,
    formality=st.sampled_from(Formality),
    job_title=TEXT.map(lambda s: s.replace("\n", " ")),
    emails=st.lists(st.builds(EmailEntry, st.emails(), st.sampled_from(EmailKind)), max_size=3),
    phones=st.lists(
        st.builds(
            PhoneEntry,
            st.from_regex(r"\+?[0-9][0-9 ()-]{3,14}[0-9]", fullmatch=True),
            st.sampled_from(PhoneKind),
        ),
        max_size=3,
    ),
    address=st.builds(PostalAddress, TEXT, NAME, NAME, NAME),
    country=st.sampled_from(["", "DK", "DE", "JP", "KR", "US", "GB", "BR", "AE", "IN", "FI"]),
    time_zone=st.sampled_from(["", "Europe/Copenhagen", "Asia/Seoul", "America/Sao_Paulo"]),
    work_start=st.integers(0, 23 * 60),
    work_end=st.integers(60, 24 * 60 - 1),
    weekend_days=st.none() | st.lists(st.integers(0, 6), max_size=3, unique=True).map(tuple),
    preferred_language=st.sampled_from(["", "da", "ja", "pt_BR", "zh_Hant"]),
    preferred_channel=st.sampled_from(Channel),
    response_hours=st.integers(1, 500),
    touch_weeks=st.integers(0, 52),
    birthday=st.none() | st.dates(dt.date(1000, 1, 1), dt.date(2100, 12, 31)),
    tags=st.lists(TAG, max_size=3, unique=True),
    notes=TEXT,
    notes_sensitive=st.booleans(),
    away=st.lists(st.tuples(st.dates(), st.dates()), max_size=2),
    other_fields=st.lists(OTHER, max_size=3),
    external_uid=st.text(
        st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=20
    ),
)


@settings(max_examples=150, deadline=None)
@given(DRAFTS, st.sampled_from(["4.0", "3.0"]), NAME)
def test_generated_contacts_round_trip(draft: ContactDraft, version: str, account: str) -> None:
    text = write_vcard(draft, uid=UID, account_name=account, version=version)
    parsed = read_vcard_bytes(text.encode("utf-8"), "x.vcf")
    assert parsed.skipped == []
    (contact,) = parsed.contacts
    assert contact.draft == draft
    assert contact.account_name == account
