"""The relationship dashboard: five measures for a period and a segment, three charts,
and the accounts and contacts behind any figure.

No business logic here: relationsapp.core.metrics computes, this view words and draws.
The file's orders and answers are read once (off the UI thread) and every change of
period, segment or currency recomputes from that copy in memory.
"""

from __future__ import annotations

import datetime as dt

from babel.lists import format_list
from babel.numbers import get_currency_name
from PySide6.QtCore import QModelIndex, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import SizeBand, label
from relationsapp.core.dashboard_data import (
    DashboardParams,
    DashboardResult,
    LoadedData,
    PeriodChoice,
    compute_dashboard,
    file_currencies,
    home_currency,
    load_data,
    period_dates,
    period_labels,
)
from relationsapp.core.metrics import (
    MAX_WINDOW_MONTHS,
    CustomerDefinition,
    Segment,
    customer_definition,
    set_customer_definition,
)
from relationsapp.core.metrics_data import MetricsData
from relationsapp.core.metrics_texts import (
    cltv_text,
    csat_text,
    nps_text,
    referral_text,
    retention_explanation,
    retention_text,
)
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.services import Services
from relationsapp.i18n.collation import collation_key
from relationsapp.i18n.formatting import (
    country_name,
    format_number,
    ui_locale,
)
from relationsapp.i18n.translate import _, current_language, ngettext
from relationsapp.ui.dashboard_charts import DashboardCharts
from relationsapp.ui.dashboard_widgets import (
    ACCOUNT,
    KIND_ROLE,
    DrillDownModel,
    DrillRow,
    FigureCard,
    date_edit,
    drill_down_table,
    fill_combo,
    filter_combo,
    from_qdate,
    to_qdate,
)
from relationsapp.ui.roles import ID_ROLE

DEBOUNCE_MS = 150


class _ComputeSink(QObject):
    """Lives in the UI thread; the pool thread's signals reach it queued."""

    ready = Signal(int, object)  # generation, DashboardResult
    failed = Signal(int, str)


class _ComputeJob(QRunnable):
    """Reads the file (when not read yet) and computes on a pool thread: at 100,000
    contacts with years of orders and answers the read alone takes longer than a frame."""

    def __init__(
        self,
        services: Services,
        loaded: LoadedData | None,
        params: DashboardParams,
        generation: int,
        sink: _ComputeSink,
    ) -> None:
        super().__init__()
        self._services, self._loaded, self._params = services, loaded, params
        self._generation, self._sink = generation, sink

    def run(self) -> None:
        try:
            loaded = self._loaded or load_data(self._services)
            result = compute_dashboard(loaded, self._params)
        except Exception as error:  # shown in the view, never lost in a pool thread
            self._sink.failed.emit(self._generation, str(error))
            return
        self._sink.ready.emit(self._generation, result)


# --- card texts ---------------------------------------------------------------------------


class DashboardView(QWidget):
    """Retention, CSAT, NPS, referral rate and CLTV for a period and a segment."""

    #: Ids of the accounts behind a figure (a card) or one account (a drill-down row).
    accounts_requested = Signal(list)
    #: Ids of the contacts behind a figure or one contact (a drill-down row).
    contacts_requested = Signal(list)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today  # None: the real today, read at each quick choice
        self._loaded: LoadedData | None = None
        self.result: DashboardResult | None = None
        self._drilled: tuple[str, str] | None = None  # ("card", key) or ("country", code)

        self.period_combo = filter_combo("dashboard_period")
        for choice, text in period_labels().items():
            self.period_combo.addItem(text, choice.value)
        self.from_edit = date_edit("dashboard_from")
        self.to_edit = date_edit("dashboard_to")
        self.currency_combo = filter_combo("dashboard_currency")
        # What makes an account a customer is the file's own setting, defined once here.
        self.window_spin = QSpinBox()
        self.window_spin.setObjectName("dashboard_customer_window")
        self.window_spin.setRange(1, MAX_WINDOW_MONTHS)
        self.window_spin.setValue(customer_definition(services.database).window_months)
        self.window_spin.setToolTip(
            _("An account counts as a customer while its last won order is this recent.")
        )
        self._set_window_suffix(self.window_spin.value())
        self.window_spin.valueChanged.connect(self._on_window_changed)
        self.reload_button = QPushButton(_("Re&load"))
        self.reload_button.setObjectName("dashboard_reload")
        self.reload_button.setToolTip(_("Read the orders and answers in the file again"))
        self.reload_button.clicked.connect(self.invalidate)
        self.industry_combo = filter_combo("dashboard_industry", _("All industries"))
        self.size_combo = filter_combo("dashboard_size", _("All sizes"))
        self.country_combo = filter_combo("dashboard_country", _("All countries"))
        self.tag_combo = filter_combo("dashboard_tag", _("All tags"))
        self.status_label = QLabel()
        self.status_label.setObjectName("dashboard_status")
        self.status_label.setEnabled(False)  # greyed: a note, not content

        self.cards = {
            "retention": FigureCard(
                "retention",
                _("Retention"),
                retention_explanation(CustomerDefinition().window_months),
            ),
            "csat": FigureCard(
                "csat", _("CSAT"), _("The share of CSAT answers (1–5) that are 4 or 5.")
            ),
            "nps": FigureCard(
                "nps",
                _("NPS"),
                _("Promoters (9–10) minus detractors (0–6), in percent of all NPS answers."),
            ),
            "referral": FigureCard(
                "referral",
                _("Referral rate"),
                _("The share of the period’s new customers referred by a contact or account."),
            ),
            "cltv": FigureCard(
                "cltv",
                _("Lifetime value (historic)"),
                _(
                    "Historic: won revenue up to the period’s end per customer. Predictive: "
                    "average order value × orders a year × average customer lifespan."
                ),
            ),
        }
        self._card_group = QButtonGroup(self)
        self._card_group.setExclusive(True)
        for card in self.cards.values():
            self._card_group.addButton(card)
            card.clicked.connect(lambda _checked=False, key=card.key: self.drill_into(key))

        self.charts = DashboardCharts()
        self.charts.country_clicked.connect(self.drill_into_country)
        self.drill_model = DrillDownModel(self)
        self.drill_label = QLabel(_("&Behind the figure: click a figure or a country’s bar."))
        self.drill_label.setObjectName("dashboard_drill_label")
        self.drill_table = drill_down_table(self.drill_model)
        self.drill_table.activated.connect(self._on_row_activated)  # Enter, double-click
        self.drill_label.setBuddy(self.drill_table)
        self._build_layout()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._generation = 0
        self._stale = True  # the figures shown are not those of the current choices
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._sink = _ComputeSink(self)
        self._sink.ready.connect(self._on_ready)
        self._sink.failed.connect(self._on_failed)

        self.fill_currencies(set())
        self.choose_period(PeriodChoice.LAST_12_MONTHS)
        self.period_combo.currentIndexChanged.connect(self._on_period_choice)
        self.from_edit.dateChanged.connect(lambda _date: self._on_date_edited(self.from_edit))
        self.to_edit.dateChanged.connect(lambda _date: self._on_date_edited(self.to_edit))
        for combo in (
            self.currency_combo,
            self.industry_combo,
            self.size_combo,
            self.country_combo,
            self.tag_combo,
        ):
            combo.currentIndexChanged.connect(self.schedule)

    def _build_layout(self) -> None:
        period = QHBoxLayout()
        segment = QHBoxLayout()
        for row, caption, widget in (
            (period, _("Pe&riod:"), self.period_combo),
            (period, _("Fro&m:"), self.from_edit),
            (period, _("T&o:"), self.to_edit),
            (period, _("Curre&ncy:"), self.currency_combo),
            (segment, _("&Industry:"), self.industry_combo),
            (segment, _("Si&ze:"), self.size_combo),
            (segment, _("Co&untry:"), self.country_combo),
            (segment, _("&Tag:"), self.tag_combo),
            (segment, _("Customer = won order &within:"), self.window_spin),
        ):
            caption_label = QLabel(caption)
            caption_label.setBuddy(widget)
            row.addWidget(caption_label)
            row.addWidget(widget)
            row.addSpacing(8)
        period.addStretch(1)
        period.addWidget(self.status_label)
        period.addWidget(self.reload_button)
        segment.addStretch(1)
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(period)
        layout.addLayout(segment)
        layout.addLayout(cards)
        layout.addWidget(self.charts, 5)
        layout.addWidget(self.drill_label)
        layout.addWidget(self.drill_table, 2)
        # A small window scrolls rather than squeezing the charts until nothing reads.
        scroll = QScrollArea()
        scroll.setObjectName("dashboard_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- choices ------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def choose_period(self, choice: PeriodChoice) -> None:
        """Select a quick choice and set the dates it stands for."""
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData(choice.value))
        self.period_combo.blockSignals(False)
        if choice != PeriodChoice.CUSTOM:
            self._set_dates(*period_dates(choice, self.today()))
        self.schedule()

    def set_period(self, first: dt.date, last: dt.date) -> None:
        """Show a period of one's own (the quick choice becomes "Custom")."""
        self._set_dates(min(first, last), max(first, last))
        self._mark_custom()
        self.schedule()

    def period(self) -> tuple[dt.date, dt.date]:
        return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())

    def segment(self) -> Segment:
        return Segment(
            industry=self.industry_combo.currentData() or "",
            size_band=self.size_combo.currentData() or "",
            country=self.country_combo.currentData() or "",
            tag=self.tag_combo.currentData() or "",
        )

    def currency(self) -> str:
        return str(self.currency_combo.currentData() or "EUR")

    def params(self) -> DashboardParams:
        first, last = self.period()
        return DashboardParams(first, last, self.segment(), self.currency(), self.today())

    def _set_dates(self, first: dt.date, last: dt.date) -> None:
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)

    def _mark_custom(self) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData(PeriodChoice.CUSTOM.value))
        self.period_combo.blockSignals(False)

    def _on_period_choice(self) -> None:
        self.choose_period(PeriodChoice(self.period_combo.currentData()))

    def _on_date_edited(self, edited: QDateEdit) -> None:
        first, last = self.period()
        if first > last:  # keep the period the right way round: move the other end
            if edited is self.from_edit:
                self._set_dates(first, first)
            else:
                self._set_dates(last, last)
        self._mark_custom()
        self.schedule()

    def fill_currencies(self, present: set[str], wanted: str | None = None) -> None:
        """The currencies in the file (and EUR and the home currency) by code."""
        home = home_currency()
        current = wanted or self.currency_combo.currentData()
        if not current:
            current = home if home in present else "EUR"
        codes = sorted(present | {"EUR", str(current)})
        locale = ui_locale()
        self.currency_combo.blockSignals(True)
        self.currency_combo.clear()
        for code in codes:
            self.currency_combo.addItem(f"{code} – {get_currency_name(code, locale=locale)}", code)
        self.currency_combo.setCurrentIndex(max(0, self.currency_combo.findData(current)))
        self.currency_combo.blockSignals(False)

    def fill_segments(self, data: MetricsData) -> None:
        """The industries, sizes, countries and tags of the file's accounts."""
        language = current_language()
        accounts = data.accounts
        industries = sorted({a.industry for a in accounts if a.industry}, key=str.casefold)
        fill_combo(self.industry_combo, [(value, value) for value in industries])
        bands = {a.size_band for a in accounts}
        fill_combo(
            self.size_combo,
            [(label(band), band.value) for band in SizeBand if band.value and band.value in bands],
        )
        countries = sorted(
            ((country_name(code), code) for code in {a.country for a in accounts if a.country}),
            key=lambda pair: collation_key(pair[0], language),
        )
        fill_combo(self.country_combo, countries)
        tags = sorted({tag for a in accounts for tag in a.tags}, key=str.casefold)
        fill_combo(self.tag_combo, [(tag, tag) for tag in tags])

    def set_segment(self, segment: Segment) -> None:
        """Choose a segment (values not in the file fall back to "All")."""
        for combo, value in (
            (self.industry_combo, segment.industry),
            (self.size_combo, segment.size_band),
            (self.country_combo, segment.country),
            (self.tag_combo, segment.tag),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.schedule()

    def set_currency(self, code: str) -> None:
        if self.currency_combo.findData(code) < 0:
            present = {
                str(self.currency_combo.itemData(i)) for i in range(self.currency_combo.count())
            }
            self.fill_currencies(present, code)
        self.currency_combo.setCurrentIndex(self.currency_combo.findData(code))
        self.schedule()

    # --- computing ----------------------------------------------------------------------

    def schedule(self) -> None:
        """Recompute shortly: a burst of changes (typing a date) computes once. A hidden
        view only notes it and computes when next shown."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        """Compute on a pool thread (reading the file first if needed) and show it."""
        self._timer.stop()
        self._stale = False
        self._generation += 1
        self.status_label.setText(_("Computing…"))
        job = _ComputeJob(self._services, self._loaded, self.params(), self._generation, self._sink)
        self._pool.clear()  # a request still waiting for the thread is out of date
        self._pool.start(job)

    def recompute(self) -> None:
        """Compute now, on this thread (tests, and callers that need the figures now)."""
        self._timer.stop()
        self._stale = False
        self._generation += 1
        if self._loaded is None:
            self._loaded = load_data(self._services)
            self._fill_from(self._loaded.data)
        self._apply(compute_dashboard(self._loaded, self.params()))

    def _set_window_suffix(self, months: int) -> None:
        self.window_spin.setSuffix(ngettext(" month", " months", months))

    def _on_window_changed(self, months: int) -> None:
        self._set_window_suffix(months)
        set_customer_definition(self._services.database, CustomerDefinition(months))
        self.invalidate()

    def invalidate(self) -> None:
        """The file's orders, answers or accounts changed: read them again."""
        self._loaded = None
        self._stale = True
        if self.isVisible():
            self.refresh()

    def stop(self) -> None:
        """Wait for a computation in flight (the window is closing, the file too)."""
        self._timer.stop()
        self._pool.clear()
        self._pool.waitForDone()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_ready(self, generation: int, result: DashboardResult) -> None:
        if generation != self._generation:  # a newer request supersedes this result
            return
        if result.loaded is not self._loaded:
            self._loaded = result.loaded
            self._fill_from(result.loaded.data)
            if result.params != self.params():  # a choice vanished with the new data
                self.refresh()
                return
        self._apply(result)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.status_label.setText(
                _("The figures could not be computed: %(error)s") % {"error": message}
            )

    def _fill_from(self, data: MetricsData) -> None:
        self.fill_segments(data)
        self.fill_currencies(file_currencies(data))

    def _apply(self, result: DashboardResult) -> None:
        self.result = result
        report = result.report
        self.status_label.setText("")
        self.cards["retention"].setToolTip(
            retention_explanation(result.loaded.definition.window_months)
        )
        self.cards["retention"].set_text(retention_text(report))
        self.cards["csat"].set_text(csat_text(report))
        self.cards["nps"].set_text(nps_text(report))
        self.cards["referral"].set_text(referral_text(report))
        self.cards["cltv"].set_text(cltv_text(report))
        self.charts.show_figures(result.quarters, result.nps_counts, result.csat_countries)
        if self._drilled is not None:  # keep showing what is behind the same figure
            kind, key = self._drilled
            self._show_drill(kind, key)

    # --- drill-down ---------------------------------------------------------------------

    def figure_ids(self, key: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(account ids, contact ids) behind a card's figure."""
        if self.result is None:
            return (), ()
        report = self.result.report
        figure = {
            "retention": report.retention_rate,
            "csat": report.csat,
            "nps": report.nps,
            "referral": report.referral_rate,
        }.get(key)
        if figure is None:  # CLTV: money, averaged over the customers at the end
            return self.result.customer_ids, ()
        return figure.account_ids, figure.contact_ids

    def drill_into(self, key: str) -> None:
        """Show the records behind a card's figure and ask the window to show them too."""
        self.cards[key].setChecked(True)
        self._drilled = ("card", key)
        account_ids, contact_ids = self._show_drill("card", key)
        self._emit(account_ids, contact_ids)

    def drill_into_country(self, code: str) -> None:
        """Show the answers' contacts (or accounts) behind one country's CSAT."""
        checked = self._card_group.checkedButton()
        if checked is not None:
            self._card_group.setExclusive(False)
            checked.setChecked(False)
            self._card_group.setExclusive(True)
        self._drilled = ("country", code)
        account_ids, contact_ids = self._show_drill("country", code)
        self._emit(account_ids, contact_ids)

    def _emit(self, account_ids: tuple[int, ...], contact_ids: tuple[int, ...]) -> None:
        # Answers are by people: their contacts are what is behind them. Customers are
        # accounts. An answer recorded for an account only has no contact.
        if contact_ids:
            self.contacts_requested.emit(list(contact_ids))
        elif account_ids:
            self.accounts_requested.emit(list(account_ids))

    def _show_drill(self, kind: str, key: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        if kind == "card":
            account_ids, contact_ids = self.figure_ids(key)
            caption = self.cards[key].caption_label.text()
        else:
            figure = self.result.csat_countries.get(key) if self.result else None
            account_ids = figure.account_ids if figure else ()
            contact_ids = figure.contact_ids if figure else ()
            caption = _("CSAT in %(country)s") % {
                "country": country_name(key) if key else _("No country")
            }
        self.drill_model.set_rows(self._drill_rows(account_ids, contact_ids))
        self.drill_table.setColumnHidden(ACCOUNT, not contact_ids)  # accounts have none
        counts = []
        if account_ids:
            counts.append(
                ngettext("%(count)s account", "%(count)s accounts", len(account_ids))
                % {"count": format_number(len(account_ids))}
            )
        if contact_ids:
            counts.append(
                ngettext("%(count)s contact", "%(count)s contacts", len(contact_ids))
                % {"count": format_number(len(contact_ids))}
            )
        what = format_list(counts, locale=ui_locale()) if counts else _("nobody")
        self.drill_label.setText(
            _("&Behind “%(figure)s”: %(what)s") % {"figure": caption, "what": what}
        )
        return account_ids, contact_ids

    def _drill_rows(
        self, account_ids: tuple[int, ...], contact_ids: tuple[int, ...]
    ) -> list[DrillRow]:
        rows: list[DrillRow] = []
        if account_ids:
            wanted = set(account_ids)
            for account in self._services.accounts.list_rows():
                if account.id in wanted:
                    name = name_with_transliteration(account.name, account.name_latin)
                    rows.append(DrillRow("account", account.id, name, "", account.country))
        if contact_ids:
            for contact in self._services.contacts.rows(contact_ids).values():
                name = name_with_transliteration(contact.display_name, contact.latin_name)
                rows.append(
                    DrillRow("contact", contact.id, name, contact.account_name, contact.country)
                )
        language = current_language()
        rows.sort(key=lambda row: (row.kind != "account", collation_key(row.name, language)))
        return rows

    def _on_row_activated(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if index.data(KIND_ROLE) == "account":
            self.accounts_requested.emit([record_id])
        else:
            self.contacts_requested.emit([record_id])
