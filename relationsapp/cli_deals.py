"""``relationsapp metrics``, ``import-orders`` and ``import-feedback``: the relationship
measures and the CSV imports they are computed from (see relationsapp.cli for the rest)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from relationsapp.cli import CliError, open_file_database
from relationsapp.i18n.translate import _, ngettext

if TYPE_CHECKING:
    import datetime as dt

    from relationsapp.core.metrics import MetricsReport, Money, Segment
    from relationsapp.interop.csv_reading import ImportProblem

#: --segment KEY → the Segment field it sets.
_METRICS_SEGMENT_KEYS = {
    "industry": "industry",
    "size": "size_band",
    "country": "country",
    "tag": "tag",
}


def parse_day(text: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        message = _("“%(value)s” is not a date of the form YYYY-MM-DD.")
        raise CliError(message % {"value": text}) from error


def _metrics_segment(specs: list[str]) -> Segment:
    from relationsapp.core.choices import SizeBand
    from relationsapp.core.metrics import Segment

    fields: dict[str, str] = {}
    for spec in specs:
        key, equals, value = spec.partition("=")
        name = _METRICS_SEGMENT_KEYS.get(key.strip().lower())
        if not equals or name is None or not value.strip():
            message = _("“%(value)s” is not KEY=VALUE with KEY industry, size, country or tag.")
            raise CliError(message % {"value": spec})
        fields[name] = value.strip()
    sizes = [band.value for band in SizeBand if band.value]
    if fields.get("size_band", sizes[0]) not in sizes:
        message = _("“%(value)s” is not a company size; use one of %(sizes)s.")
        raise CliError(message % {"value": fields["size_band"], "sizes": ", ".join(sizes)})
    fields["country"] = fields.get("country", "").upper()
    return Segment(**fields)


def metrics(args: argparse.Namespace, out: TextIO) -> None:
    from babel.numbers import is_currency

    from relationsapp.core.metrics import compute_metrics, customer_definition, metrics_as_json
    from relationsapp.core.metrics_data import load_metrics_data

    first, last = parse_day(args.first_day), parse_day(args.last_day)
    if last < first:
        raise CliError(_("The period ends (--to) before it starts (--from)."))
    currency = args.currency.strip().upper()
    if not is_currency(currency):
        message = _("“%(code)s” is not an ISO 4217 currency code.")
        raise CliError(message % {"code": args.currency})
    segment = _metrics_segment(args.segment)
    with open_file_database(args.db, write=False) as database:
        data = load_metrics_data(database)
        definition = customer_definition(database)
    report = compute_metrics(
        data, first, last, segment=segment, currency=currency, definition=definition
    )
    if args.json:
        document = metrics_as_json(report)
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return
    out.write("\n".join(_metrics_lines(report, args.segment)) + "\n")


def _metrics_lines(report: MetricsReport, segment_specs: list[str]) -> list[str]:
    """The report as readable lines, numbers in the UI locale."""
    from babel.numbers import format_currency, format_decimal, format_percent

    from relationsapp.i18n.formatting import format_date, ui_locale

    locale = ui_locale()
    counts = report.counts
    months = report.definition.window_months

    def percent(value: float | None) -> str:
        return (
            "—"
            if value is None
            else format_percent(round(value, 3), locale=locale, decimal_quantization=False)
        )

    def money(value: Money) -> str:
        if value.amount is not None:
            return format_currency(value.amount, value.currency, locale=locale)
        if value.missing_rates:
            missing = ", ".join(value.missing_rates)
            return _("— (no exchange rate for %(currencies)s)") % {"currencies": missing}
        return "—"

    def number(value: float | None) -> str:
        return "—" if value is None else format_decimal(round(value, 2), locale=locale)

    lines = [
        _("Relationship metrics, %(first)s – %(last)s")
        % {"first": format_date(report.first), "last": format_date(report.last)},
        ngettext(
            "Customers: accounts with a won order in the last %(months)d month",
            "Customers: accounts with a won order in the last %(months)d months",
            months,
        )
        % {"months": months},
    ]
    if segment_specs:
        lines.append(_("Segment: %(segment)s") % {"segment": ", ".join(segment_specs)})
    rows = [
        (
            _("Retention rate"),
            percent(report.retention_rate.value),
            _("(%(end)d at the end − %(new)d new) ÷ %(start)d at the start")
            % {
                "end": report.customers_at_end,
                "new": report.new_customers,
                "start": report.customers_at_start,
            },
        ),
        (
            _("CSAT"),
            percent(report.csat.value),
            ngettext(
                "%(satisfied)d of %(count)d answer was 4 or 5",
                "%(satisfied)d of %(count)d answers were 4 or 5",
                report.csat.denominator,
            )
            % {"satisfied": report.csat.numerator, "count": report.csat.denominator},
        ),
        (
            _("NPS"),
            number(None if report.nps.value is None else round(report.nps.value, 1)),
            _("promoters %(promoters)d, passives %(passives)d, detractors %(detractors)d") % counts,
        ),
        (
            _("Referral rate"),
            percent(report.referral_rate.value),
            ngettext(
                "%(referred)d of %(count)d new customer was referred",
                "%(referred)d of %(count)d new customers were referred",
                report.new_customers,
            )
            % {"referred": report.referral_rate.numerator, "count": report.new_customers},
        ),
        (
            _("CLTV, historic"),
            money(report.cltv_historic),
            ngettext(
                "their revenue so far ÷ %(count)d customer at the end",
                "their revenue so far ÷ %(count)d customers at the end",
                report.customers_at_end,
            )
            % {"count": report.customers_at_end},
        ),
        (
            _("CLTV, predictive"),
            money(report.cltv_predictive),
            _("%(order)s per order × %(frequency)s orders a year × %(years)s years")
            % {
                "order": money(report.average_order_value),
                "frequency": number(report.purchase_frequency),
                "years": number(report.average_lifespan_years),
            },
        ),
    ]
    width = max(len(label) for label, _value, _detail in rows)
    value_width = max(len(value) for _label, value, _detail in rows)
    lines.append("")
    lines += [
        f"{label.ljust(width)}  {value.ljust(value_width)}  {detail}"
        for label, value, detail in rows
    ]
    return lines


def import_orders(args: argparse.Namespace, out: TextIO) -> int:
    from relationsapp.interop.orders_csv import apply_order_import, plan_order_import

    def ready_text(count: int) -> str:
        return ngettext(
            "%(count)d order ready to import from %(file)s.",
            "%(count)d orders ready to import from %(file)s.",
            count,
        ) % {"count": count, "file": args.file}

    def imported_text(count: int) -> str:
        return ngettext("Imported %(count)d order.", "Imported %(count)d orders.", count) % {
            "count": count
        }

    return _import_deals(
        args, out, plan_order_import, apply_order_import, ready_text, imported_text
    )


def import_feedback(args: argparse.Namespace, out: TextIO) -> int:
    from relationsapp.interop.feedback_csv import apply_feedback_import, plan_feedback_import

    def ready_text(count: int) -> str:
        return ngettext(
            "%(count)d answer ready to import from %(file)s.",
            "%(count)d answers ready to import from %(file)s.",
            count,
        ) % {"count": count, "file": args.file}

    def imported_text(count: int) -> str:
        return ngettext("Imported %(count)d answer.", "Imported %(count)d answers.", count) % {
            "count": count
        }

    return _import_deals(
        args, out, plan_feedback_import, apply_feedback_import, ready_text, imported_text
    )


def _import_deals(
    args: argparse.Namespace,
    out: TextIO,
    plan_import: Callable[..., Any],
    apply_import: Callable[..., list[int]],
    ready_text: Callable[[int], str],
    imported_text: Callable[[int], str],
) -> int:
    """Plan the file, import it all (or the good rows with --skip-problems), report."""
    from relationsapp.core.deal_service import DealService
    from relationsapp.interop.csv_reading import CsvFileError

    with open_file_database(args.db, write=not args.dry_run) as database:
        try:
            plan = plan_import(args.file, database)
        except CsvFileError as error:
            raise CliError(str(error)) from error
        ready = len(plan.rows)
        imported = 0
        if not args.dry_run and (args.skip_problems or not plan.problems):
            imported = len(
                apply_import(plan, DealService(database), skip_problems=args.skip_problems)
            )
    summary = [ready_text(ready)]
    if imported:
        summary.append(imported_text(imported))
    return _import_report(args, out, plan.problems, ready, imported, summary)


def _import_report(
    args: argparse.Namespace,
    out: TextIO,
    problems: Sequence[ImportProblem],
    ready: int,
    imported: int,
    summary: list[str],
) -> int:
    """Print what an import did; exit code 1 when problems stopped it (or would have)."""
    refused = bool(problems) and not args.skip_problems
    if args.json:
        document = {
            "imported": imported,
            "skipped": [problem.as_json() for problem in problems],
            "ready": ready,
            "dry_run": args.dry_run,
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return 1 if refused else 0
    for problem in problems:
        out.write(f"{problem}\n")
    lines = len({problem.line for problem in problems})
    if lines:
        summary.append(
            ngettext("%(count)d line has a problem.", "%(count)d lines have problems.", lines)
            % {"count": lines}
        )
    if args.dry_run:
        summary.append(_("Dry run: nothing was imported."))
    elif refused:
        message = _("Nothing was imported: fix the lines above, or use --skip-problems.")
        summary.append(message)
    out.write("\n".join(summary) + "\n")
    return 1 if refused else 0
