"""The dashboard's figures, Qt-free: periods, what is computed for a period and segment,
and the trend by quarter (relationsapp.core.metrics does the arithmetic)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from babel.numbers import get_territory_currencies

from relationsapp.core.metrics import (
    CustomerDefinition,
    Figure,
    MetricsReport,
    Segment,
    account_in_segment,
    compute_metrics,
    csat_by_country,
    customer_definition,
    months_before,
    nps_distribution,
    quarter_start,
    quarterly,
    window_start,
)
from relationsapp.core.metrics_data import MetricsData, load_metrics_data
from relationsapp.core.services import Services
from relationsapp.i18n.formatting import (
    ui_locale,
)
from relationsapp.i18n.translate import _

TREND_QUARTERS = 8

# --- periods ------------------------------------------------------------------------------


class PeriodChoice(StrEnum):
    THIS_QUARTER = "this_quarter"
    LAST_QUARTER = "last_quarter"
    LAST_12_MONTHS = "last_12_months"
    THIS_YEAR = "this_year"
    CUSTOM = "custom"


def period_labels() -> dict[PeriodChoice, str]:
    return {
        PeriodChoice.THIS_QUARTER: _("This quarter"),
        PeriodChoice.LAST_QUARTER: _("Last quarter"),
        PeriodChoice.LAST_12_MONTHS: _("Last 12 months"),
        PeriodChoice.THIS_YEAR: _("This year"),
        PeriodChoice.CUSTOM: _("Custom"),
    }


def period_dates(choice: PeriodChoice, today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of a quick choice. Periods running now end today, not at the
    quarter's or year's end: a customer whose year runs out next month is not lost yet."""
    if choice == PeriodChoice.THIS_QUARTER:
        return quarter_start(today), today
    if choice == PeriodChoice.LAST_QUARTER:
        start = months_before(quarter_start(today), 3)
        return start, quarter_start(today) - dt.timedelta(days=1)
    if choice == PeriodChoice.THIS_YEAR:
        return dt.date(today.year, 1, 1), today
    # The last 12 months: 13 March 2026 to 12 March 2027.
    return months_before(today, 12) + dt.timedelta(days=1), today


# --- what is computed ---------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardParams:
    first: dt.date
    last: dt.date
    segment: Segment
    currency: str
    #: The trend's quarters end no later than today (see :func:`trend`).
    today: dt.date


@dataclass(frozen=True)
class LoadedData:
    data: MetricsData
    definition: CustomerDefinition


@dataclass(frozen=True)
class DashboardResult:
    loaded: LoadedData
    params: DashboardParams
    report: MetricsReport
    quarters: list[tuple[str, MetricsReport]]
    nps_counts: list[int]
    csat_countries: dict[str, Figure]
    #: The customers at the period's end: what the CLTV is averaged over.
    customer_ids: tuple[int, ...]


def customers_at_end(loaded: LoadedData, params: DashboardParams) -> tuple[int, ...]:
    """Accounts of the segment with a won order in the customer window ending ``last``.

    The same rule as core.metrics (which reports only how many there are); the CLTV
    card lists them."""
    start = window_start(params.last, loaded.definition.window_months)
    data = loaded.data
    members = {a.id for a in data.accounts if account_in_segment(a, params.segment)}
    found = {
        order.account_id
        for order in data.orders
        if order.account_id in members and start <= order.ordered_on <= params.last
    }
    return tuple(sorted(found))


def load_data(services: Services) -> LoadedData:
    return LoadedData(load_metrics_data(services.database), customer_definition(services.database))


def trend(
    data: MetricsData, params: DashboardParams, options: dict[str, Any]
) -> list[tuple[str, MetricsReport]]:
    """The quarters up to the one holding the period's end. The quarter running now is
    measured to today: at its end, a customer whose year runs out next week would already
    count as lost. Quarters that have not begun are left out."""
    start = months_before(quarter_start(params.last), 3 * (TREND_QUARTERS - 1))
    quarters = []
    for name, report in quarterly(data, start, TREND_QUARTERS, **options):
        if report.first > params.today:
            break
        if report.last > params.today:
            report = compute_metrics(data, report.first, params.today, **options)
        quarters.append((name, report))
    return quarters


def compute_dashboard(loaded: LoadedData, params: DashboardParams) -> DashboardResult:
    """Everything the dashboard shows for ``params``, from data already read."""
    options: dict[str, Any] = {
        "segment": params.segment,
        "currency": params.currency,
        "definition": loaded.definition,
    }
    data = loaded.data
    return DashboardResult(
        loaded=loaded,
        params=params,
        report=compute_metrics(data, params.first, params.last, **options),
        quarters=trend(data, params, options),
        nps_counts=nps_distribution(data, params.first, params.last, params.segment),
        csat_countries=csat_by_country(data, params.first, params.last, params.segment),
        customer_ids=customers_at_end(loaded, params),
    )


def home_currency() -> str:
    """The UI locale's territory currency (``DKK`` for da_DK), or EUR."""
    territory = ui_locale().territory
    currencies = get_territory_currencies(territory) if territory else []
    return str(currencies[0]) if currencies else "EUR"


def file_currencies(data: MetricsData) -> set[str]:
    found = {order.currency for order in data.orders}
    found.update(code for rate in data.rates for code in (rate.currency, rate.quote))
    return {code for code in found if code}
