"""Reading the CSV files other programs export, and the pieces every CSV import shares.

What arrives is whatever an ERP, a survey tool or Excel in some locale wrote:

- Encoding: a byte-order mark decides (UTF-8, UTF-16 LE/BE); without one the bytes are
  read as UTF-8, and when they are not UTF-8 as Windows-1252 (what Excel and Outlook
  write on a German or Danish Windows). A file that is mostly UTF-8 with one stray byte
  is refused with the line of that byte rather than read as Windows-1252 mojibake
  (``Ã¸`` for ``ø``).
- Delimiter: ``,`` ``;`` or tab, sniffed by :class:`csv.Sniffer` and checked: the guess
  must split the header into several columns and most rows into as many; otherwise
  the candidate that does so best wins. (A Danish export ``Kunde;Beløb`` with
  ``1.234,50`` amounts has commas in every data row, which can fool the sniffer.)
- Quoted fields may hold delimiters, quotes (doubled) and newlines; each row keeps the
  1-based line of the file where it *starts*, so problems point at the right line.
- A row with a different number of fields than the header is returned as *ragged*, not
  padded or cut. Only surplus fields that are all empty (``a;b;c;`` from Excel) are
  dropped: they carry nothing.
- Limits (:data:`MAX_FILE_BYTES`, :data:`MAX_ROWS`) end in a :class:`CsvFileError`.

Also here: matching header names in several languages to fields, reading dates, and
the problem/refusal types of the plan-then-apply imports.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _, ngettext
from relationsapp.storage.text_folding import fold

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
DELIMITERS = (",", ";", "\t")
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 50
#: Spreadsheet files saved under a .csv name: zip (xlsx, ods) and OLE2 (xls).
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class CsvFileError(Exception):
    """The file cannot be imported at all; ``str()`` is ``file:line: reason`` for people."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.file = str(path)
        self.line = line
        self.reason = reason
        where = self.file if line is None else f"{self.file}:{line}"
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class ImportProblem:
    """One line that cannot be imported, and why (in the reader's language)."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass
class ImportPlanBase:
    """What every import plan holds beside its rows: the file, how it was read, and every
    line that cannot be imported."""

    file: str
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    @property
    def problem_lines(self) -> int:
        return len({problem.line for problem in self.problems})

    def check_importable(self, skip_problems: bool) -> None:
        """Refuse (:class:`ImportRefused`, nothing written) a plan with problems, unless
        ``skip_problems``: then its good rows go in and the problem lines stay out."""
        if self.problems and not skip_problems:
            raise ImportRefused(self.problems)


class ImportCancelled(Exception):
    """Planning stopped because its progress callback asked it to (the user cancelled)."""


#: Planning reports (rows done, rows in all) and learns whether to go on.
Progress = Callable[[int, int], bool]
#: How many rows a planner checks between two progress reports.
PROGRESS_EVERY = 500


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` every :data:`PROGRESS_EVERY` rows; raises :class:`ImportCancelled`."""
    if progress is not None and done % PROGRESS_EVERY == 0 and not progress(done, total):
        raise ImportCancelled


class ImportRefused(Exception):
    """Apply was asked for while the plan has problems (and skipping them was not asked)."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = list(problems)
        lines = len({problem.line for problem in problems})
        super().__init__(
            ngettext(
                "%(count)d line has a problem; nothing was imported.",
                "%(count)d lines have problems; nothing was imported.",
                lines,
            )
            % {"count": lines}
        )


@dataclass(frozen=True)
class CsvRow:
    """A record of the file: its fields and the line it starts on (1-based)."""

    line: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    path: Path
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    header_line: int
    #: Records with as many fields as the header.
    rows: list[CsvRow]
    #: Records with another number of fields, as they were read.
    ragged: list[CsvRow]
    #: Lines where a record starts that could not be parsed (only with ``keep_going``).
    unreadable: list[int] = field(default_factory=list)

    @staticmethod
    def unreadable_reason() -> str:
        """Why a line of :attr:`unreadable` was left out (for people)."""
        return _unclosed_quote()

    def ragged_problems(self) -> list[ImportProblem]:
        expected = len(self.header)
        return [
            ImportProblem(
                str(self.path),
                row.line,
                ngettext(
                    "This row has %(found)d field; the header has %(expected)d.",
                    "This row has %(found)d fields; the header has %(expected)d.",
                    len(row.values),
                )
                % {"found": len(row.values), "expected": expected},
            )
            for row in self.ragged
        ]


# --- reading -------------------------------------------------------------------------


def read_csv(
    path: Path | str,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_ROWS,
    keep_going: bool = False,
) -> CsvTable:
    """Read a whole CSV file (see the module docstring); raises :class:`CsvFileError`.

    With ``keep_going`` a record the csv module cannot parse (a quote out of place, a
    quoted field never closed) does not end the reading: the line it starts on goes to
    :attr:`CsvTable.unreadable` and reading resumes on the next line. Without it (the
    default) such a record refuses the whole file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CsvFileError(
                path,
                _("The file is larger than %(limit)d MB; split it into smaller files.")
                % {"limit": max_bytes // (1024 * 1024)},
            )
        data = path.read_bytes()
    except OSError as error:
        raise CsvFileError(
            path, _("The file cannot be read: %(reason)s") % {"reason": error.strerror or error}
        ) from error
    text, encoding = _decode(path, data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: tuple[str, ...] | None = None
    header_line = 0
    rows: list[CsvRow] = []
    ragged: list[CsvRow] = []
    unreadable: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if keep_going and header is not None:
                unreadable.append(start)
                continue
            raise CsvFileError(path, _unclosed_quote(), start) from error
        if not any(value.strip() for value in record):
            continue  # blank lines (and rows of empty fields) say nothing
        if header is None:
            header, header_line = tuple(value.strip() for value in record), start
            continue
        if len(rows) + len(ragged) >= max_rows:
            raise CsvFileError(
                path,
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": format_number(max_rows)},
                start,
            )
        values = _trim_empty_surplus(record, len(header))
        (rows if len(values) == len(header) else ragged).append(CsvRow(start, values))
    if header is None:
        raise CsvFileError(path, _("The file is empty."))
    return CsvTable(path, encoding, delimiter, header, header_line, rows, ragged, unreadable)


def _unclosed_quote() -> str:
    return _("A quoted field that starts on this line is never closed, or a quote is out of place.")


def _trim_empty_surplus(record: list[str], width: int) -> tuple[str, ...]:
    if len(record) > width and not any(value.strip() for value in record[width:]):
        record = record[:width]
    return tuple(record)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text of the file and the name of the encoding it was read in."""
    if data.startswith(_BINARY_SIGNATURES):
        raise CsvFileError(path, _not_text())
    boms = (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as error:
                line = _line_of(body, encoding, error)
                raise CsvFileError(path, _bad_text(encoding.upper()), line) from error
            name = "utf-8-sig" if encoding == "utf-8" else encoding
            return _checked_text(path, text), name
    try:
        return _checked_text(path, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):
            # Real UTF-8 letters elsewhere: one bad byte, not a Windows-1252 file.
            raise CsvFileError(path, _bad_text("UTF-8"), _line_of(data, "utf-8", error)) from error
    try:
        return _checked_text(path, data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError as error:
        line = _line_of(data, "cp1252", error)
        raise CsvFileError(path, _bad_text("Windows-1252"), line) from error


def _checked_text(path: Path, text: str) -> str:
    if "\x00" in text:
        raise CsvFileError(path, _not_text(), text.count("\n", 0, text.index("\x00")) + 1)
    return text


def _not_text() -> str:
    return _("This is not a CSV text file; if it is a spreadsheet, save it as CSV first.")


def _bad_text(encoding: str) -> str:
    return _("This line is not valid %(encoding)s text; save the file as UTF-8 and try again.") % {
        "encoding": encoding
    }


def _line_of(data: bytes, encoding: str, error: UnicodeDecodeError) -> int:
    """The 1-based line of the undecodable byte (decoding what comes before it)."""
    return data[: error.start].decode(encoding, errors="replace").count("\n") + 1


def _delimiter(text: str) -> str:
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    fits = {candidate: _fit(sample, candidate) for candidate in DELIMITERS}
    # A delimiter that leaves the header one column is no delimiter of this file.
    viable = [candidate for candidate in DELIMITERS if fits[candidate][1] >= 2]
    if not viable:
        return ","  # one column: any delimiter reads it
    if sniffed in viable and fits[sniffed][0] >= 0.8:
        return sniffed
    return max(viable, key=lambda candidate: (fits[candidate], candidate == sniffed))


def _fit(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of sample rows as wide as the header, header width) under ``delimiter``."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        records = [record for record in islice(reader, _SNIFF_RECORDS) if record]
    except csv.Error:
        return 0.0, 0
    if not records:
        return 0.0, 0
    width = len(records[0])
    body = records[1:]
    if not body:
        return 1.0, width
    return sum(len(record) == width for record in body) / len(body), width


# --- columns ---------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header compared folded, spaces ignored: ``"Account_UID"`` → ``"accountuid"``."""
    return fold(text).replace(" ", "")


def find_columns(
    table: CsvTable,
    aliases: Mapping[str, Iterable[str]],
    mapping: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Field → column index, from ``mapping`` (field → header) first, then from ``aliases``.

    Headers match case- and accent-insensitively. A mapped header the file lacks, or two
    columns that could both be one field, end in a :class:`CsvFileError` on the header.
    """
    mapping = dict(mapping or {})
    unknown = set(mapping) - set(aliases)
    if unknown:
        raise ValueError(f"unknown fields in the column mapping: {sorted(unknown)}")
    keys = [header_key(name) for name in table.header]
    found: dict[str, int] = {}
    for field_name, wanted in mapping.items():
        index = _exact_or_folded(table.header, keys, wanted)
        if index is None:
            raise CsvFileError(
                table.path,
                _("The column mapping names “%(column)s”, which the file does not have.")
                % {"column": wanted},
                table.header_line,
            )
        found[field_name] = index
    taken = set(found.values())
    for field_name, names in aliases.items():
        if field_name in found:
            continue
        wanted_keys = {header_key(name) for name in names}
        matches = [i for i, key in enumerate(keys) if key in wanted_keys and i not in taken]
        if len(matches) > 1:
            raise CsvFileError(
                table.path,
                _(
                    "Two columns could hold the same thing: “%(first)s” and “%(second)s”; "
                    "choose one with a column mapping."
                )
                % {"first": table.header[matches[0]], "second": table.header[matches[1]]},
                table.header_line,
            )
        if matches:
            found[field_name] = matches[0]
            taken.add(matches[0])
    return found


def guess_columns(table: CsvTable, aliases: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Field → column index by header name, as a first guess a person then corrects.

    Like :func:`find_columns` without a mapping, but it never refuses: where two columns
    could be one field the first is taken (the other stays free for another field).
    """
    keys = [header_key(name) for name in table.header]
    found: dict[str, int] = {}
    for field_name, names in aliases.items():
        wanted_keys = {header_key(name) for name in names}
        taken = set(found.values())
        index = next(
            (i for i, key in enumerate(keys) if key in wanted_keys and i not in taken), None
        )
        if index is not None:
            found[field_name] = index
    return found


def _exact_or_folded(header: Sequence[str], keys: Sequence[str], wanted: str) -> int | None:
    for index, name in enumerate(header):
        if name == wanted.strip():
            return index
    wanted_key = header_key(wanted)
    return next((index for index, key in enumerate(keys) if key == wanted_key), None)


def missing_column(table: CsvTable, names: Iterable[str]) -> CsvFileError:
    """The error for a file with none of the headers ``names`` (the first few are shown)."""
    shown = ", ".join(f"“{name}”" for name in list(names)[:6])
    return CsvFileError(
        table.path,
        _("The file has no column named like %(names)s.") % {"names": shown},
        table.header_line,
    )


def cell(row: CsvRow, columns: Mapping[str, int], field_name: str) -> str:
    """The stripped text of ``field_name`` in ``row``; empty when the file has no such column."""
    index = columns.get(field_name)
    return row.values[index].strip() if index is not None else ""


def empty_cell(table: CsvTable, columns: Mapping[str, int], field_name: str) -> str:
    """The reason for a required cell left empty, naming the column as the file does."""
    return _("“%(column)s” is empty.") % {"column": table.header[columns[field_name]]}


# --- dates ---------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DASHED = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
#: What may follow a date in a timestamp: "2026-03-01 14:22", "2026-03-01T14:22:05Z".
_TIME_TAIL = re.compile(r"(?:[ T].*)?")


def _slash_evidence(values: Iterable[str]) -> tuple[bool, bool]:
    """(a slash date only readable day first seen, one only readable month first seen)."""
    day_first_only = month_first_only = False
    for value in values:
        match = _SLASHED.match(value.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            day_first_only |= first > 12 >= second
            month_first_only |= second > 12 >= first
    return day_first_only, month_first_only


class DateReader:
    """Reads the dates of one column: YYYY-MM-DD, DD.MM.YYYY, DD-MM-YYYY and slash dates.

    A time after the date (``2026-03-01 14:22``, ``2026-03-01T14:22:05Z``) is ignored.
    Slash dates are read day first (31/12/2026, as in Europe) unless the column holds a
    date that only makes sense month first (12/31/2026) and none that only makes sense
    day first: then every slash date of the column is read month first, so ``03/04/2026``
    in a US export is 4 March. In a column with both kinds, a date that could be read
    either way is reported as ambiguous rather than guessed.
    """

    def __init__(self, column_values: Iterable[str]) -> None:
        day_first_only, month_first_only = _slash_evidence(column_values)
        self.month_first = month_first_only and not day_first_only
        self.mixed = month_first_only and day_first_only

    def read(self, text: str) -> dt.date | str:
        """The date, or the reason (for people) why ``text`` is not one."""
        value = text.strip()
        candidates: list[dt.date] = []
        for pattern, order in (
            (_ISO, "ymd"),
            (_DOTTED, "dmy"),
            (_DASHED, "dmy"),
            (_SLASHED, "slash"),
        ):
            match = pattern.match(value)
            if not match or not _TIME_TAIL.fullmatch(value[match.end() :]):
                continue
            a, b, c = (int(part) for part in match.groups())
            if order == "ymd":
                candidates = _valid([(a, b, c)])
            elif order == "dmy":
                candidates = _valid([(c, b, a)])
            elif self.mixed:
                candidates = _valid([(c, b, a), (c, a, b)])
            elif self.month_first:
                candidates = _valid([(c, a, b)])
            else:
                candidates = _valid([(c, b, a)])
            break
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            return _(
                "“%(value)s” could be %(first)s or %(second)s; write the date as YYYY-MM-DD."
            ) % {
                "value": value,
                "first": candidates[0].isoformat(),
                "second": candidates[1].isoformat(),
            }
        return _("“%(value)s” is not a date (write it as YYYY-MM-DD or DD.MM.YYYY).") % {
            "value": value
        }


def _valid(parts: list[tuple[int, int, int]]) -> list[dt.date]:
    dates = []
    for year, month, day in parts:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate not in dates:
            dates.append(candidate)
    return dates
