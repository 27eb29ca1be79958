"""The relationship dashboard: figures for a period and a segment, drill-down, charts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries, QLineSeries, QStackedBarSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.choices import SizeBand, label
from relationsapp.core.deal_service import FeedbackDraft, FeedbackKind, OrderDraft
from relationsapp.core.metrics import Segment
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from relationsapp.ui.dashboard_view import (
    DEBOUNCE_MS,
    KIND_ROLE,
    DashboardView,
    PeriodChoice,
    period_dates,
)
from relationsapp.ui.roles import ID_ROLE
from tests.helpers.people import seed_people

TODAY = dt.date(2027, 3, 12)
Q4_2026 = (dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def seed_deals(services: Services) -> dict[str, int]:
    """Three accounts through 2025–2026; ids of people and accounts by a short key.

    In Q4 2026 Yamada (JP) is kept, Nordisk Pumpe (DK) is lost (last order December
    2025) and Riyadh Energy (SA) is new and was referred by Nordisk Pumpe.
    """
    ids = seed_people(services.database)
    for person, key in (("taro", "yamada"), ("jorgen", "pumps"), ("ahmed", "riyadh")):
        account_id = services.contacts.get(ids[person]).draft.account_id
        assert account_id is not None
        ids[key] = account_id
    riyadh = services.accounts.get(ids["riyadh"]).draft
    services.accounts.update(ids["riyadh"], replace(riyadh, referred_by_account_id=ids["pumps"]))
    services.deals.add_orders(
        [
            OrderDraft(ids["yamada"], dt.date(2025, 11, 10), 100_000, "EUR"),
            OrderDraft(ids["yamada"], dt.date(2026, 11, 5), 200_000, "EUR"),
            OrderDraft(ids["pumps"], dt.date(2025, 12, 1), 50_000, "EUR"),
            OrderDraft(ids["riyadh"], dt.date(2026, 10, 15), 300_000, "EUR"),
        ]
    )
    answers = [
        (FeedbackKind.CSAT, "taro", 5, dt.date(2026, 11, 6)),
        (FeedbackKind.CSAT, "jorgen", 4, dt.date(2026, 10, 20)),
        (FeedbackKind.CSAT, "mette", 2, dt.date(2026, 12, 1)),
        (FeedbackKind.CSAT, "ahmed", 5, dt.date(2026, 12, 2)),
        (FeedbackKind.CSAT, "taro", 1, dt.date(2026, 8, 3)),  # the quarter before
        (FeedbackKind.NPS, "taro", 10, dt.date(2026, 11, 6)),
        (FeedbackKind.NPS, "jorgen", 9, dt.date(2026, 10, 20)),
        (FeedbackKind.NPS, "mette", 3, dt.date(2026, 12, 1)),
        (FeedbackKind.NPS, "ahmed", 7, dt.date(2026, 12, 2)),
    ]
    services.deals.add_feedback(
        [
            FeedbackDraft(kind=kind, score=score, answered_on=day, contact_id=ids[person])
            for kind, person, score, day in answers
        ]
    )
    return ids


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def ids(services: Services) -> dict[str, int]:
    return seed_deals(services)


@pytest.fixture
def view(qtbot: QtBot, services: Services, ids: dict[str, int]) -> Iterator[DashboardView]:
    widget = DashboardView(services, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.set_period(*Q4_2026)
    widget.recompute()
    yield widget
    widget.stop()


def value(view: DashboardView, key: str) -> str:
    return view.cards[key].value_label.text()


def detail(view: DashboardView, key: str) -> str:
    return view.cards[key].detail_label.text()


def drill_names(view: DashboardView) -> list[str]:
    model = view.drill_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_cards_show_the_figures_of_the_period(view: DashboardView) -> None:
    assert (value(view, "retention"), detail(view, "retention")) == (
        "50%",
        "1 of 2 customers kept\n1 new customer",
    )
    assert (value(view, "csat"), detail(view, "csat")) == ("75%", "3 of 4 answers scored 4–5")
    assert (value(view, "nps"), detail(view, "nps")) == (
        "+25",
        "4 answers\nPromoters 2, detractors 1",
    )
    assert (value(view, "referral"), detail(view, "referral")) == (
        "100%",
        "1 of 1 new customer referred",
    )
    # Customers at the end: Yamada (€1,000 + €2,000) and Riyadh (€3,000).
    assert value(view, "cltv") == "€3,000"
    assert detail(view, "cltv").startswith("Predictive: €")


def test_the_quick_choices_set_the_dates(view: DashboardView) -> None:
    view.period_combo.setCurrentIndex(view.period_combo.findData(PeriodChoice.THIS_YEAR.value))
    assert view.period() == (dt.date(2027, 1, 1), TODAY)
    view.period_combo.setCurrentIndex(view.period_combo.findData(PeriodChoice.LAST_QUARTER.value))
    assert view.period() == Q4_2026
    view.from_edit.setDate(view.from_edit.date().addDays(1))
    assert view.period_combo.currentData() == PeriodChoice.CUSTOM.value


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (PeriodChoice.THIS_QUARTER, (dt.date(2027, 1, 1), TODAY)),
        (PeriodChoice.LAST_QUARTER, Q4_2026),
        (PeriodChoice.LAST_12_MONTHS, (dt.date(2026, 3, 13), TODAY)),
        (PeriodChoice.THIS_YEAR, (dt.date(2027, 1, 1), TODAY)),
    ],
)
def test_periods_running_now_end_today(
    choice: PeriodChoice, expected: tuple[dt.date, dt.date]
) -> None:
    assert period_dates(choice, TODAY) == expected


def test_changing_the_period_recomputes_after_a_pause(qtbot: QtBot, view: DashboardView) -> None:
    view.show()
    view.set_period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))  # Q4 2025: both new
    view.to_edit.setDate(view.to_edit.date().addDays(-1))  # a burst computes once
    qtbot.waitUntil(lambda: view.result is not None and view.result.params.first.year == 2025)
    assert view.period() == (dt.date(2025, 10, 1), dt.date(2025, 12, 30))
    assert value(view, "retention") == "—"
    assert detail(view, "retention") == (
        "No customers at the start of the period, so none could be kept.\n2 new customers"
    )
    assert (value(view, "referral"), detail(view, "referral")) == (
        "0%",
        "0 of 2 new customers referred",
    )
    assert value(view, "csat") == "—"
    assert detail(view, "csat") == "No CSAT answers in this period."


def test_choosing_a_segment_counts_only_its_accounts(qtbot: QtBot, view: DashboardView) -> None:
    countries = [view.country_combo.itemData(i) for i in range(view.country_combo.count())]
    assert countries == ["", "DK", "JP", "SA"]  # all, then by name
    view.show()
    view.country_combo.setCurrentIndex(view.country_combo.findData("SA"))
    qtbot.waitUntil(lambda: view.result is not None and view.result.params.segment.country == "SA")
    assert value(view, "retention") == "—"  # Riyadh had not ordered before the period
    assert (value(view, "csat"), detail(view, "csat")) == ("100%", "1 of 1 answer scored 4–5")
    assert (value(view, "nps"), detail(view, "nps")) == ("0", "1 answer\nPromoters 0, detractors 0")
    assert value(view, "cltv") == "€3,000"


def test_the_segment_menus_come_from_the_accounts(view: DashboardView) -> None:
    def items(combo: object) -> list[str]:
        return [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]

    assert items(view.industry_combo) == ["All industries", "Energy", "Manufacturing"]
    assert items(view.size_combo) == ["All sizes", label(SizeBand.LARGE)]
    assert items(view.tag_combo) == ["All tags", "key-account"]  # not the contacts' "vip"
    view.set_segment(Segment(industry="Energy"))
    view.recompute()
    assert view.result is not None
    assert detail(view, "retention") == "0 of 1 customer kept\n1 new customer"


def test_clicking_a_card_emits_and_lists_the_records_behind_it(
    qtbot: QtBot, view: DashboardView, ids: dict[str, int]
) -> None:
    with qtbot.waitSignal(view.accounts_requested) as signal:
        qtbot.mouseClick(view.cards["retention"], Qt.MouseButton.LeftButton)
    assert signal.args == [[ids["yamada"]]]
    assert drill_names(view) == ["株式会社山田製作所 (Yamada Seisakusho)"]
    assert view.drill_label.text() == "&Behind “Retention”: 1 account"
    assert view.cards["retention"].isChecked()

    with qtbot.waitSignal(view.contacts_requested) as signal:
        qtbot.mouseClick(view.cards["csat"], Qt.MouseButton.LeftButton)
    assert sorted(signal.args[0]) == sorted(
        ids[key] for key in ("taro", "jorgen", "mette", "ahmed")
    )
    model = view.drill_model
    kinds = [model.index(row, 0).data(KIND_ROLE) for row in range(model.rowCount())]
    assert kinds == ["account"] * 3 + ["contact"] * 4
    assert view.drill_label.text() == "&Behind “CSAT”: 3 accounts and 4 contacts"
    assert not view.cards["retention"].isChecked()


def test_a_card_opens_from_the_keyboard_and_a_row_opens_its_record(
    qtbot: QtBot, view: DashboardView, ids: dict[str, int]
) -> None:
    view.cards["cltv"].setFocus()
    with qtbot.waitSignal(view.accounts_requested) as signal:
        qtbot.keyClick(view.cards["cltv"], Qt.Key.Key_Space)
    assert sorted(signal.args[0]) == sorted([ids["yamada"], ids["riyadh"]])
    view.cards["nps"].click()
    last = view.drill_model.index(view.drill_model.rowCount() - 1, 0)
    assert last.data(KIND_ROLE) == "contact"
    with qtbot.waitSignal(view.contacts_requested) as signal:
        view.drill_table.activated.emit(last)
    assert signal.args == [[last.data(ID_ROLE)]]


def test_the_drill_down_follows_a_recompute(view: DashboardView) -> None:
    view.drill_into("referral")
    assert drill_names(view) == [name_with_transliteration("شركة الرياض للطاقة", "Riyadh Energy")]
    view.set_period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    view.recompute()
    assert drill_names(view) == []
    assert view.drill_label.text() == "&Behind “Referral rate”: nobody"


def test_a_missing_exchange_rate_is_named(
    view: DashboardView, services: Services, ids: dict[str, int]
) -> None:
    services.deals.add_order(OrderDraft(ids["yamada"], dt.date(2026, 12, 1), 500_000, "BRL"))
    view.invalidate()
    view.recompute()
    assert value(view, "cltv") == "—"
    assert detail(view, "cltv") == "Predictive: —\nMissing rate: BRL → EUR"
    currencies = [view.currency_combo.itemData(i) for i in range(view.currency_combo.count())]
    assert currencies == ["BRL", "EUR"]
    assert view.currency() == "EUR"

    services.deals.set_rate("BRL", "EUR", Decimal("0.2"), dt.date(2026, 1, 1))
    view.invalidate()
    view.recompute()
    assert value(view, "cltv") == "€3,500"  # (3,000 + 1,000 + 3,000) ÷ 2


def test_the_drill_down_model_passes_the_qt_model_tester(
    qtmodeltester: ModelTester, view: DashboardView
) -> None:
    view.drill_into("csat")
    assert view.drill_model.rowCount() == 7
    qtmodeltester.check(view.drill_model, force_py=True)


def test_the_trend_has_a_point_per_quarter_where_a_figure_is_defined(
    view: DashboardView,
) -> None:
    chart = view.charts.trend_view.chart()
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == [
        f"{year}<br>Q{quarter}" for year in (2025, 2026) for quarter in (1, 2, 3, 4)
    ]
    lines: dict[str, list[list[tuple[float, int]]]] = {}
    for series in chart.series():
        assert isinstance(series, QLineSeries)
        lines.setdefault(series.name(), []).append(
            [(point.x(), round(point.y())) for point in series.points()]
        )
    # Customers at a quarter's start exist from 2026 on; answers only in Q3 and Q4 2026;
    # new customers in Q4 2025 (two, unreferred) and Q4 2026 (one, referred): a line
    # breaks where a quarter has no value.
    assert lines == {
        "Retention": [[(4, 100), (5, 100), (6, 100), (7, 50)]],
        "CSAT": [[(6, 0), (7, 75)]],
        "Referral rate": [[(3, 0)], [(7, 100)]],
        "NPS": [[(7, 25)]],
    }
    legend = [m.label() for m in chart.legend().markers() if m.isVisible()]
    assert legend == ["Retention", "CSAT", "Referral rate", "NPS"]


def test_the_nps_chart_has_a_coloured_bar_per_score(view: DashboardView) -> None:
    chart = view.charts.nps_view.chart()
    (series,) = chart.series()
    assert isinstance(series, QStackedBarSeries)
    sets = {
        bar_set.label(): [bar_set.at(i) for i in range(bar_set.count())]
        for bar_set in series.barSets()
    }
    assert set(sets) == {"Detractors", "Passives", "Promoters"}
    assert all(len(values) == 11 for values in sets.values())
    totals = [sum(values[score] for values in sets.values()) for score in range(11)]
    assert totals == [0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]
    assert sets["Detractors"][3] == 1 and sets["Promoters"][9:] == [1, 1]


def test_csat_by_country_has_a_bar_per_country_best_on_top(
    qtbot: QtBot, view: DashboardView, ids: dict[str, int]
) -> None:
    chart = view.charts.csat_view.chart()
    (series,) = chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    (bar_set,) = series.barSets()
    assert [bar_set.at(i) for i in range(bar_set.count())] == [50.0, 100.0, 100.0]  # bottom up
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["Denmark (2)", "Saudi Arabia (1)", "Japan (1)"]
    assert view.charts.countries() == ["JP", "SA", "DK"]
    with qtbot.waitSignal(view.contacts_requested) as signal:
        series.clicked.emit(0, bar_set)  # Denmark's bar
    assert sorted(signal.args[0]) == sorted([ids["jorgen"], ids["mette"]])
    assert view.drill_label.text() == "&Behind “CSAT in Denmark”: 1 account and 2 contacts"


def mnemonics(root: QWidget) -> list[str]:
    texts = [label.text() for label in root.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in root.findChildren(QAbstractButton)]
    return [m.lower() for text in texts for m in re.findall(r"(?<!&)&(\w)", text)]


def test_mnemonics_are_unique_and_clear_of_the_window(view: DashboardView) -> None:
    letters = mnemonics(view)
    assert len(letters) == len(set(letters)), letters
    assert len(letters) >= 9
    # Menus File, Edit, View, Help; tabs Today, Contacts, Accounts, Planner, Dashboard.
    assert not set("fevhycapd") & set(letters), letters


def test_alt_letter_jumps_to_the_country_menu(qtbot: QtBot, view: DashboardView) -> None:
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    view.period_combo.setFocus()
    qtbot.keyClick(view.period_combo, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert view.country_combo.hasFocus()


def test_the_quarter_running_now_is_measured_to_today(view: DashboardView) -> None:
    view.choose_period(PeriodChoice.THIS_QUARTER)
    view.recompute()
    assert view.result is not None
    labels = [label for label, _report in view.result.quarters]
    assert labels[0] == "2025 Q2" and labels[-1] == "2027 Q1" and len(labels) == 8
    assert view.result.quarters[-1][1].last == TODAY
    view.set_period(dt.date(2027, 1, 1), dt.date(2027, 12, 31))  # quarters yet to come
    view.recompute()
    assert [label for label, _report in view.result.quarters][-1] == "2027 Q1"
    assert len(view.result.quarters) == 5


def test_a_hidden_dashboard_computes_only_when_shown(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    widget = DashboardView(services, today=TODAY)
    qtbot.addWidget(widget)
    widget.set_period(*Q4_2026)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert widget.result is None and widget.status_label.text() == ""
    widget.show()
    qtbot.waitUntil(lambda: widget.result is not None)
    assert value(widget, "csat") == "75%"
    widget.hide()
    services.deals.add_feedback(
        [FeedbackDraft(FeedbackKind.CSAT, 1, dt.date(2026, 12, 3), contact_id=ids["aino"])]
    )
    widget.invalidate()
    widget.show()
    qtbot.waitUntil(lambda: value(widget, "csat") == "60%")
    widget.stop()


def test_a_failure_is_shown_not_lost(
    qtbot: QtBot, view: DashboardView, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("no such thing")

    monkeypatch.setattr("relationsapp.core.dashboard_data.compute_metrics", broken)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.status_label.text() != "Computing…")
    assert view.status_label.text() == "The figures could not be computed: no such thing"


def test_the_customer_window_is_the_file_s_setting_and_changes_the_figures(
    view: DashboardView, services: Services
) -> None:
    from relationsapp.core.metrics import customer_definition

    before = detail(view, "retention")
    view.window_spin.setValue(1)  # a customer must have ordered within the last month
    view.recompute()
    assert customer_definition(services.database).window_months == 1
    assert detail(view, "retention") != before
    assert view.window_spin.suffix() == " month"
