"""Contact search over SQLite FTS5: the ``contact_fts`` index that triggers keep in step.

Everything FTS5-specific (MATCH syntax, the index table, JSON tag columns) stays in
this file; ``core.contact_search`` talks to it through :class:`ContactFilter`, so
another database backend can provide the same two methods.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relationsapp.storage.database import Database
from relationsapp.storage.text_folding import fold_words

#: Columns ``select_ids`` can return beside the id, for callers that sort themselves.
SORT_COLUMNS = {
    "name": "c.sort_key",
    "account": "coalesce(a.sort_key, '')",
    "country": "c.country",
    "zone": "c.time_zone",
    "channel": "c.preferred_channel",
}


@dataclass(frozen=True)
class ContactFilter:
    text: str = ""
    country: str = ""
    industry: str = ""
    size_band: str = ""
    tag: str = ""


def fts_match_expression(text: str) -> str:
    """An FTS5 MATCH expression for what the user typed: every word as a prefix phrase.

    ``"Jørgen sø"`` → ``"jorgen"* AND "so"*``; ``"山田"`` → ``"山 田"*`` (a phrase, so the
    characters must be adjacent). Folded tokens hold only letters, digits and marks,
    so no user input can inject FTS5 syntax.
    """
    return " AND ".join('"' + " ".join(tokens) + '"*' for tokens in fold_words(text))


_MATCH_CLAUSE = "c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH :match)"


def _where(contact_filter: ContactFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    match = fts_match_expression(contact_filter.text)
    if match:
        clauses.append(_MATCH_CLAUSE)
        params["match"] = match
    if contact_filter.country:
        clauses.append("c.country = :country")
        params["country"] = contact_filter.country
    if contact_filter.industry:
        clauses.append("a.industry = :industry")
        params["industry"] = contact_filter.industry
    if contact_filter.size_band:
        clauses.append("a.size_band = :size_band")
        params["size_band"] = contact_filter.size_band
    if contact_filter.tag:
        clauses.append(
            "(c.id IN (SELECT contact_id FROM contact_tags WHERE tag = :tag)"
            " OR EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = :tag))"
        )
        params["tag"] = contact_filter.tag
    return " AND ".join(clauses), params


_FROM = "FROM contacts AS c LEFT JOIN accounts AS a ON a.id = c.account_id AND a.deleted_at IS NULL"
#: What a list row needs, in this order (see core.contact_search.row_from_columns).
ROW_COLUMNS = (
    "c.id, c.display_name, c.latin_name, coalesce(a.name, ''), c.country, c.time_zone, "
    "c.work_start, c.work_end, c.weekend_days, c.preferred_channel"
)


def _order(sort: str, descending: bool) -> str:
    direction = "DESC" if descending else "ASC"
    if sort == "name":
        # The (deleted_at, sort_key) index, rowid included: no sorting step at all.
        return f"ORDER BY c.sort_key {direction}, c.id {direction}"
    return f"ORDER BY {SORT_COLUMNS[sort]} {direction}, c.sort_key {direction}, c.id {direction}"


def count_query(contact_filter: ContactFilter) -> tuple[str, dict[str, Any]]:
    """SQL and parameters counting the live contacts that match."""
    where, params = _where(contact_filter)
    only_text = contact_filter == ContactFilter(text=contact_filter.text)
    if only_text and params:
        # The index holds live contacts only, so it can count on its own.
        return "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH :match", params
    if only_text:
        return "SELECT count(*) FROM contacts WHERE deleted_at IS NULL", params
    return f"SELECT count(*) {_FROM} WHERE {where}", params


def page_query(
    contact_filter: ContactFilter, sort: str, descending: bool, few_matches: bool
) -> tuple[str, dict[str, Any]]:
    """SQL for one page of ``ROW_COLUMNS`` (bind ``limit`` and ``offset`` too).

    Two plans, chosen by the caller from the match count: for many matches, walk the
    name index and keep the rows the full-text index matched (stops after one page);
    for few matches, read the matches first and sort just those — walking 100,000
    index entries to find 12 rows would cost ~9 ms for nothing.
    """
    where, params = _where(contact_filter)
    source = _FROM
    if few_matches and "match" in params:
        source = (
            "FROM contact_fts AS f CROSS JOIN contacts AS c ON c.id = f.rowid "
            "LEFT JOIN accounts AS a ON a.id = c.account_id AND a.deleted_at IS NULL"
        )
        where = where.replace(_MATCH_CLAUSE, "contact_fts MATCH :match")
    order = _order(sort, descending)
    return (
        f"SELECT {ROW_COLUMNS} {source} WHERE {where} {order} LIMIT :limit OFFSET :offset",
        params,
    )


class FtsContactIndex:
    """Queries over the FTS5 index, on raw DB-API connections (no ORM on the hot path)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def count(self, contact_filter: ContactFilter) -> int:
        """How many live contacts match (cheapest query that answers it)."""
        sql, params = count_query(contact_filter)
        return int(self._fetch(sql, params)[0][0])

    def page(
        self,
        contact_filter: ContactFilter,
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        few_matches: bool = False,
    ) -> list[tuple[Any, ...]]:
        """``ROW_COLUMNS`` of one page of matches, in order (see :func:`page_query`)."""
        sql, params = page_query(contact_filter, sort, descending, few_matches)
        return self._fetch(sql, {**params, "limit": limit, "offset": offset})

    def rows_by_id(self, ids: list[int]) -> list[tuple[Any, ...]]:
        """``ROW_COLUMNS`` of live contacts among ``ids`` (any order)."""
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(ids), 900):  # under SQLite's bound-parameter limit
            chunk = ids[start : start + 900]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {ROW_COLUMNS} {_FROM} WHERE c.deleted_at IS NULL AND c.id IN ({marks})"
            rows.extend(self._fetch(sql, chunk))
        return rows

    def sorted_ids(self, contact_filter: ContactFilter, sort: str, descending: bool) -> list[int]:
        """Every matching id in SQL order."""
        where, params = _where(contact_filter)
        sql = f"SELECT c.id {_FROM} WHERE {where} {_order(sort, descending)}"
        return [row[0] for row in self._fetch(sql, params)]

    def ids_with(self, contact_filter: ContactFilter, column: str) -> list[tuple[int, str, str]]:
        """(id, value of ``column``, name sort key) of every match, unsorted."""
        where, params = _where(contact_filter)
        sql = f"SELECT c.id, {SORT_COLUMNS[column]}, c.sort_key {_FROM} WHERE {where}"
        return [(row[0], row[1], row[2]) for row in self._fetch(sql, params)]

    def distinct_values(self) -> dict[str, list[str]]:
        """Values the filter menus offer: countries, industries, size bands, tags."""
        live = "deleted_at IS NULL"
        tags = {row[0] for row in self._fetch("SELECT DISTINCT tag FROM contact_tags", {})}
        # Accounts are few (thousands): reading their JSON directly is cheap.
        sql = f"SELECT DISTINCT j.value FROM accounts, json_each(accounts.tags) AS j WHERE {live}"
        tags.update(row[0] for row in self._fetch(sql, {}))
        return {
            # Left alone, SQLite walks the name index and reads every row (~170 ms at
            # 100k); the (country, deleted_at) index answers from itself (~10 ms).
            "countries": self._column(
                "SELECT DISTINCT country FROM contacts INDEXED BY ix_contacts_country",
                live,
                "country",
            ),
            "industries": self._column("SELECT DISTINCT industry FROM accounts", live, "industry"),
            "size_bands": self._column(
                "SELECT DISTINCT size_band FROM accounts", live, "size_band"
            ),
            "tags": sorted(tags, key=str.casefold),
        }

    def _column(self, select: str, live: str, column: str) -> list[str]:
        sql = f"{select} WHERE {live} AND {column} != '' ORDER BY {column}"
        return [row[0] for row in self._fetch(sql, {})]

    def _fetch(self, sql: str, params: dict[str, Any] | list[int]) -> list[Any]:
        return self._database.reader().execute(sql, params).fetchall()
