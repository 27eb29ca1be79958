"""What every contact reader (vCard, CSV) hands to the import: parsed people, each with
the file and line it came from, and the records it could not read, with the reason.

The readers only read; deciding new / update / duplicate and writing to the file is the
import's work (relationsapp.core.contact_import).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relationsapp.core.records import ContactDraft

#: Protect the app from files it cannot sensibly hold in memory or show.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_RECORDS = 250_000
#: A photo larger than this (decoded) is left out with a warning.
MAX_PHOTO_BYTES = 5 * 1024 * 1024


@dataclass
class ImportedContact:
    draft: ContactDraft
    #: ORG: the account to file the person under (matched by name, created if new).
    account_name: str
    source: str  # the file's path as the user gave it
    line: int  # first line of the card or row (1-based)
    #: Translated notes on what was changed or left out, e.g. a photo too large.
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SkippedRecord:
    source: str
    line: int
    reason: str  # translated


@dataclass
class ParsedContacts:
    contacts: list[ImportedContact] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)
    #: For text formats read with a detected encoding (CSV): e.g. "utf-8-sig", "cp1252".
    encoding: str = ""
