"""The dashboard cards' words: each figure with the counts behind it, or why it is
undefined, in the UI language (numbers and money formatted with Babel)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.lists import format_list
from babel.numbers import format_currency

from relationsapp.core.metrics import (
    MetricsReport,
    Money,
)
from relationsapp.i18n.formatting import (
    format_number,
    format_percent_value,
    format_signed,
    ui_locale,
)
from relationsapp.i18n.translate import _, ngettext

DASH = "—"


@dataclass(frozen=True)
class CardText:
    value: str
    detail: str


def format_money(money: Money) -> str:
    """Whole units in the locale's currency pattern: ``€48,200``, ``48.200 €``."""
    assert money.amount is not None
    locale = ui_locale()
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    whole = money.amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return str(
        format_currency(whole, money.currency, pattern, locale=locale, currency_digits=False)
    )


def join_lines(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def retention_explanation(months: int) -> str:
    return ngettext(
        "Customers at the end who were not new, divided by customers at the start. A "
        "customer is an account with a won order in the last month.",
        "Customers at the end who were not new, divided by customers at the start. A "
        "customer is an account with a won order in the last %(count)s months.",
        months,
    ) % {"count": format_number(months)}


def retention_text(report: MetricsReport) -> CardText:
    figure = report.retention_rate
    new = ngettext("%(count)s new customer", "%(count)s new customers", report.new_customers) % {
        "count": format_number(report.new_customers)
    }
    if figure.value is None:
        why = _("No customers at the start of the period, so none could be kept.")
        return CardText(DASH, join_lines(why, new))
    kept = ngettext(
        "%(kept)s of %(count)s customer kept",
        "%(kept)s of %(count)s customers kept",
        figure.denominator,
    ) % {"kept": format_number(figure.numerator), "count": format_number(figure.denominator)}
    return CardText(format_percent_value(figure.value), join_lines(kept, new))


def csat_text(report: MetricsReport) -> CardText:
    figure = report.csat
    if figure.value is None:
        return CardText(DASH, _("No CSAT answers in this period."))
    detail = ngettext(
        "%(happy)s of %(count)s answer scored 4–5",
        "%(happy)s of %(count)s answers scored 4–5",
        figure.denominator,
    ) % {"happy": format_number(figure.numerator), "count": format_number(figure.denominator)}
    return CardText(format_percent_value(figure.value), detail)


def nps_text(report: MetricsReport) -> CardText:
    figure = report.nps
    if figure.value is None:
        return CardText(DASH, _("No NPS answers in this period."))
    answers = ngettext("%(count)s answer", "%(count)s answers", figure.denominator) % {
        "count": format_number(figure.denominator)
    }
    groups = _("Promoters %(promoters)s, detractors %(detractors)s") % {
        "promoters": format_number(report.counts.get("promoters", 0)),
        "detractors": format_number(report.counts.get("detractors", 0)),
    }
    return CardText(format_signed(figure.value), join_lines(answers, groups))


def referral_text(report: MetricsReport) -> CardText:
    figure = report.referral_rate
    if figure.value is None:
        return CardText(DASH, _("No new customers in this period, so none were referred."))
    detail = ngettext(
        "%(referred)s of %(count)s new customer referred",
        "%(referred)s of %(count)s new customers referred",
        figure.denominator,
    ) % {"referred": format_number(figure.numerator), "count": format_number(figure.denominator)}
    return CardText(format_percent_value(figure.value), detail)


def missing_rates_text(report: MetricsReport) -> str:
    """``Missing rate: BRL → EUR`` for every currency that could not be converted."""
    codes: list[str] = []
    for money in (report.cltv_historic, report.cltv_predictive, report.average_order_value):
        codes.extend(code for code in money.missing_rates if code not in codes)
    if not codes:
        return ""
    pairs = format_list(
        [f"{code} → {report.currency}" for code in sorted(codes)], locale=ui_locale()
    )
    return ngettext("Missing rate: %(rates)s", "Missing rates: %(rates)s", len(codes)) % {
        "rates": pairs
    }


def cltv_text(report: MetricsReport) -> CardText:
    historic, predictive = report.cltv_historic, report.cltv_predictive
    missing = missing_rates_text(report)
    if historic.amount is None and not missing:
        return CardText(DASH, _("No customers at the end of the period."))
    value = DASH if historic.amount is None else format_money(historic)
    predicted = _("Predictive: %(amount)s") % {
        "amount": DASH if predictive.amount is None else format_money(predictive)
    }
    parts = ""
    aov, frequency = report.average_order_value, report.purchase_frequency
    years = report.average_lifespan_years
    if predictive.amount is not None and aov.amount is not None and frequency and years:
        parts = _("%(order)s per order × %(frequency)s orders a year × %(years)s years") % {
            "order": format_money(aov),
            "frequency": format_number(round(frequency, 1)),
            "years": format_number(round(years, 1)),
        }
    return CardText(value, join_lines(predicted, parts, missing))


# --- cards --------------------------------------------------------------------------------
