"""The five relationship measures, computed from orders and feedback (offline).

Definitions (the README and the app's help say the same; the code follows them):

- A *customer* on a date is an account with a won order in the ``window_months`` before
  it (that date included); the window is configurable (default 12 months).
- *New customers* in a period: customers at its end whose first won order ever falls
  inside the period.
- *Retention rate* = (customers at end − new customers) ÷ customers at start.
- *CSAT* = share of CSAT answers (1–5) in the period that are 4 or 5.
- *NPS* = % promoters (9–10) − % detractors (0–6) among NPS answers in the period.
- *Referral rate* = share of the period's new customers that were referred (by a
  contact or an account).
- *CLTV, historic* = won revenue to the period's end ÷ customers at the end.
- *CLTV, predictive* = average order value × purchase frequency (won orders per
  customer per year) × average customer lifespan (years).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


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
