"""What a user saves about people and companies comes back exactly, or is refused whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from relationsapp.core.account_service import AccountService
from relationsapp.core.bulk_loader import insert_contacts
from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind, SizeBand
from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch
from relationsapp.core.contact_service import ContactService
from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.records import (
    NO_YEAR,
    AccountDraft,
    ContactDraft,
    EmailEntry,
    OtherField,
    PhoneEntry,
    PostalAddress,
)
from relationsapp.storage.database import Database
from relationsapp.storage.models import ContactEmail
from tests.helpers.factories import count_rows, jorgen, row_counts, taro


@pytest.fixture
def contacts(database: Database) -> ContactService:
    return ContactService(database)


@pytest.fixture
def accounts(database: Database) -> AccountService:
    return AccountService(database)


def full_draft(account_id: int | None) -> ContactDraft:
    return ContactDraft(
        given_name="Mette",
        family_name="Holm",
        given_name_latin="",
        family_name_latin="",
        name_order=NameOrder.GIVEN_FIRST,
        honorific="Ms",
        formality=Formality.INFORMAL,
        job_title="Head of Purchasing",
        account_id=account_id,
        emails=[
            EmailEntry("mette@pumpe.dk", EmailKind.WORK),
            EmailEntry("mette.holm@example.com", EmailKind.HOME),
        ],
        phones=[
            PhoneEntry("33 12 34 56", PhoneKind.WORK),
            PhoneEntry("20 12 34 56", PhoneKind.MOBILE),
        ],
        address=PostalAddress("Nørregade 1", "1165", "København K", "Hovedstaden"),
        country="dk",
        time_zone="Europe/Copenhagen",
        work_start=8 * 60,
        work_end=15 * 60 + 30,
        weekend_days=(4, 5),
        preferred_language="da",
        preferred_channel=Channel.PHONE,
        response_hours=48,
        touch_weeks=6,
        birthday=dt.date(1980, 2, 29),
        tags=["vip", "Nordic", "vip", " golf ", ""],
        notes="Likes early meetings.",
        notes_sensitive=True,
    )


def test_created_contact_comes_back_with_every_field(
    database: Database, contacts: ContactService, accounts: AccountService
) -> None:
    account_id = accounts.create(AccountDraft(name="Nordisk Pumpe A/S", country="DK"))
    contact_id = contacts.create(full_draft(account_id))

    details = contacts.get(contact_id)

    expected = replace(
        full_draft(account_id),
        country="DK",
        phones=[
            PhoneEntry("+4533123456", PhoneKind.WORK),
            PhoneEntry("+4520123456", PhoneKind.MOBILE),
        ],
        tags=["golf", "Nordic", "vip"],
    )
    assert details.draft == expected
    assert details.display_name == "Mette Holm"
    assert details.latin_name == "Mette Holm"
    assert details.account_name == "Nordisk Pumpe A/S"
    assert details.created_at.tzinfo == dt.UTC


def test_birthday_is_stored_as_a_civil_date(database: Database, contacts: ContactService) -> None:
    contact_id = contacts.create(jorgen(birthday=dt.date(1975, 12, 31)))
    with database.engine.connect() as connection:
        stored = connection.exec_driver_sql(
            "SELECT birthday FROM contacts WHERE id = ?", (contact_id,)
        ).scalar_one()
    assert stored == "1975-12-31"
    assert contacts.get(contact_id).draft.birthday == dt.date(1975, 12, 31)


def test_japanese_name_is_displayed_family_first_without_a_space(
    contacts: ContactService,
) -> None:
    details = contacts.get(contacts.create(taro()))
    assert details.display_name == "山田太郎"
    assert details.latin_name == "Yamada Taro"


def test_korean_name_is_displayed_family_first_without_a_space(contacts: ContactService) -> None:
    # Korean writes family and given name as one word (Hangul orthography, article 48).
    draft = ContactDraft(
        given_name="민준",
        family_name="김",
        given_name_latin="Min-jun",
        family_name_latin="Kim",
        name_order=NameOrder.FAMILY_FIRST,
    )
    details = contacts.get(contacts.create(draft))
    assert details.display_name == "김민준"
    assert details.latin_name == "Kim Min-jun"


def test_vietnamese_name_in_latin_letters_is_its_own_latin_name(contacts: ContactService) -> None:
    draft = ContactDraft(
        given_name="Văn An", family_name="Nguyễn", name_order=NameOrder.FAMILY_FIRST
    )
    details = contacts.get(contacts.create(draft))
    assert details.display_name == "Nguyễn Văn An"
    assert details.latin_name == "Nguyễn Văn An"


def test_latin_name_is_empty_for_a_native_script_name_without_transliteration(
    contacts: ContactService,
) -> None:
    details = contacts.get(contacts.create(ContactDraft(given_name="أحمد", family_name="العتيبي")))
    assert details.display_name == "أحمد العتيبي"
    assert details.latin_name == ""


def test_name_in_latin_letters_is_its_own_latin_name(contacts: ContactService) -> None:
    details = contacts.get(contacts.create(jorgen()))
    assert details.display_name == "Jørgen Sørensen"
    assert details.latin_name == "Jørgen Sørensen"


def email_rows(database: Database, contact_id: int) -> dict[str, tuple[str, bool]]:
    """address → (uid, tombstoned) of every e-mail row of the contact, deleted ones too."""
    with database.session() as session:
        rows = session.scalars(select(ContactEmail).where(ContactEmail.contact_id == contact_id))
        return {row.address: (row.uid, row.deleted_at is not None) for row in rows}


def test_update_keeps_unchanged_email_rows_and_tombstones_removed_ones(
    database: Database, contacts: ContactService
) -> None:
    draft = jorgen(emails=[EmailEntry("jorgen@pumpe.dk"), EmailEntry("js@home.dk")])
    contact_id = contacts.create(draft)
    before = email_rows(database, contact_id)

    new_emails = [EmailEntry("js@home.dk", EmailKind.HOME), EmailEntry("jorgen@grundfos.dk")]
    contacts.update(contact_id, replace(draft, emails=new_emails))

    after = email_rows(database, contact_id)
    assert after["js@home.dk"] == (before["js@home.dk"][0], False)  # same row, same uid
    assert after["jorgen@pumpe.dk"] == (before["jorgen@pumpe.dk"][0], True)  # tombstoned
    assert after["jorgen@grundfos.dk"][1] is False
    assert contacts.get(contact_id).draft.emails == new_emails


def test_update_changes_fields_and_keeps_created_at(contacts: ContactService) -> None:
    contact_id = contacts.create(jorgen())
    created = contacts.get(contact_id)
    contacts.update(contact_id, jorgen(job_title="CEO", time_zone="Europe/Berlin"))
    updated = contacts.get(contact_id)
    assert updated.draft.job_title == "CEO"
    assert updated.draft.time_zone == "Europe/Berlin"
    assert updated.created_at == created.created_at
    assert updated.uid == created.uid


def test_update_of_a_deleted_contact_raises_record_not_found(contacts: ContactService) -> None:
    contact_id = contacts.create(jorgen())
    contacts.delete(contact_id)
    with pytest.raises(RecordNotFound):
        contacts.update(contact_id, jorgen(job_title="CEO"))


def test_delete_keeps_the_row_as_a_tombstone_and_restore_brings_it_back(
    database: Database, contacts: ContactService
) -> None:
    contact_id = contacts.create(jorgen())
    contacts.delete(contact_id)

    assert count_rows(database, "contacts", f"id = {contact_id} AND deleted_at IS NOT NULL") == 1
    with pytest.raises(RecordNotFound):
        contacts.get(contact_id)
    assert contacts.rows([contact_id]) == {}

    contacts.restore(contact_id)
    assert contacts.get(contact_id).display_name == "Jørgen Sørensen"
    assert contacts.get(contact_id).draft.emails == [EmailEntry("jorgen@pumpe.dk")]


def test_get_of_an_unknown_id_raises_record_not_found(contacts: ContactService) -> None:
    with pytest.raises(RecordNotFound):
        contacts.get(4242)


INVALID_CONTACTS: list[tuple[str, dict[str, Any], str, int | None]] = [
    ("no name", {"given_name": " ", "family_name": ""}, "name", None),
    ("e-mail without @", {"emails": [EmailEntry("ok@pumpe.dk"), EmailEntry("mette")]}, "emails", 1),
    ("e-mail without dot", {"emails": [EmailEntry("a@b")]}, "emails", 0),
    ("e-mail with space", {"emails": [EmailEntry("a b@c.dk")]}, "emails", 0),
    ("e-mail with two @", {"emails": [EmailEntry("x@@y.dk")]}, "emails", 0),
    ("e-mail with two dots", {"emails": [EmailEntry("x@y..dk")]}, "emails", 0),
    ("empty e-mail row", {"emails": [EmailEntry("  ")]}, "emails", 0),
    ("phone not Danish", {"phones": [PhoneEntry("33 12 34 56"), PhoneEntry("12345")]}, "phones", 1),
    ("phone without country", {"country": "", "phones": [PhoneEntry("33 12 34 56")]}, "phones", 0),
    ("phone not a number", {"phones": [PhoneEntry("call me")]}, "phones", 0),
    ("unknown zone", {"time_zone": "Mars/Olympus"}, "time_zone", None),
    ("unknown country", {"country": "XX"}, "country", None),
    ("hours start = end", {"work_start": 600, "work_end": 600}, "work_hours", None),
    ("hours past midnight", {"work_start": 600, "work_end": 25 * 60}, "work_hours", None),
    ("unknown language", {"preferred_language": "zz_QQ"}, "preferred_language", None),
    ("response time", {"response_hours": -1}, "response_hours", None),
    ("stay in touch over two years", {"touch_weeks": 105}, "touch_weeks", None),
    ("stay in touch negative", {"touch_weeks": -1}, "touch_weeks", None),
    (
        "future birthday",
        {"birthday": dt.date.today() + dt.timedelta(days=400)},
        "birthday",
        None,
    ),
]


@pytest.mark.parametrize(
    ("changes", "field", "index"),
    [case[1:] for case in INVALID_CONTACTS],
    ids=[case[0] for case in INVALID_CONTACTS],
)
def test_invalid_contact_is_refused_with_a_field_error_and_nothing_is_written(
    database: Database,
    contacts: ContactService,
    changes: dict[str, Any],
    field: str,
    index: int | None,
) -> None:
    before = row_counts(database)
    with pytest.raises(ValidationFailed) as caught:
        contacts.create(jorgen(**changes))
    assert [(error.field, error.index) for error in caught.value.errors] == [(field, index)]
    assert all(error.message for error in caught.value.errors)
    assert row_counts(database) == before


def test_stay_in_touch_interval_is_stored_changed_and_turned_off(
    database: Database, contacts: ContactService
) -> None:
    contact_id = contacts.create(jorgen(touch_weeks=104))  # the longest interval allowed
    assert contacts.get(contact_id).draft.touch_weeks == 104
    assert count_rows(database, "contacts", "touch_weeks = 104") == 1

    contacts.update(contact_id, jorgen(touch_weeks=0))
    assert contacts.get(contact_id).draft.touch_weeks == 0


def test_private_notes_stay_private_until_the_flag_is_cleared(
    database: Database, contacts: ContactService
) -> None:
    assert contacts.get(contacts.create(jorgen(notes="Golf"))).draft.notes_sensitive is False
    contact_id = contacts.create(
        jorgen(notes="Divorcing; avoid family talk.", notes_sensitive=True)
    )
    assert contacts.get(contact_id).draft.notes_sensitive is True
    assert count_rows(database, "contacts", "notes_sensitive = 1") == 1

    contacts.update(contact_id, jorgen(notes="Divorcing; avoid family talk."))
    assert contacts.get(contact_id).draft.notes_sensitive is False
    assert count_rows(database, "contacts", "notes_sensitive = 1") == 0


def test_bulk_loaded_contacts_keep_their_sensitive_notes(
    database: Database, contacts: ContactService
) -> None:
    drafts = [
        jorgen(given_name="Anna", notes="Ill", notes_sensitive=True),
        jorgen(given_name="Bo", notes="Likes golf"),
    ]
    with database.session() as session, session.begin():
        insert_contacts(session, drafts, len(drafts))
    ids = IndexedContactSearch(database).contact_ids(ContactQuery(text="sorensen"))
    loaded = [contacts.get(contact_id).draft for contact_id in ids]
    assert {draft.given_name: draft.notes_sensitive for draft in loaded} == {
        "Anna": True,
        "Bo": False,
    }


def test_stay_in_touch_over_two_years_says_which_field_and_the_limit(
    contacts: ContactService,
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        contacts.create(jorgen(touch_weeks=105))
    [error] = caught.value.errors
    assert error.field == "touch_weeks"
    assert error.message == "The stay-in-touch interval must be 0–104 weeks."


def test_failed_update_leaves_the_stored_contact_unchanged(
    database: Database, contacts: ContactService
) -> None:
    contact_id = contacts.create(jorgen())
    before = row_counts(database)
    with pytest.raises(ValidationFailed):
        contacts.update(
            contact_id,
            jorgen(job_title="CEO", emails=[EmailEntry("new@pumpe.dk"), EmailEntry("x@@y.dk")]),
        )
    assert row_counts(database) == before
    assert contacts.get(contact_id).draft == jorgen()


def test_several_problems_are_reported_together(contacts: ContactService) -> None:
    with pytest.raises(ValidationFailed) as caught:
        contacts.create(
            ContactDraft(emails=[EmailEntry("mette")], country="XX", time_zone="Mars/Olympus")
        )
    assert [error.field for error in caught.value.errors] == [
        "name",
        "emails",
        "country",
        "time_zone",
    ]


def test_legacy_zone_name_is_saved_under_its_current_name(contacts: ContactService) -> None:
    contact_id = contacts.create(
        ContactDraft(given_name="Priya", country="IN", time_zone="Asia/Calcutta")
    )
    assert contacts.get(contact_id).draft.time_zone == "Asia/Kolkata"


# --- Accounts ---------------------------------------------------------------------------


def yamada_account(**changes: Any) -> AccountDraft:
    draft = AccountDraft(
        name="株式会社山田製作所",
        name_latin="Yamada Seisakusho",
        industry="Manufacturing",
        size_band=SizeBand.LARGE,
        country="JP",
        website="https://yamada.example.jp",
        tags=["key-account", "asia"],
        notes="Fiscal year ends in March.",
    )
    return replace(draft, **changes)


def test_created_account_comes_back_with_every_field(accounts: AccountService) -> None:
    account_id = accounts.create(yamada_account(country="jp"))
    details = accounts.get(account_id)
    assert details.draft == yamada_account(tags=["asia", "key-account"])
    assert details.referred_by_name == ""
    assert details.created_at.tzinfo == dt.UTC


def test_account_update_delete_and_restore(accounts: AccountService) -> None:
    account_id = accounts.create(yamada_account())
    accounts.update(account_id, yamada_account(industry="Robotics"))
    assert accounts.get(account_id).draft.industry == "Robotics"
    accounts.delete(account_id)
    with pytest.raises(RecordNotFound):
        accounts.get(account_id)
    assert account_id not in [row.id for row in accounts.list_rows()]
    accounts.restore(account_id)
    assert accounts.get(account_id).draft.industry == "Robotics"


def test_account_without_a_name_is_refused_and_not_written(
    database: Database, accounts: AccountService
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        accounts.create(AccountDraft(name=" ", website="not a site", country="XX"))
    assert [error.field for error in caught.value.errors] == ["name", "country", "website"]
    assert count_rows(database, "accounts") == 0


def test_account_list_filters_by_folded_text(accounts: AccountService) -> None:
    yamada = accounts.create(yamada_account())
    pumpe = accounts.create(AccountDraft(name="Nordisk Pumpe A/S", industry="Energy"))
    assert [row.id for row in accounts.list_rows("seisakusho")] == [yamada]
    assert [row.id for row in accounts.list_rows("SEISAKUSHO")] == [yamada]
    assert [row.id for row in accounts.list_rows("製作")] == [yamada]
    assert [row.id for row in accounts.list_rows("energy")] == [pumpe]
    assert [row.id for row in accounts.list_rows("100%")] == []
    # Sorted by latin name: Nordisk before Yamada.
    assert [row.id for row in accounts.list_rows()] == [pumpe, yamada]


def test_account_lists_its_live_contacts_and_counts_them(
    accounts: AccountService, contacts: ContactService
) -> None:
    account_id = accounts.create(yamada_account())
    taro_id = contacts.create(taro(account_id=account_id, job_title="Buyer"))
    hanako_id = contacts.create(
        taro(given_name="花子", given_name_latin="Hanako", account_id=account_id)
    )
    gone_id = contacts.create(
        taro(given_name="次郎", given_name_latin="Jiro", account_id=account_id)
    )
    contacts.delete(gone_id)

    assert accounts.contacts_of(account_id) == [
        (hanako_id, "山田花子 (Yamada Hanako)", ""),
        (taro_id, "山田太郎 (Yamada Taro)", "Buyer"),
    ]
    (row,) = accounts.list_rows()
    assert row.contact_count == 2


def test_account_shows_who_referred_it(accounts: AccountService, contacts: ContactService) -> None:
    referrer = accounts.create(AccountDraft(name="Nordisk Pumpe A/S"))
    by_account = accounts.create(yamada_account(referred_by_account_id=referrer))
    person = contacts.create(jorgen())
    by_person = accounts.create(AccountDraft(name="Zeta GmbH", referred_by_contact_id=person))

    assert accounts.get(by_account).referred_by_name == "Nordisk Pumpe A/S"
    assert accounts.get(by_person).referred_by_name == "Jørgen Sørensen"
    accounts.delete(referrer)
    assert accounts.get(by_account).referred_by_name == ""


def test_deleting_an_account_keeps_its_contacts_without_an_account_name(
    database: Database, accounts: AccountService, contacts: ContactService
) -> None:
    account_id = accounts.create(yamada_account())
    contact_id = contacts.create(taro(account_id=account_id))
    assert contacts.rows([contact_id])[contact_id].account_name == "株式会社山田製作所"

    accounts.delete(account_id)

    assert contacts.rows([contact_id])[contact_id].account_name == ""
    assert contacts.get(contact_id).account_name == ""
    assert count_rows(database, "contacts", "deleted_at IS NULL") == 1
    accounts.restore(account_id)
    assert contacts.rows([contact_id])[contact_id].account_name == "株式会社山田製作所"


SKYPE = OtherField("X-SKYPE", "jdoe", (("TYPE", "HOME"),))
LABELLED = OtherField("X-ABLabel", "Ex-colleague; \\, kept", (), "item1")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))  # bytes, not text: every value survives


def imported(**changes: Any) -> ContactDraft:
    """Jørgen as read from a vCard: other fields, a photo, the card's UID, no birth year."""
    values: dict[str, Any] = {
        "other_fields": [SKYPE, LABELLED],
        "photo": PNG,
        "photo_type": "image/png",
        "external_uid": "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
        "birthday": dt.date(NO_YEAR, 4, 12),
    }
    return jorgen(**(values | changes))


def test_what_an_import_brought_comes_back_exactly(contacts: ContactService) -> None:
    draft = contacts.get(contacts.create(imported())).draft
    assert draft.other_fields == [SKYPE, LABELLED]
    assert (draft.photo, draft.photo_type) == (PNG, "image/png")
    assert draft.external_uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert draft.birthday == dt.date(NO_YEAR, 4, 12)


def test_an_edit_can_drop_the_photo_and_the_other_fields(
    database: Database, contacts: ContactService
) -> None:
    contact_id = contacts.create(imported())
    contacts.update(contact_id, imported(other_fields=[SKYPE], photo=None))
    draft = contacts.get(contact_id).draft
    assert draft.other_fields == [SKYPE]
    assert (draft.photo, draft.photo_type) == (None, "")  # no type without a picture
    assert count_rows(database, "contacts", "photo IS NULL") == 1


def test_a_contact_typed_in_the_app_has_no_imported_fields(
    database: Database, contacts: ContactService
) -> None:
    draft = contacts.get(contacts.create(jorgen())).draft
    assert (draft.other_fields, draft.photo, draft.photo_type, draft.external_uid) == (
        [],
        None,
        "",
        "",
    )
    assert count_rows(database, "contacts", "other_fields = '[]'") == 1


def test_bulk_loaded_contacts_keep_what_the_import_brought(
    database: Database, contacts: ContactService
) -> None:
    with database.session() as session, session.begin():
        insert_contacts(session, [imported(given_name="Anna"), jorgen(given_name="Bo")], 2)
    ids = IndexedContactSearch(database).contact_ids(ContactQuery(text="sorensen"))
    loaded = {draft.given_name: draft for draft in (contacts.get(i).draft for i in ids)}
    assert loaded["Anna"].other_fields == [SKYPE, LABELLED]
    assert loaded["Anna"].photo == PNG
    assert loaded["Anna"].external_uid.startswith("urn:uuid:")
    assert (loaded["Bo"].other_fields, loaded["Bo"].photo) == ([], None)
