"""CSAT and NPS answers from a survey tool's CSV export: plan, then apply all or nothing.

Columns are found by header, case- and accent-insensitively, in English, Danish, German
or Finnish; a ``mapping`` ``{field: header}`` names them otherwise. Fields: ``email``,
``date``, and either ``type`` (CSAT or NPS) with ``score``, or a score column per kind
(``NPS``, ``CSAT``: a "wide" export where one row may answer both; an empty cell there
means "not asked"); optionally ``comment``.

Each answer is matched to a contact by e-mail address, case-insensitively, among live
contacts' addresses. An address no contact has, or one that several contacts share (a
duplicate to merge first), is a problem on that line. Dates are read as in
:class:`relationsapp.interop.csv_reading.DateReader`. Imported answers carry
``source="import"``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select

from relationsapp.core.deal_service import (
    DealService,
    FeedbackDraft,
    FeedbackKind,
    validate_feedback,
)
from relationsapp.i18n.translate import _, ngettext
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
from relationsapp.storage.models import Contact, ContactEmail
from relationsapp.storage.text_folding import fold

FEEDBACK_COLUMNS: dict[str, tuple[str, ...]] = {
    "email": (
        "email", "email address", "mail", "respondent email", "e-mail-adresse",
        "emailadresse", "sähköposti", "sähköpostiosoite",
    ),
    "date": (
        "date", "answered", "answered on", "submitted", "submitted at", "response date",
        "completed", "timestamp", "dato", "svardato", "datum", "antwortdatum",
        "päivämäärä", "vastattu", "pvm",
    ),
    "type": ("type", "kind", "survey type", "metric", "typ", "art", "tyyppi", "laji"),
    "score": (
        "score", "rating", "answer", "karakter", "bedømmelse", "svar", "bewertung",
        "punkte", "punktzahl", "pisteet", "arvosana", "arvio", "vastaus",
    ),
    "nps": ("nps", "nps score", "net promoter score", "likelihood to recommend"),
    "csat": (
        "csat", "csat score", "satisfaction", "customer satisfaction", "tilfredshed",
        "kundetilfredshed", "zufriedenheit", "kundenzufriedenheit", "tyytyväisyys",
    ),
    "comment": (
        "comment", "comments", "feedback", "remarks", "kommentar", "kommentarer",
        "bemærkning", "anmerkung", "bemerkung", "kommentti", "palaute",
    ),
}  # fmt: skip

#: Survey types (folded) as tools write them.
KIND_WORDS: dict[str, FeedbackKind] = {
    "csat": FeedbackKind.CSAT,
    "customer satisfaction": FeedbackKind.CSAT,
    "satisfaction": FeedbackKind.CSAT,
    "nps": FeedbackKind.NPS,
    "net promoter score": FeedbackKind.NPS,
}


@dataclass(frozen=True)
class PlannedFeedback:
    line: int
    draft: FeedbackDraft


@dataclass
class FeedbackImportPlan(ImportPlanBase):
    """The answers importing the file would add, and every line that cannot be imported."""

    rows: list[PlannedFeedback] = field(default_factory=list)


def plan_feedback_import(
    path: Path | str, database: Database, mapping: Mapping[str, str] | None = None
) -> FeedbackImportPlan:
    """Read and check ``path``; raises ``CsvFileError`` when the file cannot be read at all."""
    table = read_csv(path)
    return plan_feedback_table(table, database, find_columns(table, FEEDBACK_COLUMNS, mapping))


def plan_feedback_table(
    table: CsvTable,
    database: Database,
    columns: Mapping[str, int],
    *,
    progress: Progress | None = None,
) -> FeedbackImportPlan:
    """Check a file already read, its fields in the columns ``columns`` (field → index).

    As :func:`relationsapp.interop.orders_csv.plan_order_table`: a field left out of
    ``columns`` is not read; ``progress`` may stop the work (:class:`ImportCancelled`).
    """
    for required in ("email", "date"):
        if required not in columns:
            raise missing_column(table, FEEDBACK_COLUMNS[required])
    typed = "type" in columns and "score" in columns
    if not typed and "nps" not in columns and "csat" not in columns:
        names = ("type", "score", *FEEDBACK_COLUMNS["nps"][:1], *FEEDBACK_COLUMNS["csat"][:1])
        raise missing_column(table, names)
    plan = FeedbackImportPlan(str(table.path), encoding=table.encoding, delimiter=table.delimiter)
    problems: dict[int, list[str]] = defaultdict(list)
    for problem in table.ragged_problems():
        problems[problem.line].append(problem.reason)
    contacts = _ContactsByEmail(database)
    dates = DateReader(cell(row, columns, "date") for row in table.rows)
    total = len(table.rows)
    for done, row in enumerate(table.rows):
        report_progress(progress, done, total)
        reasons = problems[row.line]
        drafts = _drafts(table, columns, row, typed, contacts, dates, reasons)
        for draft in drafts:
            reasons.extend(error.message for error in validate_feedback(draft))
        if not reasons:
            plan.rows.extend(PlannedFeedback(row.line, draft) for draft in drafts)
    plan.problems = [
        ImportProblem(plan.file, line, reason)
        for line in sorted(problems)
        for reason in problems[line]
    ]
    return plan


def apply_feedback_import(
    plan: FeedbackImportPlan, deals: DealService, *, skip_problems: bool = False
) -> list[int]:
    """Add the plan's answers in one transaction; returns their ids.

    A plan with problems is refused (:class:`ImportRefused`, nothing written) unless
    ``skip_problems=True``: then the good rows are imported and the problem lines left out.
    """
    plan.check_importable(skip_problems)
    if not plan.rows:
        return []
    return deals.add_feedback([row.draft for row in plan.rows])


def _drafts(
    table: CsvTable,
    columns: Mapping[str, int],
    row: CsvRow,
    typed: bool,
    contacts: _ContactsByEmail,
    dates: DateReader,
    reasons: list[str],
) -> list[FeedbackDraft]:
    """The row's answers (none with ``reasons`` saying why)."""
    email = cell(row, columns, "email")
    contact_id = contacts.find(email, reasons) if email else None
    if not email:
        reasons.append(empty_cell(table, columns, "email"))
    date_text = cell(row, columns, "date")
    answered_on = dates.read(date_text) if date_text else empty_cell(table, columns, "date")
    if isinstance(answered_on, str):
        reasons.append(answered_on)
    scores: list[tuple[FeedbackKind, int]] = []
    if typed:
        kind_text, score_text = cell(row, columns, "type"), cell(row, columns, "score")
        kind = KIND_WORDS.get(fold(kind_text)) if kind_text else None
        if not kind_text:
            reasons.append(empty_cell(table, columns, "type"))
        elif kind is None:
            reasons.append(_("“%(value)s” is not CSAT or NPS.") % {"value": kind_text})
        score = _score(score_text, reasons) if score_text else None
        if not score_text:
            reasons.append(empty_cell(table, columns, "score"))
        if kind is not None and score is not None:
            scores.append((kind, score))
    for kind in (FeedbackKind.CSAT, FeedbackKind.NPS):
        text = cell(row, columns, kind.value)
        if text and (score := _score(text, reasons)) is not None:
            scores.append((kind, score))
    if not typed and not scores and not reasons:
        reasons.append(_("The row has no score."))
    if reasons or contact_id is None or isinstance(answered_on, str):
        return []
    comment = cell(row, columns, "comment")
    return [
        FeedbackDraft(
            kind=kind,
            score=score,
            answered_on=answered_on,
            comment=comment,
            contact_id=contact_id,
            source="import",
        )
        for kind, score in scores
    ]


def _score(text: str, reasons: list[str]) -> int | None:
    """A whole-number score (``9``, ``9.0``), or None with the reason."""
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value != value.to_integral_value():
        reasons.append(_("“%(value)s” is not a whole number.") % {"value": text})
        return None
    return int(value)


class _ContactsByEmail:
    """Live contacts by case-folded e-mail address, read once per plan."""

    def __init__(self, database: Database) -> None:
        self.ids: dict[str, set[int]] = defaultdict(set)
        statement = (
            select(ContactEmail.address, Contact.id)
            .join(Contact, Contact.id == ContactEmail.contact_id)
            .where(ContactEmail.deleted_at.is_(None), Contact.deleted_at.is_(None))
        )
        with database.session() as session:
            for address, contact_id in session.execute(statement):
                self.ids[address.strip().casefold()].add(contact_id)

    def find(self, email: str, reasons: list[str]) -> int | None:
        found = self.ids.get(email.casefold(), set())
        if not found:
            reasons.append(_("No contact has the e-mail address %(email)s.") % {"email": email})
            return None
        if len(found) > 1:
            reasons.append(
                ngettext(
                    "%(count)d contact has the e-mail address %(email)s (ambiguous); "
                    "merge the duplicates first.",
                    "%(count)d contacts have the e-mail address %(email)s (ambiguous); "
                    "merge the duplicates first.",
                    len(found),
                )
                % {"count": len(found), "email": email}
            )
            return None
        return next(iter(found))
