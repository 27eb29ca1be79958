"""Three years of orders, exchange rates and client feedback for the sample accounts, so
the dashboard has a story to tell: loyal customers ordering a few times a year, a few
churned accounts (nothing for over a year), a few slipping, new customers every quarter
(some referred by an existing one), open deals in the last weeks, CSAT after visits and
deliveries, and NPS surveys whose mix of promoters and detractors differs by country.

Everything is placed relative to ``now`` and drawn from one seeded generator, so two
loads on the same day give the same story. Amounts are drawn in euros for an
industrial B2B seller (2,000–250,000 € a deal) and quoted in the account's own currency
(CLDR, ``babel.numbers.get_territory_currencies``), rounded as a quote would be.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.numbers import get_territory_currencies
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from relationsapp.core.choices import InteractionKind
from relationsapp.core.deal_service import FeedbackKind, OrderStatus, minor_units
from relationsapp.storage.ids import new_uid
from relationsapp.storage.models import Account, Contact, ExchangeRate, Feedback, Interaction, Order

SEED = 20270104
HISTORY_DAYS = 3 * 365 + 30
#: Deals this recent may still be open.
OPEN_DAYS = 75

#: What one unit is worth in euros, roughly, over the three years; the sample's rates
#: drift around these by ``_SWING`` (the DKK is pegged, the Gulf currencies follow the USD).
EUR_VALUE: dict[str, Decimal] = {
    "DKK": Decimal("0.1341"),
    "SEK": Decimal("0.0880"),
    "GBP": Decimal("1.1700"),
    "USD": Decimal("0.9200"),
    "CAD": Decimal("0.6700"),
    "AUD": Decimal("0.6000"),
    "JPY": Decimal("0.0061"),
    "CNY": Decimal("0.1270"),
    "INR": Decimal("0.0110"),
    "NPR": Decimal("0.0069"),
    "KRW": Decimal("0.00068"),
    "SAR": Decimal("0.2450"),
    "AED": Decimal("0.2500"),
    "BRL": Decimal("0.1700"),
    "MXN": Decimal("0.0500"),
}
_SWING = {"DKK": 0.002, "SAR": 0.03, "AED": 0.03, "USD": 0.03, "BRL": 0.08, "MXN": 0.07}
_DEFAULT_SWING = 0.04

#: (product, lowest, highest deal in euros for a mid-sized account, how often it is sold).
PRODUCTS = (
    ("Centrifugal pumps, CR series", 8_000, 60_000, 3),
    ("Booster set", 15_000, 120_000, 2),
    ("Dosing pumps", 2_000, 18_000, 3),
    ("Seal kits and spare parts", 2_000, 12_000, 4),
    ("Service contract, 12 months", 5_000, 40_000, 2),
    ("Wastewater pumping station", 60_000, 250_000, 1),
)
_PRODUCT_WEIGHTS = [weight for *_product, weight in PRODUCTS]
_SIZE_FACTOR = {"1-9": 0.4, "10-49": 0.6, "50-249": 1.0, "250-999": 1.5, "1000+": 2.2}
#: Deals (won, lost or open) a year, by company size.
_DEALS_A_YEAR = {"1-9": 1.5, "10-49": 2.5, "50-249": 3.5, "250-999": 5.0, "1000+": 7.0}

#: NPS mix by account country: (promoters, passives); the rest are detractors. Japanese
#: respondents rarely give 9 or 10; the Americas are generous; the default is 50/30/20.
NPS_MIX: dict[str, tuple[float, float]] = {
    "JP": (0.25, 0.50),
    "KR": (0.35, 0.40),
    "CN": (0.45, 0.30),
    "DE": (0.40, 0.40),
    "FI": (0.45, 0.40),
    "SE": (0.50, 0.35),
    "DK": (0.60, 0.28),
    "FR": (0.35, 0.35),
    "IN": (0.40, 0.25),
    "US": (0.62, 0.23),
    "CA": (0.58, 0.27),
    "BR": (0.60, 0.20),
    "MX": (0.55, 0.25),
    "SA": (0.55, 0.30),
    "AE": (0.55, 0.30),
}
_DEFAULT_MIX = (0.50, 0.30)
#: CSAT 1–5 weights: most answers 4–5, some 3, a few 1–2; unhappy accounts lower.
_CSAT_WEIGHTS = (3, 5, 12, 33, 47)
_UNHAPPY_CSAT_WEIGHTS = (10, 15, 25, 30, 20)
_COMMENTS = {
    "promoter": (
        "Reliable deliveries and quick answers.",
        "The service engineer knew our plant better than we do.",
        "Good value over the lifetime of the pumps.",
    ),
    "passive": (
        "Good products, but lead times are long.",
        "Fine overall; the documentation could be clearer.",
    ),
    "detractor": (
        "Spare parts took six weeks to arrive.",
        "Invoices did not match the quote.",
        "Hard to reach anyone when the line stopped.",
    ),
    "csat": (
        "Helpful visit, thanks.",
        "Answered all our questions.",
        "Would have liked the drawings before the meeting.",
    ),
}
_SURVEYED_KINDS = {InteractionKind.CALL, InteractionKind.VISIT, InteractionKind.MEETING}


@dataclass(frozen=True)
class SampleDealCounts:
    orders: int
    rates: int
    feedback: int


@dataclass
class _Life:
    """One sample account's story: when it first bought and when (if) it stopped."""

    account_id: int
    country: str
    size_band: str
    currency: str
    first: dt.date | None  # first won order; None for a prospect that never bought
    last: dt.date  # no deals after this day (churned or slipping), else today
    unhappy: bool = False


def currency_for(country: str) -> str:
    """The country's current tender currency (``DK`` → ``DKK``); EUR when unknown."""
    currencies = get_territory_currencies(country) if country else []
    return str(currencies[0]) if currencies else "EUR"


def add_sample_deals(session: Session, now: dt.datetime) -> SampleDealCounts:
    """Insert orders, EUR exchange rates and feedback for the accounts in ``session``."""
    rng = random.Random(SEED)
    today = now.astimezone(dt.UTC).date()
    start = today - dt.timedelta(days=HISTORY_DAYS)
    accounts = session.execute(
        select(
            Account.id,
            Account.country,
            Account.size_band,
            Account.tags,
            Account.referred_by_account_id.label("referred_by"),
        )
        .where(Account.deleted_at.is_(None))
        .order_by(Account.id)
    ).all()
    lives = _lives(rng, session, accounts, start, today)
    rates = _rates(rng, {life.currency for life in lives}, start, today)
    orders = [row for life in lives for row in _orders(rng, life, EUR_VALUE, today)]
    contacts: dict[int, list[int]] = defaultdict(list)
    for contact_id, account_id in session.execute(
        select(Contact.id, Contact.account_id)
        .where(Contact.deleted_at.is_(None), Contact.account_id.is_not(None))
        .order_by(Contact.id)
    ):
        if account_id is not None:
            contacts[account_id].append(contact_id)
    by_account = {life.account_id: life for life in lives}
    feedback = _delivery_csat(rng, orders, contacts, by_account, today)
    feedback += _interaction_csat(rng, session, by_account, today)
    feedback += _nps(rng, lives, contacts, today)
    for table, rows in ((Order, orders), (ExchangeRate, rates), (Feedback, feedback)):
        if rows:
            session.execute(insert(table), rows)
    return SampleDealCounts(len(orders), len(rates), len(feedback))


def _lives(
    rng: random.Random,
    session: Session,
    accounts: Sequence[Any],
    start: dt.date,
    today: dt.date,
) -> list[_Life]:
    """Decide who bought when: loyal, new (some referred), churned, slipping, prospects."""

    def day_in(first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=rng.randrange(max((last - first).days, 1)))

    lives: dict[int, _Life] = {}
    referred = {row.id: row.referred_by for row in accounts if row.referred_by is not None}
    referrers = set(referred.values())
    new_ones: list[int] = []
    for row in accounts:
        life = _Life(row.id, row.country, row.size_band, currency_for(row.country), None, today)
        prospect = "prospect" in json.loads(row.tags or "[]") and row.id not in referrers
        roll = rng.random()
        if prospect and roll < 0.7:
            pass  # still a prospect: only open or lost deals
        elif prospect:
            life.first = day_in(today - dt.timedelta(days=180), today - dt.timedelta(days=20))
            new_ones.append(row.id)
        elif row.id in referrers or (row.id not in referred and roll < 0.55):
            life.first = day_in(start, start + dt.timedelta(days=75))  # loyal customers
            fate = rng.random()
            if fate < 0.22 and row.id not in referrers:  # churned: nothing for 13–30 months
                life.last = day_in(today - dt.timedelta(days=900), today - dt.timedelta(days=400))
                life.unhappy = True
            elif fate < 0.32:  # slipping: nothing for 7–11 months
                life.last = day_in(today - dt.timedelta(days=335), today - dt.timedelta(days=215))
                life.unhappy = rng.random() < 0.6
        else:  # new customers, spread over the quarters after the first
            life.first = day_in(start + dt.timedelta(days=90), today - dt.timedelta(days=10))
            new_ones.append(row.id)
        lives[row.id] = life
    # A referral comes after the referrer has bought for a while.
    for account_id, referrer in referred.items():
        life, source = lives[account_id], lives.get(referrer)
        if (
            life.first
            and source
            and source.first
            and life.first < source.first + dt.timedelta(days=60)
        ):
            life.first = min(source.first + dt.timedelta(days=rng.randint(60, 200)), today)
    # A few more new customers came through an existing one in their country.
    loyal = [
        life for life in lives.values() if life.first and life.first < start + dt.timedelta(days=80)
    ]
    for account_id in rng.sample(new_ones, min(4, len(new_ones))):
        if account_id in referred:
            continue
        life = lives[account_id]
        same_country = [other for other in loyal if other.country == life.country]
        source = rng.choice(same_country or loyal) if loyal else None
        if source is not None and source.account_id != account_id:
            session.execute(
                update(Account)
                .where(Account.id == account_id)
                .values(referred_by_account_id=source.account_id)
            )
    return list(lives.values())


def _rates(
    rng: random.Random, currencies: set[str], start: dt.date, today: dt.date
) -> list[dict[str, Any]]:
    """A rate to EUR every six months from before the first order; the last row of each
    currency is the newest."""
    days = [start - dt.timedelta(days=14)]
    while days[-1] + dt.timedelta(days=182) <= today:
        days.append(days[-1] + dt.timedelta(days=182))
    rows = []
    for currency in sorted(currencies - {"EUR"}):
        base = EUR_VALUE.get(currency)
        if base is None:
            continue  # no realistic figure known: leave the gap visible, as a user would
        swing = _SWING.get(currency, _DEFAULT_SWING)
        phase = rng.uniform(0, 2 * math.pi)
        for index, day in enumerate(days):
            factor = 1 + swing * math.sin(phase + index * 0.9) + rng.uniform(-0.1, 0.1) * swing
            rows.append(
                {
                    "uid": new_uid(),
                    "currency": currency,
                    "quote": "EUR",
                    "rate": format(Decimal(f"{float(base) * factor:.4g}"), "f"),
                    "valid_on": day,
                }
            )
    return rows


def _orders(
    rng: random.Random, life: _Life, eur_value: dict[str, Decimal], today: dt.date
) -> list[dict[str, Any]]:
    rows = []
    yearly = _DEALS_A_YEAR.get(life.size_band, 2.5)
    factor = _SIZE_FACTOR.get(life.size_band, 1.0)
    if life.first is None:  # a prospect: a deal or two in the last year and a half
        for _number in range(rng.randint(1, 3)):
            day = today - dt.timedelta(days=rng.randrange(5, 540))
            status = OrderStatus.OPEN if (today - day).days < OPEN_DAYS * 2 else OrderStatus.LOST
            rows.append(_order(rng, life, day, status, factor, eur_value))
        return rows
    rows.append(_order(rng, life, life.first, OrderStatus.WON, factor, eur_value))
    day = life.first
    while True:
        day += dt.timedelta(days=max(7, round(rng.expovariate(yearly / 365))))
        if day > life.last or day > today:
            break
        if (today - day).days < OPEN_DAYS:
            status = rng.choices(list(OrderStatus), weights=(55, 35, 10))[0]  # open/won/lost
        else:
            status = OrderStatus.WON if rng.random() < 0.72 else OrderStatus.LOST
        rows.append(_order(rng, life, day, status, factor, eur_value))
    return rows


def _order(
    rng: random.Random,
    life: _Life,
    day: dt.date,
    status: OrderStatus,
    factor: float,
    eur_value: dict[str, Decimal],
) -> dict[str, Any]:
    product, low, high, _weight = rng.choices(PRODUCTS, weights=_PRODUCT_WEIGHTS)[0]
    euros = min(max(math.exp(rng.uniform(math.log(low), math.log(high))) * factor, 2_000), 250_000)
    local = euros / float(eur_value.get(life.currency, Decimal(1)))
    # Quoted the way a salesperson would: three significant figures (48,700 kr., ¥7,980,000).
    step = 10 ** max(int(math.log10(local)) - 2, 0)
    amount = Decimal(round(local / step) * step)
    return {
        "uid": new_uid(),
        "account_id": life.account_id,
        "ordered_on": day,
        "amount_minor": minor_units(amount, life.currency),
        "currency": life.currency,
        "status": status.value,
        "product": product,
    }


def _answer(
    kind: FeedbackKind,
    score: int,
    day: dt.date,
    contact_id: int,
    account_id: int,
    comment: str = "",
    interaction_id: int | None = None,
) -> dict[str, Any]:
    return {
        "uid": new_uid(),
        "kind": kind.value,
        "score": score,
        "answered_on": day,
        "comment": comment,
        "source": "manual",
        "contact_id": contact_id,
        "account_id": account_id,
        "interaction_id": interaction_id,
    }


def _csat_score(rng: random.Random, unhappy: bool) -> int:
    weights = _UNHAPPY_CSAT_WEIGHTS if unhappy else _CSAT_WEIGHTS
    return rng.choices(range(1, 6), weights=weights)[0]


def _delivery_csat(
    rng: random.Random,
    orders: list[dict[str, Any]],
    contacts: dict[int, list[int]],
    lives: dict[int, _Life],
    today: dt.date,
) -> list[dict[str, Any]]:
    """A CSAT answer after about a third of the won deliveries, a few weeks later."""
    rows = []
    for order in orders:
        people = contacts.get(order["account_id"])
        if order["status"] != OrderStatus.WON.value or not people or rng.random() > 0.33:
            continue
        day = order["ordered_on"] + dt.timedelta(days=rng.randint(14, 45))
        if day > today:
            continue
        score = _csat_score(rng, lives[order["account_id"]].unhappy)
        comment = rng.choice(_COMMENTS["csat"]) if rng.random() < 0.15 else ""
        rows.append(
            _answer(FeedbackKind.CSAT, score, day, rng.choice(people), order["account_id"], comment)
        )
    return rows


def _interaction_csat(
    rng: random.Random, session: Session, lives: dict[int, _Life], today: dt.date
) -> list[dict[str, Any]]:
    """CSAT about some of the sample calls, visits and meetings, a day or two after."""
    rows = []
    interactions = session.execute(
        select(
            Interaction.id,
            Interaction.kind,
            Interaction.occurred_at,
            Interaction.contact_id,
            Interaction.account_id,
        )
        .where(Interaction.deleted_at.is_(None), Interaction.contact_id.is_not(None))
        .order_by(Interaction.id)
    )
    for interaction_id, kind, occurred_at, contact_id, account_id in interactions:
        if kind not in _SURVEYED_KINDS or account_id is None or contact_id is None:
            continue
        if rng.random() > 0.4:
            continue
        day = min(occurred_at.date() + dt.timedelta(days=rng.randint(0, 3)), today)
        life = lives.get(account_id)
        score = _csat_score(rng, life is not None and life.unhappy)
        comment = rng.choice(_COMMENTS["csat"]) if rng.random() < 0.2 else ""
        rows.append(
            _answer(FeedbackKind.CSAT, score, day, contact_id, account_id, comment, interaction_id)
        )
    return rows


def _nps(
    rng: random.Random, lives: list[_Life], contacts: dict[int, list[int]], today: dt.date
) -> list[dict[str, Any]]:
    """A quarterly NPS survey; about a quarter of the customers' contacts answer."""
    rows = []
    waves = [today - dt.timedelta(days=20 + 91 * number) for number in range(12)]
    for life in lives:
        if life.first is None:
            continue
        promoters, passives = NPS_MIX.get(life.country, _DEFAULT_MIX)
        if life.unhappy:  # the accounts that left were unhappy before they left
            promoters, passives = promoters * 0.4, passives * 0.8
        for wave in waves:
            if not life.first <= wave <= life.last + dt.timedelta(days=60):
                continue
            for contact_id in contacts.get(life.account_id, []):
                if rng.random() > 0.25:
                    continue
                roll = rng.random()
                if roll < promoters:
                    group, score = "promoter", rng.choice((9, 9, 10, 10, 10))
                elif roll < promoters + passives:
                    group, score = "passive", rng.choice((7, 8, 8))
                else:
                    group, score = "detractor", rng.choice((2, 3, 4, 5, 5, 6, 6, 6))
                day = min(wave + dt.timedelta(days=rng.randint(0, 14)), today)
                comment = rng.choice(_COMMENTS[group]) if rng.random() < 0.2 else ""
                rows.append(
                    _answer(FeedbackKind.NPS, score, day, contact_id, life.account_id, comment)
                )
    return rows
