"""The relationship measures, checked against small data sets worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from relationsapp.core.account_service import AccountService
from relationsapp.core.deal_service import (
    DealService,
    FeedbackDraft,
    FeedbackKind,
    OrderDraft,
    OrderStatus,
)
from relationsapp.core.metrics import (
    CustomerDefinition,
    Money,
    Segment,
    compute_metrics,
    csat_by_country,
    customer_definition,
    metrics_as_json,
    months_before,
    nps_distribution,
    quarterly,
    set_customer_definition,
    window_start,
)
from relationsapp.core.metrics_data import (
    MetricsAccount,
    MetricsAnswer,
    MetricsData,
    MetricsOrder,
    MetricsRate,
    load_metrics_data,
)
from relationsapp.core.records import AccountDraft
from relationsapp.core.workspace import set_setting
from relationsapp.storage.database import Database, open_database
from tests.helpers.people import seed_people
from tests.unit.test_cli import run

D = dt.date.fromisoformat
Q1_START, Q1_END = D("2026-01-01"), D("2026-03-31")


def won(account_id: int, day: str, minor: int = 10000, currency: str = "EUR") -> MetricsOrder:
    return MetricsOrder(account_id, D(day), minor, currency)


def said(
    kind: str,
    score: int,
    day: str = "2026-02-01",
    contact: int | None = None,
    account: int | None = None,
    country: str = "",
) -> MetricsAnswer:
    return MetricsAnswer(kind, score, D(day), contact, account, country)


# Four accounts, window 12 months, period 2026 Q1:
#   start = customers on 2025-12-31: a won order 2025-01-01 … 2025-12-31
#   end   = customers on 2026-03-31: a won order 2025-04-01 … 2026-03-31
#   1: 2025-05-10 €200, 2026-02-01 €100  → start ✓ end ✓
#   2: 2025-03-15 €1000                  → start ✓ end ✗ (before 2025-04-01): lost
#   3: 2025-11-20 €300                   → start ✓ end ✓ (no order in Q1 needed)
#   4: 2026-03-05 €50 (its first ever)   → start ✗ end ✓ new
#   and an order of 1 after the period (2026-04-10) that must not count.
FOUR = MetricsData(
    accounts=tuple(MetricsAccount(n) for n in (1, 2, 3, 4)),
    orders=(
        won(1, "2025-05-10", 20000),
        won(1, "2026-02-01", 10000),
        won(2, "2025-03-15", 100000),
        won(3, "2025-11-20", 30000),
        won(4, "2026-03-05", 5000),
        won(1, "2026-04-10", 99900),
    ),
)


def test_retention_is_end_minus_new_over_start() -> None:
    report = compute_metrics(FOUR, Q1_START, Q1_END)
    assert (report.customers_at_start, report.customers_at_end, report.new_customers) == (3, 3, 1)
    # (3 at end − 1 new) ÷ 3 at start = 2/3; the retained are 1 and 3.
    assert report.retention_rate.value == pytest.approx(2 / 3)
    assert (report.retention_rate.numerator, report.retention_rate.denominator) == (2, 3)
    assert report.retention_rate.account_ids == (1, 3)


def test_the_window_includes_the_day_twelve_months_back_plus_one() -> None:
    assert window_start(D("2026-03-31"), 12) == D("2025-04-01")
    assert months_before(D("2026-03-31"), 1) == D("2026-02-28")
    assert months_before(D("2024-03-31"), 1) == D("2024-02-29")
    data = MetricsData(
        accounts=(MetricsAccount(1), MetricsAccount(2)),
        orders=(won(1, "2025-04-01"), won(2, "2025-03-31")),
    )
    # Customers on 2026-03-31: 1 (2025-04-01 is the window's first day), not 2.
    assert compute_metrics(data, Q1_START, Q1_END).customers_at_end == 1


def test_a_shorter_customer_window_loses_customers_sooner() -> None:
    # Window 3 months: end = an order 2026-01-01 … 2026-03-31 → 1 and 4 only;
    # start = an order 2025-10-01 … 2025-12-31 → 3 only. (2 − 1 new) ÷ 1 = 100 %.
    report = compute_metrics(FOUR, Q1_START, Q1_END, definition=CustomerDefinition(3))
    assert (report.customers_at_start, report.customers_at_end, report.new_customers) == (1, 2, 1)
    assert report.retention_rate.value == 1.0


def test_a_lapsed_customer_who_orders_again_counts_as_retained_not_new() -> None:
    # 5 ordered in 2023 (not a customer at start) and again in Q1: at end, not new.
    # Start {3}, end {3, 5}, new {} → (2 − 0) ÷ 1 = 200 %.
    data = MetricsData(
        accounts=(MetricsAccount(3), MetricsAccount(5)),
        orders=(won(3, "2025-11-20"), won(5, "2023-06-01"), won(5, "2026-01-15")),
    )
    report = compute_metrics(data, Q1_START, Q1_END)
    assert report.new_customers == 0
    assert report.retention_rate.value == 2.0


def test_no_customers_at_start_leaves_retention_undefined() -> None:
    data = MetricsData(accounts=(MetricsAccount(4),), orders=(won(4, "2026-03-05"),))
    report = compute_metrics(data, Q1_START, Q1_END)
    assert report.retention_rate.value is None
    assert report.retention_rate.denominator == 0
    assert report.new_customers == 1


def test_csat_is_the_share_of_fours_and_fives_in_the_period() -> None:
    data = MetricsData(
        answers=(
            said("csat", 5, contact=11),
            said("csat", 4, contact=12),
            said("csat", 3, contact=13),
            said("csat", 2, contact=11),
            said("csat", 5, "2025-12-31", contact=14),  # before the period
            said("nps", 10, contact=15),  # another kind
        )
    )
    csat = compute_metrics(data, Q1_START, Q1_END).csat
    # 5 and 4 of 5, 4, 3, 2 → 2 ÷ 4 = 50 %; the contacts who answered are 11, 12, 13.
    assert (csat.value, csat.numerator, csat.denominator) == (0.5, 2, 4)
    assert csat.contact_ids == (11, 12, 13)


def test_nps_is_promoters_minus_detractors_in_percent() -> None:
    data = MetricsData(
        answers=(
            said("nps", 10, contact=1),
            said("nps", 9, contact=2),
            said("nps", 9, contact=3),
            said("nps", 7, contact=4),  # passive
            said("nps", 3, contact=5),  # detractor
            said("nps", 0, "2026-04-01", contact=6),  # after the period
        )
    )
    report = compute_metrics(data, Q1_START, Q1_END)
    # 3 promoters, 1 detractor of 5: (3 − 1) ÷ 5 × 100 = 40.
    assert report.nps.value == pytest.approx(40.0)
    assert (report.nps.numerator, report.nps.denominator) == (2, 5)
    assert report.counts | {"promoters": 3, "passives": 1, "detractors": 1} == report.counts
    assert report.nps.contact_ids == (1, 2, 3, 4, 5)


def test_no_answers_leave_csat_and_nps_undefined() -> None:
    report = compute_metrics(FOUR, Q1_START, Q1_END)
    assert report.csat.value is None and report.csat.denominator == 0
    assert report.nps.value is None and report.nps.denominator == 0


def test_referral_rate_is_the_referred_share_of_new_customers() -> None:
    data = MetricsData(
        accounts=(
            MetricsAccount(4, referred=True),
            MetricsAccount(6),
            MetricsAccount(7, referred=True),
            MetricsAccount(8, referred=True),  # an old customer: not new, not counted
        ),
        orders=(
            won(4, "2026-01-05"),
            won(6, "2026-02-05"),
            won(7, "2026-03-05"),
            won(8, "2025-06-01"),
            won(8, "2026-02-01"),
        ),
    )
    referral = compute_metrics(data, Q1_START, Q1_END).referral_rate
    # New: 4, 6, 7; referred among them: 4 and 7 → 2 ÷ 3.
    assert (referral.numerator, referral.denominator) == (2, 3)
    assert referral.value == pytest.approx(2 / 3)
    assert referral.account_ids == (4, 7)


def test_no_new_customers_leaves_the_referral_rate_undefined() -> None:
    data = MetricsData(accounts=(MetricsAccount(3),), orders=(won(3, "2025-11-20"),))
    assert compute_metrics(data, Q1_START, Q1_END).referral_rate.value is None


def test_segments_filter_accounts_orders_and_answers() -> None:
    data = MetricsData(
        accounts=(
            MetricsAccount(1, industry="Energy", country="DK", tags=("key-account",)),
            MetricsAccount(2, industry="Energy", country="SE"),
            MetricsAccount(3, industry="Retail", country="DK", tags=("VIP",)),
        ),
        orders=(won(1, "2025-10-01"), won(2, "2025-10-01"), won(3, "2025-10-01")),
        answers=(
            said("csat", 5, account=1),
            said("csat", 1, account=2),
            said("csat", 4, contact=9),  # a person without an account
        ),
    )

    def at_end(segment: Segment) -> tuple[int, ...]:
        return compute_metrics(data, Q1_START, Q1_END, segment=segment).retention_rate.account_ids

    assert at_end(Segment(country="dk")) == (1, 3)
    assert at_end(Segment(industry="energy")) == (1, 2)
    assert at_end(Segment(tag="vip")) == (3,)
    assert at_end(Segment(industry="Energy", country="DK")) == (1,)
    # All accounts: every answer, 5, 1 and 4 → 2 of 3; Denmark: only account 1's → 1 of 1.
    assert compute_metrics(data, Q1_START, Q1_END).csat.numerator == 2
    dk = compute_metrics(data, Q1_START, Q1_END, segment=Segment(country="DK")).csat
    assert (dk.numerator, dk.denominator, dk.account_ids) == (1, 1, (1,))


# CLTV, historic, on FOUR in Q1: customers at end 1, 3, 4 with every won order up to
# 2026-03-31: 1 → 200 + 100, 3 → 300, 4 → 50 (2's 1000 and 1's April 999 are out).
# (300 + 300 + 50) ÷ 3 = 650 ÷ 3 = 216.666… → 216.67.
def test_historic_cltv_is_the_customers_revenue_so_far_per_customer() -> None:
    report = compute_metrics(FOUR, Q1_START, Q1_END)
    assert report.cltv_historic == Money(Decimal("216.67"), "EUR")


# CLTV, predictive, over 2026 (365 days = 1 year):
#   A1: 2024-07-01 €500, 2026-01-01 €200, 2026-07-01 €200
#   A2: 2026-03-01 €200 (a one-off buyer)
#   A3: 2024-06-01 €500, 2025-06-01 €500 (no order in 2026)
# AOV = (200 + 200 + 200) ÷ 3 orders = 200.00
# frequency = 3 orders ÷ 2 ordering accounts ÷ 1 year = 1.5
# lifespan: A1 2024-07-01 → 2026-07-01 = 730 days = 2 years; A2 0 → at least 1/12;
#   A3 365 days = 1 year; mean = (2 + 1/12 + 1) ÷ 3 = 37/36
# CLTV = 200 × 1.5 × 37/36 = 308.333… → 308.33
PREDICTIVE = MetricsData(
    accounts=(MetricsAccount(1), MetricsAccount(2), MetricsAccount(3)),
    orders=(
        won(1, "2024-07-01", 50000),
        won(1, "2026-01-01", 20000),
        won(1, "2026-07-01", 20000),
        won(2, "2026-03-01", 20000),
        won(3, "2024-06-01", 50000),
        won(3, "2025-06-01", 50000),
    ),
)


def test_predictive_cltv_is_order_value_times_frequency_times_lifespan() -> None:
    report = compute_metrics(PREDICTIVE, D("2026-01-01"), D("2026-12-31"))
    assert report.average_order_value == Money(Decimal("200.00"), "EUR")
    assert report.purchase_frequency == pytest.approx(1.5)
    assert report.average_lifespan_years == pytest.approx(37 / 36)
    assert report.cltv_predictive == Money(Decimal("308.33"), "EUR")
    assert (report.counts["won_orders"], report.counts["ordering_customers"]) == (3, 2)


def test_no_orders_in_the_period_leave_the_predictive_cltv_undefined() -> None:
    report = compute_metrics(PREDICTIVE, D("2027-06-01"), D("2027-06-30"))
    assert report.average_order_value.amount is None
    assert report.purchase_frequency is None
    assert report.cltv_predictive == Money(None, "EUR")


def test_a_currency_without_a_rate_is_never_added_in() -> None:
    data = MetricsData(
        accounts=(MetricsAccount(1), MetricsAccount(2)),
        orders=(won(1, "2026-02-01", 10000, "EUR"), won(2, "2026-02-01", 5000, "BRL")),
        rates=(MetricsRate("BRL", "EUR", Decimal("0.17"), D("2026-03-01")),),  # too late
    )
    report = compute_metrics(data, Q1_START, Q1_END)
    assert report.average_order_value == Money(None, "EUR", ("BRL",))
    assert report.cltv_predictive == Money(None, "EUR", ("BRL",))
    assert report.cltv_historic == Money(None, "EUR", ("BRL",))


def dkk_order(*rates: MetricsRate) -> Money:
    data = MetricsData(
        accounts=(MetricsAccount(1),),
        orders=(won(1, "2026-02-01", 75000, "DKK"),),  # DKK 750.00
        rates=rates,
    )
    return compute_metrics(data, Q1_START, Q1_END).average_order_value


def test_an_inverse_rate_divides_and_the_newest_rate_before_the_order_wins() -> None:
    # 1 EUR = 7.5 DKK from 2026-01-01 → 750 ÷ 7.5 = 100.00; the 2025 rate is older and
    # the 2026-03-01 rate comes after the order.
    assert dkk_order(
        MetricsRate("EUR", "DKK", Decimal("7.0"), D("2025-06-01")),
        MetricsRate("EUR", "DKK", Decimal("7.5"), D("2026-01-01")),
        MetricsRate("EUR", "DKK", Decimal("5"), D("2026-03-01")),
    ) == Money(Decimal("100.00"), "EUR")


def test_a_newer_direct_rate_beats_an_older_inverse_one() -> None:
    # 1 DKK = 0.13 EUR from 2026-01-15 is newer than 1 EUR = 7.5 DKK from 2026-01-01:
    # 750 × 0.13 = 97.50.
    assert dkk_order(
        MetricsRate("EUR", "DKK", Decimal("7.5"), D("2026-01-01")),
        MetricsRate("DKK", "EUR", Decimal("0.13"), D("2026-01-15")),
    ) == Money(Decimal("97.50"), "EUR")


def test_amounts_are_rounded_to_the_report_currency_s_minor_unit() -> None:
    data = MetricsData(
        accounts=(MetricsAccount(1),),
        orders=(won(1, "2026-02-01", 10000, "EUR"),),
        rates=(MetricsRate("EUR", "JPY", Decimal("161.235"), D("2026-01-01")),),
    )
    # €100.00 × 161.235 = ¥16123.5 → ¥16124 (yen have no minor unit; half rounds up).
    aov = compute_metrics(data, Q1_START, Q1_END, currency="JPY").average_order_value
    assert aov == Money(Decimal("16124"), "JPY")


def test_quarters_are_labelled_and_span_calendar_quarters() -> None:
    series = quarterly(FOUR, D("2026-08-15"), 3)
    assert [label for label, _report in series] == ["2026 Q3", "2026 Q4", "2027 Q1"]
    assert [(r.first, r.last) for _label, r in series] == [
        (D("2026-07-01"), D("2026-09-30")),
        (D("2026-10-01"), D("2026-12-31")),
        (D("2027-01-01"), D("2027-03-31")),
    ]


def test_nps_distribution_counts_each_score() -> None:
    data = MetricsData(
        answers=(
            said("nps", 10),
            said("nps", 9),
            said("nps", 9),
            said("nps", 3),
            said("csat", 5),
            said("nps", 0, "2025-12-31"),
        )
    )
    assert nps_distribution(data, Q1_START, Q1_END) == [0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1]


def test_csat_by_country_groups_answers_by_the_account_s_country() -> None:
    data = MetricsData(
        accounts=(MetricsAccount(1, country="DK"), MetricsAccount(2, country="SE")),
        answers=(
            said("csat", 5, account=1, country="DK"),
            said("csat", 4, account=1, country="DK"),
            said("csat", 2, account=2, country="SE"),
            said("csat", 3, contact=7, country="FI"),
        ),
    )
    figures = csat_by_country(data, Q1_START, Q1_END)
    # DK 2 of 2, FI 0 of 1, SE 0 of 1.
    assert {code: (f.numerator, f.denominator) for code, f in figures.items()} == {
        "DK": (2, 2),
        "FI": (0, 1),
        "SE": (0, 1),
    }
    assert list(csat_by_country(data, Q1_START, Q1_END, Segment(country="SE"))) == ["SE"]


def test_the_json_form_has_fractions_decimal_strings_and_nulls() -> None:
    document = json.loads(json.dumps(metrics_as_json(compute_metrics(FOUR, Q1_START, Q1_END))))
    assert document["retention_rate"] == pytest.approx(2 / 3)
    assert document["csat"] is None and document["nps"] is None
    assert document["referral_rate"] == 0.0
    assert document["cltv_historic"] == {"amount": "216.67", "currency": "EUR", "missing_rates": []}
    assert document | {"customers_at_start": 3, "customers_at_end": 3, "new_customers": 1} == (
        document
    )
    assert {"csat_answers", "nps_answers", "promoters", "detractors", "won_orders"} <= set(document)


def test_the_customer_window_is_a_per_file_setting(database: Database) -> None:
    assert customer_definition(database) == CustomerDefinition(12)
    set_customer_definition(database, CustomerDefinition(6))
    assert customer_definition(database) == CustomerDefinition(6)
    with pytest.raises(ValueError):
        set_customer_definition(database, CustomerDefinition(0))
    set_setting(database, "customer_window_months", "soon")
    assert customer_definition(database) == CustomerDefinition(12)


# --- through the real database ---------------------------------------------------------


def seed_deals(database: Database) -> dict[str, int]:
    """seed_people's accounts with orders, rates and answers; ids by a short key."""
    people = seed_people(database)
    ids = dict(database.reader().execute("SELECT name, id FROM accounts").fetchall())
    yamada, pumps = ids["株式会社山田製作所"], ids["Nordisk Pumpe A/S"]
    accounts = AccountService(database)
    referred = accounts.create(
        AccountDraft(
            name="Fjord Energi", country="NO", industry="Energy", referred_by_account_id=pumps
        )
    )
    gone = accounts.create(AccountDraft(name="Gone ApS", country="DK"))
    deals = DealService(database)

    def order(account: int, day: str, minor: int, currency: str, status: OrderStatus) -> int:
        return deals.add_order(OrderDraft(account, D(day), minor, currency, status))

    order(pumps, "2025-06-01", 746000, "DKK", OrderStatus.WON)  # DKK 7460.00 = €1000
    order(pumps, "2026-02-01", 373000, "DKK", OrderStatus.WON)  # DKK 3730.00 = €500
    order(pumps, "2026-02-02", 999900, "DKK", OrderStatus.LOST)
    order(pumps, "2026-02-03", 999900, "DKK", OrderStatus.OPEN)
    order(yamada, "2026-03-01", 100000, "JPY", OrderStatus.WON)  # ¥100000 = €600
    order(referred, "2026-03-10", 20000, "EUR", OrderStatus.WON)
    deals.delete_orders([order(yamada, "2026-03-02", 5, "JPY", OrderStatus.WON)])
    order(gone, "2026-01-20", 12300, "EUR", OrderStatus.WON)
    accounts.delete(gone)
    deals.set_rate("EUR", "DKK", Decimal("7.46"), D("2025-01-01"))
    deals.set_rate("JPY", "EUR", Decimal("0.006"), D("2026-01-01"))
    deals.add_feedback(
        [
            FeedbackDraft(FeedbackKind.CSAT, 5, D("2026-02-10"), contact_id=people["taro"]),
            FeedbackDraft(FeedbackKind.CSAT, 2, D("2026-02-11"), contact_id=people["jorgen"]),
            FeedbackDraft(FeedbackKind.NPS, 10, D("2026-02-12"), contact_id=people["aino"]),
            FeedbackDraft(FeedbackKind.NPS, 4, D("2026-02-13"), contact_id=people["mette"]),
        ]
    )
    return {**people, "yamada": yamada, "pumps": pumps, "referred": referred, "gone": gone}


def test_load_metrics_data_reads_live_won_orders_answers_and_rates(database: Database) -> None:
    ids = seed_deals(database)
    data = load_metrics_data(database)
    accounts = {account.id: account for account in data.accounts}
    assert ids["gone"] not in accounts
    yamada = accounts[ids["yamada"]]
    assert (yamada.country, yamada.industry, yamada.size_band) == ("JP", "Manufacturing", "250-999")
    assert yamada.tags == ("key-account",) and not yamada.referred
    assert accounts[ids["referred"]].referred
    # Won, live and of a live account only: not the lost, open, deleted or Gone ApS's.
    assert sorted((o.ordered_on.isoformat(), o.amount_minor) for o in data.orders) == [
        ("2025-06-01", 746000),
        ("2026-02-01", 373000),
        ("2026-03-01", 100000),
        ("2026-03-10", 20000),
    ]
    answers = {answer.contact_id: answer for answer in data.answers}
    assert answers[ids["taro"]].account_id == ids["yamada"]
    assert answers[ids["aino"]].account_id is None and answers[ids["aino"]].country == "FI"
    assert {(r.currency, r.quote, r.rate) for r in data.rates} == {
        ("EUR", "DKK", Decimal("7.46")),
        ("JPY", "EUR", Decimal("0.006")),
    }


@pytest.fixture
def deals_file(db_path: Path) -> Path:
    with open_database(db_path) as database:
        seed_deals(database)
    return db_path


def test_the_metrics_command_prints_the_report_as_json(deals_file: Path) -> None:
    code, output = run(
        "--db", str(deals_file), "metrics", "--from", "2026-01-01", "--to", "2026-03-31", "--json"
    )
    assert code == 0
    document = json.loads(output)
    # Start: Nordisk Pumpe (2025-06-01). End: Pumpe, Yamada and Fjord Energi; both of the
    # latter are new → (3 − 2) ÷ 1 = 100 %; referred: Fjord → 1 of 2.
    assert (document["customers_at_start"], document["customers_at_end"]) == (1, 3)
    assert document["retention_rate"] == 1.0
    assert document["referral_rate"] == 0.5
    # CSAT: 5 and 2 → 1 of 2. NPS: 10 (promoter) and 4 (detractor) → 0.
    assert (document["csat"], document["nps"]) == (0.5, 0.0)
    # AOV: (3730 ÷ 7.46 = 500 + 100000 × 0.006 = 600 + 200) ÷ 3 = 433.33.
    assert document["average_order_value"] == {
        "amount": "433.33",
        "currency": "EUR",
        "missing_rates": [],
    }


def test_a_segment_narrows_the_command_s_report(deals_file: Path) -> None:
    code, output = run(
        "--db", str(deals_file), "metrics", "--from", "2026-01-01", "--to", "2026-03-31",
        "--segment", "country=dk", "--segment", "industry=Energy", "--currency", "dkk", "--json",
    )  # fmt: skip
    assert code == 0
    document = json.loads(output)
    assert (document["customers_at_end"], document["currency"]) == (1, "DKK")
    assert document["segment"]["country"] == "DK"
    # Only Nordisk Pumpe: DKK 7460 + 3730 over one customer.
    assert document["cltv_historic"]["amount"] == "11190.00"


def test_the_text_report_uses_the_ui_locale_s_numbers(deals_file: Path) -> None:
    code, output = run(
        "--db", str(deals_file), "--lang", "da", "metrics",
        "--from", "2026-01-01", "--to", "2026-03-31", "--segment", "size=250-999",
    )  # fmt: skip
    assert code == 0
    assert "100\xa0%" in output  # Yamada alone: CSAT 1 of 1, in Danish percent format
    assert "600,00\xa0€" in output  # its historic CLTV, ¥100000 × 0.006


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (("--from", "2026-13-01", "--to", "2026-03-31"), "2026-13-01"),
        (("--from", "2026-04-01", "--to", "2026-03-31"), "--to"),
        (("--from", "2026-01-01", "--to", "2026-03-31", "--segment", "colour=red"), "colour"),
        (("--from", "2026-01-01", "--to", "2026-03-31", "--segment", "size=huge"), "huge"),
        (("--from", "2026-01-01", "--to", "2026-03-31", "--currency", "EURO"), "EURO"),
    ],
)
def test_bad_metrics_arguments_are_errors_that_name_them(
    deals_file: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: tuple[str, ...],
    complaint: str,
) -> None:
    code, output = run("--db", str(deals_file), "metrics", *arguments)
    assert (code, output) == (1, "")
    assert complaint in capsys.readouterr().err
