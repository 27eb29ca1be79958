"""The dashboard's three charts (QtCharts): the quarterly trend, the NPS answers 0–10 and
CSAT by country. Numbers on the axes are formatted with Babel, not Qt's printf formats,
so a Danish reader sees ``83 %`` and a Finnish one ``−50``.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QApplication, QGridLayout, QSizePolicy, QWidget

from relationsapp.core.metrics import Figure, MetricsReport
from relationsapp.i18n.collation import collation_key
from relationsapp.i18n.formatting import (
    country_name,
    format_number,
    format_percent_value,
    format_signed,
)
from relationsapp.i18n.translate import _, current_language

# Okabe–Ito colours: told apart by readers with the common colour-vision deficiencies.
DETRACTOR_COLOUR = QColor("#D55E00")
PASSIVE_COLOUR = QColor("#999999")
PROMOTER_COLOUR = QColor("#009E73")
RETENTION_COLOUR = QColor("#0072B2")
CSAT_COLOUR = QColor("#E69F00")
REFERRAL_COLOUR = QColor("#CC79A7")
NPS_COLOUR = QColor("#56B4E9")
CSAT_BAR_COLOUR = QColor("#0072B2")

#: At most this many countries get a bar: those with the most answers.
MAX_COUNTRIES = 12
MIN_CHART_HEIGHT = 260
#: Room beyond a line chart's range, as a share of it.
PLOT_PADDING = 0.04
#: Narrower than this, the trend chart gets a row of its own.
WIDE_LAYOUT_WIDTH = 1200


def _percent_axis(title: str, top: int = 100, padding: float = 0.0) -> QCategoryAxis:
    """0 % to ``top`` % with Babel-formatted labels every 25, ``padding`` beyond both ends."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-padding, top + padding)
    axis.setStartValue(-padding)
    for value in range(0, top + 1, 25):
        axis.append(format_percent_value(value / 100), value)
    axis.setTitleText(title)
    return axis


def _nps_axis(padding: float) -> QCategoryAxis:
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-100 - padding, 100 + padding)
    axis.setStartValue(-100 - padding)
    for value in (-100, -50, 0, 50, 100):
        axis.append(format_signed(value), value)
    axis.setTitleText(_("NPS"))
    axis.setGridLineVisible(False)  # the percent axis draws the grid
    return axis


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    palette = QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    # The theme sets its own fonts; keep the application's, which carry the fallbacks
    # for every script (a country name in the UI language may need them).
    font = QApplication.font()
    chart.setFont(font)
    chart.setTitleFont(font)
    chart.legend().setFont(font)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _style_axes(chart: QChart) -> None:
    font = QApplication.font()
    for axis in chart.axes():
        axis.setLabelsFont(font)
        axis.setTitleFont(font)


def _runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """``[0.5, None, 0.7, 0.8]`` → ``[[(0, 0.5)], [(2, 0.7), (3, 0.8)]]``."""
    runs: list[list[tuple[int, float]]] = []
    previous: float | None = None
    for position, value in enumerate(values):
        if value is not None:
            if previous is None:
                runs.append([])
            runs[-1].append((position, value))
        previous = value
    return runs


def trend_chart(quarters: list[tuple[str, MetricsReport]]) -> QChart:
    """Retention, CSAT and referral rate (percent, left axis) and NPS (right axis) by
    quarter; a quarter where a measure is undefined has no point for it."""
    chart = _new_chart(_("Quarter by quarter"))
    categories = QBarCategoryAxis()
    # "2026 Q3" on two lines: eight quarters side by side leave each label little width.
    categories.append([label.replace(" ", "<br>", 1) for label, _report in quarters])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    # Retention can pass 100 % (lapsed customers who came back); the axis grows for it.
    # A little room beyond both ends draws a point at 0 % or 100 % whole. With the usual
    # top of 100 %, the NPS axis's −100…+100 lines up with 0…100 %.
    rates = [
        figure.value * 100
        for _label, report in quarters
        for figure in (report.retention_rate, report.csat, report.referral_rate)
        if figure.value is not None
    ]
    top = max(100, math.ceil(max(rates, default=0) / 25) * 25)
    percent = _percent_axis(_("Rate"), top, top * PLOT_PADDING)
    chart.addAxis(percent, Qt.AlignmentFlag.AlignLeft)
    nps_axis = _nps_axis(200 * PLOT_PADDING)
    chart.addAxis(nps_axis, Qt.AlignmentFlag.AlignRight)
    lines = (
        (_("Retention"), RETENTION_COLOUR, lambda r: r.retention_rate, 100.0, percent),
        (_("CSAT"), CSAT_COLOUR, lambda r: r.csat, 100.0, percent),
        (_("Referral rate"), REFERRAL_COLOUR, lambda r: r.referral_rate, 100.0, percent),
        (_("NPS"), NPS_COLOUR, lambda r: r.nps, 1.0, nps_axis),
    )
    for name, colour, figure_of, scale, axis in lines:
        pen = QPen(colour, 2.5)
        if axis is nps_axis:  # dashed: read against the right-hand axis
            pen.setStyle(Qt.PenStyle.DashLine)
        values = [figure_of(report).value for _label, report in quarters]
        # One line per run of quarters with a value: a line drawn across a quarter
        # without answers would show a value nobody measured.
        for number, run in enumerate(_runs(values)):
            series = QLineSeries()
            series.setName(name)
            series.setPen(pen)
            series.setPointsVisible(True)
            series.append([QPointF(position, value * scale) for position, value in run])
            chart.addSeries(series)
            series.attachAxis(categories)
            series.attachAxis(axis)
            if number:  # one legend entry a measure
                for marker in chart.legend().markers(series):
                    marker.setVisible(False)
    _style_axes(chart)
    return chart


def nps_bars(counts: list[int]) -> list[tuple[str, QColor, list[int]]]:
    """The three stacked sets of the NPS chart: each score's count in its group's set."""
    groups = (
        (_("Detractors"), DETRACTOR_COLOUR, range(0, 7)),
        (_("Passives"), PASSIVE_COLOUR, range(7, 9)),
        (_("Promoters"), PROMOTER_COLOUR, range(9, 11)),
    )
    return [
        (name, colour, [count if score in scores else 0 for score, count in enumerate(counts)])
        for name, colour, scores in groups
    ]


def nps_chart(counts: list[int]) -> QChart:
    """How many answers gave each score 0–10, detractors, passives and promoters coloured."""
    chart = _new_chart(_("NPS answers by score"))
    series = QStackedBarSeries()
    for name, colour, values in nps_bars(counts):
        bar_set = QBarSet(name)
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        bar_set.append([float(value) for value in values])
        series.append(bar_set)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    scores = QBarCategoryAxis()
    scores.append([format_number(score) for score in range(len(counts))])
    chart.addAxis(scores, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(scores)
    answers = QValueAxis()
    answers.setLabelFormat("%d")  # whole counts; no grouping needed below 10,000 a bar
    answers.setRange(0, max([*counts, 1]))
    answers.applyNiceNumbers()
    answers.setTitleText(_("Answers"))
    chart.addAxis(answers, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(answers)
    _style_axes(chart)
    return chart


def countries_shown(figures: dict[str, Figure]) -> list[str]:
    """The countries that get a bar, top to bottom: the ones with most answers, best first."""
    defined = [code for code, figure in figures.items() if figure.value is not None]
    busiest = sorted(defined, key=lambda code: -figures[code].denominator)[:MAX_COUNTRIES]
    language = current_language()
    return sorted(
        busiest,
        key=lambda code: (-(figures[code].value or 0.0), collation_key(_name(code), language)),
    )


def _name(code: str) -> str:
    return country_name(code) if code else _("No country")


def _bar_label(code: str, figure: Figure) -> str:
    """``Japan (23)``: the country and how many answers its CSAT rests on."""
    return _("%(country)s (%(count)s)") % {
        "country": _name(code),
        "count": format_number(figure.denominator),
    }


def csat_country_chart(figures: dict[str, Figure]) -> tuple[QChart, list[str]]:
    """Horizontal CSAT bars by country; also returns the country codes top to bottom."""
    shown = countries_shown(figures)
    title = _("CSAT by country")
    if len(shown) < len([f for f in figures.values() if f.value is not None]):
        title = _("CSAT by country (the %(count)s with most answers)") % {
            "count": format_number(len(shown))
        }
    chart = _new_chart(title)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 20, 4))  # "100 %" is centred on the plot's right edge
    series = QHorizontalBarSeries()
    bar_set = QBarSet(_("CSAT"))
    bar_set.setColor(CSAT_BAR_COLOUR)
    bar_set.setBorderColor(CSAT_BAR_COLOUR)
    # A horizontal bar chart draws its first category at the bottom: reverse, so the
    # best country is on top.
    bottom_up = list(reversed(shown))
    bar_set.append([(figures[code].value or 0.0) * 100 for code in bottom_up])
    series.append(bar_set)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([_bar_label(code, figures[code]) for code in bottom_up])
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    share = _percent_axis(_("Answers 4–5"))
    chart.addAxis(share, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(share)
    _style_axes(chart)
    return chart, shown


def _chart_view(name: str) -> QChartView:
    view = QChartView()
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(240, MIN_CHART_HEIGHT)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


class DashboardCharts(QWidget):
    """The three charts in a row (or, in a narrow window, the trend above the other two);
    a click on a country's bar asks for its drill-down."""

    #: The ISO code of the country whose CSAT bar was clicked.
    country_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trend_view = _chart_view("dashboard_trend_chart")
        self.nps_view = _chart_view("dashboard_nps_chart")
        self.csat_view = _chart_view("dashboard_csat_chart")
        self._countries: list[str] = []  # bottom to top, as the bars are drawn
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._wide: bool | None = None
        self._arrange(wide=True)

    def is_wide(self) -> bool:
        return bool(self._wide)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wide=event.size().width() >= WIDE_LAYOUT_WIDTH)
        super().resizeEvent(event)

    def _arrange(self, *, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        views = (self.trend_view, self.nps_view, self.csat_view)
        for view in views:
            self._grid.removeWidget(view)
        if wide:
            places = ((0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1))
            columns, rows = (4, 3, 3), (1, 0)
        else:  # eight quarters and a dozen country names need the width
            places = ((0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1))
            columns, rows = (1, 1, 0), (1, 1)
        for view, place in zip(views, places, strict=True):
            self._grid.addWidget(view, *place)
        for column, stretch in enumerate(columns):
            self._grid.setColumnStretch(column, stretch)
        for row, stretch in enumerate(rows):
            self._grid.setRowStretch(row, stretch)

    def show_figures(
        self,
        quarters: list[tuple[str, MetricsReport]],
        nps_counts: list[int],
        csat_countries: dict[str, Figure],
    ) -> None:
        """Replace the three charts with ones drawn from these figures."""
        self._replace(self.trend_view, trend_chart(quarters))
        self._replace(self.nps_view, nps_chart(nps_counts))
        chart, shown = csat_country_chart(csat_countries)
        self._countries = list(reversed(shown))
        # Room for every country's name: squeezed bars lose every other label.
        line = self.fontMetrics().height() + 8
        self.csat_view.setMinimumHeight(max(MIN_CHART_HEIGHT, 100 + len(shown) * line))
        for series in chart.series():
            if isinstance(series, QHorizontalBarSeries):
                series.clicked.connect(self._on_bar_clicked)
        self._replace(self.csat_view, chart)

    def countries(self) -> list[str]:
        """The countries with a CSAT bar, top to bottom."""
        return list(reversed(self._countries))

    def _on_bar_clicked(self, index: int, _bar_set: QBarSet) -> None:
        if 0 <= index < len(self._countries):
            self.country_clicked.emit(self._countries[index])

    @staticmethod
    def _replace(view: QChartView, chart: QChart) -> None:
        # The view does not delete the chart it lets go of.
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()
