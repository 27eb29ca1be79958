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


def _where(contact_filter: ContactFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    match = fts_match_expression(contact_filter.text)
    if match:
        clauses.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH :match)")
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
            "(EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = :tag)"
            " OR EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = :tag))"
        )
        params["tag"] = contact_filter.tag
    return " AND ".join(clauses), params


_FROM = "FROM contacts AS c LEFT JOIN accounts AS a ON a.id = c.account_id AND a.deleted_at IS NULL"


class FtsContactIndex:
    """Queries over the FTS5 index, on raw DB-API connections (no ORM on the hot path)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def sorted_ids(self, contact_filter: ContactFilter, sort: str, descending: bool) -> list[int]:
        """Ids ordered by a ``SORT_COLUMNS`` key in SQL, ties broken by id."""
        where, params = _where(contact_filter)
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT c.id {_FROM} WHERE {where} "
            f"ORDER BY {SORT_COLUMNS[sort]} {direction}, c.sort_key {direction}, c.id {direction}"
        )
        return [row[0] for row in self._fetch(sql, params)]

    def ids_with(self, contact_filter: ContactFilter, column: str) -> list[tuple[int, str, str]]:
        """(id, value of ``column``, name sort key) of every match, unsorted."""
        where, params = _where(contact_filter)
        sql = f"SELECT c.id, {SORT_COLUMNS[column]}, c.sort_key {_FROM} WHERE {where}"
        return [(row[0], row[1], row[2]) for row in self._fetch(sql, params)]

    def distinct_values(self) -> dict[str, list[str]]:
        """Values the filter menus offer: countries, industries, size bands, tags."""
        live = "deleted_at IS NULL"
        tags: set[str] = set()
        for table in ("contacts", "accounts"):
            sql = f"SELECT DISTINCT j.value FROM {table}, json_each({table}.tags) AS j WHERE {live}"
            tags.update(row[0] for row in self._fetch(sql, {}))
        return {
            "countries": self._column("SELECT DISTINCT country FROM contacts", live, "country"),
            "industries": self._column("SELECT DISTINCT industry FROM accounts", live, "industry"),
            "size_bands": self._column(
                "SELECT DISTINCT size_band FROM accounts", live, "size_band"
            ),
            "tags": sorted(tags, key=str.casefold),
        }

    def _column(self, select: str, live: str, column: str) -> list[str]:
        sql = f"{select} WHERE {live} AND {column} != '' ORDER BY {column}"
        return [row[0] for row in self._fetch(sql, {})]

    def _fetch(self, sql: str, params: dict[str, Any]) -> list[Any]:
        connection = self._database.engine.raw_connection()
        try:
            cursor = connection.cursor()
            rows = cursor.execute(sql, params).fetchall()
            cursor.close()
            return rows
        finally:
            connection.close()
