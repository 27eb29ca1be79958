"""The same person is found twice however the name, e-mail or phone was typed, and two
people who only share a common name are not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from relationsapp.core.account_service import AccountService
from relationsapp.core.choices import NameOrder
from relationsapp.core.contact_service import ContactService
from relationsapp.core.duplicate_finder import find_all_duplicates
from relationsapp.core.duplicates import (
    MAX_SHARED,
    NAME_THRESHOLD,
    DuplicateIndex,
    DuplicateMatch,
    DuplicateSearchCancelled,
    blocking_key,
    find_duplicates_of,
    name_keys,
    name_similarity,
    normalise_email,
    normalise_phone,
)
from relationsapp.core.records import AccountDraft, ContactDraft, EmailEntry, PhoneEntry
from relationsapp.storage.database import Database
from tests.helpers.factories import jorgen, taro

Finder = Callable[[Database, ContactDraft], list[DuplicateMatch]]


def _one_by_one(database: Database, draft: ContactDraft) -> list[DuplicateMatch]:
    return find_duplicates_of(database, draft)


def _in_bulk(database: Database, draft: ContactDraft) -> list[DuplicateMatch]:
    return DuplicateIndex.build(database).matches(draft)


#: Every behaviour holds both for the single look-up (SQL) and for the import's index.
finders = pytest.mark.parametrize("find", [_one_by_one, _in_bulk], ids=["sql", "index"])


@pytest.fixture
def contacts(database: Database) -> ContactService:
    return ContactService(database)


def test_email_is_stripped_and_case_folded_but_not_gmail_folded() -> None:
    assert normalise_email("  Mette.Holm+crm@Gmail.COM ") == "mette.holm+crm@gmail.com"


def test_phone_typed_locally_reads_as_e164_with_the_contacts_country() -> None:
    assert normalise_phone("33 12 34 56", "dk") == "+4533123456"
    assert normalise_phone("+45 33-12-34-56") == "+4533123456"
    assert normalise_phone("33 12 34 56") is None  # no country: which 33?
    assert normalise_phone("call me") is None


def test_name_forms_fold_danish_letters_and_keep_han_name_parts_whole() -> None:
    assert name_keys("Søren", "Sørensen") == ("soren sorensen",)
    assert name_keys("太郎", "山田", "Taro", "Yamada") == ("taro yamada", "太郎 山田")
    cyrillic = name_keys("Сергей", "Иванов")
    assert cyrillic[0] == "сергеи иванов" and cyrillic[1] == "sergey ivanov"


def test_name_similarity_ignores_order_and_diacritics() -> None:
    assert name_similarity(name_keys("Søren", "Sørensen"), name_keys("Soren", "Sorensen")) == 100
    assert name_similarity(("yamada taro",), ("taro yamada",)) == 100
    assert name_similarity(("jon smith",), ("john smith",)) >= NAME_THRESHOLD
    assert name_similarity(("anna berg",), ("anne borg",)) < NAME_THRESHOLD
    # Han names compare by part, so an anagram of the characters is not the same name.
    assert name_similarity(name_keys("太郎", "山田"), name_keys("郎山", "田太")) < NAME_THRESHOLD
    assert blocking_key("soren sorensen") == blocking_key("sorensen soren") == "ss"


@finders
def test_soren_sorensen_without_danish_letters_is_found(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    stored = contacts.create(jorgen(given_name="Søren", emails=[]))
    found = find(database, ContactDraft(given_name="Soren", family_name="Sorensen", country="DK"))
    assert [match.contact_id for match in found] == [stored]
    assert found[0].score == 100
    assert found[0].reasons == ("similar name (100%)",)


@finders
@pytest.mark.parametrize(
    ("given", "family"), [("Yamada", "Taro"), ("Taro", "Yamada")], ids=["swapped", "latin-order"]
)
def test_japanese_name_with_latin_fields_matches_the_latin_name_in_either_order(
    contacts: ContactService, database: Database, find: Finder, given: str, family: str
) -> None:
    stored = contacts.create(taro(emails=[]))
    found = find(database, ContactDraft(given_name=given, family_name=family, country="JP"))
    assert [match.contact_id for match in found] == [stored]


@finders
def test_native_japanese_name_matches_the_same_native_name(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    stored = contacts.create(taro(emails=[], given_name_latin="", family_name_latin=""))
    draft = ContactDraft(
        given_name="太郎", family_name="山田", name_order=NameOrder.FAMILY_FIRST, country="JP"
    )
    assert [match.contact_id for match in find(database, draft)] == [stored]


def test_cyrillic_name_meets_its_transliteration_in_the_import_index(
    contacts: ContactService, database: Database
) -> None:
    stored = contacts.create(ContactDraft(given_name="Сергей", family_name="Иванов", country="RU"))
    draft = ContactDraft(given_name="Sergey", family_name="Ivanov", country="RU")
    assert [match.contact_id for match in _in_bulk(database, draft)] == [stored]


@finders
def test_same_email_in_another_case_is_a_duplicate_whatever_the_name(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    stored = contacts.create(jorgen())
    draft = ContactDraft(
        given_name="J.", family_name="S.", emails=[EmailEntry(" JORGEN@Pumpe.DK ")]
    )
    found = find(database, draft)
    assert [match.contact_id for match in found] == [stored]
    assert found[0].reasons == ("same e-mail jorgen@pumpe.dk",)


@finders
def test_gmail_style_dots_are_different_addresses(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    contacts.create(ContactDraft(given_name="Ann", emails=[EmailEntry("a.b@example.com")]))
    draft = ContactDraft(given_name="Bo", emails=[EmailEntry("ab@example.com")])
    assert find(database, draft) == []


@finders
def test_same_phone_typed_differently_is_a_duplicate(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    stored = contacts.create(jorgen(emails=[], phones=[PhoneEntry("+45 33 12 34 56")]))
    draft = ContactDraft(given_name="Reception", country="DK", phones=[PhoneEntry("33-12-34-56")])
    found = find(database, draft)
    assert [match.contact_id for match in found] == [stored]
    assert found[0].reasons == ("same phone +45 33 12 34 56",)


@finders
def test_two_john_smiths_at_different_accounts_and_countries_are_not_flagged(
    database: Database, contacts: ContactService, find: Finder
) -> None:
    accounts = AccountService(database)
    acme = accounts.create(AccountDraft(name="Acme", country="US"))
    globex = accounts.create(AccountDraft(name="Globex", country="GB"))
    contacts.create(
        ContactDraft(given_name="John", family_name="Smith", country="US", account_id=acme)
    )
    other = ContactDraft(given_name="John", family_name="Smith", country="GB", account_id=globex)
    assert find(database, other) == []
    # The same name at the same company is flagged, even with a typo.
    same_company = ContactDraft(
        given_name="Jon", family_name="Smith", country="GB", account_id=acme
    )
    found = find(database, same_company)
    assert len(found) == 1 and found[0].score >= NAME_THRESHOLD


@finders
def test_deleted_and_excluded_contacts_are_not_duplicates(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    deleted = contacts.create(jorgen())
    contacts.delete(deleted)
    assert find(database, jorgen()) == []
    kept = contacts.create(jorgen())
    assert find_duplicates_of(database, jorgen(), exclude_id=kept) == []
    assert DuplicateIndex.build(database).matches(jorgen(), exclude_id=kept) == []


@finders
def test_email_and_name_together_rank_above_a_phone_alone(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    by_phone = contacts.create(
        ContactDraft(given_name="Office", country="DK", phones=[PhoneEntry("+4533123456")])
    )
    by_both = contacts.create(jorgen())
    found = find(database, jorgen(phones=[PhoneEntry("33123456")]))
    assert [match.contact_id for match in found] == [by_both, by_phone]
    assert found[0].reasons == ("same e-mail jorgen@pumpe.dk", "similar name (100%)")


def test_the_import_index_catches_a_card_twice_in_one_file(database: Database) -> None:
    index = DuplicateIndex.build(database)
    assert len(index) == 0
    index.add(41, jorgen())
    assert [match.contact_id for match in index.matches(jorgen(emails=[]))] == [41]


def test_finder_groups_every_duplicate_pair_with_its_reasons(
    contacts: ContactService, database: Database
) -> None:
    first = contacts.create(jorgen())
    second = contacts.create(jorgen(given_name="Jorgen", family_name="Sorensen", emails=[]))
    third = contacts.create(
        ContactDraft(
            given_name="Someone", family_name="Else", emails=[EmailEntry("Jorgen@pumpe.dk")]
        )
    )
    contacts.create(ContactDraft(given_name="Nobody", family_name="Alike", country="DK"))
    contacts.create(taro(emails=[]))
    contacts.create(ContactDraft(given_name="Taro", family_name="Yamada", country="US"))

    groups = find_all_duplicates(database)

    assert [group.contact_ids for group in groups] == [(first, second, third)]
    reasons = {(pair.first_id, pair.second_id): pair.reasons for pair in groups[0].pairs}
    assert reasons == {
        (first, third): ("same e-mail jorgen@pumpe.dk",),
        (first, second): ("similar name (100%)",),
    }


def test_finder_stops_when_progress_says_cancel(
    contacts: ContactService, database: Database
) -> None:
    contacts.create(jorgen())
    contacts.create(jorgen(emails=[]))
    with pytest.raises(DuplicateSearchCancelled):
        find_all_duplicates(database, progress=lambda done, total: False)


@finders
def test_a_switchboard_number_shared_by_many_is_no_evidence(
    contacts: ContactService, database: Database, find: Finder
) -> None:
    names = ["Ada", "Bo", "Cy", "Dag", "Eli", "Finn", "Gro", "Hal", "Ida", "Jens", "Kim", "Lis"]
    for name in names[: MAX_SHARED + 1]:
        contacts.create(
            ContactDraft(given_name=name, country="DK", phones=[PhoneEntry("+4533123456")])
        )
    draft = ContactDraft(given_name="Caller", country="DK", phones=[PhoneEntry("33 12 34 56")])
    assert find(database, draft) == []
    assert find_all_duplicates(database) == []


@finders
def test_a_name_common_in_the_country_is_flagged_only_at_the_same_account(
    database: Database, contacts: ContactService, find: Finder
) -> None:
    acme = AccountService(database).create(AccountDraft(name="Acme", country="US"))
    for _ in range(MAX_SHARED + 1):
        contacts.create(ContactDraft(given_name="John", family_name="Smith", country="US"))
    at_acme = contacts.create(
        ContactDraft(given_name="John", family_name="Smith", country="US", account_id=acme)
    )
    draft = ContactDraft(given_name="John", family_name="Smith", country="US", account_id=acme)
    assert [match.contact_id for match in find(database, draft)] == [at_acme]
    assert find_all_duplicates(database) == []
