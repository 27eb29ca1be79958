"""Contacts from the CSV files Google Contacts, Outlook (in its UI language) and other
programs export, and from our own CSV export.

:func:`detect_contact_layout` says who wrote the file and which column holds what
(a :class:`~relationsapp.interop.contact_csv_layouts.ContactCsvLayout` a mapping dialog
can change); :func:`read_contact_csv` turns its rows into drafts for the import.

What arrives and what becomes of it:

- Encoding, delimiter, quoted newlines, limits: :mod:`relationsapp.interop.csv_reading`.
  A file that cannot be read at all (not text, too large, too many rows, empty) is a
  clear refusal: :func:`detect_contact_layout` raises
  :class:`~relationsapp.interop.csv_reading.CsvFileError`; :func:`read_contact_csv`, like
  the vCard reader, returns it as the one :class:`SkippedRecord` of the file.
- A row with more or fewer cells than the header, or a record the csv module cannot
  parse, becomes a :class:`SkippedRecord` with the line the record starts on (counted in
  physical lines, so a quoted note of three lines above it moves it three lines down).
- Google's multi-value cells (``a@x.dk ::: b@y.dk``) give several e-mails or phones; the
  type cell beside them (``* Work``) gives their kind, ``*`` marks the primary ones,
  which go first. "Group Membership"/"Labels" become tags, without "* myContacts".
- Birthdays: ISO, Google's year-less ``--04-12`` (year :data:`NO_YEAR`), Outlook's
  ``4/12/1980`` (month first in an English Outlook export unless the column shows
  otherwise) and ``0/0/00`` (none), ``12.04.1980``.
- Countries by name in many languages (``Danmark``, ``Dänemark``, ``Tanska``) or code
  become ISO 3166-1 alpha-2.
- Nothing is dropped silently: a non-empty cell of a column without a target is kept
  as ``OtherField("X-CSV-<header>", value)``, and so is a second, different value for a
  field that holds one (a second "Company" column), a birthday that is not a date and
  a country that is not known (these two with a warning). Outlook's empty columns and
  its "nothing" values (``0/0/00``, ``Unspecified``) are left out.
- E-mail addresses and phone numbers are kept as written; the import checks them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from relationsapp.core.choices import EmailKind, PhoneKind
from relationsapp.core.records import (
    ContactDraft,
    EmailEntry,
    OtherField,
    PhoneEntry,
    PostalAddress,
)
from relationsapp.i18n.translate import _
from relationsapp.interop.contact_csv_layouts import (
    EMAIL_TARGETS,
    KIND_OUTLOOK,
    KIND_RELATIONSAPP,
    PHONE_TARGETS,
    ContactCsvLayout,
    classify_header,
    kind_pairs,
)
from relationsapp.interop.contact_csv_values import (
    country_code,
    email_kind,
    is_placeholder,
    own_kind,
    phone_kind,
    read_birthday,
    slash_order,
    split_multi,
    split_tags,
    strip_primary,
    unescape_cell,
)
from relationsapp.interop.contact_records import (
    MAX_FILE_BYTES,
    MAX_RECORDS,
    ImportedContact,
    ParsedContacts,
    SkippedRecord,
)
from relationsapp.interop.csv_reading import CsvFileError, CsvRow, CsvTable, header_key, read_csv

#: Prefix of the other fields that keep cells of unmapped columns.
OTHER_FIELD_PREFIX = "X-CSV-"

_EMAIL_DEFAULTS = {
    "email": EmailKind.WORK,
    "email_home": EmailKind.HOME,
    "email_other": EmailKind.OTHER,
}
_PHONE_DEFAULTS = {
    "phone": PhoneKind.WORK,
    "phone_mobile": PhoneKind.MOBILE,
    "phone_home": PhoneKind.HOME,
    "phone_fax": PhoneKind.FAX,
    "phone_other": PhoneKind.OTHER,
}


def detect_contact_layout(path: Path | str) -> ContactCsvLayout:
    """Who wrote the contacts CSV at ``path`` and a mapping of its columns.

    Raises :class:`~relationsapp.interop.csv_reading.CsvFileError` when the file cannot
    be read at all.
    """
    return _layout_of(_read_table(path))


def read_contact_csv(path: Path | str, layout: ContactCsvLayout | None = None) -> ParsedContacts:
    """The contacts of ``path``, read with ``layout`` (detected when None).

    Never raises for what is in the file: like the vCard reader, a file that cannot be
    read at all (not text, too large, too many rows, empty, or a header other than the
    one ``layout`` was made for) comes back as one :class:`SkippedRecord` with the
    reason, on the line it concerns (1 when it concerns the whole file).
    """
    source = str(path)
    try:
        table = _read_table(path)
        if layout is None:
            layout = _layout_of(table)
        elif [header_key(name) for name in layout.headers] != [
            header_key(name) for name in table.header
        ]:
            raise CsvFileError(
                path,
                _("The columns of the file have changed since they were matched; open it again."),
                table.header_line,
            )
    except CsvFileError as refusal:
        return ParsedContacts(skipped=[SkippedRecord(source, refusal.line or 1, refusal.reason)])
    parsed = ParsedContacts(encoding=table.encoding)
    rows = _RowReader(table, layout, source)
    for row in table.rows:
        result = rows.read(row)
        if isinstance(result, SkippedRecord):
            parsed.skipped.append(result)
        else:
            parsed.contacts.append(result)
    parsed.skipped.extend(
        SkippedRecord(source, problem.line, problem.reason) for problem in table.ragged_problems()
    )
    parsed.skipped.extend(
        SkippedRecord(source, line, CsvTable.unreadable_reason()) for line in table.unreadable
    )
    parsed.skipped.sort(key=lambda record: record.line)
    return parsed


def _read_table(path: Path | str) -> CsvTable:
    return read_csv(path, max_bytes=MAX_FILE_BYTES, max_rows=MAX_RECORDS, keep_going=True)


def _layout_of(table: CsvTable) -> ContactCsvLayout:
    kind, language, mapping = classify_header(table.header)
    return ContactCsvLayout(kind, table.header, table.encoding, table.delimiter, mapping, language)


@dataclass
class _Fields:
    """What one row says, gathered column by column before it becomes a draft."""

    singles: dict[str, str] = field(default_factory=dict)
    streets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    whole_address: str = ""
    emails: list[tuple[bool, EmailEntry]] = field(default_factory=list)
    phones: list[tuple[bool, PhoneEntry]] = field(default_factory=list)
    others: list[OtherField] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _RowReader:
    def __init__(self, table: CsvTable, layout: ContactCsvLayout, source: str) -> None:
        self.header = table.header
        self.mapping = layout.mapping
        self.source = source
        self.own = layout.kind == KIND_RELATIONSAPP
        self.pairs = kind_pairs(layout.mapping)
        month_first_default = layout.kind == KIND_OUTLOOK and layout.language == "en"
        self.month_first = {
            index: slash_order((row.values[index] for row in table.rows), month_first_default)
            for index, target in layout.mapping.items()
            if target == "birthday"
        }

    def text(self, row: CsvRow, index: int) -> str:
        # Our own export is read exactly as written (a note may start with a space);
        # other programs' cells are stripped.
        raw = row.values[index]
        return unescape_cell(raw) if self.own else raw.strip()

    def other(self, index: int, value: str) -> OtherField:
        name = self.header[index] or str(index + 1)
        return OtherField(name=OTHER_FIELD_PREFIX + name, value=value)

    def read(self, row: CsvRow) -> ImportedContact | SkippedRecord:
        fields = _Fields()
        for index in range(len(row.values)):
            value = self.text(row, index)
            if value:
                self._take(fields, row, index, value)
        return self._contact(fields, row.line)

    def _take(self, fields: _Fields, row: CsvRow, index: int, value: str) -> None:
        target = self.mapping.get(index)
        if target is None:
            if not is_placeholder(value):
                fields.others.append(self.other(index, value))
        elif target == "ignore" or target.endswith("_kinds"):
            return
        elif target in EMAIL_TARGETS:
            fields.emails.extend(self._emails(row, index, value, _EMAIL_DEFAULTS[target]))
        elif target in PHONE_TARGETS:
            fields.phones.extend(self._phones(row, index, value, _PHONE_DEFAULTS[target]))
        elif target == "street":
            fields.streets.append(value)
        elif target == "notes":
            fields.notes.append(value)
        elif target == "tags":
            fields.tags.extend(
                tag for tag in split_tags(value, exact=self.own) if tag not in fields.tags
            )
        elif target == "address":
            fields.whole_address = fields.whole_address or value
        elif target == "birthday":
            self._birthday(fields, index, value)
        elif target == "country":
            code = country_code(value)
            if code is None:
                fields.warnings.append(
                    _("The country “%(value)s” is not known; it is kept with the other fields.")
                    % {"value": value}
                )
                fields.others.append(self.other(index, value))
            else:
                self._single(fields, index, "country", code, value)
        else:
            self._single(fields, index, target, value, value)

    def _single(self, fields: _Fields, index: int, target: str, value: str, written: str) -> None:
        """The first value of a one-value field wins; a different later one is kept aside."""
        if target not in fields.singles:
            fields.singles[target] = value
        elif fields.singles[target] != value:
            fields.others.append(self.other(index, written))

    def _birthday(self, fields: _Fields, index: int, value: str) -> None:
        birthday = read_birthday(value, self.month_first.get(index, False))
        if isinstance(birthday, str):
            fields.warnings.append(birthday)
            fields.others.append(self.other(index, value))
        elif birthday is not None:
            self._single(fields, index, "birthday", birthday.isoformat(), value)

    def _kinds_cell(self, row: CsvRow, index: int) -> str:
        kinds_column = self.pairs.get(index)
        return self.text(row, kinds_column) if kinds_column is not None else ""

    def _emails(
        self, row: CsvRow, index: int, value: str, default: EmailKind
    ) -> list[tuple[bool, EmailEntry]]:
        addresses = [part for part in split_multi(value, exact=self.own) if part]
        kinds_text = self._kinds_cell(row, index)
        if self.own:
            own = split_multi(kinds_text, exact=True)
            kinds = [
                EmailKind(own_kind(own[i], EmailKind) or default) if i < len(own) else default
                for i in range(len(addresses))
            ]
            return [(False, EmailEntry(a, k)) for a, k in zip(addresses, kinds, strict=True)]
        label, primary = strip_primary(kinds_text)
        kind = email_kind(label, default)
        return [(primary, EmailEntry(address, kind)) for address in addresses]

    def _phones(
        self, row: CsvRow, index: int, value: str, default: PhoneKind
    ) -> list[tuple[bool, PhoneEntry]]:
        numbers = [part for part in split_multi(value, exact=self.own) if part]
        kinds_text = self._kinds_cell(row, index)
        if self.own:
            own = split_multi(kinds_text, exact=True)
            kinds = [
                PhoneKind(own_kind(own[i], PhoneKind) or default) if i < len(own) else default
                for i in range(len(numbers))
            ]
            return [(False, PhoneEntry(n, k)) for n, k in zip(numbers, kinds, strict=True)]
        label, primary = strip_primary(kinds_text)
        kind = phone_kind(label, default)
        return [(primary, PhoneEntry(number, kind)) for number in numbers]

    def _contact(self, fields: _Fields, line: int) -> ImportedContact | SkippedRecord:
        singles = fields.singles
        given, family = singles.get("given_name", ""), singles.get("family_name", "")
        full = singles.get("full_name", "")
        if full and not (given or family):
            given, family = _split_full_name(full)
        elif full and _squeezed(full) not in (_squeezed(given + family), _squeezed(family + given)):
            # Google's "Name" with a middle name or title: not derived, so kept.
            fields.others.append(OtherField(name=OTHER_FIELD_PREFIX + "Name", value=full))
        street = "\n".join(fields.streets)
        postal_code, city = singles.get("postal_code", ""), singles.get("city", "")
        if fields.whole_address and not (street or postal_code or city):
            street = fields.whole_address
        emails = [entry for primary, entry in fields.emails if primary]
        emails += [entry for primary, entry in fields.emails if not primary]
        phones = [entry for primary, entry in fields.phones if primary]
        phones += [entry for primary, entry in fields.phones if not primary]
        if not self.own:
            # Outlook's "Business Fax" column comes before "Business Phone"; nobody
            # wants a fax number as the first number to call.
            phones.sort(key=lambda entry: entry.kind == PhoneKind.FAX)
        account = singles.get("organisation", "")
        if not (given or family or account or emails or phones):
            return SkippedRecord(
                self.source,
                line,
                _("This row has no name, company, e-mail address or phone number."),
            )
        birthday = singles.get("birthday")
        draft = ContactDraft(
            given_name=given,
            family_name=family,
            given_name_latin=singles.get("given_name_latin", ""),
            family_name_latin=singles.get("family_name_latin", ""),
            job_title=singles.get("job_title", ""),
            emails=emails,
            phones=phones,
            address=PostalAddress(
                street=street,
                postal_code=postal_code,
                city=city,
                region=singles.get("region", ""),
            ),
            country=singles.get("country", ""),
            time_zone=singles.get("time_zone", ""),
            preferred_language=singles.get("language", ""),
            birthday=_iso_date(birthday) if birthday else None,
            tags=fields.tags,
            notes="\n".join(fields.notes),
            other_fields=fields.others,
        )
        return ImportedContact(
            draft=draft,
            account_name=account,
            source=self.source,
            line=line,
            warnings=fields.warnings,
        )


def _split_full_name(full: str) -> tuple[str, str]:
    """ "Søren Ærø" → ("Søren", "Ærø"); a name without spaces (山田太郎) stays whole."""
    parts = full.rsplit(maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (full, "")


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
