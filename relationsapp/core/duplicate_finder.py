"""The on-demand duplicate finder: every likely pair in the whole file, grouped.

The rules are those of :mod:`relationsapp.core.duplicates` (same e-mail, same phone,
or a similar name at the same account or in the same country); this module applies
them to everyone at once: e-mails and phones grouped in SQL, names compared within
blocks of the same first letters.
"""

from __future__ import annotations

from collections import defaultdict

from relationsapp.core.duplicates import (
    EMAIL_SCORE,
    LIVE_CHILD_SQL,
    MAX_SHARED,
    NAME_COLUMNS_SQL,
    PHONE_SCORE,
    DuplicateGroup,
    DuplicatePair,
    DuplicateSearchCancelled,
    Progress,
    blocking_key,
    email_reason,
    name_keys,
    name_reason,
    phone_reason,
    places_of,
    similar_names,
)
from relationsapp.storage.database import Database

# --- the whole file: the on-demand finder ---------------------------------------------


class _Pairs:
    """Duplicate pairs found so far, each with its reasons, and their groups."""

    def __init__(self) -> None:
        self.reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
        self.scores: dict[tuple[int, int], int] = defaultdict(int)
        #: The best name similarity of a pair (over all forms of the two names).
        self.name_scores: dict[tuple[int, int], int] = {}
        self._parent: dict[int, int] = {}

    def add(self, first: int, second: int, score: int, reason: str) -> None:
        pair = self._pair(first, second)
        if reason not in self.reasons[pair]:
            self.reasons[pair].append(reason)
        self.scores[pair] = max(self.scores[pair], score)

    def add_name(self, first: int, second: int, score: int) -> None:
        pair = self._pair(first, second)
        self.name_scores[pair] = max(self.name_scores.get(pair, 0), score)
        self.scores[pair] = max(self.scores[pair], score)

    def _pair(self, first: int, second: int) -> tuple[int, int]:
        self._parent[self._root(first)] = self._root(second)
        return (min(first, second), max(first, second))

    def _root(self, item: int) -> int:
        parent = self._parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving
            item = parent[item]
        return item

    def groups(self) -> list[DuplicateGroup]:
        members: dict[int, list[int]] = defaultdict(list)
        pairs: dict[int, list[DuplicatePair]] = defaultdict(list)
        for item in list(self._parent):
            members[self._root(item)].append(item)
        for pair, score in self.scores.items():
            reasons = list(self.reasons.get(pair, ()))
            if pair in self.name_scores:
                reasons.append(name_reason(self.name_scores[pair]))
            pairs[self._root(pair[0])].append(DuplicatePair(*pair, score, tuple(reasons)))
        groups = [
            DuplicateGroup(
                tuple(sorted(members[root])),
                tuple(sorted(pairs[root], key=lambda p: (-p.score, p.first_id, p.second_id))),
            )
            for root in members
            if pairs[root]
        ]
        groups.sort(key=lambda group: (-group.score, group.contact_ids[0]))
        return groups


def find_all_duplicates(
    database: Database, progress: Progress | None = None
) -> list[DuplicateGroup]:
    """Every group of live contacts that may be one person, most certain first.

    E-mails and phones are grouped in SQL (one query each); names are read once and
    compared only within blocks of the same account or country and the same
    :func:`blocking_key`, so 100,000 contacts never make 10¹⁰ comparisons. Raises
    :class:`DuplicateSearchCancelled` when ``progress`` returns False.
    """
    reader = database.reader()
    found = _Pairs()
    # lower() folds ASCII only; an address differing in the case of a non-ASCII
    # letter is still caught when the pair is also similar by name.
    grouped = (
        (
            "SELECT lower(trim(x.address)), group_concat(DISTINCT x.contact_id) "
            f"FROM contact_emails AS x {LIVE_CHILD_SQL} AND trim(x.address) != '' "
            "GROUP BY 1 HAVING count(DISTINCT x.contact_id) BETWEEN 2 AND :most",
            EMAIL_SCORE,
            email_reason,
        ),
        (
            "SELECT x.number, group_concat(DISTINCT x.contact_id) "
            f"FROM contact_phones AS x {LIVE_CHILD_SQL} AND x.number != '' "
            "GROUP BY 1 HAVING count(DISTINCT x.contact_id) BETWEEN 2 AND :most",
            PHONE_SCORE,
            phone_reason,
        ),
    )
    for sql, score, reason in grouped:
        for value, ids_text in reader.execute(sql, {"most": MAX_SHARED}):
            ids = sorted(int(part) for part in ids_text.split(","))
            text = reason(value)
            for other in ids[1:]:  # a star, not every pair: 10 sharing a line make 9
                found.add(ids[0], other, score, text)
    blocks: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for row in reader.execute(
        f"SELECT {NAME_COLUMNS_SQL}, c.account_id, c.country FROM contacts AS c "
        "WHERE c.deleted_at IS NULL"
    ):
        contact_id, given, family, given_latin, family_latin, account_id, country = row
        keys = name_keys(given, family, given_latin, family_latin)
        for place in places_of(account_id, country):
            for key in keys:
                blocks[(place, blocking_key(key))].append((contact_id, key))
    crowded = [(place, block) for (place, _key), block in blocks.items() if len(block) > 1]
    for done, (place, block) in enumerate(crowded):
        if progress is not None and done % 200 == 0 and not progress(done, len(crowded)):
            raise DuplicateSearchCancelled
        _compare_block(block, found, common_guard=place.startswith("c"))
    if progress is not None and not progress(len(crowded), len(crowded)):
        raise DuplicateSearchCancelled
    return found.groups()


def _compare_block(block: list[tuple[int, str]], found: _Pairs, *, common_guard: bool) -> None:
    """Pair up similar names of one block; with ``common_guard`` (a country block), a
    name that more than MAX_SHARED others there share is common, not a duplicate."""
    holders: dict[str, list[int]] = defaultdict(list)
    for contact_id, key in block:
        if contact_id not in holders[key]:
            holders[key].append(contact_id)
    names = list(holders)
    for key, own in holders.items():
        hits = similar_names(key, names)
        similar = [(holders[name], round(score)) for name, score, _position in hits]
        if common_guard and sum(len(ids) for ids, _score in similar) - 1 > MAX_SHARED:
            continue
        for contact_id in own:
            for ids, score in similar:
                for other_id in ids:
                    if other_id > contact_id:
                        found.add_name(contact_id, other_id, score)
