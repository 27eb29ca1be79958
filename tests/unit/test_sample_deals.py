"""The sample orders, rates and feedback tell a dashboard story: years of orders in local
currencies with EUR rates, churned and new (some referred) customers, mostly happy CSAT
and an NPS mix that differs by country."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from relationsapp.core.sample_deals import EUR_VALUE, currency_for
from relationsapp.core.sample_loader import load_sample_data
from relationsapp.core.zones import now_utc
from relationsapp.storage.database import Database, open_database


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    with open_database(tmp_path_factory.mktemp("deals") / "sample.sqlite") as database:
        load_sample_data(database)
        yield database


def rows(database: Database, sql: str) -> list[Any]:
    return database.reader().execute(sql).fetchall()


def test_orders_span_three_years_up_to_today(sample: Database) -> None:
    today = now_utc().date()
    dates = [dt.date.fromisoformat(day) for (day,) in rows(sample, "SELECT ordered_on FROM orders")]
    assert len(dates) > 300
    assert len({day.year for day in dates}) >= 3
    assert max(dates) <= today
    assert (today - min(dates)).days > 3 * 365
    statuses = Counter(status for (status,) in rows(sample, "SELECT status FROM orders"))
    assert set(statuses) == {"won", "lost", "open"}
    assert statuses["won"] > statuses["lost"] > statuses["open"] > 0
    open_days = [
        dt.date.fromisoformat(day)
        for (day,) in rows(sample, "SELECT ordered_on FROM orders WHERE status = 'open'")
    ]
    assert min(open_days) > today - dt.timedelta(days=365)  # open deals are recent


def test_orders_are_in_each_account_s_currency_with_plausible_amounts(sample: Database) -> None:
    found = rows(
        sample,
        "SELECT a.country, o.currency, o.amount_minor FROM orders o "
        "JOIN accounts a ON a.id = o.account_id",
    )
    assert all(currency == currency_for(country) for country, currency, _amount in found)
    currencies = {currency for _country, currency, _amount in found}
    assert {"DKK", "EUR", "JPY", "USD", "SAR", "INR"} <= currencies
    for _country, currency, amount in found:
        precision = 0 if currency in ("JPY", "KRW") else 2
        euros = Decimal(amount).scaleb(-precision) * EUR_VALUE.get(currency, Decimal(1))
        assert 1_500 < euros < 300_000, (currency, amount)


def test_every_currency_used_has_dated_eur_rates(sample: Database) -> None:
    used = {currency for (currency,) in rows(sample, "SELECT DISTINCT currency FROM orders")}
    rates = rows(sample, "SELECT currency, quote, rate, valid_on FROM exchange_rates")
    by_currency: dict[str, list[tuple[Decimal, str]]] = {}
    for currency, quote, rate, valid_on in rates:
        assert quote == "EUR"
        by_currency.setdefault(currency, []).append((Decimal(rate), valid_on))
    assert set(by_currency) == used - {"EUR"}
    assert len(by_currency) >= 5
    first_order = rows(sample, "SELECT min(ordered_on) FROM orders")[0][0]
    for currency, dated in by_currency.items():
        assert len(dated) >= 3
        assert min(valid_on for _rate, valid_on in dated) <= first_order
        for rate, _valid_on in dated:  # within a tenth of a realistic figure
            assert abs(rate / EUR_VALUE[currency] - 1) < Decimal("0.1"), (currency, rate)
    dkk = [rate for rate, _day in by_currency["DKK"]]
    assert all(Decimal("0.133") < rate < Decimal("0.135") for rate in dkk)


def test_some_accounts_churned_and_new_ones_came_every_year_some_referred(
    sample: Database,
) -> None:
    today = now_utc().date()
    year_ago = (today - dt.timedelta(days=365)).isoformat()
    churned = rows(
        sample,
        "SELECT a.id FROM accounts a WHERE EXISTS (SELECT 1 FROM orders o WHERE "
        "o.account_id = a.id AND o.status = 'won') AND NOT EXISTS (SELECT 1 FROM orders o "
        f"WHERE o.account_id = a.id AND o.ordered_on > '{year_ago}')",
    )
    assert 2 <= len(churned) <= 20
    firsts = rows(
        sample,
        "SELECT min(o.ordered_on), a.referred_by_account_id FROM orders o "
        "JOIN accounts a ON a.id = o.account_id WHERE o.status = 'won' GROUP BY a.id",
    )
    start = min(dt.date.fromisoformat(first) for first, _referrer in firsts)
    later = [
        (dt.date.fromisoformat(first), referrer)
        for first, referrer in firsts
        if dt.date.fromisoformat(first) > start + dt.timedelta(days=120)
    ]
    assert len(later) >= 12  # new customers after the first months
    assert {(first - start).days // 365 for first, _referrer in later} >= {0, 1, 2}
    referred = [referrer for _first, referrer in later if referrer is not None]
    assert 4 <= len(referred) < len(later)
    never_won = rows(
        sample,
        "SELECT count(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM orders o "
        "WHERE o.account_id = a.id AND o.status = 'won')",
    )[0][0]
    assert never_won > 0  # prospects


def test_csat_is_mostly_four_or_five_some_attached_to_interactions(sample: Database) -> None:
    scores = Counter(
        score for (score,) in rows(sample, "SELECT score FROM feedback WHERE kind = 'csat'")
    )
    total = scores.total()
    assert total > 100
    assert set(scores) == {1, 2, 3, 4, 5}
    assert (scores[4] + scores[5]) / total > 0.6
    assert scores[3] > scores[1] and scores[5] > scores[3]
    attached = rows(
        sample,
        "SELECT f.contact_id = i.contact_id, f.answered_on >= date(i.occurred_at) "
        "FROM feedback f JOIN interactions i ON i.id = f.interaction_id",
    )
    assert len(attached) > 30
    assert all(same and after for same, after in attached)


def test_nps_has_all_three_groups_and_differs_by_country(sample: Database) -> None:
    answers = rows(
        sample,
        "SELECT a.country, f.score FROM feedback f JOIN contacts c ON c.id = f.contact_id "
        "JOIN accounts a ON a.id = c.account_id WHERE f.kind = 'nps'",
    )
    assert len(answers) > 200
    groups = Counter(
        "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
        for _country, score in answers
    )
    total = groups.total()
    assert 0.35 < groups["promoter"] / total < 0.65
    assert 0.2 < groups["passive"] / total < 0.45
    assert 0.1 < groups["detractor"] / total < 0.35
    by_country: dict[str, list[int]] = {}
    for country, score in answers:
        by_country.setdefault(country, []).append(score)

    def nps(scores: list[int]) -> float:
        return 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)

    figures = [nps(scores) for scores in by_country.values() if len(scores) >= 15]
    assert len(figures) >= 8
    assert max(figures) - min(figures) > 40


def test_every_answer_is_in_range_and_dated_by_today(sample: Database) -> None:
    today = now_utc().date().isoformat()
    assert rows(
        sample,
        "SELECT count(*) FROM feedback WHERE (kind = 'csat' AND score NOT BETWEEN 1 AND 5) "
        f"OR (kind = 'nps' AND score NOT BETWEEN 0 AND 10) OR answered_on > '{today}' "
        "OR contact_id IS NULL OR account_id IS NULL",
    ) == [(0,)]
