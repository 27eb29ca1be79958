"""What the relationship metrics are computed from, read in one go with plain SQL, and
the exchange-rate look-up that turns its orders into one currency.

Plain dataclasses, no ORM objects, no SQLAlchemy import: the dashboard reads this once
(off the UI thread) and recomputes every period and segment from it in memory.
Only live rows count: tombstoned orders, answers, rates and accounts are left out, and
so are orders of tombstoned accounts and answers of tombstoned contacts or accounts.
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import get_currency_precision

from relationsapp.storage.database import Database


@dataclass(frozen=True)
class MetricsAccount:
    """An account as the segment filters and the referral rate see it."""

    id: int
    industry: str = ""
    size_band: str = ""
    country: str = ""
    tags: tuple[str, ...] = ()
    #: Referred by another account or by a contact.
    referred: bool = False


@dataclass(frozen=True)
class MetricsOrder:
    """A won order (open and lost deals are not read)."""

    account_id: int
    ordered_on: dt.date
    amount_minor: int
    currency: str
    id: int = 0


@dataclass(frozen=True)
class MetricsAnswer:
    """A CSAT (1–5) or NPS (0–10) answer."""

    kind: str  # "csat" or "nps"
    score: int
    answered_on: dt.date
    contact_id: int | None = None
    #: The answer's account, or else the answering contact's account.
    account_id: int | None = None
    #: The account's country, or else the contact's ("" when neither has one).
    country: str = ""


@dataclass(frozen=True)
class MetricsRate:
    """One ``currency`` is worth ``rate`` ``quote`` from ``valid_on`` (as deal_service.Rate)."""

    currency: str
    quote: str
    rate: Decimal
    valid_on: dt.date


@dataclass(frozen=True)
class MetricsData:
    accounts: tuple[MetricsAccount, ...] = ()
    orders: tuple[MetricsOrder, ...] = ()
    answers: tuple[MetricsAnswer, ...] = ()
    rates: tuple[MetricsRate, ...] = ()


class RateTable:
    """The rates into ``target``: which factor turns an amount of a currency into it on a day.

    The newest rate valid on or before the day, from the direct pair (× rate) or the
    inverse pair (÷ rate), whichever is newer; the direct one on a tie.
    """

    def __init__(self, rates: Iterable[MetricsRate], target: str) -> None:
        self.target = target
        by_pair: dict[tuple[str, str], list[MetricsRate]] = {}
        for rate in rates:
            by_pair.setdefault((rate.currency, rate.quote), []).append(rate)
        # Per pair: the valid-from dates (sorted, for bisect) and the rates beside them.
        # The sort is stable, so of two rates for one day the later recorded wins.
        self._pairs: dict[tuple[str, str], tuple[list[dt.date], list[Decimal]]] = {}
        # Per (currency, day): what one minor unit is worth in ``target``, worked out once;
        # the dashboard's quarter-by-quarter trend sums the same orders eight times over.
        self._scales: dict[tuple[str, dt.date], Decimal | None] = {}
        for pair, values in by_pair.items():
            values.sort(key=lambda rate: rate.valid_on)
            self._pairs[pair] = ([r.valid_on for r in values], [r.rate for r in values])

    def _newest(self, pair: tuple[str, str], day: dt.date) -> tuple[dt.date, Decimal] | None:
        dates, rates = self._pairs.get(pair, ([], []))
        index = bisect_right(dates, day)
        return (dates[index - 1], rates[index - 1]) if index else None

    def factor(self, currency: str, day: dt.date) -> Decimal | None:
        if currency == self.target:
            return Decimal(1)
        direct = self._newest((currency, self.target), day)
        inverse = self._newest((self.target, currency), day)
        if direct is not None and (inverse is None or direct[0] >= inverse[0]):
            return direct[1]
        return None if inverse is None else 1 / inverse[1]

    def total(self, orders: Iterable[MetricsOrder]) -> tuple[Decimal | None, tuple[str, ...]]:
        """The exact sum in ``target``, or None and the currencies without a rate."""
        total, missing = Decimal(0), set()
        scales = self._scales
        for order in orders:
            key = (order.currency, order.ordered_on)
            if key not in scales:
                factor = self.factor(order.currency, order.ordered_on)
                precision = get_currency_precision(order.currency)
                scales[key] = None if factor is None else Decimal(1).scaleb(-precision) * factor
            scale = scales[key]
            if scale is None:
                missing.add(order.currency)
            else:
                total += order.amount_minor * scale
        return (None, tuple(sorted(missing))) if missing else (total, ())


@lru_cache(maxsize=8)
def rate_table(rates: tuple[MetricsRate, ...], target: str) -> RateTable:
    """One table per rates and currency, so repeated reports share its conversions."""
    return RateTable(rates, target)


_ACCOUNTS = """
SELECT id, industry, size_band, country, tags,
       referred_by_account_id IS NOT NULL OR referred_by_contact_id IS NOT NULL
FROM accounts WHERE deleted_at IS NULL
"""

_ORDERS = """
SELECT o.id, o.account_id, o.ordered_on, o.amount_minor, o.currency
FROM orders AS o JOIN accounts AS a ON a.id = o.account_id
WHERE o.deleted_at IS NULL AND a.deleted_at IS NULL AND o.status = 'won'
"""

_ANSWERS = """
SELECT f.kind, f.score, f.answered_on, f.contact_id, a.id,
       COALESCE(NULLIF(a.country, ''), c.country, '')
FROM feedback AS f
LEFT JOIN contacts AS c ON c.id = f.contact_id
LEFT JOIN accounts AS a ON a.id = COALESCE(f.account_id, c.account_id)
WHERE f.deleted_at IS NULL
  AND (c.id IS NULL OR c.deleted_at IS NULL)
  AND (a.id IS NULL OR a.deleted_at IS NULL)
"""

# In the order they were recorded: of two rates for one pair and day, the later wins.
_RATES = """
SELECT currency, quote, rate, valid_on FROM exchange_rates WHERE deleted_at IS NULL ORDER BY id
"""


def load_metrics_data(database: Database) -> MetricsData:
    """Every live account, won order, answer and exchange rate of the file."""
    reader = database.reader()
    accounts = tuple(
        MetricsAccount(
            id=row[0],
            industry=row[1] or "",
            size_band=row[2] or "",
            country=(row[3] or "").upper(),
            tags=_tags(row[4]),
            referred=bool(row[5]),
        )
        for row in reader.execute(_ACCOUNTS)
    )
    orders = tuple(
        MetricsOrder(
            id=row[0],
            account_id=row[1],
            ordered_on=dt.date.fromisoformat(row[2]),
            amount_minor=row[3],
            currency=row[4],
        )
        for row in reader.execute(_ORDERS)
    )
    answers = tuple(
        MetricsAnswer(
            kind=row[0],
            score=row[1],
            answered_on=dt.date.fromisoformat(row[2]),
            contact_id=row[3],
            account_id=row[4],
            country=(row[5] or "").upper(),
        )
        for row in reader.execute(_ANSWERS)
    )
    rates = []
    for currency, quote, text, valid_on in reader.execute(_RATES):
        rate = _decimal(text)
        if rate is not None:
            rates.append(MetricsRate(currency, quote, rate, dt.date.fromisoformat(valid_on)))
    return MetricsData(accounts, orders, answers, tuple(rates))


def _tags(text: str | None) -> tuple[str, ...]:
    """The JSON array of tags; a damaged value counts as no tags rather than failing."""
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(str(tag) for tag in value)


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError):
        return None
    return value if value.is_finite() and value > 0 else None
