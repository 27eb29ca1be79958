"""A tolerant, line-numbered reader of vCard 2.1, 3.0 and 4.0 files (no Qt, no vobject).

It turns bytes into :class:`Card` objects holding :class:`Prop` tuples: name, group,
parameters and the value *as it stands in the file* after unfolding, quoted-printable
and charset decoding, with backslash escapes untouched (the mapping applies them per
property, because ``N`` splits on ``;`` and ``CATEGORIES`` on ``,`` before unescaping).

What real exporters write, and how it is read:

- Line ends CRLF, LF, CR, and iOS's CR CR LF (``BEGIN:VCARD\\r\\r\\n``: one line, not two).
- Folded lines: a line starting with a space or tab continues the previous one (one
  whitespace character is removed), also inside a parameter value.
- vCard 2.1 quoted-printable: a value ending in ``=`` continues on the next line. The
  joined value is decoded to *bytes* first and only then with CHARSET (default UTF-8),
  so a soft break inside a multi-byte sequence (``=C3=`` / ``=91``) gives ``Ñ``. Bytes
  that are not in the charset fall back to Windows-1252 (or U+FFFD when UTF-8 was
  declared) with a warning on the card, never an exception.
  Line breaks decoded from ``=0D=0A`` become the escape ``\\n``, the form 3.0/4.0 use, so
  every value can be written back on one line.
- Bare 2.1 parameters: ``TEL;WORK;VOICE`` reads as TYPE=WORK, TYPE=VOICE;
  ``;QUOTED-PRINTABLE`` / ``;BASE64`` as ENCODING.
- Quoted parameter values may hold ``:`` ``;`` ``,``; RFC 6868 ``^n`` ``^^`` ``^'``.
- 2.1 base64 values spread over following unindented lines up to an empty line.

Problems are :class:`SkippedRecord` entries with file, line and a translated reason:
a card without END:VCARD is not imported (a truncated file), text outside any card is
reported, a line without ``:`` is reported and left out while the rest of its card is
kept. Nothing raises for bad input.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Callable
from typing import NamedTuple

from relationsapp.i18n.translate import _
from relationsapp.interop.contact_records import MAX_FILE_BYTES, MAX_RECORDS, SkippedRecord

Params = tuple[tuple[str, str], ...]


class Prop(NamedTuple):
    """One property line: ``group.NAME;params:value`` (value unfolded, escapes untouched)."""

    name: str  # upper case
    params: Params  # (NAME upper case, value) in file order; 2.1 bare "WORK" → ("TYPE", "WORK")
    value: str
    group: str
    line: int


class Card:
    """One BEGIN:VCARD … END:VCARD block."""

    __slots__ = ("line", "props", "version", "warnings")

    def __init__(self, line: int) -> None:
        self.line = line
        self.version = ""
        self.props: list[Prop] = []
        #: Translated notes on what the parser had to guess (a charset that did not fit).
        self.warnings: list[str] = []


#: Line breaks str.splitlines() honours besides CR and LF; values rarely hold them, and
#: when a file does, it is split on CR/LF only (slower) so they stay inside values.
_EXOTIC_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CRLF_SPLIT = re.compile(r"\r\n|\r|\n")
#: The head of a line up to the first ':' that is not inside a quoted parameter value.
_QUOTED_HEAD = re.compile(r'((?:[^":]|"[^"]*")*):')
_QUOTED_PARAMS = re.compile(r'(?:[^";]|"[^"]*")+')
_CARET = re.compile(r"\^[n'^]")
_CARET_MAP = {"^n": "\n", "^'": '"', "^^": "^"}
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_FOLD = (" ", "\t")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def parse_vcard_bytes(
    data: bytes | str, source: str, on_card: Callable[[Card], None] | None = None
) -> tuple[list[Card], list[SkippedRecord]]:
    """Read every card in ``data``; return them with the records that could not be read.

    With ``on_card`` each card is handed over as soon as it is complete and not kept
    (the list comes back empty): 100,000 parsed cards at once would take about 1 GB.
    """
    if len(data) > MAX_FILE_BYTES:
        reason = _(
            "The file is larger than %(limit)s MB; split it into smaller files to import it."
        ) % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        return [], [SkippedRecord(source, 1, reason)]
    text, clean = _decode_file(data) if isinstance(data, bytes) else (data, True)
    return _Reader(text, source, clean, on_card).read()


def _decode_file(data: bytes) -> tuple[str, bool]:
    """The file as text, and whether it was clean UTF-8 (else bytes ride as surrogates)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), True
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), False


def _decode_bytes(raw: bytes, charset: str, warnings: list[str], line: int) -> str:
    """Bytes of a value in its declared charset; a wrong one falls back with a warning."""
    label = charset or "utf-8"
    try:
        return raw.decode(label)
    except (UnicodeDecodeError, LookupError):
        pass
    if charset and charset.replace("-", "").replace("_", "").lower() == "utf8":
        text = raw.decode("utf-8", "replace")
    else:
        text = raw.decode("cp1252", "replace")
    warnings.append(
        _("Line %(line)s is not valid %(charset)s text; unreadable characters were replaced.")
        % {"line": line, "charset": label.upper()}
    )
    return text


def _caret_decode(value: str) -> str:
    return _CARET.sub(lambda m: _CARET_MAP[m.group(0)], value)


def _parse_params(text: str) -> Params:
    """``TYPE=WORK,VOICE;CHARSET=UTF-8`` or 2.1 ``WORK;VOICE`` → ((NAME, value), …)."""
    items = text.split(";") if '"' not in text else _QUOTED_PARAMS.findall(text)
    params: list[tuple[str, str]] = []
    for item in items:
        if not item:
            continue
        equals = item.find("=")
        if equals < 0:
            bare = item.strip().upper()
            params.append(("ENCODING" if bare in _BARE_ENCODINGS else "TYPE", bare))
            continue
        name = item[:equals].strip().upper()
        value = item[equals + 1 :]
        if value[:1] == '"' and value[-1:] == '"' and len(value) > 1:
            value = value[1:-1]
        elif '"' in value:
            value = value.replace('"', "")
        if "^" in value:
            value = _caret_decode(value)
        params.append((name, value))
    return tuple(params)


class _Reader:
    """One pass over the lines of a file (state kept on the instance for clarity)."""

    def __init__(
        self, text: str, source: str, clean: bool, on_card: Callable[[Card], None] | None
    ) -> None:
        if "\r\r\n" in text:
            text = text.replace("\r\r\n", "\r\n")
        if _EXOTIC_BREAKS.search(text):
            self.lines = _CRLF_SPLIT.split(text)
        else:
            self.lines = text.splitlines()
        self.source = source
        self.clean = clean
        self.cards: list[Card] = []
        self.on_card = on_card
        self.count = 0  # cards completed, kept or handed over
        self.skipped: list[SkippedRecord] = []

    def skip(self, line: int, reason: str) -> None:
        self.skipped.append(SkippedRecord(self.source, line, reason))

    def read(self) -> tuple[list[Card], list[SkippedRecord]]:
        lines = self.lines
        count = len(lines)
        index = 0
        card: Card | None = None
        stray_from = 0  # first line of text outside any card not yet reported
        base64_open = False  # the last property was base64: unindented lines continue it
        while index < count:
            line = lines[index]
            index += 1
            number = index
            if index < count and lines[index][:1] in _FOLD:
                parts = [line]
                while index < count and lines[index][:1] in _FOLD:
                    parts.append(lines[index][1:])
                    index += 1
                line = "".join(parts)
            if not line or line.isspace():
                base64_open = False
                continue
            colon = line.find(":")
            if colon < 0:
                if card is None:
                    stray_from = stray_from or number
                elif base64_open and card.props:
                    last = card.props[-1]
                    card.props[-1] = last._replace(value=last.value + line.strip())
                else:
                    self.skip(
                        number,
                        _("Line %(line)s has no “:” and was left out: %(text)s")
                        % {"line": number, "text": line[:60]},
                    )
                continue
            head = line[:colon]
            if '"' in head:
                match = _QUOTED_HEAD.match(line)
                if match is not None:
                    head = match.group(1)
                    colon = match.end() - 1
            semi = head.find(";")
            name = head if semi < 0 else head[:semi]
            group = ""
            dot = name.find(".")
            if dot >= 0:
                group = name[:dot]
                name = name[dot + 1 :]
            name = name.strip().upper()
            value = line[colon + 1 :]
            if name == "BEGIN" or name == "END":
                kind = value.strip().upper()
                if kind != "VCARD":
                    if card is None:
                        stray_from = stray_from or number
                    continue
                if name == "BEGIN":
                    if stray_from:
                        self._report_stray(stray_from)
                        stray_from = 0
                    if card is not None:
                        self._report_unfinished(card)
                    if self.count >= MAX_RECORDS:
                        self.skip(
                            number,
                            _(
                                "The file holds more than %(limit)s cards; the cards from "
                                "this line on were not read."
                            )
                            % {"limit": MAX_RECORDS},
                        )
                        return self.cards, self.skipped
                    card = Card(number)
                elif card is None:
                    self.skip(
                        number,
                        _(
                            "END:VCARD without a BEGIN:VCARD before it; "
                            "the lines before it were not read."
                        ),
                    )
                    stray_from = 0
                else:
                    self.count += 1
                    if self.on_card is None:
                        self.cards.append(card)
                    else:
                        self.on_card(card)
                    card = None
                base64_open = False
                continue
            if card is None:
                stray_from = stray_from or number
                continue
            params = _parse_params(head[semi + 1 :]) if semi >= 0 else ()
            encoding = ""
            charset = ""
            for key, param in params:
                if key == "ENCODING":
                    encoding = param.upper()
                elif key == "CHARSET":
                    charset = param
            base64_open = encoding in ("BASE64", "B")
            if encoding == "QUOTED-PRINTABLE":
                value, index = self._join_soft_breaks(value, index)
                value = self._decode_qp(value, charset, card, number)
                # The value is plain text now: a kept field must not claim otherwise.
                params = tuple(p for p in params if p[0] not in ("ENCODING", "CHARSET"))
            elif not self.clean and not value.isascii():
                value = self._redecode(value, charset, card, number)
            elif base64_open and (" " in value or "\t" in value):
                value = "".join(value.split())
            if name == "VERSION":
                card.version = value.strip()
                continue
            card.props.append(Prop(name, params, value, group, number))
        if stray_from:
            self._report_stray(stray_from)
        if card is not None:
            self._report_unfinished(card)
        return self.cards, self.skipped

    def _join_soft_breaks(self, value: str, index: int) -> tuple[str, int]:
        """``=C3=`` + next line ``=91`` → one value (quoted-printable soft line breaks)."""
        lines = self.lines
        while value.endswith("=") and index < len(lines):
            following = lines[index]
            if following[:9].upper() == "END:VCARD":
                break
            value = value[:-1] + following
            index += 1
            if not following:
                break
        return value, index

    def _decode_qp(self, value: str, charset: str, card: Card, line: int) -> str:
        raw = binascii.a2b_qp(value.encode("utf-8", "surrogateescape"))
        text = _decode_bytes(raw, charset, card.warnings, line)
        if "\r" in text or "\n" in text:
            text = _NEWLINES.sub(r"\\n", text)
        return text

    def _redecode(self, value: str, charset: str, card: Card, line: int) -> str:
        """A value of a file that is not all UTF-8: its own bytes in its own charset."""
        raw = value.encode("utf-8", "surrogateescape")
        return _decode_bytes(raw, charset, card.warnings, line)

    def _report_unfinished(self, card: Card) -> None:
        self.skip(
            card.line,
            _(
                "The card starting on line %(line)s has no END:VCARD (the file may be cut "
                "short); nothing from it was imported."
            )
            % {"line": card.line},
        )

    def _report_stray(self, line: int) -> None:
        self.skip(
            line,
            _("Line %(line)s is outside any BEGIN:VCARD … END:VCARD block and was not read.")
            % {"line": line},
        )
