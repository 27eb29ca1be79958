"""vCards written by real programs (../shared/corpus/vcards) arrive intact.

Every expectation is something a user would see after importing: the name exactly as
written (non-ASCII too), the company, e-mails and phones with their kinds, the address,
notes, birthday, and the rest kept among the other fields instead of vanishing.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from relationsapp.core.choices import EmailKind, NameOrder, PhoneKind
from relationsapp.core.records import NO_YEAR, PHOTO_MAX_SIDE, ContactDraft, PostalAddress
from relationsapp.interop.contact_records import ImportedContact, ParsedContacts
from relationsapp.interop.vcard_mapping import read_vcard_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "vcards"
EZ = CORPUS / "ez-vcard"
KHARD = CORPUS / "khard"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")

ALL_FILES = sorted(CORPUS.rglob("*.vcf")) if CORPUS.is_dir() else []


def read(path: Path) -> ParsedContacts:
    return read_vcard_file(path)


def only(path: Path) -> ImportedContact:
    parsed = read(path)
    assert parsed.skipped == []
    assert len(parsed.contacts) == 1
    return parsed.contacts[0]


def emails(draft: ContactDraft) -> list[tuple[str, EmailKind]]:
    return [(e.address, e.kind) for e in draft.emails]


def phones(draft: ContactDraft) -> list[tuple[str, PhoneKind]]:
    return [(p.number, p.kind) for p in draft.phones]


def others(draft: ContactDraft) -> list[str]:
    """Other fields as ``group.NAME:value`` for easy reading."""
    return [(f"{f.group}." if f.group else "") + f"{f.name}:{f.value}" for f in draft.other_fields]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_is_read_with_every_card_accounted_for(path: Path) -> None:
    parsed = read(path)
    cards_in_file = path.read_bytes().upper().count(b"BEGIN:VCARD")
    # A card is either imported or reported, never lost silently.
    assert len(parsed.contacts) + len(parsed.skipped) >= cards_in_file
    for contact in parsed.contacts:
        assert contact.source == str(path)
        assert contact.line >= 1
        draft = contact.draft
        assert draft.given_name or draft.family_name or draft.emails or draft.phones


def test_the_truncated_khard_file_imports_nothing_and_says_where() -> None:
    parsed = read(KHARD / "unparsable.vcf")
    assert parsed.contacts == []
    assert len(parsed.skipped) == 1
    skipped = parsed.skipped[0]
    assert skipped.source == str(KHARD / "unparsable.vcf")
    assert skipped.line == 1
    assert "END:VCARD" in skipped.reason


def test_outlook_2003() -> None:
    contact = only(EZ / "outlook-2003.vcf")
    draft = contact.draft
    assert (draft.given_name, draft.family_name, draft.honorific) == ("John", "Doe", "Mr.")
    assert contact.account_name == "Company, The"
    assert draft.job_title == "The Job Title"
    assert draft.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert phones(draft) == [
        ("BusinessPhone", PhoneKind.WORK),
        ("HomePhone", PhoneKind.HOME),
        ("MobilePhone", PhoneKind.MOBILE),
        ("BusinessFaxPhone", PhoneKind.FAX),
    ]
    assert emails(draft) == [("jdoe@hotmail.com", EmailKind.WORK)]
    assert draft.address == PostalAddress("123 Main St\nTheOffice", "12345", "Austin", "TX")
    assert draft.country == "US"
    assert draft.birthday == dt.date(1980, 3, 21)
    kept = others(draft)
    assert "N:Doe;John;;Mr.;III" in kept  # the suffix "III" has no field: kept with N
    assert "ORG:Company, The;TheDepartment" in kept
    assert "ROLE:TheProfession" in kept
    assert "URL:http://web-page-address.com" in kept
    assert any(k.startswith("KEY:MIIDITCCAoqgAwIBAgIQT52W2WawmStUwpV8tBV9TTAN") for k in kept)


def test_outlook_2007_quoted_printable_note_and_photo() -> None:
    contact = only(EZ / "outlook-2007.vcf")
    draft = contact.draft
    assert (draft.given_name, draft.family_name) == ("Michael", "Angstadt")
    assert contact.account_name == "TheCompany"
    assert draft.job_title == "TheJobTitle"
    assert draft.notes.startswith(
        "This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
    )
    assert draft.address == PostalAddress("222 Broadway\nTheOffice", "99999", "New York", "NY")
    assert draft.country == "US"
    assert draft.birthday == dt.date(1922, 3, 10)
    assert emails(draft) == [("mike.angstadt@gmail.com", EmailKind.WORK)]
    assert ("(111) 555-3333", PhoneKind.FAX) in phones(draft)
    # A 2.1 base64 photo over many lines, ending with an empty line.
    assert draft.photo_type == "image/jpeg"
    assert contact.warnings == []
    kept = others(draft)
    assert "X-MS-TEL:(111) 555-4444" in kept
    assert "X-MS-SPOUSE:TheSpouse" in kept
    assert "LABEL:222 Broadway\\nNew York, NY 99999\\nUSA" in kept


def test_iphone() -> None:
    contact = only(EZ / "John_Doe_IPHONE.vcf")
    draft = contact.draft
    assert (draft.given_name, draft.family_name) == ("John Richter James", "Doe")
    assert contact.account_name == "IBM"
    assert emails(draft) == [("john.doe@ibm.com", EmailKind.WORK)]
    assert phones(draft) == [
        ("905-555-1234", PhoneKind.MOBILE),
        ("905-666-1234", PhoneKind.HOME),
        ("905-777-1234", PhoneKind.WORK),
        ("905-888-1234", PhoneKind.FAX),
        ("905-999-1234", PhoneKind.FAX),
        ("905-111-1234", PhoneKind.OTHER),  # pager
        ("905-222-1234", PhoneKind.WORK),
    ]
    assert draft.address == PostalAddress("Silicon Alley 5,", "12345", "New York", "New York")
    assert draft.country == "US"
    assert draft.birthday == dt.date(2012, 6, 6)
    assert draft.photo_type == "image/jpeg"
    kept = others(draft)
    assert "item2.X-ABLABEL:_$!<AssistantPhone>!$_" in kept
    assert "item4.ADR:;;Street4\\nBuilding 6\\nFloor 8;New York;;12345;USA" in kept
    assert "item5.URL:http\\://www.ibm.com" in kept
    assert "NICKNAME:Johny" in kept
    assert not any(k.startswith("PRODID") for k in kept)


def test_android_quoted_printable_with_soft_breaks_inside_characters() -> None:
    parsed = read(EZ / "John_Doe_ANDROID.vcf")
    assert parsed.skipped == []
    assert len(parsed.contacts) == 6
    first, _second, third, fourth, fifth, sixth = (c.draft for c in parsed.contacts)
    assert emails(first) == [("john.doe@company.com", EmailKind.WORK)]
    assert first.tags == ["My Contacts"]
    assert third.family_name == "Ñ Ñ Ñ Ñ"
    assert fourth.family_name == "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"  # "=C3=91=" + soft break + "=20…"
    assert fourth.notes.startswith("Ñ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ")
    assert phones(fourth) == [
        ("123456", PhoneKind.MOBILE),
        ("234567", PhoneKind.HOME),
        ("3456789", PhoneKind.MOBILE),
        ("45678901", PhoneKind.HOME),
    ]
    assert (fifth.given_name, fifth.family_name) == ("Ñ Ñ Ñ", "Ñ Ñ")
    assert parsed.contacts[4].account_name == "Ñ" * 12
    assert ("123456", PhoneKind.FAX) in phones(fifth)
    assert emails(fifth)[1] == ("Ñ" * 14, EmailKind.WORK)
    assert parsed.contacts[5].account_name == "Ñ" * 44
    # A stray byte (=80) in a UTF-8 value is replaced and the user is told.
    assert any("UTF-8" in w for w in parsed.contacts[5].warnings)
    assert emails(sixth) == [("henry@company.com", EmailKind.WORK)]


def test_gmail_keeps_labels_phonetic_names_and_escaped_address() -> None:
    contact = only(EZ / "John_Doe_GMAIL.vcf")
    draft = contact.draft
    # Additional names ("Richter\, James") join the given name.
    assert (draft.given_name, draft.family_name, draft.honorific) == (
        "John Richter James",
        "Doe",
        "Mr.",
    )
    # Phonetic spellings of a Latin name are not a Latin transcription: kept, not mapped.
    assert (draft.given_name_latin, draft.family_name_latin) == ("", "")
    assert "X-PHONETIC-FIRST-NAME:Jon" in others(draft)
    assert emails(draft) == [("john.doe@ibm.com", EmailKind.HOME)]
    assert phones(draft) == [("905-555-1234", PhoneKind.MOBILE), ("905-666-1234", PhoneKind.HOME)]
    assert draft.address.street == (
        "Crescent moon drive\n555-asd\nNice Area, Albaney, New York 12345\nUnited States of America"
    )
    assert draft.birthday == dt.date(1980, 3, 22)
    assert draft.notes.endswith("POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue")
    assert '"AS IS"' in draft.notes
    kept = others(draft)
    assert "item1.X-ABDATE:1975-03-01" in kept
    assert "item1.X-ABLABEL:_$!<Anniversary>!$_" in kept
    assert "item2.X-ABRELATEDNAMES:Jenny" in kept


def test_gmail_list_has_three_people() -> None:
    parsed = read(EZ / "gmail-list.vcf")
    assert [(c.draft.given_name, c.draft.family_name) for c in parsed.contacts] == [
        ("Arnold", "Smith"),
        ("Chris", "Beatle"),
        ("Doug", "White"),
    ]
    assert [c.line for c in parsed.contacts] == [1, 7, 13]


def test_gmail_single2_kinds_and_messaging_handles() -> None:
    draft = only(EZ / "gmail-single2.vcf").draft
    assert emails(draft)[:3] == [
        ("email@example.com", EmailKind.WORK),
        ("homeemail@example.com", EmailKind.HOME),
        ("workemail@example.com", EmailKind.WORK),
    ]
    assert ("5555551117", PhoneKind.FAX) in phones(draft)
    assert draft.address == PostalAddress("113 Main St", "10011", "NY", "New York")  # WORK
    assert draft.birthday == dt.date(1912, 6, 23)
    kept = others(draft)
    for handle in (
        "X-SKYPE:IM5",
        "X-GTALK:IM2",
        "X-QQ:IM6",
        "ADR:;;111 Main St;NY;New York;10011;",
    ):
        assert handle in kept


def test_rfc2426_example_with_folded_address() -> None:
    parsed = read(EZ / "rfc2426-example.vcf")
    frank, tim = (c for c in parsed.contacts)
    assert (frank.draft.given_name, frank.draft.family_name) == ("Frank", "Dawson")
    assert frank.account_name == "Lotus Development Corporation"
    assert frank.draft.address == PostalAddress(
        "6544 Battleford Drive", "27613-3502", "Raleigh", "NC"
    )
    assert frank.draft.country == "US"
    assert emails(frank.draft) == [
        ("Frank_Dawson@Lotus.com", EmailKind.WORK),
        ("fdawson@earthlink.net", EmailKind.WORK),
    ]
    assert phones(frank.draft) == [
        ("+1-919-676-9515", PhoneKind.WORK),
        ("+1-919-676-9564", PhoneKind.FAX),
    ]
    assert "URL:http://home.earthlink.net/~fdawson" in others(frank.draft)
    assert tim.draft.address.city == "Mountain View"
    assert tim.draft.address.region == "CA"


def test_rfc6350_example() -> None:
    contact = only(EZ / "rfc6350-example.vcf")
    draft = contact.draft
    assert (draft.given_name, draft.family_name) == ("Simon", "Perreault")
    assert contact.account_name == "Viagenie"
    assert draft.birthday == dt.date(NO_YEAR, 2, 3)  # --0203
    assert draft.preferred_language == "fr"  # PREF=1 wins over PREF=2
    assert draft.address == PostalAddress("2875 Laurier\nSuite D2-630", "G1V 2M2", "Quebec", "QC")
    assert draft.country == "CA"
    # VALUE=uri "tel:" is taken off; the number is otherwise kept as written.
    assert phones(draft) == [
        ("+1-418-656-9254;ext=102", PhoneKind.WORK),
        ("+1-418-262-6501", PhoneKind.MOBILE),
    ]
    assert emails(draft) == [("simon.perreault@viagenie.ca", EmailKind.WORK)]
    assert draft.time_zone == ""
    kept = others(draft)
    assert "TZ:-0500" in kept  # an offset is not a zone: kept
    assert "LANG:en" in kept
    assert "GEO:geo:46.772673,-71.282945" in kept
    assert "N:Perreault;Simon;;;ing. jr,M.Sc." in kept


def test_evolution_and_thunderbird() -> None:
    evolution = only(EZ / "John_Doe_EVOLUTION.vcf").draft
    assert evolution.address.street == "15 Crescent moon drive\nASB-123"
    assert evolution.country == "US"  # "United\n  States of America" folded with a space
    assert evolution.tags == ["VIP"]
    assert "X-EVOLUTION-SPOUSE:Maria" in others(evolution)
    thunderbird = only(EZ / "thunderbird-MoreFunctionsForAddressBook-extension.vcf")
    assert thunderbird.draft.tags == ["category1", "category2", "category3"]
    assert thunderbird.draft.notes.endswith('put anything in the "note" field; even curse words.')
    assert thunderbird.draft.photo_type == "image/jpeg"


def test_fullcontact_remote_photos_are_kept_as_links_never_fetched() -> None:
    contact = only(EZ / "fullcontact.vcf")
    draft = contact.draft
    assert draft.photo is None
    kept = others(draft)
    assert sum(k.startswith("PHOTO:https://") for k in kept) == 3
    assert "IMPP:skype:skype" in kept
    assert (draft.given_name, draft.family_name, draft.honorific) == (
        "FirstName MiddleName",
        "LastName",
        "Prefix",
    )
    assert draft.birthday == dt.date(2016, 8, 1)
    assert "BDAY:2016-08-01" in kept  # the ALTID twin
    assert emails(draft)[2:] == [
        ("school@example.com", EmailKind.OTHER),
        ("other@example.com", EmailKind.OTHER),
        ("custom@example.com", EmailKind.OTHER),
    ]


def test_khard_korean_names_without_n_are_family_first() -> None:
    for file, family, given in (("korean-c.vcf", "최", "유림"), ("korean-j.vcf", "전", "도훈")):
        draft = only(KHARD / file).draft
        assert (draft.family_name, draft.given_name) == (family, given)
        assert draft.name_order is NameOrder.FAMILY_FIRST


def test_khard_missing_fn_and_minimal_cards() -> None:
    draft = only(KHARD / "nickname.vcf").draft
    assert (draft.given_name, draft.family_name) == ("Michael", "Smith")
    assert emails(draft) == [("ms@example.org", EmailKind.WORK)]
    assert "NICKNAME:Mike" in others(draft)
    minimal = only(KHARD / "minimal.vcf").draft
    assert (minimal.given_name, minimal.family_name) == ("minimal", "contact")


def test_khard_text_birthday_is_kept_with_a_warning() -> None:
    contact = only(KHARD / "text-bday.vcf")
    assert contact.draft.birthday is None
    assert "BDAY:circa 1800" in others(contact.draft)
    assert any("circa 1800" in warning for warning in contact.warnings)


def test_khard_tel_value_uri_that_is_no_uri() -> None:
    draft = only(KHARD / "tel-value-uri.vcf").draft
    assert phones(draft) == [("67545678", PhoneKind.MOBILE)]


@pytest.mark.parametrize("file", ["photov3.vcf", "photov4.vcf"])
def test_khard_photos_are_decoded(file: str) -> None:
    draft = only(KHARD / file).draft
    assert draft.photo_type == "image/png"
    assert draft.photo is not None
    with Image.open(io.BytesIO(draft.photo)) as image:
        assert image.size == (11, 11)


def test_mac_address_book_photo_is_downscaled() -> None:
    draft = only(EZ / "John_Doe_MAC_ADDRESS_BOOK.vcf").draft
    assert draft.photo is not None
    with Image.open(io.BytesIO(draft.photo)) as image:
        assert max(image.size) <= PHOTO_MAX_SIDE


def test_khard_altid_twin_is_kept() -> None:
    draft = only(KHARD / "altid.vcf").draft
    assert (draft.given_name, draft.family_name) == ("one", "representation")
    assert "N:representation;two;;;" in others(draft)
    assert draft.notes.startswith("RFC6350 requires N to have cardinality <=1 but allows")


def test_khard_uid_org_post_and_labels() -> None:
    individual = only(KHARD / "individual.vcf")
    assert individual.draft.external_uid == "18F098B5-7383-4FD6-B482-48F2181D73AA"
    assert (individual.draft.given_name, individual.draft.family_name) == ("Wile E.", "Coyote")
    assert individual.account_name == "ACME Inc."
    post = only(KHARD / "post.vcf")
    assert post.draft.address == PostalAddress(
        "Main Street 1\nExt\nPostBox", "00000", "The City", "SomeState"
    )
    # "HomeCountry" is no country: the address is kept whole and the user told.
    assert "ADR:PostBox;Ext;Main Street 1;The City;SomeState;00000;HomeCountry" in others(
        post.draft
    )
    assert post.warnings
    labels = only(KHARD / "labels.vcf")
    assert labels.account_name == "Test Inc"
    assert "item1.X-ABLABEL:Work" in others(labels.draft)
    assert only(KHARD / "category.vcf").draft.tags == ["bar"]
    assert only(KHARD / "contact1.vcf").draft.birthday == dt.date(2018, 1, 20)
