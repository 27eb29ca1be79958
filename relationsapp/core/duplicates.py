"""Finding the same person twice: same e-mail, same phone, or a very similar name.

Three ways in, one set of rules:

- :func:`find_duplicates_of` — one incoming contact (the editor, a single import):
  indexed SQL for e-mails, one query for phones, the full-text index for name
  candidates, then rapidfuzz on the few candidates.
- :class:`DuplicateIndex` — many incoming contacts (an import of 100,000 cards): every
  live contact's e-mails, phones and name keys loaded once into dicts, so each card
  costs a few dict look-ups and one small rapidfuzz call, not SQL queries.
- ``duplicate_finder.find_all_duplicates`` — the on-demand finder over the whole
  file: e-mails and phones grouped in SQL, names compared within blocks.

Rules (the same everywhere):

- E-mail: stripped and case-folded, nothing else. Gmail's dots and ``+tags`` are *not*
  folded: ``a.b@x`` and ``ab@x`` may be two people on a company server that copies
  the pattern.
- Phone: E.164 (stored phones already are; an incoming one is parsed with the
  contact's country, so ``033 12 34 56`` in DK equals ``+4533123456``).
- Name: each side's names are folded the way the search index folds them (ø→o, æ→ae,
  ß→ss, case), then compared order-insensitively with rapidfuzz's
  ``token_sort_ratio``; a pair is similar from :data:`NAME_THRESHOLD` (90) up.
  ``Søren Sørensen``/``Soren Sorensen`` score 100, ``Yamada Taro``/``Taro Yamada`` 100,
  ``Jon Smith``/``John Smith`` 95, ``Anna Berg``/``Anne Borg`` 78. A name found only by
  its similarity must also share the account or the country: two John Smiths at
  different companies in different countries are two people.
- Which forms of a name are compared: the latin name fields when filled in (山田太郎
  with latin ``Taro``/``Yamada`` compares as ``taro yamada``); the name itself when it
  is written in Latin letters; the native form for other scripts; and, for a
  non-Latin name without latin fields, its anyascii transliteration
  (``Сергей Иванов`` → ``sergey ivanov``), so it can meet a contact typed in Latin.
  Han/kana/Hangul names are compared per name part (``山田 太郎``), never per character,
  or any anagram would match.
- Shared values: a phone, e-mail or (within a country, not an account) a name held by
  more than :data:`MAX_SHARED` contacts is a switchboard, ``info@`` or a common name,
  and counts for nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from relationsapp.core.names import is_latin
from relationsapp.core.records import ContactDraft
from relationsapp.i18n.translate import _
from relationsapp.storage.database import Database
from relationsapp.storage.text_folding import fold

#: token_sort_ratio (0–100) of folded names from which two names count as similar.
NAME_THRESHOLD = 90
#: Score of a match on e-mail (a personal address is close to proof) and on phone (an
#: office switchboard can be shared, so a little less).
EMAIL_SCORE = 100
PHONE_SCORE = 95
#: At most this many name candidates are read from the full-text index per contact.
NAME_CANDIDATES = 400

#: A phone, e-mail or name held by more than this many live contacts is no evidence
#: of identity: an office switchboard, ``info@``, a name as common as John Smith in the
#: US. (Same-account names count whatever their number.)
MAX_SHARED = 10

#: Called with (steps done, total); returns False to stop.
Progress = Callable[[int, int], bool]

# Han, kana and Hangul: written without spaces, folded one character a token.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class DuplicateSearchCancelled(Exception):
    """The progress callback asked to stop."""


@dataclass(frozen=True)
class DuplicateMatch:
    """A stored contact that may be the same person, why, and how sure (0–100)."""

    contact_id: int
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicatePair:
    first_id: int
    second_id: int
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicateGroup:
    """Contacts connected by duplicate pairs (a shared address joins all who share it)."""

    contact_ids: tuple[int, ...]
    pairs: tuple[DuplicatePair, ...]

    @property
    def score(self) -> int:
        return max(pair.score for pair in self.pairs)


# --- normalisation ---------------------------------------------------------------------


def normalise_email(address: str) -> str:
    """``"  Mette@Pumps.DK "`` → ``"mette@pumps.dk"``; dots and ``+tags`` are kept."""
    return address.strip().casefold()


_E164 = re.compile(r"\+[1-9]\d{6,14}")


def normalise_phone(number: str, country: str = "") -> str | None:
    """The E.164 form of ``number`` read in ``country`` (``033 12 34 56``, DK →
    ``+4533123456``), or None when it cannot be read as a phone number."""
    import phonenumbers  # ~50 ms to import: only when a phone is compared

    number = number.strip()
    if not number:
        return None
    if _E164.fullmatch(number):  # stored numbers are E.164 already: no parse needed
        return number
    region = country.strip().upper() or None
    if not number.startswith("+") and region is None:
        return None
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


@lru_cache(maxsize=1 << 16)  # names repeat: building an index folds each part once
def _part(text: str) -> str:
    """One name part folded; a Han/kana/Hangul part stays one token (``山田``)."""
    folded = fold(text)
    return folded.replace(" ", "") if _UNSPACED.search(folded) else folded


def name_key(given: str, family: str) -> str:
    return " ".join(part for part in (_part(given), _part(family)) if part)


def _transliterated(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text)


def name_keys(
    given: str, family: str, given_latin: str = "", family_latin: str = ""
) -> tuple[str, ...]:
    """The folded forms of a name that are compared (see the module's docstring).

    ``name_keys("太郎", "山田", "Taro", "Yamada") == ("taro yamada", "太郎 山田")``.
    """
    keys: list[str] = []
    latin = name_key(given_latin, family_latin)
    if latin:
        keys.append(latin)
    native = name_key(given, family)
    if native and native not in keys:
        keys.append(native)
        if not latin and not is_latin(given + family):
            ascii_key = name_key(_transliterated(given), _transliterated(family))
            if ascii_key and ascii_key not in keys:
                keys.append(ascii_key)
    return tuple(keys)


def draft_name_keys(draft: ContactDraft) -> tuple[str, ...]:
    return name_keys(
        draft.given_name, draft.family_name, draft.given_name_latin, draft.family_name_latin
    )


def name_similarity(first: Sequence[str], second: Sequence[str]) -> int:
    """The best token_sort_ratio between any form of one name and any of the other."""
    best = 0.0
    for left in first:
        for right in second:
            best = max(best, fuzz.token_sort_ratio(left, right, processor=None))
    return round(best)


def similar_names(key: str, names: Sequence[str]) -> list[tuple[str, float, int]]:
    """(name, score, position) of every name in ``names`` at least NAME_THRESHOLD alike."""
    return process.extract(
        key,
        names,
        scorer=fuzz.token_sort_ratio,
        processor=None,
        score_cutoff=NAME_THRESHOLD,
        limit=None,
    )


def blocking_key(key: str) -> str:
    """The sorted first letters of a folded name's tokens: ``soren sorensen`` → ``ss``.

    Names that differ in a first letter (``Kristensen``/``Christensen``) fall into
    different blocks and are not compared: the price of not comparing everything.
    """
    return "".join(sorted(token[0] for token in key.split()))


# --- reasons ---------------------------------------------------------------------------


def email_reason(address: str) -> str:
    return _("same e-mail %(address)s") % {"address": address}


def phone_reason(number: str) -> str:
    from relationsapp.core.validation import format_phone

    return _("same phone %(number)s") % {"number": format_phone(number)}


def name_reason(score: int) -> str:
    return _("similar name (%(score)d%%)") % {"score": score}


# --- one incoming contact: indexed SQL ------------------------------------------------


@dataclass
class _Evidence:
    """What was found about one stored contact while matching."""

    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    name_score: int = 0

    @property
    def score(self) -> int:
        scores = [EMAIL_SCORE] * bool(self.emails) + [PHONE_SCORE] * bool(self.phones)
        if self.name_score >= NAME_THRESHOLD:
            scores.append(self.name_score)
        return max(scores, default=0)

    @property
    def weight(self) -> int:
        return len(self.emails) + len(self.phones) + (self.name_score >= NAME_THRESHOLD)

    def reasons(self) -> tuple[str, ...]:
        reasons = [email_reason(address) for address in self.emails]
        reasons += [phone_reason(number) for number in self.phones]
        if self.name_score >= NAME_THRESHOLD:
            reasons.append(name_reason(self.name_score))
        return tuple(reasons)


def _sorted_matches(
    found: dict[int, _Evidence], exclude_id: int | None, limit: int | None
) -> list[DuplicateMatch]:
    # Reasons (translated, phones formatted) are made for the matches returned only.
    ranked = sorted(
        (-evidence.score, -evidence.weight, contact_id)
        for contact_id, evidence in found.items()
        if evidence.score and contact_id != exclude_id
    )
    if limit is not None:
        ranked = ranked[:limit]
    return [DuplicateMatch(cid, -score, found[cid].reasons()) for score, _w, cid in ranked]


def draft_emails(draft: ContactDraft) -> list[str]:
    return list(dict.fromkeys(e for x in draft.emails if (e := normalise_email(x.address))))


def draft_phones(draft: ContactDraft) -> list[str]:
    numbers = (normalise_phone(phone.number, draft.country) for phone in draft.phones)
    return list(dict.fromkeys(number for number in numbers if number))


# CROSS JOIN keeps the child table first: left to itself SQLite walks every live contact.
LIVE_CHILD_SQL = (
    "CROSS JOIN contacts AS c ON c.id = x.contact_id "
    "WHERE x.deleted_at IS NULL AND c.deleted_at IS NULL"
)
NAME_COLUMNS_SQL = "c.id, c.given_name, c.family_name, c.given_name_latin, c.family_name_latin"


def _name_match_expression(keys: Iterable[str], prefix: int | None) -> str:
    """FTS5 query for name candidates: every token of a form, in any order.

    With ``prefix=2``: ``("so"* AND "so"*) OR ("ta"* AND "ya"*)``, so that ``Jon`` meets
    ``John``; with None, whole tokens as prefixes (``"soren"* AND "sorensen"*``).
    Folded tokens hold only letters, digits and marks, so nothing typed can inject
    FTS5 syntax.
    """
    phrases = []
    for key in keys:
        tokens = fold(key).split()  # Han names go back to one character a token
        if tokens:
            words = " AND ".join(f'"{token[:prefix]}"*' for token in tokens)
            phrases.append(f"({words})")
    return " OR ".join(phrases)


def _not_shared(holders: dict[str, set[int]]) -> dict[str, set[int]]:
    return {value: ids for value, ids in holders.items() if len(ids) <= MAX_SHARED}


def find_duplicates_of(
    database: Database, draft: ContactDraft, *, exclude_id: int | None = None, limit: int = 5
) -> list[DuplicateMatch]:
    """Live contacts that may be the person in ``draft``, best first.

    Uses the case-insensitive e-mail index, one query over phones and the full-text
    index for names: a few milliseconds at 100,000 contacts (see bench_duplicates).
    """
    reader = database.reader()
    found: dict[int, _Evidence] = defaultdict(_Evidence)
    holders: dict[str, set[int]] = defaultdict(set)
    for address in draft_emails(draft):
        # = ... COLLATE NOCASE walks ix_contact_emails_address_nocase (migration 0002);
        # NOCASE folds ASCII only, so the exact casefold check is made here.
        sql = f"SELECT x.contact_id, x.address FROM contact_emails AS x {LIVE_CHILD_SQL}"
        for contact_id, stored in reader.execute(
            f"{sql} AND x.address = ? COLLATE NOCASE", (address,)
        ):
            if normalise_email(stored) == address:
                holders[address].add(contact_id)
    for address, ids in _not_shared(holders).items():
        for contact_id in ids:
            found[contact_id].emails.append(address)
    holders.clear()
    phones = draft_phones(draft)
    if phones:
        # No index on contact_phones.number yet: this reads the phone table once
        # (~12 ms at 145,000 numbers); an index would make it ~0.1 ms.
        marks = ", ".join("?" * len(phones))
        sql = f"SELECT x.contact_id, x.number FROM contact_phones AS x {LIVE_CHILD_SQL}"
        for contact_id, number in reader.execute(f"{sql} AND x.number IN ({marks})", phones):
            holders[number].add(contact_id)
    for number, ids in _not_shared(holders).items():
        for contact_id in ids:
            found[contact_id].phones.append(number)
    keys = draft_name_keys(draft)
    if keys:
        _score_names(reader, draft, keys, found)
    return _sorted_matches(found, exclude_id, limit)


def _score_names(
    reader: Any, draft: ContactDraft, keys: tuple[str, ...], found: dict[int, _Evidence]
) -> None:
    """Name scores for the contacts already found, and for full-text candidates that
    share the account or the country (unless the name is common in the country)."""
    columns = f"{NAME_COLUMNS_SQL}, c.account_id"
    rows: list[Any] = []
    if found:
        ids = list(found)
        marks = ", ".join("?" * len(ids))
        sql = f"SELECT {columns} FROM contacts AS c WHERE c.id IN ({marks})"
        rows += reader.execute(sql, ids).fetchall()
    places: list[str] = []
    params: list[Any] = []
    if draft.account_id is not None:
        places.append("c.account_id = ?")
        params.append(draft.account_id)
    if draft.country.strip():
        places.append("c.country = ?")
        params.append(draft.country.strip().upper())
    if places:
        # Whole words first (they cannot be crowded out by the limit), then two-letter
        # prefixes for the near misses.
        for prefix in (None, 2):
            rows += reader.execute(
                f"SELECT {columns} FROM contact_fts AS f CROSS JOIN contacts AS c "
                "ON c.id = f.rowid WHERE contact_fts MATCH ? AND c.deleted_at IS NULL "
                f"AND ({' OR '.join(places)}) LIMIT ?",
                [_name_match_expression(keys, prefix), *params, NAME_CANDIDATES],
            ).fetchall()
    by_country: dict[int, int] = {}
    scored: set[int] = set()
    for contact_id, given, family, given_latin, family_latin, account_id in rows:
        if contact_id in scored:
            continue
        scored.add(contact_id)
        score = name_similarity(keys, name_keys(given, family, given_latin, family_latin))
        if contact_id in found or (account_id is not None and account_id == draft.account_id):
            if score >= NAME_THRESHOLD or contact_id in found:
                found[contact_id].name_score = score
        elif score >= NAME_THRESHOLD:
            by_country[contact_id] = score
    if len(by_country) <= MAX_SHARED:
        for contact_id, score in by_country.items():
            found[contact_id].name_score = score


# --- many incoming contacts: everything in memory -------------------------------------


def places_of(account_id: int | None, country: str) -> list[str]:
    """The blocks a name is filed under: its account and its country."""
    places = []
    if account_id is not None:
        places.append(f"a{account_id}")
    if country:
        places.append(f"c{country.upper()}")
    # A name with neither is compared with the other names that have neither: a
    # re-imported name-only card must find the copy imported before.
    return places or ["-"]


class DuplicateIndex:
    """Every live contact's e-mails, phones and names in memory, for matching many
    incoming contacts (an import) without a query per card.

    ``DuplicateIndex.build(database)`` runs three queries (about 2 s at 100,000
    contacts, see bench_duplicates); :meth:`matches` then costs well under a
    millisecond a card. :meth:`add` files a contact just imported, so the second copy
    of a card in the same file is caught too.
    """

    def __init__(self) -> None:
        self._by_email: dict[str, set[int]] = defaultdict(set)
        self._by_phone: dict[str, set[int]] = defaultdict(set)
        self._keys: dict[int, tuple[str, ...]] = {}
        #: (place, blocking key) → ([contact id], [name key]), parallel lists
        self._blocks: dict[tuple[str, str], tuple[list[int], list[str]]] = {}

    @classmethod
    def build(cls, database: Database) -> DuplicateIndex:
        index = cls()
        reader = database.reader()
        sql = f"SELECT x.contact_id, x.address FROM contact_emails AS x {LIVE_CHILD_SQL}"
        for contact_id, address in reader.execute(sql):
            index._by_email[normalise_email(address)].add(contact_id)
        sql = f"SELECT x.contact_id, x.number FROM contact_phones AS x {LIVE_CHILD_SQL}"
        for contact_id, number in reader.execute(sql):
            index._by_phone[number].add(contact_id)
        sql = f"SELECT {NAME_COLUMNS_SQL}, c.account_id, c.country FROM contacts AS c"
        for row in reader.execute(f"{sql} WHERE c.deleted_at IS NULL"):
            contact_id, given, family, given_latin, family_latin, account_id, country = row
            keys = name_keys(given, family, given_latin, family_latin)
            index._file_name(contact_id, account_id, country, keys)
        return index

    def _file_name(
        self, contact_id: int, account_id: int | None, country: str, keys: tuple[str, ...]
    ) -> None:
        self._keys[contact_id] = keys
        for place in places_of(account_id, country):
            for key in keys:
                ids, names = self._blocks.setdefault((place, blocking_key(key)), ([], []))
                ids.append(contact_id)
                names.append(key)

    def add(self, contact_id: int, draft: ContactDraft) -> None:
        """File a contact stored after the index was built (e.g. earlier in an import)."""
        for address in draft_emails(draft):
            self._by_email[address].add(contact_id)
        for number in draft_phones(draft):
            self._by_phone[number].add(contact_id)
        country = draft.country.strip().upper()
        self._file_name(contact_id, draft.account_id, country, draft_name_keys(draft))

    def __len__(self) -> int:
        return len(self._keys)

    def matches(
        self, draft: ContactDraft, *, exclude_id: int | None = None, limit: int | None = 5
    ) -> list[DuplicateMatch]:
        """The same answer as :func:`find_duplicates_of`, from memory."""
        found: dict[int, _Evidence] = defaultdict(_Evidence)
        for address in draft_emails(draft):
            ids = self._by_email.get(address, set())
            for contact_id in ids if len(ids) <= MAX_SHARED else ():
                found[contact_id].emails.append(address)
        for number in draft_phones(draft):
            ids = self._by_phone.get(number, set())
            for contact_id in ids if len(ids) <= MAX_SHARED else ():
                found[contact_id].phones.append(number)
        keys = draft_name_keys(draft)
        if not keys:
            return _sorted_matches(found, exclude_id, limit)
        for contact_id, evidence in found.items():
            evidence.name_score = name_similarity(keys, self._keys.get(contact_id, ()))
        country = draft.country.strip().upper()
        same_account = (
            self._similar(keys, places_of(draft.account_id, ""))
            if draft.account_id is not None
            else {}
        )
        same_country = self._similar(keys, places_of(None, country))
        for contact_id, score in same_account.items():
            found[contact_id].name_score = max(found[contact_id].name_score, score)
        country_only = {
            contact_id: score
            for contact_id, score in same_country.items()
            if contact_id not in found
        }
        if len(country_only) <= MAX_SHARED:  # else the name is common there
            for contact_id, score in country_only.items():
                found[contact_id].name_score = score
        return _sorted_matches(found, exclude_id, limit)

    def _similar(self, keys: tuple[str, ...], places: list[str]) -> dict[int, int]:
        """Contacts filed under ``places`` whose name scores ``NAME_THRESHOLD`` or more."""
        scores: dict[int, int] = {}
        for place in places:
            for key in keys:
                ids, names = self._blocks.get((place, blocking_key(key)), ((), ()))
                hits = similar_names(key, names)
                for _name, score, position in hits:
                    contact_id = ids[position]
                    scores[contact_id] = max(scores.get(contact_id, 0), round(score))
        return scores
