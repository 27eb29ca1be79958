"""The sample data must be realistic enough to demo the product and never silently wrong."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from itertools import islice

import phonenumbers
import pytest
import pytz
from babel import Locale
from sqlalchemy import text

from relationsapp.core.choices import EmailKind, NameOrder, SizeBand
from relationsapp.core.records import ContactDraft
from relationsapp.core.sample_data import (
    SampleDataset,
    load_sample_dataset,
    synthetic_accounts,
    synthetic_contacts,
)
from relationsapp.core.sample_loader import load_sample_data
from relationsapp.storage.database import Database

EMAIL = re.compile(r"^[a-z0-9][a-z0-9._+-]*@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")
INDUSTRIES = {
    "Manufacturing", "Energy", "Logistics", "Healthcare", "Retail",
    "Software", "Finance", "Construction", "Food & Beverage", "Automotive",
}  # fmt: skip
REQUIRED_COUNTRIES = (
    "DK", "FI", "DE", "SE", "JP", "CN", "KR", "IN", "NP",
    "SA", "AE", "BR", "ES", "MX", "US", "CA", "GB", "AU",
)  # fmt: skip
AWKWARD_ZONES = ("Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe")


def _in(ch: str, *ranges: tuple[int, int]) -> bool:
    return any(low <= ord(ch) <= high for low, high in ranges)


KANA = ((0x3040, 0x309F), (0x30A0, 0x30FF))
HAN = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))
HANGUL = ((0xAC00, 0xD7AF), (0x1100, 0x11FF))
ARABIC = ((0x0600, 0x06FF),)
DEVANAGARI = ((0x0900, 0x097F),)
#: Script every contact of a home-country account in these countries is named in.
NATIVE_SCRIPT = {
    "JP": KANA + HAN,
    "CN": HAN,
    "KR": HANGUL,
    "SA": ARABIC,
    "AE": ARABIC,
    "IN": DEVANAGARI,
    "NP": DEVANAGARI,
}
#: Letters that prove a latin-script country's names are written natively, not ASCII-folded.
NATIVE_LETTERS = {
    "DK": "æøåÆØÅ",
    "FI": "äöÄÖ",
    "DE": "äöüßÄÖÜ",
    "ES": "áéíóúñÁÉÍÓÚÑ",
    "MX": "áéíóúñÁÉÍÓÚÑ",
    "BR": "ãâáçéêíóôõúÁÂÃÇÉÍÓÚ",
}


@pytest.fixture(scope="module")
def dataset() -> SampleDataset:
    return load_sample_dataset()


def _full_name(draft: ContactDraft) -> str:
    return draft.given_name + draft.family_name


def _home_contacts(dataset: SampleDataset, country: str) -> list[ContactDraft]:
    """Contacts of companies from ``country`` who also live there (no expats, no branches)."""
    keys = {a.key for a in dataset.accounts if a.draft.country == country}
    return [
        c.draft for c in dataset.contacts if c.account_key in keys and c.draft.country == country
    ]


def test_counts(dataset: SampleDataset) -> None:
    assert 290 <= len(dataset.contacts) <= 310
    assert len(dataset.accounts) >= 75
    assert len({c.draft.country for c in dataset.contacts}) >= 15
    assert len({a.draft.country for a in dataset.accounts}) >= 18
    per_country = Counter(c.draft.country for c in dataset.contacts)
    for country in [
        "DK",
        "FI",
        "DE",
        "SE",
        "JP",
        "CN",
        "KR",
        "IN",
        "NP",
        "SA",
        "AE",
        "BR",
        "ES",
        "MX",
        "US",
        "CA",
        "GB",
        "AU",
    ]:
        assert per_country[country] >= 5, country


def test_deterministic(dataset: SampleDataset) -> None:
    assert load_sample_dataset() == dataset


def test_links_resolve(dataset: SampleDataset) -> None:
    keys = [a.key for a in dataset.accounts]
    assert len(keys) == len(set(keys))
    assert all(c.account_key in keys for c in dataset.contacts)
    referred = [a for a in dataset.accounts if a.referred_by_key is not None]
    assert len(referred) >= 3
    assert all(a.referred_by_key in keys and a.referred_by_key != a.key for a in referred)
    with_contacts = {c.account_key for c in dataset.contacts}
    assert with_contacts == set(keys)


def test_accounts_are_well_formed(dataset: SampleDataset) -> None:
    for account in dataset.accounts:
        draft = account.draft
        assert draft.industry in INDUSTRIES
        assert draft.size_band != SizeBand.UNKNOWN
        assert draft.name and draft.name_latin.isascii()
        assert re.fullmatch(r"https://www\.[a-z0-9-]+\.example", draft.website), draft.website
    native = [a for a in dataset.accounts if a.draft.country in NATIVE_SCRIPT]
    assert native and all(not a.draft.name.isascii() for a in native)


def test_phones_are_valid_e164_for_the_country(dataset: SampleDataset) -> None:
    numbers = []
    for contact in dataset.contacts:
        draft = contact.draft
        assert 1 <= len(draft.phones) <= 2
        for phone in draft.phones:
            parsed = phonenumbers.parse(phone.number)
            assert phonenumbers.is_valid_number(parsed), phone.number
            assert phonenumbers.region_code_for_number(parsed) == draft.country, phone.number
            e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            assert phone.number == e164
            numbers.append(phone.number)
    assert len(numbers) == len(set(numbers)), "demo contacts must not share phone numbers"


def test_emails(dataset: SampleDataset) -> None:
    domains = {a.key: a.draft.website.removeprefix("https://www.") for a in dataset.accounts}
    addresses = []
    for contact in dataset.contacts:
        emails = contact.draft.emails
        assert 1 <= len(emails) <= 2
        assert emails[0].kind == EmailKind.WORK
        assert emails[0].address.endswith("@" + domains[str(contact.account_key)])
        for email in emails:
            assert EMAIL.match(email.address), email.address
            addresses.append(email.address)
    assert len(addresses) == len(set(addresses))


def test_time_zones_match_country_and_city(dataset: SampleDataset) -> None:
    travellers = []
    for contact in dataset.contacts:
        draft = contact.draft
        assert draft.time_zone in pytz.all_timezones
        if draft.time_zone not in pytz.country_timezones[draft.country]:
            travellers.append(draft)
    assert travellers, "the sample needs a client who is travelling"
    for draft in travellers:
        assert "travelling" in draft.tags
        assert re.search(r"until \d{1,2} \w+ \d{4}", draft.notes), draft.notes
    assert any(d.country == "DK" and d.time_zone == "Asia/Singapore" for d in travellers)


def test_awkward_zones_are_present(dataset: SampleDataset) -> None:
    zones = Counter(c.draft.time_zone for c in dataset.contacts)
    for zone in AWKWARD_ZONES:
        assert zones[zone] >= 3, zone
    january = dt.datetime(2026, 1, 15, 12)
    assert pytz.timezone("Asia/Kathmandu").utcoffset(january) == dt.timedelta(hours=5, minutes=45)
    assert pytz.timezone("America/St_Johns").utcoffset(january) == -dt.timedelta(hours=3.5)


def test_some_contacts_work_abroad(dataset: SampleDataset) -> None:
    country_of = {a.key: a.draft.country for a in dataset.accounts}
    abroad = [c for c in dataset.contacts if c.draft.country != country_of[str(c.account_key)]]
    assert 3 <= len(abroad) <= 15


def test_languages_parse(dataset: SampleDataset) -> None:
    for language in {c.draft.preferred_language for c in dataset.contacts}:
        assert Locale.parse(language).language


def test_native_scripts(dataset: SampleDataset) -> None:
    for country, ranges in NATIVE_SCRIPT.items():
        drafts = _home_contacts(dataset, country)
        assert drafts, country
        for draft in drafts:
            letters = [ch for ch in _full_name(draft) if ch.isalpha()]
            assert letters and all(_in(ch, *ranges) for ch in letters), (country, draft)
    japanese = "".join(_full_name(d) for d in _home_contacts(dataset, "JP"))
    assert any(_in(ch, *KANA) for ch in japanese), "expected some names in kana"
    for country, native in NATIVE_LETTERS.items():
        names = "".join(_full_name(d) for d in _home_contacts(dataset, country))
        assert set(names) & set(native), country


def test_latin_names_are_ascii(dataset: SampleDataset) -> None:
    for contact in dataset.contacts:
        draft = contact.draft
        assert draft.given_name and draft.family_name
        assert draft.given_name_latin.isascii() and draft.given_name_latin
        assert draft.family_name_latin.isascii() and draft.family_name_latin
    sorensen = [c.draft for c in dataset.contacts if "ø" in c.draft.family_name]
    assert all("o" in d.family_name_latin for d in sorensen)


def test_full_names_are_unique(dataset: SampleDataset) -> None:
    names = [(c.draft.given_name, c.draft.family_name) for c in dataset.contacts]
    assert len(names) == len(set(names))


def test_name_order(dataset: SampleDataset) -> None:
    for contact in dataset.contacts:
        draft = contact.draft
        east_asian = any(_in(ch, *(KANA + HAN + HANGUL)) for ch in _full_name(draft))
        expected = NameOrder.FAMILY_FIRST if east_asian else NameOrder.GIVEN_FIRST
        assert draft.name_order == expected, draft
    for country in ("JP", "CN", "KR"):
        assert all(d.name_order == NameOrder.FAMILY_FIRST for d in _home_contacts(dataset, country))


def test_everyday_fields(dataset: SampleDataset) -> None:
    drafts = [c.draft for c in dataset.contacts]
    for draft in drafts:
        assert draft.honorific and draft.job_title
        assert 0 <= draft.work_start < draft.work_end <= 24 * 60
        assert draft.response_hours in (4, 8, 24, 48)
        assert draft.touch_weeks in (0, 2, 4, 6, 8, 12)
        assert draft.address.city and draft.address.street
        assert draft.birthday is None or dt.date(1940, 1, 1) < draft.birthday < dt.date.today()
    with_birthday = sum(d.birthday is not None for d in drafts) / len(drafts)
    assert 0.45 <= with_birthday <= 0.75
    assert sum(d.weekend_days is not None for d in drafts) <= 10
    assert sum((d.work_start, d.work_end) == (540, 1020) for d in drafts) >= len(drafts) // 4
    assert len({d.preferred_channel for d in drafts}) == 5
    assert any(d.notes for d in drafts) and any(d.tags for d in drafts)


def test_loaded_sample_data_asks_to_stay_in_touch_with_about_a_third(
    database: Database, dataset: SampleDataset
) -> None:
    load_sample_data(database)  # the bulk insert path, as the demo database uses it
    with database.engine.connect() as connection:
        stored = Counter(
            dict(
                connection.execute(
                    text("SELECT touch_weeks, count(*) FROM contacts GROUP BY touch_weeks")
                ).all()
            )
        )
    assert stored == Counter(c.draft.touch_weeks for c in dataset.contacts)
    in_touch = sum(count for weeks, count in stored.items() if weeks > 0)
    assert 0.2 <= in_touch / stored.total() <= 0.45
    assert set(stored) - {0} <= {2, 4, 6, 8, 12}


def test_synthetic_contacts_are_valid() -> None:
    accounts = synthetic_accounts(50)
    assert len(accounts) == 50 and accounts == synthetic_accounts(50)
    assert all(a.industry in INDUSTRIES for a in accounts)
    pairs = list(synthetic_contacts(2000, 50))
    assert len(pairs) == 2000
    assert pairs[:20] == list(islice(synthetic_contacts(2000, 50), 20))
    for index, draft in pairs:
        assert 0 <= index < 50
        assert draft.country == accounts[index].country
        assert draft.time_zone in pytz.country_timezones[draft.country]
        assert draft.given_name and draft.given_name_latin.isascii()
        assert EMAIL.match(draft.emails[0].address)
    for _index, draft in pairs[::10]:
        for phone in draft.phones:
            parsed = phonenumbers.parse(phone.number)
            assert phonenumbers.is_valid_number(parsed), phone.number
            assert phonenumbers.region_code_for_number(parsed) == draft.country


def test_synthetic_contacts_are_fast() -> None:
    list(synthetic_contacts(100, 10))  # build the phone pools first
    started = time.perf_counter()
    count = sum(1 for _ in synthetic_contacts(20_000, 400))
    assert count == 20_000
    assert time.perf_counter() - started < 5.0  # ~0.5 s on a laptop; 100k must stay < 10 s
