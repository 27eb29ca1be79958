"""What the order and survey import dialog shows of a plan: its fields and preview rows.

Plain Python (no widgets), so that a pool thread can plan a large file and word its
preview in one go: the planners of :mod:`relationsapp.interop` check the rows; this
module adds the names of the matched accounts and contacts and formats dates and
amounts in the UI locale.

The preview holds the first :data:`PREVIEW_ROWS` lines of the file and every line with
a problem after them (up to :data:`PREVIEW_PROBLEMS`), in file order: a problem on line
4,000 of a long export is what the person needs to see before importing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from relationsapp.core.deal_service import FeedbackDraft, OrderDraft
from relationsapp.core.services import Services
from relationsapp.i18n.formatting import format_date, format_number
from relationsapp.i18n.translate import _
from relationsapp.interop.csv_reading import CsvRow, CsvTable, ImportProblem, Progress
from relationsapp.interop.feedback_csv import (
    FeedbackImportPlan,
    plan_feedback_table,
)
from relationsapp.interop.orders_csv import OrderImportPlan, plan_order_table
from relationsapp.ui.orders_model import money_text, status_label

ImportKind = Literal["orders", "feedback"]
ImportPlan = OrderImportPlan | FeedbackImportPlan

PREVIEW_ROWS = 200
PREVIEW_PROBLEMS = 1000


def field_labels(kind: ImportKind) -> dict[str, str]:
    """Field → its label in the mapping form, with a mnemonic unique in the dialog."""
    if kind == "orders":
        return {
            "account": _("&Account:"),
            "account_uid": _("Account &UID:"),
            "date": _("&Date:"),
            "amount": _("A&mount:"),
            "currency": _("&Currency:"),
            "status": _("&Status:"),
            "product": _("&Product:"),
            "notes": _("&Notes:"),
        }
    return {
        "email": _("&E-mail address:"),
        "date": _("&Date:"),
        "type": _("&Type (CSAT or NPS):"),
        "score": _("&Score:"),
        "nps": _("&NPS score:"),
        "csat": _("CS&AT score:"),
        "comment": _("C&omment:"),
    }


def field_name(kind: ImportKind, field: str) -> str:
    """The field's label as a word in a sentence: ``A&mount:`` → ``Amount``."""
    return field_labels(kind)[field].replace("&", "").rstrip(":").strip()


def missing_fields(kind: ImportKind, columns: Mapping[str, int]) -> str:
    """Why the file cannot be planned with these ``columns`` ("" when it can)."""
    if kind == "orders":
        needed = [field for field in ("date", "amount", "currency") if field not in columns]
        if "account" not in columns and "account_uid" not in columns:
            needed.insert(0, "account")
    else:
        needed = [field for field in ("email", "date") if field not in columns]
        typed = [field for field in ("type", "score") if field in columns]
        if len(typed) == 1:
            needed.append("score" if typed == ["type"] else "type")
        elif not (typed or needed or "nps" in columns or "csat" in columns):
            return _("Choose the columns of the type and score, or of an NPS or CSAT score.")
    if not needed:
        return ""
    return _("Choose a column for %(fields)s.") % {
        "fields": ", ".join(field_name(kind, field) for field in needed)
    }


def encoding_name(encoding: str) -> str:
    """``utf-8-sig`` → ``UTF-8``: the name people know the encoding by."""
    return {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf-16-le": "UTF-16",
        "utf-16-be": "UTF-16",
        "cp1252": "Windows-1252",
    }.get(encoding, encoding.upper())


def delimiter_name(delimiter: str) -> str:
    return {",": _("comma"), ";": _("semicolon"), "\t": _("tab")}.get(delimiter, delimiter)


@dataclass(frozen=True)
class PreviewRow:
    """One line of the file as the preview shows it."""

    line: int
    #: The values, matched and formatted where the row is good, as written where not.
    cells: tuple[str, ...]
    #: Every problem of the line, one sentence after another; "" when it will be imported.
    problem: str


@dataclass(frozen=True)
class PlannedImport:
    """A plan and its preview: what a planning job hands back to the dialog."""

    kind: ImportKind
    plan: ImportPlan
    preview: list[PreviewRow]
    #: Records in the file (lines of data, good or not).
    records: int

    @property
    def ready(self) -> int:
        """Orders or answers that importing would add."""
        return len(self.plan.rows)

    @property
    def problems(self) -> list[ImportProblem]:
        return self.plan.problems


def plan_import(
    services: Services,
    kind: ImportKind,
    table: CsvTable,
    columns: Mapping[str, int],
    progress: Progress | None = None,
) -> PlannedImport:
    """Plan ``table`` with ``columns`` and build its preview (may run on a pool thread)."""
    plan: ImportPlan
    if kind == "orders":
        plan = plan_order_table(table, services.database, columns, progress=progress)
    else:
        plan = plan_feedback_table(table, services.database, columns, progress=progress)
    problems: dict[int, list[str]] = defaultdict(list)
    for problem in plan.problems:
        problems[problem.line].append(problem.reason)
    records = sorted([*table.rows, *table.ragged], key=lambda row: row.line)
    shown = records[:PREVIEW_ROWS]
    shown += [row for row in records[PREVIEW_ROWS:] if row.line in problems][:PREVIEW_PROBLEMS]
    preview_of: Callable[[list[CsvRow]], list[tuple[str, ...]]]
    if isinstance(plan, OrderImportPlan):
        preview_of = _OrderPreview(services, plan, columns).cells
    else:
        preview_of = _FeedbackPreview(services, plan, columns).cells
    return PlannedImport(
        kind,
        plan,
        [
            PreviewRow(row.line, cells, " ".join(problems.get(row.line, [])))
            for row, cells in zip(shown, preview_of(shown), strict=True)
        ],
        len(records),
    )


def _raw(row: CsvRow, columns: Mapping[str, int], field: str) -> str:
    """The cell as written (a short ragged row may lack it)."""
    index = columns.get(field)
    return row.values[index].strip() if index is not None and index < len(row.values) else ""


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


class _OrderPreview:
    """Account, date, amount and status of each line."""

    def __init__(
        self, services: Services, plan: OrderImportPlan, columns: Mapping[str, int]
    ) -> None:
        self._columns = columns
        self._drafts: dict[int, OrderDraft] = {row.line: row.draft for row in plan.rows}
        self._accounts = dict(services.accounts.choices()) if plan.rows else {}

    def cells(self, rows: list[CsvRow]) -> list[tuple[str, ...]]:
        return [self._cells(row) for row in rows]

    def _cells(self, row: CsvRow) -> tuple[str, ...]:
        draft = self._drafts.get(row.line)
        if draft is None:
            raw = _raw
            columns = self._columns
            return (
                raw(row, columns, "account") or raw(row, columns, "account_uid"),
                raw(row, columns, "date"),
                _joined(raw(row, columns, "amount"), raw(row, columns, "currency")),
                raw(row, columns, "status"),
            )
        account = self._accounts.get(draft.account_id or 0, "")
        return (
            account,
            format_date(draft.ordered_on),
            money_text(draft.amount_minor, draft.currency),
            status_label(draft.status),
        )


class _FeedbackPreview:
    """Contact, date, answers and comment of each line."""

    def __init__(
        self, services: Services, plan: FeedbackImportPlan, columns: Mapping[str, int]
    ) -> None:
        self._columns = columns
        self._services = services
        self._drafts: dict[int, list[FeedbackDraft]] = defaultdict(list)
        for row in plan.rows:
            self._drafts[row.line].append(row.draft)

    def cells(self, rows: list[CsvRow]) -> list[tuple[str, ...]]:
        ids = {
            draft.contact_id
            for row in rows
            for draft in self._drafts.get(row.line, [])
            if draft.contact_id is not None
        }
        names = {
            contact_id: found.display_name
            for contact_id, found in self._services.contacts.rows(ids).items()
        }
        return [self._cells(row, names) for row in rows]

    def _cells(self, row: CsvRow, names: Mapping[int, str]) -> tuple[str, ...]:
        columns = self._columns
        email = _raw(row, columns, "email")
        drafts = self._drafts.get(row.line)
        if not drafts:
            answers = [
                _joined(_raw(row, columns, "type"), _raw(row, columns, "score")),
                _joined("NPS", _raw(row, columns, "nps")) if _raw(row, columns, "nps") else "",
                _joined("CSAT", _raw(row, columns, "csat")) if _raw(row, columns, "csat") else "",
            ]
            return (
                email,
                _raw(row, columns, "date"),
                " · ".join(answer for answer in answers if answer),
                _raw(row, columns, "comment"),
            )
        first = drafts[0]
        contact = names.get(first.contact_id or 0, "")
        return (
            f"{contact} <{email}>" if contact else email,  # as mail programs show it
            format_date(first.answered_on),
            " · ".join(
                _joined(draft.kind.value.upper(), format_number(draft.score)) for draft in drafts
            ),
            first.comment,
        )
