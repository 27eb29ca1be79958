"""Realistic, deterministic sample data: the demo database and large synthetic loads.

The pools (names in native script with an ASCII latin form, cities with their IANA zone,
postal codes, streets, job titles, habits) live in ``resources/sample_data/countries.json``;
the ~80 demo companies live in ``accounts.json``. Everything here is seeded, so two loads
give equal results. Phone numbers are generated from ``phonenumbers`` example numbers (or a
city's area prefix), varied in their last digits and kept only when valid for the country.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind, SizeBand
from relationsapp.core.records import (
    AccountDraft,
    ContactDraft,
    EmailEntry,
    PhoneEntry,
    PostalAddress,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "resources" / "sample_data"
DATASET_SEED = 20_240_611
CONTACT_TARGET = 300
#: Contacts per account before the total is nudged to ``CONTACT_TARGET``.
_BASE_CONTACTS = {"1-9": 2, "10-49": 3, "50-249": 3, "250-999": 4, "1000+": 5}
_SIZE_WEIGHTS = {"1-9": 2, "10-49": 4, "50-249": 4, "250-999": 3, "1000+": 2}
_FLIPPED = {Formality.FORMAL: Formality.INFORMAL, Formality.INFORMAL: Formality.FORMAL}
_ACCOUNT_TAGS = ["key-account", "distributor", "prospect", "partner"]
_FIXED_TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
_NOT_LOCAL = re.compile(r"[^a-z0-9-]")
#: About a third of the demo contacts ask to be kept in touch with, every so many weeks.
_TOUCH_SHARE = 1 / 3
_TOUCH_WEEKS = (2, 4, 6, 8, 12)
#: Touch intervals come from their own generator: drawing them from the main one would
#: shift every later draw and so change the names, phones, ... of existing contacts.
_TOUCH_SEED = DATASET_SEED + 6

Json = dict[str, Any]


@dataclass(frozen=True)
class SampleAccount:
    key: str
    draft: AccountDraft
    referred_by_key: str | None


@dataclass(frozen=True)
class SampleContact:
    account_key: str | None
    draft: ContactDraft


@dataclass(frozen=True)
class SampleDataset:
    accounts: list[SampleAccount]
    contacts: list[SampleContact]


def _read(name: str) -> Json:
    data: Json = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


@cache
def _country_pools() -> tuple[Json, dict[str, Json]]:
    """The shared pools and the per-country pools, with cumulative weights precomputed."""
    doc = _read("countries.json")
    for pool in doc["countries"].values():
        pool["_all_notes"] = pool["notes"] + doc["shared"]["common_notes"]
        pool["_city_cum"] = list(accumulate(c["weight"] for c in pool["cities"]))
        pool["_hours_cum"] = list(accumulate(h[2] for h in pool["hours"]))
        for field in ("channels", "response_hours"):
            pool[f"_{field}_keys"] = list(pool[field])
            pool[f"_{field}_cum"] = list(accumulate(pool[field].values()))
    return doc["shared"], doc["countries"]


def _pick(rng: random.Random, items: list[Any], cum: list[int]) -> Any:
    return rng.choices(items, cum_weights=cum)[0]


class _NumberSource:
    """Distinct valid numbers of one kind for one region, optionally under an area prefix."""

    def __init__(self, region: str, area: str, mobile: bool, seen: set[str]) -> None:
        kind = PhoneNumberType.MOBILE if mobile else PhoneNumberType.FIXED_LINE
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            raise ValueError(f"phonenumbers has no example number for {region}")
        self._example = str(example.national_number)
        self.region, self._rng = region, random.Random(f"{region}/{area}/{mobile}")
        self._wanted = _MOBILE_TYPES if mobile else _FIXED_TYPES
        self._code = phonenumbers.country_code_for_region(region)
        self._seen = seen  # shared, so fixed and mobile ranges never hand out a number twice
        self._use_prefix(area)

    def _use_prefix(self, area: str) -> None:
        # Without an area prefix, keep the example's head and vary its last six digits.
        size = len(self._example)
        self._area = area
        self._prefix = area or self._example[: max(size - 6, 2)]
        self._lengths = (size, size + 1) if area else (size,)

    def take(self) -> str:
        for _ in range(3000):
            tail = self._rng.choice(self._lengths) - len(self._prefix)
            digits = self._prefix + "".join(self._rng.choices("0123456789", k=max(tail, 0)))
            number = phonenumbers.parse(f"+{self._code}{digits}")
            e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
            if (
                e164 not in self._seen
                and phonenumbers.is_valid_number(number)
                and phonenumbers.region_code_for_number(number) == self.region
                and phonenumbers.number_type(number) in self._wanted
            ):
                self._seen.add(e164)
                return e164
        if self._area:  # the area's range is used up: vary the example number instead
            self._use_prefix("")
            return self.take()
        raise RuntimeError(f"no more valid phone numbers for {self.region}")


@cache
def _phone_pool(region: str, area: str, mobile: bool) -> tuple[str, ...]:
    source = _NumberSource(region, area, mobile, set())
    return tuple(source.take() for _ in range(24))


def _local_part(text: str) -> str:
    return _NOT_LOCAL.sub("", text.lower().replace(" ", ""))


class _ContactFactory:
    """Builds one contact draft from the pools; shared by the demo and synthetic data."""

    def __init__(self, rng: random.Random, unique: bool) -> None:
        self.rng = rng
        #: Unique mode (demo data) hands out fresh numbers; otherwise small shared pools.
        self._sources: dict[tuple[str, str, bool], _NumberSource] | None = {} if unique else None
        self._issued: set[str] = set()
        self.shared, self.countries = _country_pools()
        self._names: set[tuple[str, str]] | None = set() if unique else None
        self._locals: set[str] | None = set() if unique else None

    def city(self, country: str, name: str | None = None) -> Json:
        pool = self.countries[country]
        for city in pool["cities"]:
            if city["city"] == name:
                return city
        return _pick(self.rng, pool["cities"], pool["_city_cum"])

    def _name(self, pool: Json, gender: str) -> tuple[str, str, str, str]:
        rng = self.rng
        for _ in range(200):
            given = rng.choice(pool["given_names"][gender])
            family = rng.choice(pool["family_names"])
            if rng.random() < pool.get("compound_family", 0.0):
                second = rng.choice(pool["family_names"])
                if second != family:
                    family = [f"{family[0]} {second[0]}", f"{family[1]} {second[1]}"]
            if self._names is None or (given[0], family[0]) not in self._names:
                break
        if self._names is not None:
            self._names.add((given[0], family[0]))
        return given[0], family[0], given[1], family[1]

    def _emails(self, given: str, family: str, order: str, domain: str) -> list[EmailEntry]:
        rng = self.rng
        g, f = _local_part(given), _local_part(family.split(" ")[0]).replace("-", "")
        styles = [f"{g}.{f}", f"{g[0]}.{f}", f"{g[0]}{f}"]
        styles += [f"{f}.{g}"] * (2 if order == NameOrder.FAMILY_FIRST else 0)
        local = rng.choice(styles)
        if self._locals is not None:
            base, n = local, 2
            while f"{local}@{domain}" in self._locals:
                local, n = f"{base}{n}", n + 1
            self._locals.add(f"{local}@{domain}")
        emails = [EmailEntry(f"{local}@{domain}", EmailKind.WORK)]
        if rng.random() < 0.3:
            home = (
                f"{g}.{f}{rng.randint(60, 99)}@{rng.choice(self.shared['personal_email_domains'])}"
            )
            emails.append(EmailEntry(home, EmailKind.HOME))
        return emails

    def _phone(self, region: str, area: str, mobile: bool) -> str:
        if self._sources is None:
            return self.rng.choice(_phone_pool(region, area, mobile))
        key = (region, area, mobile)
        if key not in self._sources:
            self._sources[key] = _NumberSource(region, area, mobile, self._issued)
        return self._sources[key].take()

    def _phones(self, country: str, city: Json, uses_area: bool) -> list[PhoneEntry]:
        rng, area = self.rng, city.get("phone_area", "")
        mobile_area = area if uses_area else ""
        work = PhoneEntry(self._phone(country, area, False), PhoneKind.WORK)
        mobile = PhoneEntry(self._phone(country, mobile_area, True), PhoneKind.MOBILE)
        first, second = (work, mobile) if rng.random() < 0.65 else (mobile, work)
        return [first, second] if rng.random() < 0.45 else [first]

    def make(
        self,
        country: str,
        city: Json,
        domain: str,
        names_from: str | None = None,
        override: Json | None = None,
    ) -> ContactDraft:
        """A contact living in ``country``/``city``; names and habits from ``names_from``."""
        rng, override = self.rng, override or {}
        home = self.countries[names_from or country]
        place = self.countries[country]
        gender = override.get("gender") or rng.choice("fm")
        given, family, given_latin, family_latin = self._name(home, gender)
        formality = Formality(home["formality"])
        if rng.random() < 0.15:
            formality = _FLIPPED[formality]
        title = rng.choice(home["job_titles"])
        start, end, _weight = _pick(rng, home["hours"], home["_hours_cum"])
        language = home["language"]
        if home.get("alt_languages") and rng.random() < 0.25:
            language = rng.choice(home["alt_languages"])
        notes = [n for n in [city.get("note")] if n and rng.random() < 0.5]
        if rng.random() < 0.35:
            notes.append(rng.choice(home["_all_notes"]))
        if override.get("notes"):
            notes.insert(0, override["notes"])
        birthday = None
        if override.get("birthday"):
            birthday = dt.date.fromisoformat(override["birthday"])
        elif rng.random() < 0.6:
            birthday = dt.date(rng.randint(1958, 1998), 1, 1) + dt.timedelta(rng.randrange(365))
        tags = rng.sample(self.shared["contact_tags"], rng.choices((0, 1, 2), (4, 4, 2))[0])
        weekend = override.get("weekend_days")
        low, high = place["house_numbers"]
        postal = rng.choice(city["postal_codes"]) if city["postal_codes"] else ""
        return ContactDraft(
            given_name=given,
            family_name=family,
            given_name_latin=given_latin,
            family_name_latin=family_latin,
            name_order=NameOrder(home["name_order"]),
            honorific=rng.choice(home["honorifics"][gender]),
            formality=formality,
            job_title=title if isinstance(title, str) else title[gender],
            emails=self._emails(given_latin, family_latin, home["name_order"], domain),
            phones=self._phones(country, city, bool(place.get("mobile_uses_area"))),
            address=PostalAddress(
                street=rng.choice(city["streets"]).format(n=rng.randint(low, high)),
                postal_code=postal,
                city=city["city"],
                region=city["region"],
            ),
            country=country,
            time_zone=override.get("time_zone") or city["zone"],
            work_start=start,
            work_end=end,
            weekend_days=tuple(weekend) if weekend is not None else None,
            preferred_language=language,
            preferred_channel=Channel(_pick(rng, home["_channels_keys"], home["_channels_cum"])),
            response_hours=int(
                _pick(rng, home["_response_hours_keys"], home["_response_hours_cum"])
            ),
            birthday=birthday,
            tags=tags + list(override.get("tags", [])),
            notes=" ".join(notes),
        )


def _contact_counts(rng: random.Random, accounts: list[Json]) -> list[int]:
    """Contacts per account: by size, explicit where given, summing to ``CONTACT_TARGET``."""
    minimum = [1 + len(a.get("branches", [])) + len(a.get("overrides", [])) for a in accounts]
    counts = [
        a.get("contacts") or max(low, _BASE_CONTACTS[a["size_band"]] + rng.randint(-1, 1))
        for a, low in zip(accounts, minimum, strict=True)
    ]
    free = [i for i, a in enumerate(accounts) if "contacts" not in a]
    while sum(counts) != CONTACT_TARGET:
        i = rng.choice(free)
        if sum(counts) < CONTACT_TARGET:
            counts[i] += 1
        elif counts[i] > minimum[i]:
            counts[i] -= 1
    return counts


def _account_draft(entry: Json) -> AccountDraft:
    return AccountDraft(
        name=entry["name"],
        name_latin=entry["name_latin"],
        industry=entry["industry"],
        size_band=SizeBand(entry["size_band"]),
        country=entry["country"],
        website=entry["website"],
        tags=list(entry["tags"]),
        notes=entry["notes"],
    )


def load_sample_dataset() -> SampleDataset:
    """The demo database: ~80 companies in 19 countries and exactly ``CONTACT_TARGET`` people.

    Most people work in their company's head-office city, some elsewhere in the country and
    a few abroad (``branches`` in ``accounts.json``); ``overrides`` plant the awkward cases
    (a Dane posted to Singapore, non-default weekends, a leap-day birthday).
    """
    rng = random.Random(DATASET_SEED)
    touch_rng = random.Random(_TOUCH_SEED)
    entries = _read("accounts.json")["accounts"]
    factory = _ContactFactory(rng, unique=True)
    accounts = [SampleAccount(e["key"], _account_draft(e), e["referred_by"]) for e in entries]
    contacts: list[SampleContact] = []
    for entry, count in zip(entries, _contact_counts(rng, entries), strict=True):
        country, domain = entry["country"], entry["website"].split("//")[-1].removeprefix("www.")
        overrides: list[Json] = entry.get("overrides", [])
        branches: list[Json] = entry.get("branches", [])
        for i in range(count):
            branch_index = i - (count - len(branches))
            if branch_index >= 0:
                branch = branches[branch_index]
                city = factory.city(branch["country"], branch["city"])
                home = country if branch["names"] == "home" else None
                draft = factory.make(branch["country"], city, domain, names_from=home)
            else:
                at_hq = i == 0 or entry.get("all_at_hq") or rng.random() < 0.75
                city = factory.city(country, entry["city"] if at_hq else None)
                override = overrides[i] if i < len(overrides) else None
                draft = factory.make(country, city, domain, override=override)
            if touch_rng.random() < _TOUCH_SHARE:
                draft = replace(draft, touch_weeks=touch_rng.choice(_TOUCH_WEEKS))
            contacts.append(SampleContact(entry["key"], draft))
    return SampleDataset(accounts, contacts)


def _synthetic_account_specs(count: int, seed: int) -> list[tuple[AccountDraft, Json, str]]:
    shared, countries = _country_pools()
    rng = random.Random(seed)
    codes = sorted(countries)
    sizes, size_weights = list(_SIZE_WEIGHTS), list(_SIZE_WEIGHTS.values())
    out: list[tuple[AccountDraft, Json, str]] = []
    for index in range(count):
        country = rng.choice(codes)
        pool = countries[country]
        company = pool["company"]
        stem = rng.choice(company.get("stems") or pool["family_names"])
        word = rng.choice(company["words"])
        name = company["pattern"].format(stem=stem[0], word=word[0])
        latin = company["latin"].format(stem=stem[1], word=word[1])
        word_slug = _local_part(next(w for w in word[1].split() if w.isalpha()))
        domain = f"{_local_part(stem[1])}-{word_slug}-{index + 1}.example"
        industry = rng.choice(pool["industries"] if rng.random() < 0.8 else shared["industries"])
        draft = AccountDraft(
            name=name,
            name_latin=latin,
            industry=industry,
            size_band=SizeBand(rng.choices(sizes, size_weights)[0]),
            country=country,
            website=f"https://www.{domain}",
            tags=rng.sample(_ACCOUNT_TAGS, rng.randint(0, 1)),
        )
        city = _pick(rng, pool["cities"], pool["_city_cum"])
        out.append((draft, city, domain))
    return out


def synthetic_accounts(count: int, seed: int = 7) -> list[AccountDraft]:
    """``count`` generated companies spread evenly over the pool countries."""
    return [draft for draft, _city, _domain in _synthetic_account_specs(count, seed)]


def synthetic_contacts(
    count: int, account_count: int, seed: int = 7
) -> Iterator[tuple[int, ContactDraft]]:
    """``count`` contacts as (index into ``synthetic_accounts(account_count, seed)``, draft).

    Built for volume: phone numbers come from small precomputed per-country pools, names
    are not kept unique. Zones, phones and languages still match each contact's country.
    """
    specs = _synthetic_account_specs(account_count, seed)
    rng = random.Random(seed * 7919 + 1)
    factory = _ContactFactory(rng, unique=False)
    for _ in range(count):
        index = rng.randrange(account_count)
        draft, city, domain = specs[index]
        if rng.random() < 0.3:
            city = factory.city(draft.country)
        yield index, factory.make(draft.country, city, domain)
