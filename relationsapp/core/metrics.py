"""The five relationship measures, computed from orders and feedback (offline).

Definitions (the README says the same; the code follows them). A period runs from
``first`` to ``last``, both civil dates included. Only live records count (see
metrics_data), and only accounts in the chosen segment, judged by their industry, size
band, country and tags as they are now.

- A *customer* on a date D is an account with a won order dated from D − ``window_months``
  months + 1 day up to D, both included; the window is configurable (default 12 months).
  With 12 months, the customers on 2026-03-31 are the accounts with a won order from
  2025-04-01 to 2026-03-31. Months keep the day of the month, clamped to the month's end
  (31 March − 1 month = 28 or 29 February).
- *Customers at start* are the customers on the day before ``first``; *customers at end*
  are the customers on ``last``.
- *New customers* in a period: customers at its end whose first won order ever falls
  inside the period.
- *Retention rate* = (customers at end − new customers) ÷ customers at start; None when
  there were no customers at the start. Someone who had lapsed and ordered again in the
  period counts as retained (not new), so the rate can exceed 100 %.
- *CSAT* = share of CSAT answers (1–5) given in the period that are 4 or 5.
- *NPS* = % promoters (9–10) − % detractors (0–6) among NPS answers given in the period,
  from −100 to 100. CSAT and NPS are None without answers. An answer belongs to its own
  account, else to the answering contact's account; with no segment chosen every answer
  counts, also those of people without an account.
- *Referral rate* = share of the period's new customers that were referred (by a
  contact or an account); None without new customers.
- *CLTV, historic* = won revenue of the customers at the end (every won order of theirs
  up to ``last``) ÷ customers at the end; None without customers at the end.
- *CLTV, predictive* = average order value × purchase frequency × average lifespan, where
  AOV = won revenue in the period ÷ won orders in the period; frequency = won orders in
  the period ÷ accounts with a won order in the period ÷ the period's length in years;
  lifespan = the mean, over every account with a won order up to ``last``, of (its last
  won order up to ``last`` − its first won order) in years, each counted as at least
  1/12 year (a one-off buyer was a customer for a month). A year is 365 days.
- *Money*: each order is converted into the report's currency with the newest rate valid
  on or before the order's date, from the direct pair (1 order currency = r report
  currency: × r) or the inverse pair (1 report currency = r order currency: ÷ r),
  whichever is newer (the direct one on a tie). Sums are exact decimals, rounded half up
  to the currency's minor unit only at the end. When some order's currency has no usable
  rate the amount is None and ``missing_rates`` names those currencies: amounts in
  different currencies are never added up as they are.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.numbers import get_currency_precision, is_currency

from relationsapp.core.metrics_data import (
    MetricsAccount,
    MetricsAnswer,
    MetricsData,
    MetricsOrder,
    rate_table,
)
from relationsapp.core.workspace import get_setting, set_setting
from relationsapp.i18n.translate import _
from relationsapp.storage.database import Database

#: The per-file setting that holds ``CustomerDefinition.window_months``.
WINDOW_SETTING = "customer_window_months"
MAX_WINDOW_MONTHS = 120
DAYS_PER_YEAR = Decimal(365)
MIN_LIFESPAN_YEARS = Decimal(1) / Decimal(12)


@dataclass(frozen=True)
class Segment:
    """Which accounts count: every field left empty means "all"."""

    industry: str = ""
    size_band: str = ""
    country: str = ""
    tag: str = ""


@dataclass(frozen=True)
class CustomerDefinition:
    window_months: int = 12


@dataclass(frozen=True)
class Figure:
    """One measure: its value (None when undefined, e.g. no answers) and what is behind it."""

    value: float | None  # rates as fractions 0–1; NPS −100…100
    numerator: int
    denominator: int
    #: The accounts and contacts behind the figure, for drill-down.
    account_ids: tuple[int, ...] = ()
    contact_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Money:
    """An amount in one currency; None with ``missing_rates`` when it cannot be converted."""

    amount: Decimal | None
    currency: str
    missing_rates: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetricsReport:
    first: dt.date
    last: dt.date
    segment: Segment
    currency: str
    customers_at_start: int
    customers_at_end: int
    new_customers: int
    retention_rate: Figure
    csat: Figure
    nps: Figure
    referral_rate: Figure
    cltv_historic: Money
    cltv_predictive: Money
    #: The parts of the predictive CLTV, shown beside it.
    average_order_value: Money
    purchase_frequency: float | None  # won orders per customer per year
    average_lifespan_years: float | None
    counts: dict[str, int] = field(default_factory=dict)
    definition: CustomerDefinition = field(default_factory=CustomerDefinition)


# --- the customer definition (a per-file setting) ------------------------------------


def customer_definition(database: Database) -> CustomerDefinition:
    """The file's definition; the default when unset or unreadable."""
    text = get_setting(database, WINDOW_SETTING)
    try:
        months = int(text)
    except ValueError:
        return CustomerDefinition()
    return CustomerDefinition(months) if 1 <= months <= MAX_WINDOW_MONTHS else CustomerDefinition()


def set_customer_definition(database: Database, definition: CustomerDefinition) -> None:
    if not 1 <= definition.window_months <= MAX_WINDOW_MONTHS:
        raise ValueError(f"window_months must be 1–{MAX_WINDOW_MONTHS}")
    set_setting(database, WINDOW_SETTING, str(definition.window_months))


# --- dates -----------------------------------------------------------------------------


def months_before(day: dt.date, months: int) -> dt.date:
    """2026-03-31 minus 1 month → 2026-02-28 (the day clamped to the month's end)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def window_start(day: dt.date, months: int) -> dt.date:
    """The first day whose won orders make a customer on ``day``: 2026-03-31, 12 → 2025-04-01."""
    return months_before(day, months) + dt.timedelta(days=1)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


# --- the accounts of a segment ---------------------------------------------------------


def account_in_segment(account: MetricsAccount, segment: Segment) -> bool:
    """Industry and tag compare ignoring case; country as an upper-case code."""
    if segment.industry and account.industry.casefold() != segment.industry.casefold():
        return False
    if segment.size_band and account.size_band != segment.size_band:
        return False
    if segment.country and account.country.upper() != segment.country.upper():
        return False
    wanted = segment.tag.casefold()
    return not wanted or any(tag.casefold() == wanted for tag in account.tags)


@dataclass
class _Book:
    """One segment's accounts, their won orders and each account's sorted order dates."""

    accounts: dict[int, MetricsAccount]
    orders: list[MetricsOrder]
    dates: dict[int, list[dt.date]]

    def customers_on(self, day: dt.date, months: int) -> set[int]:
        start = window_start(day, months)
        # The newest order on or before the day decides: is it inside the window?
        return {
            account_id
            for account_id, dates in self.dates.items()
            if (index := bisect_right(dates, day)) and dates[index - 1] >= start
        }


def _book(data: MetricsData, segment: Segment) -> _Book:
    accounts = {a.id: a for a in data.accounts if account_in_segment(a, segment)}
    orders = [order for order in data.orders if order.account_id in accounts]
    dates: dict[int, list[dt.date]] = {}
    for order in orders:
        dates.setdefault(order.account_id, []).append(order.ordered_on)
    for values in dates.values():
        values.sort()
    return _Book(accounts, orders, dates)


def _answers(
    data: MetricsData, segment: Segment, first: dt.date, last: dt.date, kind: str
) -> list[MetricsAnswer]:
    everyone = segment == Segment()
    accounts = {a.id for a in data.accounts if account_in_segment(a, segment)}
    return [
        answer
        for answer in data.answers
        if answer.kind == kind
        and first <= answer.answered_on <= last
        and (everyone or answer.account_id in accounts)
    ]


# --- money -----------------------------------------------------------------------------


def _money(amount: Decimal | None, currency: str, missing: tuple[str, ...] = ()) -> Money:
    if amount is None or missing:
        return Money(None, currency, missing)
    step = Decimal(1).scaleb(-get_currency_precision(currency))
    return Money(amount.quantize(step, rounding=ROUND_HALF_UP), currency)


# --- the report ------------------------------------------------------------------------


def _figure(
    numerator: int,
    denominator: int,
    accounts: Iterable[int | None] = (),
    contacts: Iterable[int | None] = (),
    scale: float = 1.0,
) -> Figure:
    return Figure(
        scale * numerator / denominator if denominator else None,
        numerator,
        denominator,
        tuple(sorted({a for a in accounts if a is not None})),
        tuple(sorted({c for c in contacts if c is not None})),
    )


def _csat(answers: list[MetricsAnswer]) -> Figure:
    satisfied = sum(1 for answer in answers if answer.score >= 4)
    return _figure(
        satisfied,
        len(answers),
        (answer.account_id for answer in answers),
        (answer.contact_id for answer in answers),
    )


def compute_metrics(
    data: MetricsData,
    first: dt.date,
    last: dt.date,
    *,
    segment: Segment = Segment(),
    currency: str = "EUR",
    definition: CustomerDefinition = CustomerDefinition(),
) -> MetricsReport:
    """The five measures for the period ``first``…``last`` (both included)."""
    if last < first:
        raise ValueError("the period ends before it starts")
    if not is_currency(currency):
        raise ValueError(f"{currency!r} is not an ISO 4217 currency code")
    book = _book(data, segment)
    months = definition.window_months
    at_start = book.customers_on(first - dt.timedelta(days=1), months)
    at_end = book.customers_on(last, months)
    new = {account for account in at_end if first <= book.dates[account][0] <= last}
    retained = at_end - new
    referred = {account for account in new if book.accounts[account].referred}

    csat_answers = _answers(data, segment, first, last, "csat")
    nps_answers = _answers(data, segment, first, last, "nps")
    promoters = sum(1 for answer in nps_answers if answer.score >= 9)
    detractors = sum(1 for answer in nps_answers if answer.score <= 6)
    nps = _figure(
        promoters - detractors,
        len(nps_answers),
        (answer.account_id for answer in nps_answers),
        (answer.contact_id for answer in nps_answers),
        scale=100.0,
    )

    converter = rate_table(data.rates, currency)
    lifetime = [o for o in book.orders if o.account_id in at_end and o.ordered_on <= last]
    lifetime_revenue, lifetime_missing = converter.total(lifetime)
    historic = lifetime_revenue / len(at_end) if lifetime_revenue is not None and at_end else None

    in_period = [o for o in book.orders if first <= o.ordered_on <= last]
    ordering = {order.account_id for order in in_period}
    revenue, missing = converter.total(in_period)
    years = Decimal((last - first).days + 1) / DAYS_PER_YEAR
    aov = revenue / len(in_period) if revenue is not None and in_period else None
    frequency = Decimal(len(in_period)) / len(ordering) / years if in_period else None
    lifespan = _average_lifespan(book, last)
    predictive = (
        aov * frequency * lifespan
        if aov is not None and frequency is not None and lifespan is not None
        else None
    )

    counts = {
        "customers_at_start": len(at_start),
        "customers_at_end": len(at_end),
        "new_customers": len(new),
        "retained_customers": len(retained),
        "referred_new_customers": len(referred),
        "csat_answers": len(csat_answers),
        "csat_satisfied": sum(1 for answer in csat_answers if answer.score >= 4),
        "nps_answers": len(nps_answers),
        "promoters": promoters,
        "passives": len(nps_answers) - promoters - detractors,
        "detractors": detractors,
        "won_orders": len(in_period),
        "ordering_customers": len(ordering),
        "lifetime_orders": len(lifetime),
        "accounts_with_orders": sum(1 for dates in book.dates.values() if dates[0] <= last),
    }
    return MetricsReport(
        first=first,
        last=last,
        segment=segment,
        currency=currency,
        customers_at_start=len(at_start),
        customers_at_end=len(at_end),
        new_customers=len(new),
        retention_rate=_figure(len(retained), len(at_start), retained),
        csat=_csat(csat_answers),
        nps=nps,
        referral_rate=_figure(len(referred), len(new), referred),
        cltv_historic=_money(historic, currency, lifetime_missing),
        cltv_predictive=_money(predictive, currency, missing),
        average_order_value=_money(aov, currency, missing),
        purchase_frequency=None if frequency is None else float(frequency),
        average_lifespan_years=None if lifespan is None else float(lifespan),
        counts=counts,
        definition=definition,
    )


def _average_lifespan(book: _Book, last: dt.date) -> Decimal | None:
    """Mean years from first to last won order up to ``last``, each at least 1/12 year."""
    spans = []
    for dates in book.dates.values():
        index = bisect_right(dates, last)
        if index:
            years = Decimal((dates[index - 1] - dates[0]).days) / DAYS_PER_YEAR
            spans.append(max(years, MIN_LIFESPAN_YEARS))
    return sum(spans, Decimal(0)) / len(spans) if spans else None


# --- series and breakdowns -------------------------------------------------------------


def quarterly(
    data: MetricsData,
    first_quarter_start: dt.date,
    quarters: int,
    *,
    segment: Segment = Segment(),
    currency: str = "EUR",
    definition: CustomerDefinition = CustomerDefinition(),
) -> list[tuple[str, MetricsReport]]:
    """``quarters`` calendar quarters from the one holding ``first_quarter_start``,
    each labelled like "2026 Q3"."""
    result = []
    start = quarter_start(first_quarter_start)
    for _index in range(quarters):
        following = months_before(start, -3)
        label = _("%(year)d Q%(quarter)d") % {
            "year": start.year,
            "quarter": (start.month - 1) // 3 + 1,
        }
        report = compute_metrics(
            data,
            start,
            following - dt.timedelta(days=1),
            segment=segment,
            currency=currency,
            definition=definition,
        )
        result.append((label, report))
        start = following
    return result


def nps_distribution(
    data: MetricsData, first: dt.date, last: dt.date, segment: Segment = Segment()
) -> list[int]:
    """How many NPS answers in the period gave each score 0…10 (11 counts)."""
    counts = [0] * 11
    for answer in _answers(data, segment, first, last, "nps"):
        if 0 <= answer.score <= 10:
            counts[answer.score] += 1
    return counts


def csat_by_country(
    data: MetricsData, first: dt.date, last: dt.date, segment: Segment = Segment()
) -> dict[str, Figure]:
    """CSAT per country (the account's, else the contact's; "" when unknown), by code."""
    groups: dict[str, list[MetricsAnswer]] = {}
    for answer in _answers(data, segment, first, last, "csat"):
        groups.setdefault(answer.country, []).append(answer)
    return {country: _csat(groups[country]) for country in sorted(groups)}


# --- JSON --------------------------------------------------------------------------------


def _money_json(money: Money) -> dict[str, Any]:
    return {
        "amount": None if money.amount is None else str(money.amount),
        "currency": money.currency,
        "missing_rates": list(money.missing_rates),
    }


def metrics_as_json(report: MetricsReport) -> dict[str, Any]:
    """The report for scripts: rates as fractions 0–1, NPS −100…100, money as strings."""
    segment = report.segment
    return {
        "first": report.first.isoformat(),
        "last": report.last.isoformat(),
        "segment": {
            "industry": segment.industry,
            "size": segment.size_band,
            "country": segment.country,
            "tag": segment.tag,
        },
        "customer_window_months": report.definition.window_months,
        "currency": report.currency,
        "retention_rate": report.retention_rate.value,
        "csat": report.csat.value,
        "nps": report.nps.value,
        "referral_rate": report.referral_rate.value,
        "cltv_historic": _money_json(report.cltv_historic),
        "cltv_predictive": _money_json(report.cltv_predictive),
        "average_order_value": _money_json(report.average_order_value),
        "purchase_frequency": report.purchase_frequency,
        "average_lifespan_years": report.average_lifespan_years,
        **report.counts,
    }
