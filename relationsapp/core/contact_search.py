"""What the contacts list asks for: search text, segment filters and a sort order.

Sorting by country name or by the client's local time depends on the UI language
and on the clock, so those orders are made here in Python; name and account orders
come from the database's indexes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from relationsapp.core.choices import Channel, label
from relationsapp.core.contact_rows import row_from_columns
from relationsapp.core.records import ContactRow
from relationsapp.core.zones import now_utc, utc_offset_minutes
from relationsapp.i18n.collation import collation_key
from relationsapp.i18n.formatting import country_name
from relationsapp.i18n.translate import current_language
from relationsapp.storage.database import Database
from relationsapp.storage.fts_contact_search import ContactFilter, FtsContactIndex


class SortColumn(StrEnum):
    NAME = "name"
    ACCOUNT = "account"
    COUNTRY = "country"
    LOCAL_TIME = "local_time"
    CHANNEL = "channel"


@dataclass(frozen=True)
class ContactQuery:
    """Search text plus filters that combine with it (all must match)."""

    text: str = ""
    country: str = ""
    industry: str = ""
    size_band: str = ""
    tag: str = ""
    sort: SortColumn = SortColumn.NAME
    descending: bool = False

    def as_filter(self) -> ContactFilter:
        return ContactFilter(self.text, self.country, self.industry, self.size_band, self.tag)


@dataclass(frozen=True)
class Facets:
    """The values the filter menus offer, from live data."""

    countries: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    size_bands: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class ContactSearch(Protocol):
    def contact_ids(self, query: ContactQuery) -> list[int]:
        """Ids of live contacts matching ``query``, in its sort order."""
        ...

    def count(self, query: ContactQuery) -> int:
        """How many live contacts match ``query``."""
        ...

    def rows(self, query: ContactQuery, offset: int, limit: int) -> list[ContactRow]:
        """Rows ``offset`` to ``offset + limit`` of the result, in its sort order."""
        ...

    def facets(self) -> Facets: ...


_NO_ZONE = -100_000  # sorts contacts without a zone first


def _offset_key() -> Callable[[str], int]:
    instant = now_utc()
    offsets: dict[str, int] = {}

    def offset(zone: str) -> int:
        # One pytz lookup per distinct zone, not one per contact.
        if zone not in offsets:
            try:
                offsets[zone] = utc_offset_minutes(zone, instant) if zone else _NO_ZONE
            except KeyError:
                offsets[zone] = _NO_ZONE
        return offsets[zone]

    return offset


def _channel_key(value: str) -> str:
    try:
        return label(Channel(value)).casefold()
    except ValueError:
        return value


_SQL_SORTS = (SortColumn.NAME, SortColumn.ACCOUNT)
#: Up to this many matches, sorting just the matches beats walking the name index
#: (measured at 100k contacts: the two plans cost about the same near 3,000 matches).
FEW_MATCHES = 2500


class IndexedContactSearch:
    """:class:`ContactSearch` over the database's full-text index.

    Name and account orders page straight out of SQL (``LIMIT``/``OFFSET``), so a
    keystroke costs one count and one page whatever the size of the file. Orders that
    depend on the UI language or the clock sort every match in Python once per query
    and page from that list.
    """

    def __init__(self, database: Database) -> None:
        self._index = FtsContactIndex(database)
        self._sorted: tuple[ContactQuery, list[int]] | None = None
        self._last_count: tuple[ContactQuery, int] | None = None

    def count(self, query: ContactQuery) -> int:
        count = self._index.count(query.as_filter())
        self._last_count = (query, count)  # tells rows() which query plan fits
        return count

    def rows(self, query: ContactQuery, offset: int, limit: int) -> list[ContactRow]:
        if query.sort in _SQL_SORTS:
            known = self._last_count
            few = known is not None and known[0] == query and known[1] <= FEW_MATCHES
            columns = self._index.page(
                query.as_filter(), query.sort.value, query.descending, offset, limit, few
            )
            return [row_from_columns(row) for row in columns]
        # Page 0 starts every new look at the data (a keystroke, a refresh after an
        # edit), so the sorted list is rebuilt then and reused for the pages after it.
        if offset == 0 or self._sorted is None or self._sorted[0] != query:
            self._sorted = (query, self.contact_ids(query))
        wanted = self._sorted[1][offset : offset + limit]
        by_id = {row[0]: row for row in self._index.rows_by_id(wanted)}
        return [row_from_columns(by_id[contact_id]) for contact_id in wanted if contact_id in by_id]

    def contact_ids(self, query: ContactQuery) -> list[int]:
        contact_filter = query.as_filter()
        if query.sort in _SQL_SORTS:
            return self._index.sorted_ids(contact_filter, query.sort.value, query.descending)
        column, key = {
            SortColumn.COUNTRY: (
                "country",
                lambda code: collation_key(country_name(code), current_language()),
            ),
            SortColumn.LOCAL_TIME: ("zone", _offset_key()),
            SortColumn.CHANNEL: ("channel", _channel_key),
        }[query.sort]
        rows = self._index.ids_with(contact_filter, column)
        cache: dict[str, object] = {}

        def sort_key(row: tuple[int, str, str]) -> tuple[object, str, int]:
            if row[1] not in cache:
                cache[row[1]] = key(row[1])
            return cache[row[1]], row[2], row[0]

        rows.sort(key=sort_key, reverse=query.descending)
        return [row[0] for row in rows]

    def facets(self) -> Facets:
        return Facets(**self._index.distinct_values())
