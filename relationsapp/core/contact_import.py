"""Importing people from vCard and CSV files without losing anyone.

Two steps, so the user sees everything before anything is written:

1. ``plan_contact_import`` reads every file (``interop`` readers), repairs what cannot
   be stored as typed (an invalid phone or e-mail, an unknown zone: kept under *other
   fields* with a warning, never dropped), and classifies each record:
   - **new**: nobody like it in the file;
   - **update**: a live contact carries the card's UID (``external_uid``), so a second
     import of the same export updates instead of adding (**unchanged** when nothing
     differs);
   - **duplicate**: same e-mail or phone, or a similar name, as a stored contact or as
     an earlier record of this import; not imported unless the user says so;
   - **error**: the reader's skipped records (file, line, reason).
2. ``apply_contact_import`` writes the chosen records in ONE transaction (bulk inserts:
   ORM ``add_all`` is ~45× slower), creating accounts named by ORG that do not exist
   yet, and returns what it did so ``undo_contact_import`` can take it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from relationsapp.core.errors import ValidationFailed
from relationsapp.core.records import (
    DEFAULT_WORK_END,
    DEFAULT_WORK_START,
    AccountDraft,
    ContactDraft,
    OtherField,
)
from relationsapp.core.validation import (
    FieldError,
    has_name,
    normalise_contact,
    validate_contact,
)
from relationsapp.i18n.translate import _
from relationsapp.interop.contact_records import (
    ImportedContact,
    ParsedContacts,
    SkippedRecord,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from relationsapp.core.duplicates import DuplicateIndex
    from relationsapp.storage.database import Database

#: (done, total) → keep going?
Progress = Callable[[int, int], bool]


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


class RowState(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"


def state_label(state: RowState) -> str:
    return {
        RowState.NEW: _("New"),
        RowState.UPDATE: _("Update"),
        RowState.UNCHANGED: _("Unchanged"),
        RowState.DUPLICATE: _("Duplicate"),
    }[state]


@dataclass
class ImportRow:
    """One person read from a file, as the preview lists it."""

    record: ImportedContact
    state: RowState
    #: UPDATE/UNCHANGED: the contact the card updates; DUPLICATE: the likely same person
    #: (None when the duplicate is an earlier record of this import).
    target_id: int | None = None
    #: Why it is a duplicate ("same e-mail ana@x.com"), translated.
    reason: str = ""
    #: Import it although it is a duplicate (the user ticked it in the preview).
    include: bool = True

    @property
    def will_be_written(self) -> bool:
        if self.state == RowState.DUPLICATE:
            return self.include
        return self.state in (RowState.NEW, RowState.UPDATE)


@dataclass
class ContactImportPlan:
    files: list[str]
    rows: list[ImportRow] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)

    def count(self, state: RowState) -> int:
        return sum(1 for row in self.rows if row.state == state)


@dataclass
class ContactImportResult:
    imported_ids: list[int] = field(default_factory=list)
    #: (contact id, its draft before the import), for undo.
    updated: list[tuple[int, ContactDraft]] = field(default_factory=list)
    #: (contact id, its draft after the import), for redo.
    updated_to: list[tuple[int, ContactDraft]] = field(default_factory=list)
    created_account_ids: list[int] = field(default_factory=list)
    #: Duplicates left out and unreadable records, each with file, line and reason.
    skipped: list[SkippedRecord] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------


def read_contact_file(path: Path) -> ParsedContacts:
    """Read one vCard or CSV file; a file that cannot be read at all is one skipped record."""
    # Each reader refuses an unreadable or too large file itself, with file and line.
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        from relationsapp.interop.vcard_mapping import read_vcard_file

        return read_vcard_file(path)
    if suffix in (".csv", ".txt"):
        from relationsapp.interop.contact_csv import read_contact_csv

        return read_contact_csv(path)
    return _refused(str(path), _("is neither a vCard (.vcf) nor a CSV file"))


def _refused(source: str, reason: str) -> ParsedContacts:
    return ParsedContacts(skipped=[SkippedRecord(source, 0, reason)])


# --- repairing ---------------------------------------------------------------------------


def storable(record: ImportedContact, today: dt.date) -> ContactDraft | None:
    """The record's draft ready to store, every unstorable value moved to other fields
    with a warning on the record; None when nothing can name the person."""
    draft = record.draft
    if not has_name(draft):
        stand_in = record.account_name.strip() or next(
            (email.address.strip() for email in draft.emails if email.address.strip()), ""
        )
        if not stand_in:
            return None
        record.warnings.append(
            _("No name in the record: named “%(name)s” after its organisation or e-mail.")
            % {"name": stand_in}
        )
        draft = replace(draft, given_name=stand_in)
    errors = validate_contact(draft, today)
    if errors:
        draft = _repaired(record, draft, errors)
    try:
        return normalise_contact(draft)
    except ValueError:  # pragma: no cover - validate_contact is the gate
        return None


def _bad_value(draft: ContactDraft, error: FieldError) -> str:
    if error.field == "emails" and error.index is not None:
        return draft.emails[error.index].address
    if error.field == "phones" and error.index is not None:
        return draft.phones[error.index].number
    value = getattr(draft, error.field, "")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _repaired(
    record: ImportedContact, draft: ContactDraft, errors: Sequence[FieldError]
) -> ContactDraft:
    kept = list(draft.other_fields)
    bad_emails = {error.index for error in errors if error.field == "emails"}
    bad_phones = {error.index for error in errors if error.field == "phones"}
    fields = {error.field for error in errors}
    for error in errors:
        record.warnings.append(
            _("“%(value)s”: %(problem)s Kept under other fields.")
            % {"value": _bad_value(draft, error), "problem": error.message}
        )
    emails = []
    for index, email in enumerate(draft.emails):
        if index in bad_emails:
            kept.append(OtherField("EMAIL", email.address, (("TYPE", email.kind.value),)))
        else:
            emails.append(email)
    phones = []
    for index, phone in enumerate(draft.phones):
        if index in bad_phones:
            kept.append(OtherField("TEL", phone.number, (("TYPE", phone.kind.value),)))
        else:
            phones.append(phone)
    changes: dict[str, object] = {"emails": emails, "phones": phones}
    if "country" in fields:
        kept.append(OtherField("X-COUNTRY", draft.country))
        changes["country"] = ""
    if "time_zone" in fields:
        kept.append(OtherField("TZ", draft.time_zone))
        changes["time_zone"] = ""
    if "preferred_language" in fields:
        kept.append(OtherField("LANG", draft.preferred_language))
        changes["preferred_language"] = ""
    if "birthday" in fields and draft.birthday is not None:
        kept.append(OtherField("BDAY", draft.birthday.isoformat()))
        changes["birthday"] = None
    changes["other_fields"] = kept
    repaired = replace(draft, **changes)  # type: ignore[arg-type]
    if validate_contact(repaired):  # a problem no repair covers (e.g. working hours)
        repaired = replace(repaired, work_start=DEFAULT_WORK_START, work_end=DEFAULT_WORK_END)
    return repaired


# --- planning ----------------------------------------------------------------------------


def plan_contact_import(
    database: Database,
    paths: Iterable[Path],
    *,
    parsed: dict[str, ParsedContacts] | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ContactImportPlan:
    """Read ``paths`` (or take the already ``parsed`` files, keyed by path) and classify
    every record. Reads the database; writes nothing."""
    from relationsapp.core.duplicates import DuplicateIndex

    paths = list(paths)
    plan = ContactImportPlan(files=[str(path) for path in paths])
    records: list[ImportedContact] = []
    for path in paths:
        result = (parsed or {}).get(str(path)) or read_contact_file(path)
        records.extend(result.contacts)
        plan.skipped.extend(result.skipped)
    today = today or dt.date.today()
    existing_by_uid = _ids_by_external_uid(database, [r.draft.external_uid for r in records])
    accounts = _existing_accounts(database)
    index = DuplicateIndex.build(database)
    #: Records of this import filed in the index under negative ids, so a second card
    #: for the same person in the files is a duplicate of the first.
    batch: dict[int, ImportedContact] = {}
    total = len(records)
    for done, record in enumerate(records, start=1):
        draft = storable(record, today)
        if draft is None:
            reason = _("no name, organisation or e-mail address to name the person by")
            plan.skipped.append(SkippedRecord(record.source, record.line, reason))
        else:
            # The account the person will be filed under, when it exists, so that a
            # name is compared with the people of the same company.
            account_id = accounts.get(_key(record.account_name))
            record.draft = replace(draft, account_id=account_id) if account_id else draft
            plan.rows.append(_classify(database, record, existing_by_uid, index, batch))
        if progress is not None and done % 500 == 0 and not progress(done, total):
            raise ImportCancelled
    _name_the_matches(database, plan.rows)
    return plan


def _name_the_matches(database: Database, rows: list[ImportRow]) -> None:
    """Say who a duplicate looks like: "same e-mail ana@x.com — like Ana Silva (Acme)"."""
    from relationsapp.core.contact_service import ContactService

    wanted = [row.target_id for row in rows if row.state == RowState.DUPLICATE and row.target_id]
    found = ContactService(database).rows(wanted)
    for row in rows:
        person = found.get(row.target_id or 0) if row.state == RowState.DUPLICATE else None
        if person is None:
            continue
        name = person.display_name
        if person.account_name:
            name = _("%(name)s (%(account)s)") % {"name": name, "account": person.account_name}
        row.reason = _("%(reasons)s — like %(name)s") % {"reasons": row.reason, "name": name}


def _classify(
    database: Database,
    record: ImportedContact,
    existing_by_uid: dict[str, int],
    index: DuplicateIndex,
    batch: dict[int, ImportedContact],
) -> ImportRow:
    draft = record.draft
    target = existing_by_uid.get(draft.external_uid) if draft.external_uid else None
    if target is not None:
        from relationsapp.core.contact_service import ContactService

        current = ContactService(database).get(target).draft
        updated = updated_draft(current, draft)
        state = RowState.UNCHANGED if updated == current else RowState.UPDATE
        return ImportRow(record, state, target)
    matches = index.matches(draft)
    if matches:
        best = matches[0]
        earlier = batch.get(best.contact_id)
        if earlier is not None:
            reason = _("same e-mail, phone or name as %(source)s, line %(line)d") % {
                "source": Path(earlier.source).name,
                "line": earlier.line,
            }
            return ImportRow(record, RowState.DUPLICATE, None, reason, False)
        reason = "; ".join(best.reasons)
        return ImportRow(record, RowState.DUPLICATE, best.contact_id, reason, False)
    stand_in = -(len(batch) + 1)
    batch[stand_in] = record
    index.add(stand_in, draft)
    return ImportRow(record, RowState.NEW)


def _existing_accounts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return _accounts_by_key(session)


def _accounts_by_key(session: Session) -> dict[str, int]:
    """Every live account's folded name → its id (the oldest when names repeat)."""
    from sqlalchemy import select

    from relationsapp.storage.models import Account

    found: dict[str, int] = {}
    rows = session.execute(
        select(Account.id, Account.name).where(Account.deleted_at.is_(None)).order_by(Account.id)
    )
    for account_id, name in rows:
        found.setdefault(_key(name), account_id)
    return found


def _ids_by_external_uid(database: Database, uids: list[str]) -> dict[str, int]:
    from sqlalchemy import select

    from relationsapp.storage.models import Contact

    wanted = sorted({uid for uid in uids if uid})
    found: dict[str, int] = {}
    with database.session() as session:
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            rows = session.execute(
                select(Contact.external_uid, Contact.id).where(
                    Contact.external_uid.in_(chunk), Contact.deleted_at.is_(None)
                )
            )
            found.update({uid: contact_id for uid, contact_id in rows})
    return found


def updated_draft(current: ContactDraft, incoming: ContactDraft) -> ContactDraft:
    """``current`` with what the card says: its names, title, addresses, e-mails, phones,
    birthday, notes and photo where it has them; our own fields (hours, weekend,
    preferences, absences, sensitivity) stay; tags and other fields are joined."""
    changes: dict[str, object] = {}
    for name in (
        "given_name",
        "family_name",
        "given_name_latin",
        "family_name_latin",
        "honorific",
        "job_title",
        "country",
        "time_zone",
        "preferred_language",
        "notes",
        "photo_type",
    ):
        value = getattr(incoming, name)
        if value:
            changes[name] = value
    if incoming.emails:
        changes["emails"] = list(incoming.emails)
    if incoming.phones:
        changes["phones"] = list(incoming.phones)
    if not incoming.address.is_empty():
        changes["address"] = incoming.address
    if incoming.birthday is not None:
        changes["birthday"] = incoming.birthday
    if incoming.photo:
        changes["photo"] = incoming.photo
    changes["tags"] = list(dict.fromkeys([*current.tags, *incoming.tags]))
    changes["other_fields"] = list(dict.fromkeys([*current.other_fields, *incoming.other_fields]))
    return replace(current, **changes)  # type: ignore[arg-type]


# --- writing -----------------------------------------------------------------------------


def left_out_duplicates(plan: ContactImportPlan) -> list[SkippedRecord]:
    """The duplicates the user did not include, as report lines (file, line, why)."""
    return [
        SkippedRecord(
            row.record.source,
            row.record.line,
            _("left out as a duplicate: %(reason)s") % {"reason": row.reason},
        )
        for row in plan.rows
        if row.state == RowState.DUPLICATE and not row.include
    ]


def apply_contact_import(
    database: Database, plan: ContactImportPlan, progress: Progress | None = None
) -> ContactImportResult:
    """Write the plan's chosen records in one transaction; cancel rolls everything back."""
    from relationsapp.core.bulk_loader import LoadCancelled, insert_contacts
    from relationsapp.core.contact_service import ContactService

    result = ContactImportResult(skipped=[*plan.skipped, *left_out_duplicates(plan)])
    new_rows = [
        row
        for row in plan.rows
        if row.state == RowState.NEW or (row.state == RowState.DUPLICATE and row.include)
    ]
    update_rows = [row for row in plan.rows if row.state == RowState.UPDATE]
    services = ContactService(database)
    previous = {
        row.target_id: services.get(row.target_id).draft for row in update_rows if row.target_id
    }
    with database.session() as session, session.begin():
        names = [row.record.account_name for row in new_rows + update_rows]
        accounts, result.created_account_ids = _account_ids(session, names)
        drafts = [
            replace(row.record.draft, account_id=accounts.get(_key(row.record.account_name)))
            if row.record.account_name.strip()
            else row.record.draft
            for row in new_rows
        ]
        before = _last_contact_id(session)
        try:
            insert_contacts(session, drafts, len(drafts), validate=False, progress=progress)
        except LoadCancelled as error:
            raise ImportCancelled from error
        result.imported_ids = _contact_ids_after(session, before)
        for row in update_rows:
            assert row.target_id is not None
            current = previous[row.target_id]
            incoming = row.record.draft
            if row.record.account_name.strip():
                incoming = replace(incoming, account_id=accounts.get(_key(row.record.account_name)))
            merged = updated_draft(current, incoming)
            if incoming.account_id is not None:
                merged = replace(merged, account_id=incoming.account_id)
            _update_in_session(session, row.target_id, merged)
            result.updated.append((row.target_id, current))
            result.updated_to.append((row.target_id, merged))
    return result


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _account_ids(session: Session, names: list[str]) -> tuple[dict[str, int], list[int]]:
    """Each distinct account name (folded) → a live account's id, creating the missing
    ones under the name as first written; also the ids created."""
    from relationsapp.core.bulk_loader import insert_accounts

    wanted: dict[str, str] = {}
    for name in names:
        if name.strip():
            wanted.setdefault(_key(name), " ".join(name.split()))
    if not wanted:
        return {}, []
    existing = _accounts_by_key(session)
    found = {key: existing[key] for key in wanted if key in existing}
    missing = [key for key in wanted if key not in found]
    created = insert_accounts(session, [AccountDraft(name=wanted[key]) for key in missing])
    found.update(zip(missing, created, strict=True))
    return found, created


def _last_contact_id(session: Session) -> int:
    from sqlalchemy import func, select

    from relationsapp.storage.models import Contact

    return int(session.scalar(select(func.coalesce(func.max(Contact.id), 0))) or 0)


def _contact_ids_after(session: Session, before: int) -> list[int]:
    from sqlalchemy import select

    from relationsapp.storage.models import Contact

    statement = select(Contact.id).where(Contact.id > before).order_by(Contact.id)
    return list(session.scalars(statement))


def _update_in_session(session: Session, contact_id: int, draft: ContactDraft) -> None:
    from relationsapp.core.contact_service import update_contact

    update_contact(session, contact_id, draft)


def _set_deleted(database: Database, result: ContactImportResult, when: object) -> None:
    """Tombstone (or, with None, restore) the contacts and accounts an import added."""
    from relationsapp.storage.models import Account, Contact

    with database.session() as session, session.begin():
        for model, ids in ((Contact, result.imported_ids), (Account, result.created_account_ids)):
            for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
                session.query(model).filter(model.id.in_(ids[start : start + 900])).update(
                    {model.deleted_at: when}, synchronize_session=False
                )


def undo_contact_import(database: Database, result: ContactImportResult) -> None:
    """Take an import back: its new contacts and accounts tombstoned, updates reverted."""
    from relationsapp.core.contact_service import ContactService
    from relationsapp.storage.base import utc_now

    _set_deleted(database, result, utc_now())
    contacts = ContactService(database)
    for contact_id, draft in result.updated:
        try:
            contacts.update(contact_id, draft)
        except ValidationFailed:  # pragma: no cover - it was stored like this before
            continue


def redo_contact_import(database: Database, result: ContactImportResult) -> None:
    """Bring an undone import back (the same rows, un-tombstoned; updates re-applied)."""
    from relationsapp.core.contact_service import ContactService

    _set_deleted(database, result, None)
    contacts = ContactService(database)
    for contact_id, draft in result.updated_to:
        contacts.update(contact_id, draft)
