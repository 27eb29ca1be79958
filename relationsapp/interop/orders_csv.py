"""Orders from an ERP's CSV export: plan (read and check everything), then apply (all or
nothing, in one transaction).

Columns are found by their header, case- and accent-insensitively, in English, Danish,
German or Finnish (``Kunde;Dato;Beløb;Valuta;Status``, ``Asiakas;Päivämäärä;Summa``);
a ``mapping`` ``{field: header}`` names them when the headers are something else.
Fields: ``account`` (a name) and/or ``account_uid``, ``date``, ``amount``, ``currency``,
and optionally ``status``, ``product``, ``notes``.

- Accounts: by uid when the uid cell is filled (an unknown uid is a problem, not a
  reason to guess by name), else by name or latin name, folded (``OSTERGAARD & SON
  APS`` finds ``Østergaard & Søn ApS``). A name two accounts share is a problem.
- Dates: see :class:`relationsapp.interop.csv_reading.DateReader` (ISO, DD.MM.YYYY,
  DD-MM-YYYY, DD/MM/YYYY; MM/DD/YYYY only when the column shows it unambiguously).
- Amounts: ``1.234,50``, ``1,234.50``, ``1 234,50``, ``1234.5``. With both marks the
  last is the decimal mark. With one mark used once, the column decides: if any of its
  values shows the decimal mark (``99,50``, or both marks), that mark is decimal in
  every row. Without such evidence, a mark followed by exactly three digits separates
  thousands (``1.234`` is 1234) and otherwise is decimal (``1234,5``). More decimals
  than the currency has (``12,345`` EUR read as decimal) are a problem, never rounded.
- Status: won/lost/open in English, Danish, German or Finnish. Without a status column
  every order is *won* (an ERP's order export lists placed orders); an empty status
  cell in a status column is a problem.

Problems are listed with file and line; :func:`apply_order_import` refuses a plan with
problems unless ``skip_problems=True`` is passed, which imports the other rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel.numbers import get_currency_precision
from sqlalchemy import select

from relationsapp.core.deal_service import (
    DealService,
    OrderDraft,
    OrderStatus,
    is_currency,
    minor_units,
    validate_order,
)
from relationsapp.i18n.translate import _
from relationsapp.interop.csv_reading import (
    CsvRow,
    CsvTable,
    DateReader,
    ImportPlanBase,
    ImportProblem,
    Progress,
    cell,
    empty_cell,
    find_columns,
    missing_column,
    read_csv,
    report_progress,
)
from relationsapp.storage.database import Database
from relationsapp.storage.models import Account
from relationsapp.storage.text_folding import fold

#: Header names each field is recognised by (compared folded, spaces ignored).
ORDER_COLUMNS: dict[str, tuple[str, ...]] = {
    "account": (
        "account", "account name", "customer", "customer name", "client", "company",
        "kunde", "kundenavn", "kundenname", "konto", "firma", "virksomhed",
        "asiakas", "asiakkaan nimi", "yritys",
    ),
    "account_uid": (
        "account uid", "customer uid", "kunde uid", "konto uid", "asiakas uid", "uid",
    ),
    "date": (
        "date", "order date", "dato", "ordredato", "datum", "bestelldatum",
        "auftragsdatum", "päivämäärä", "tilauspäivä", "pvm",
    ),
    "amount": (
        "amount", "total", "value", "order value", "beløb", "ordrebeløb", "værdi",
        "betrag", "summe", "wert", "summa", "arvo",
    ),
    "currency": ("currency", "ccy", "valuta", "währung", "valuutta"),
    "status": ("status", "state", "stage", "tila"),
    "product": ("product", "item", "produkt", "vare", "artikel", "tuote"),
    "notes": (
        "notes", "note", "comment", "comments", "noter", "bemærkning", "notiz",
        "bemerkung", "kommentar", "huomautus", "kommentti", "lisätiedot",
    ),
}  # fmt: skip

#: Status words (folded) in English, Danish, German and Finnish.
STATUS_WORDS: dict[str, OrderStatus] = {
    **dict.fromkeys(
        ("won", "win", "closed won", "invoiced", "vundet", "faktureret", "gewonnen",
         "fakturiert", "voitettu", "laskutettu"),
        OrderStatus.WON,
    ),
    **dict.fromkeys(
        ("lost", "closed lost", "tabt", "verloren", "havitty"),
        OrderStatus.LOST,
    ),
    **dict.fromkeys(
        ("open", "pending", "aben", "aaben", "offen", "avoin"),
        OrderStatus.OPEN,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class PlannedOrder:
    line: int
    draft: OrderDraft


@dataclass
class OrderImportPlan(ImportPlanBase):
    """What importing the file would add, and every line that cannot be imported."""

    rows: list[PlannedOrder] = field(default_factory=list)


def plan_order_import(
    path: Path | str, database: Database, mapping: Mapping[str, str] | None = None
) -> OrderImportPlan:
    """Read and check ``path``; raises ``CsvFileError`` when the file cannot be read at all."""
    table = read_csv(path)
    return plan_order_table(table, database, find_columns(table, ORDER_COLUMNS, mapping))


def plan_order_table(
    table: CsvTable,
    database: Database,
    columns: Mapping[str, int],
    *,
    progress: Progress | None = None,
) -> OrderImportPlan:
    """Check a file already read, its fields in the columns ``columns`` (field → index).

    What the import dialog calls: it reads the file once and plans again whenever the
    person maps a column otherwise. A field left out of ``columns`` is not read, even
    when a header names it. ``progress`` may stop the work (:class:`ImportCancelled`).
    """
    if "account" not in columns and "account_uid" not in columns:
        raise missing_column(table, ORDER_COLUMNS["account"] + ORDER_COLUMNS["account_uid"])
    for required in ("date", "amount", "currency"):
        if required not in columns:
            raise missing_column(table, ORDER_COLUMNS[required])
    plan = OrderImportPlan(str(table.path), encoding=table.encoding, delimiter=table.delimiter)
    problems: dict[int, list[str]] = defaultdict(list)
    for problem in table.ragged_problems():
        problems[problem.line].append(problem.reason)
    accounts = _AccountIndex(database)
    dates = DateReader(cell(row, columns, "date") for row in table.rows)
    marks = _decimal_mark(cell(row, columns, "amount") for row in table.rows)
    total = len(table.rows)
    for done, row in enumerate(table.rows):
        report_progress(progress, done, total)
        reasons = problems[row.line]
        draft = _draft(table, columns, row, accounts, dates, marks, reasons)
        if draft is not None and not reasons:
            reasons.extend(error.message for error in validate_order(draft))
        if not reasons and draft is not None:
            plan.rows.append(PlannedOrder(row.line, draft))
    plan.problems = [
        ImportProblem(plan.file, line, reason)
        for line in sorted(problems)
        for reason in problems[line]
    ]
    return plan


def apply_order_import(
    plan: OrderImportPlan, deals: DealService, *, skip_problems: bool = False
) -> list[int]:
    """Add the plan's orders in one transaction; returns their ids.

    A plan with problems is refused (:class:`ImportRefused`, nothing written) unless
    ``skip_problems=True``: then the good rows are imported and the problem lines are
    left out. Either way nothing is imported half: it is one ``add_orders`` transaction.
    """
    plan.check_importable(skip_problems)
    if not plan.rows:
        return []
    return deals.add_orders([row.draft for row in plan.rows])


def _draft(
    table: CsvTable,
    columns: Mapping[str, int],
    row: CsvRow,
    accounts: _AccountIndex,
    dates: DateReader,
    decimal_mark: str | None,
    reasons: list[str],
) -> OrderDraft | None:
    """The row's order, or None with ``reasons`` saying why not."""
    account_id = accounts.find(
        cell(row, columns, "account_uid"), cell(row, columns, "account"), reasons
    )
    date_text = cell(row, columns, "date")
    ordered_on = dates.read(date_text) if date_text else empty_cell(table, columns, "date")
    if isinstance(ordered_on, str):
        reasons.append(ordered_on)
    currency = cell(row, columns, "currency").upper()
    if not currency:
        reasons.append(empty_cell(table, columns, "currency"))
    amount_text = cell(row, columns, "amount")
    amount: Decimal | str = (
        _amount(amount_text, decimal_mark, currency)
        if amount_text
        else empty_cell(table, columns, "amount")
    )
    if isinstance(amount, str):
        reasons.append(amount)
    status: OrderStatus | str = OrderStatus.WON
    if "status" in columns:
        status_text = cell(row, columns, "status")
        status = _status(status_text) if status_text else empty_cell(table, columns, "status")
        if not isinstance(status, OrderStatus):  # OrderStatus is a str too: test it first
            reasons.append(status)
    if reasons or not (
        isinstance(ordered_on, dt.date)
        and isinstance(amount, Decimal)
        and isinstance(status, OrderStatus)
    ):
        return None
    return OrderDraft(
        account_id=account_id,
        ordered_on=ordered_on,
        amount_minor=minor_units(amount, currency) if _known_currency(currency) else 0,
        currency=currency,
        status=status,
        product=cell(row, columns, "product"),
        notes=cell(row, columns, "notes"),
    )


def _status(text: str) -> OrderStatus | str:
    status = STATUS_WORDS.get(_folded(text))
    if status is None:
        return _("“%(value)s” is not a status (won, lost or open).") % {"value": text}
    return status


# --- accounts --------------------------------------------------------------------------


class _AccountIndex:
    """Live accounts by uid and by folded name and latin name, read once per plan."""

    def __init__(self, database: Database) -> None:
        self.by_uid: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        statement = select(Account.id, Account.uid, Account.name, Account.name_latin).where(
            Account.deleted_at.is_(None)
        )
        with database.session() as session:
            for account_id, uid, name, name_latin in session.execute(statement):
                self.by_uid[uid.casefold()] = account_id
                for text in (name, name_latin):
                    if key := fold(text):
                        self.by_name[key].add(account_id)

    def find(self, uid: str, name: str, reasons: list[str]) -> int | None:
        if uid:
            account_id = self.by_uid.get(uid.casefold())
            if account_id is None:
                reasons.append(_("No account has the uid %(uid)s.") % {"uid": uid})
            return account_id
        if not name:
            reasons.append(_("The row names no account."))
            return None
        found = self.by_name.get(_folded(name), set())
        if not found:
            reasons.append(_("No account is called “%(name)s”.") % {"name": name})
            return None
        if len(found) > 1:
            reasons.append(
                _("Several accounts are called “%(name)s”; give the account uid instead.")
                % {"name": name}
            )
            return None
        return next(iter(found))


# --- amounts ---------------------------------------------------------------------------

#: Spaces (also no-break and narrow no-break) and apostrophes group thousands too.
_GROUPING = re.compile(r"[\s\u00a0\u202f'’]")
_NUMBER = re.compile(r"[+-]?\d[\d.,]*")


@cache
def _known_currency(code: str) -> bool:
    return is_currency(code)


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """``fold`` for values an export repeats on every row (account names, statuses)."""
    return fold(text)


def _decimal_mark(values: Iterable[str]) -> str | None:
    """The decimal mark a column shows (``99,50``; ``1.234,50``), or None if none does."""
    seen: set[str] = set()
    for value in values:
        text = _GROUPING.sub("", value)
        if "." in text and "," in text:
            seen.add("." if text.rindex(".") > text.rindex(",") else ",")
            continue
        for mark in ".,":
            if text.count(mark) == 1 and len(text) - text.index(mark) - 1 != 3:
                seen.add(mark)
    return seen.pop() if len(seen) == 1 else None


def _amount(text: str, column_mark: str | None, currency: str) -> Decimal | str:
    """The amount in major units, or the reason it is not one."""
    compact = _GROUPING.sub("", text)
    not_amount = _("“%(value)s” is not an amount.") % {"value": text}
    if not _NUMBER.fullmatch(compact) or compact[-1] in ".,":
        return not_amount
    sign = "-" if compact[0] == "-" else ""
    digits = compact.lstrip("+-")
    if "." in digits and "," in digits:
        mark = "." if digits.rindex(".") > digits.rindex(",") else ","
    else:
        used = "." if "." in digits else "," if "," in digits else None
        if used is None:
            mark = "."
        elif digits.count(used) > 1:
            mark = "," if used == "." else "."  # several: they group thousands
        elif column_mark is not None:
            mark = column_mark
        else:
            mark = "," if used == "." else "."  # 1.234 → 1234
            if len(digits) - digits.index(used) - 1 != 3:
                mark = used  # 1234,5 → 1234.5
    whole, _mark, fraction = digits.partition(mark)
    if mark in fraction:
        return not_amount
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:])
    ):
        return not_amount
    amount = Decimal(f"{sign}{''.join(groups)}.{fraction or '0'}")
    if _known_currency(currency):
        scaled = amount.scaleb(get_currency_precision(currency))
        if scaled != scaled.to_integral_value():
            return _("“%(value)s” has more decimals than %(currency)s has.") % {
                "value": text,
                "currency": currency,
            }
    return amount
