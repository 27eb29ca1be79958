"""Typing plain Latin letters (or part of a name in any script) finds the contact."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import pytest

from relationsapp.core.account_service import AccountService
from relationsapp.core.choices import NameOrder, SizeBand
from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch, SortColumn
from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import AccountDraft, ContactDraft, EmailEntry
from relationsapp.i18n.translate import set_language
from relationsapp.storage.database import Database
from relationsapp.storage.text_folding import fold
from tests.helpers.factories import jorgen, taro


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Jørgen", "jorgen"),
        ("Mäkinen", "makinen"),
        ("Straße", "strasse"),
        ("Łukasz", "lukasz"),
        ("ÆRØ", "aero"),
        ("Jørgen  Sørensen", "jorgen sorensen"),
        ("山田太郎", "山 田 太 郎"),  # one token per character: "太郎" finds it
        ("すずき", "す ず き"),
        ("김민준", "김 민 준"),  # spaced, and not split into jamo
        ("प्रिया शर्मा", "प्रिया शर्मा"),  # vowel signs and virama are part of the word
        ("أحمد العتيبي", "احمد العتيبي"),  # hamza seat folded: people type احمد
    ],
)
def test_fold_makes_what_people_type_match_what_is_stored(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_fold_keeps_devanagari_vowel_signs_and_virama() -> None:
    # प्रिया = प + ् (virama) + र + ि (vowel sign i) + य + ा (vowel sign aa)
    assert {"\u094d", "\u093f", "\u093e"} <= set(fold("प्रिया"))


# --- Search on a real file --------------------------------------------------------------


def person(given: str, family: str, country: str, zone: str, **more: Any) -> ContactDraft:
    return ContactDraft(
        given_name=given, family_name=family, country=country, time_zone=zone, **more
    )


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    """Contacts in several scripts at three accounts; ids by a short key."""
    accounts = AccountService(database)
    pumpe = accounts.create(
        AccountDraft(
            name="Nordisk Pumpe A/S", country="DK", industry="Energy", size_band=SizeBand.SMALL
        )
    )
    yamada = accounts.create(
        AccountDraft(
            name="株式会社山田製作所",
            name_latin="Yamada Seisakusho",
            country="JP",
            industry="Manufacturing",
            size_band=SizeBand.LARGE,
            tags=["key-account"],
        )
    )
    # "Zeta" sorts after "Yamada Seisakusho" by latin name, but before 株式会社… by
    # native name: the account order must use the latin name.
    zeta = accounts.create(AccountDraft(name="Zeta Consult GmbH", country="DE", industry="IT"))
    mette_email = [EmailEntry("mette@pumpe.dk")]
    add = ContactService(database).create
    return {
        "jorgen": add(jorgen(account_id=pumpe, tags=["vip"])),
        "mette": add(
            person("Mette", "Holm", "DK", "Europe/Copenhagen", account_id=pumpe, emails=mette_email)
        ),
        "aino": add(
            person("Aino", "Mäkinen", "FI", "Europe/Helsinki", notes="Meets in the sauna.")
        ),
        "hans": add(person("Hans", "Müller", "DE", "Europe/Berlin", account_id=zeta)),
        "taro": add(taro(account_id=yamada)),
        "minjun": add(person("민준", "김", "KR", "Asia/Seoul", name_order=NameOrder.FAMILY_FIRST)),
        "ahmed": add(person("أحمد", "العتيبي", "SA", "Asia/Riyadh")),
        "priya": add(person("प्रिया", "शर्मा", "IN", "Asia/Kolkata")),
        "keoni": add(person("Keoni", "Kahale", "US", "Pacific/Honolulu")),
    }


def found(database: Database, people: dict[str, int], text: str = "", **filters: Any) -> set[str]:
    """Keys of the people a search for ``text`` (plus filters) returns."""
    names = {contact_id: key for key, contact_id in people.items()}
    ids = IndexedContactSearch(database).contact_ids(ContactQuery(text=text, **filters))
    return {names[contact_id] for contact_id in ids}


def in_order(database: Database, people: dict[str, int], query: ContactQuery) -> list[str]:
    names = {contact_id: key for key, contact_id in people.items()}
    return [names[contact_id] for contact_id in IndexedContactSearch(database).contact_ids(query)]


def relative_order(order: list[str], keys: Iterable[str]) -> list[str]:
    """``keys`` in the order they appear in ``order``."""
    wanted = set(keys)
    return [key for key in order if key in wanted]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jorgen", {"jorgen"}),
        ("Sorensen", {"jorgen"}),
        ("Jørgen Sø", {"jorgen"}),
        ("makinen", {"aino"}),
        ("muller", {"hans"}),
        ("yamada", {"taro"}),
        ("yamada taro", {"taro"}),
        ("太郎", {"taro"}),
        ("山田", {"taro"}),
        ("田山", set()),
        ("김", {"minjun"}),
        ("민준", {"minjun"}),
        ("أحم", {"ahmed"}),
        ("العت", {"ahmed"}),
        ("प्रि", {"priya"}),
        ("शर", {"priya"}),
    ],
)
def test_search_finds_names_in_any_script_without_accents(
    database: Database, people: dict[str, int], typed: str, expected: set[str]
) -> None:
    assert found(database, people, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("seisakusho", {"taro"}),  # account's latin name
        ("製作所", {"taro"}),  # account's native name, a part of it
        ("pumpe", {"jorgen", "mette"}),
        ("taro@yamada", {"taro"}),  # start of an e-mail address
        ("jorgen@pumpe", {"jorgen"}),  # not Mette, though she has the same domain
        ("sauna", {"aino"}),  # notes
        ("vip", {"jorgen"}),  # contact tag
    ],
)
def test_search_matches_account_email_notes_and_tags(
    database: Database, people: dict[str, int], typed: str, expected: set[str]
) -> None:
    assert found(database, people, typed) == expected


@pytest.mark.parametrize(
    "typed", ['"', "*", "AND", "(", ")", "-", "NEAR(", "jorgen OR", '"jo', "^", ":", "a:b", "{x}"]
)
def test_search_with_fts_syntax_characters_never_raises(
    database: Database, people: dict[str, int], typed: str
) -> None:
    assert found(database, people, typed) <= set(people)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('"jorgen', {"jorgen"}),
        ("jorgen*", {"jorgen"}),
        ("(jorgen)", {"jorgen"}),
        ("-jorgen", {"jorgen"}),
        ("jorgen OR mette", set()),  # both words must match, as for any two words
        ("NOT jorgen", set()),
    ],
)
def test_search_treats_fts_syntax_and_operators_as_plain_text(
    database: Database, people: dict[str, int], typed: str, expected: set[str]
) -> None:
    assert found(database, people, typed) == expected


def test_deleted_contact_leaves_search_and_returns_after_restore(
    database: Database, people: dict[str, int]
) -> None:
    contacts = ContactService(database)
    contacts.delete(people["jorgen"])
    assert found(database, people, "jorgen") == set()
    assert "jorgen" not in found(database, people)
    contacts.restore(people["jorgen"])
    assert found(database, people, "jorgen") == {"jorgen"}


def test_renamed_account_makes_its_contacts_findable_by_the_new_name(
    database: Database, people: dict[str, int]
) -> None:
    accounts = AccountService(database)
    account_id = ContactService(database).get(people["jorgen"]).draft.account_id
    assert account_id is not None
    draft = accounts.get(account_id).draft
    accounts.update(account_id, replace(draft, name="Grundfos Nord A/S"))
    assert found(database, people, "grundfos") == {"jorgen", "mette"}
    assert found(database, people, "pumpe") == {"jorgen", "mette"}  # still in their e-mails
    assert found(database, people, "nordisk") == set()


def test_deleted_account_name_no_longer_finds_its_contacts(
    database: Database, people: dict[str, int]
) -> None:
    account_id = ContactService(database).get(people["taro"]).draft.account_id
    assert account_id is not None
    AccountService(database).delete(account_id)
    assert found(database, people, "seisakusho") == set()
    AccountService(database).restore(account_id)
    assert found(database, people, "seisakusho") == {"taro"}


def test_removed_email_address_is_no_longer_found(
    database: Database, people: dict[str, int]
) -> None:
    contacts = ContactService(database)
    draft = contacts.get(people["jorgen"]).draft
    contacts.update(people["jorgen"], replace(draft, emails=[EmailEntry("js@example.org")]))
    assert found(database, people, "jorgen@pumpe") == set()
    assert found(database, people, "js@example") == {"jorgen"}
    assert found(database, people, "jorgen") == {"jorgen"}


@pytest.mark.parametrize(
    ("text", "filters", "expected"),
    [
        ("", {"country": "DK"}, {"jorgen", "mette"}),
        ("mette", {"country": "DK"}, {"mette"}),
        ("mette", {"country": "FI"}, set()),
        ("", {"industry": "Manufacturing"}, {"taro"}),
        ("jorgen", {"industry": "Energy"}, {"jorgen"}),
        ("jorgen", {"industry": "IT"}, set()),
        ("", {"size_band": "250-999"}, {"taro"}),
        ("", {"tag": "vip"}, {"jorgen"}),  # tag on the contact
        ("", {"tag": "key-account"}, {"taro"}),  # tag on the contact's account
        ("holm", {"tag": "vip"}, set()),
        ("", {"country": "DK", "industry": "Energy", "size_band": "10-49"}, {"jorgen", "mette"}),
    ],
)
def test_filters_combine_with_search_text(
    database: Database,
    people: dict[str, int],
    text: str,
    filters: dict[str, str],
    expected: set[str],
) -> None:
    assert found(database, people, text, **filters) == expected


def test_sort_by_name_uses_family_name_then_given_name(
    database: Database, people: dict[str, int]
) -> None:
    latin = ["hans", "jorgen", "mette", "aino", "keoni"]
    ascending = relative_order(in_order(database, people, ContactQuery()), latin)
    # Holm, Kahale, Mäkinen, Müller, Sørensen
    assert ascending == ["mette", "keoni", "aino", "hans", "jorgen"]
    descending = in_order(database, people, ContactQuery(descending=True))
    assert relative_order(descending, latin) == ascending[::-1]


def test_sort_by_account_uses_the_latin_account_name(
    database: Database, people: dict[str, int]
) -> None:
    order = in_order(database, people, ContactQuery(sort=SortColumn.ACCOUNT))
    # Nordisk Pumpe < Yamada Seisakusho < Zeta Consult
    assert relative_order(order, ["jorgen", "taro", "hans"]) == ["jorgen", "taro", "hans"]
    descending = in_order(database, people, ContactQuery(sort=SortColumn.ACCOUNT, descending=True))
    assert relative_order(descending, ["jorgen", "taro", "hans"]) == ["hans", "taro", "jorgen"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["jorgen", "hans", "taro"]),  # Denmark < Germany < Japan (by code: DE < DK)
        ("da", ["jorgen", "taro", "hans"]),  # Danmark < Japan < Tyskland
    ],
)
def test_sort_by_country_uses_country_names_in_the_ui_language(
    database: Database, people: dict[str, int], language: str, expected: list[str]
) -> None:
    set_language(language)
    order = in_order(database, people, ContactQuery(sort=SortColumn.COUNTRY))
    assert relative_order(order, expected) == expected
    descending = in_order(database, people, ContactQuery(sort=SortColumn.COUNTRY, descending=True))
    assert relative_order(descending, expected) == expected[::-1]


def test_sort_by_local_time_goes_from_west_to_east(
    database: Database, people: dict[str, int]
) -> None:
    keys = ["taro", "jorgen", "keoni"]
    order = in_order(database, people, ContactQuery(sort=SortColumn.LOCAL_TIME))
    assert relative_order(order, keys) == ["keoni", "jorgen", "taro"]  # Honolulu, CPH, Tokyo
    descending = in_order(
        database, people, ContactQuery(sort=SortColumn.LOCAL_TIME, descending=True)
    )
    assert relative_order(descending, keys) == ["taro", "jorgen", "keoni"]


def test_every_sort_returns_the_same_contacts(database: Database, people: dict[str, int]) -> None:
    for column in SortColumn:
        for descending in (False, True):
            query = ContactQuery(text="", sort=column, descending=descending)
            assert sorted(in_order(database, people, query)) == sorted(people)


def test_facets_offer_only_values_of_live_records(
    database: Database, people: dict[str, int]
) -> None:
    search = IndexedContactSearch(database)
    before = search.facets()
    assert {"DK", "FI", "JP", "DE"} <= set(before.countries)
    assert {"Manufacturing", "Energy", "IT"} == set(before.industries)
    assert {"vip", "key-account"} <= set(before.tags)
    assert "250-999" in before.size_bands

    ContactService(database).delete(people["aino"])
    account_id = ContactService(database).get(people["taro"]).draft.account_id
    assert account_id is not None
    AccountService(database).delete(account_id)

    after = search.facets()
    assert "FI" not in after.countries
    assert "Manufacturing" not in after.industries
    assert "key-account" not in after.tags
    assert "250-999" not in after.size_bands
    assert "DK" in after.countries


def test_devanagari_search_tells_names_apart_by_their_vowel_signs(database: Database) -> None:
    # मीना (Meena) and मोना (Mona) differ only in the vowel sign after म (ी / ो).
    contacts = ContactService(database)
    meena = contacts.create(ContactDraft(given_name="मीना", family_name="शर्मा", country="IN"))
    mona = contacts.create(ContactDraft(given_name="मोना", family_name="वर्मा", country="IN"))
    search = IndexedContactSearch(database)
    assert search.contact_ids(ContactQuery(text="मीना")) == [meena]
    assert search.contact_ids(ContactQuery(text="मोना")) == [mona]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Costa Rica, Côte d’Ivoire, Croatia, Czechia: ô sorts as o in English.
        ("en", ["CR", "CI", "HR", "CZ"]),
        # Ækvatorialguinea, Østrig, Åland: the Danish alphabet ends with Æ, Ø, Å.
        ("da", ["GQ", "AT", "AX"]),
    ],
)
def test_sort_by_country_follows_the_alphabet_of_the_ui_language(
    database: Database, language: str, expected: list[str]
) -> None:
    set_language(language)
    contacts = ContactService(database)
    codes = {
        contacts.create(ContactDraft(given_name=code, country=code)): code for code in expected
    }
    order = IndexedContactSearch(database).contact_ids(ContactQuery(sort=SortColumn.COUNTRY))
    assert [codes[contact_id] for contact_id in order] == expected


def test_arabic_name_is_found_when_typed_without_hamza_or_vowels(database: Database) -> None:
    contacts = ContactService(database)
    ahmed = contacts.create(ContactDraft(given_name="أحمد", family_name="العتيبي", country="SA"))
    fatima = contacts.create(ContactDraft(given_name="فاطِمة", family_name="الزهراني", country="SA"))
    search = IndexedContactSearch(database)
    assert search.contact_ids(ContactQuery(text="احمد")) == [ahmed]
    assert search.contact_ids(ContactQuery(text="فاطمه")) == [fatima]


def test_contacts_are_found_by_their_account_tags(database: Database) -> None:
    accounts = AccountService(database)
    account = accounts.create(
        AccountDraft(name="Nordisk Pumpe A/S", country="DK", tags=["key-account"])
    )
    contacts = ContactService(database)
    mette = contacts.create(
        ContactDraft(given_name="Mette", family_name="Holm", account_id=account)
    )
    search = IndexedContactSearch(database)
    assert search.contact_ids(ContactQuery(text="key-acc")) == [mette]
    accounts.update(account, AccountDraft(name="Nordisk Pumpe A/S", country="DK", tags=["renewal"]))
    assert search.contact_ids(ContactQuery(text="key-acc")) == []
    assert search.contact_ids(ContactQuery(text="renewal")) == [mette]
