"""vCards → :class:`ImportedContact`: every property either fills a field or is kept.

Rules a user would ask about:

- Names come from ``N`` (family; given; additional; prefix; suffix). Additional names
  join the given name (``Wile E.``), the prefix is the honorific. Without ``N`` the
  ``FN`` is split: ``Jane Doe`` → family "Doe"; ``Doe, Jane`` → family "Doe"; a CJK name
  without spaces ``최유림`` → family "최", given "유림", family name first.
- A name in another script with a Latin alternative (``ALTID`` twin,
  ``X-PHONETIC-FIRST-NAME``/``-LAST-NAME``, ``SORT-STRING``) fills the Latin name fields.
  Phonetic spellings of a Latin name ("Jon" for "John") are kept as other fields.
- ``ORG``'s first unit is the account; ``TITLE`` the job title (``ROLE`` when no title).
- The first address marked PREF (else WORK, else the first) is *the* address; its
  country, when recognised (``Danmark``, ``DK``, ``U.S.A.``), the contact's country.
- A birthday without a year (``--0412``) is stored in :data:`NO_YEAR`.
- Photos inside the card are decoded and made small; links to photos are never fetched.
- Anything else — second addresses, IMPP, URL, X-… — is an :class:`OtherField`, written
  back on export. Only VERSION, PRODID and REV (facts about the file, not the person)
  and ``FN`` next to an ``N`` (its display form) are not kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytz

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind
from relationsapp.core.records import (
    NO_YEAR,
    ContactDraft,
    EmailEntry,
    OtherField,
    PhoneEntry,
    PostalAddress,
)
from relationsapp.i18n.translate import _
from relationsapp.interop.contact_records import (
    MAX_FILE_BYTES,
    ImportedContact,
    ParsedContacts,
    SkippedRecord,
)
from relationsapp.interop.vcard_parser import Card, Prop, parse_vcard_bytes
from relationsapp.interop.vcard_photo import PhotoError, decode_embedded, small_photo
from relationsapp.interop.vcard_text import (
    OWN_PREFIX,
    PRODID,
    TRANSPORT_PARAMS,
    country_code,
    is_cjk,
    is_latin,
    keeps_original,
    split_escaped,
    unescape,
)

#: Facts about the file rather than the person: not kept.
_METADATA = frozenset({"VERSION", "PRODID", "REV"})
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$")
_YEARLESS = re.compile(r"^--(\d{2})-?(\d{2})$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def read_vcard_file(path: str | Path) -> ParsedContacts:
    """Read a .vcf file; problems are in ``skipped``, never raised."""
    source = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            return read_vcard_bytes(b"\0" * 0, source, too_large=True)
        data = Path(path).read_bytes()
    except OSError as error:
        reason = _("The file could not be read: %(error)s") % {"error": error.strerror or error}
        return ParsedContacts(skipped=[SkippedRecord(source, 1, reason)])
    return read_vcard_bytes(data, source)


def read_vcard_bytes(data: bytes | str, source: str, *, too_large: bool = False) -> ParsedContacts:
    """Parse and map every card in ``data`` (a whole .vcf file's content)."""
    if too_large:
        reason = _(
            "The file is larger than %(limit)s MB; split it into smaller files to import it."
        ) % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        return ParsedContacts(skipped=[SkippedRecord(source, 1, reason)])
    result = ParsedContacts(encoding="")

    def map_one(card: Card) -> None:  # as soon as it is read: the card is then freed
        try:
            result.contacts.append(map_card(card, source))
        except Exception as error:  # a card we cannot map must not stop the others
            result.skipped.append(
                SkippedRecord(
                    source,
                    card.line,
                    _("The card starting on line %(line)s could not be read: %(error)s")
                    % {"line": card.line, "error": error},
                )
            )

    _cards, skipped = parse_vcard_bytes(data, source, on_card=map_one)
    result.skipped.extend(skipped)
    result.skipped.sort(key=lambda record: record.line)
    return result


def _types(prop: Prop) -> set[str]:
    """Upper-case TYPE values, ``TYPE=work,voice`` and ``TYPE=WORK;TYPE=VOICE`` alike."""
    found: set[str] = set()
    for key, value in prop.params:
        if key == "TYPE":
            value = value.upper()
            if "," in value:
                found.update(part.strip() for part in value.split(","))
            else:
                found.add(value.strip())
        elif key == "PREF":
            found.add("PREF")
    return found


def _param(prop: Prop, name: str) -> str:
    for key, value in prop.params:
        if key == name:
            return value
    return ""


def _meaningful_params(prop: Prop) -> bool:
    return any(key not in TRANSPORT_PARAMS for key, _value in prop.params)


def _pref_rank(prop: Prop) -> int:
    """Lower first: PREF=1 before PREF=2 before no PREF; TYPE=pref counts as 1."""
    for key, value in prop.params:
        if key == "PREF":
            return int(value) if value.isdigit() else 1
        if key == "TYPE" and "PREF" in value.upper():
            return 1
    return 101


def _keep(prop: Prop) -> OtherField:
    return OtherField(prop.name, prop.value, prop.params, prop.group)


class _CardMapper:
    """Fills one draft from one card; ``others`` collects what has no field."""

    def __init__(self, card: Card, source: str) -> None:
        self.card = card
        self.draft = ContactDraft()
        self.account = ""
        self.others: list[OtherField] = []
        self.warnings: list[str] = list(card.warnings)
        self.ours = any(p.name == "PRODID" and p.value == PRODID for p in card.props)
        self.source = source

    def warn(self, prop: Prop, message: str) -> None:
        self.warnings.append(
            _("Line %(line)s (%(property)s): %(message)s")
            % {"line": prop.line, "property": prop.name, "message": message}
        )

    def run(self) -> ImportedContact:
        by_name: dict[str, list[Prop]] = {}
        order: list[Prop] = []
        for prop in self.card.props:
            if prop.name in _METADATA:
                continue
            by_name.setdefault(prop.name, []).append(prop)
            order.append(prop)
        self._names(by_name)
        for name, handler in _HANDLERS.items():
            props = by_name.get(name)
            if props and handler is not None:
                handler(self, props)
        for name, props in by_name.items():
            if name.startswith(OWN_PREFIX):
                for prop in props:
                    self._own(prop)
        # Kept in file order: the other fields read like the card did.
        keep_ids = {id(p) for p in self.kept}
        for prop in order:
            unmapped = prop.name not in _HANDLERS and not prop.name.startswith(OWN_PREFIX)
            has_content = prop.value.strip() or prop.params or prop.group
            if (id(prop) in keep_ids or unmapped) and has_content:
                self.others.append(_keep(prop))
        self.draft.other_fields = self.others
        return ImportedContact(
            draft=self.draft,
            account_name=self.account,
            source=self.source,
            line=self.card.line,
            warnings=self.warnings,
        )

    # -- names -------------------------------------------------------------------------

    kept: list[Prop]

    def keep(self, prop: Prop) -> None:
        self.kept.append(prop)

    def _names(self, by_name: dict[str, list[Prop]]) -> None:
        self.kept = []
        draft = self.draft
        n_props = by_name.get("N", [])
        fn_props = by_name.get("FN", [])
        n_main, n_latin = _pick_alternate(n_props)
        fn_main, fn_latin = _pick_alternate(fn_props)
        for prop in n_props:
            if prop is not n_main and prop is not n_latin:
                self.keep(prop)
        for prop in fn_props:
            if prop is not fn_main and prop is not fn_latin:
                self.keep(prop)
        parts = split_escaped(n_main.value, ";") if n_main is not None else []
        if parts and any(part.strip() for part in parts):
            assert n_main is not None
            parts += [""] * (5 - len(parts))
            family, given, additional, prefix = (p.strip() for p in parts[:4])
            extra = " ".join(a.strip() for a in additional.split(",") if a.strip())
            draft.family_name = family
            draft.given_name = f"{given} {extra}".strip() if extra else given
            draft.honorific = prefix
            if keeps_original("N", n_main.value, n_main.params, n_main.group):
                self.keep(n_main)  # the whole N, written back in place of ours
            if n_latin is not None:
                latin = [*split_escaped(n_latin.value, ";"), "", ""]
                draft.family_name_latin = latin[0].strip()
                draft.given_name_latin = latin[1].strip()
        elif fn_main is not None and not (self.ours and n_main is not None):
            kind = " ".join(unescape(p.value) for p in by_name.get("KIND", [])).lower()
            self._split_full_name(unescape(fn_main.value).strip(), kind in ("org", "group"))
            if fn_latin is not None and not draft.family_name_latin:
                words = unescape(fn_latin.value).split()
                if words:
                    draft.given_name_latin = " ".join(words[:-1]) or words[0]
                    draft.family_name_latin = words[-1] if len(words) > 1 else ""
        elif n_main is not None and (_meaningful_params(n_main) or n_main.group):
            self.keep(n_main)
        if fn_main is not None and fn_main.group:
            self.keep(fn_main)
        name = f"{draft.given_name}{draft.family_name}"
        if name and is_cjk(name):
            draft.name_order = NameOrder.FAMILY_FIRST
        self._latin_alternatives(by_name)

    def _split_full_name(self, full: str, organisation: bool) -> None:
        draft = self.draft
        if not full:
            return
        if organisation:
            draft.given_name = full
        elif "," in full:
            family, _comma, given = full.partition(",")
            draft.family_name, draft.given_name = family.strip(), given.strip()
        elif " " in full:
            given, _space, family = full.rpartition(" ")
            draft.given_name, draft.family_name = given.strip(), family.strip()
        elif is_cjk(full) and len(full) > 1:
            draft.family_name, draft.given_name = full[0], full[1:]
        else:
            draft.given_name = full

    def _latin_alternatives(self, by_name: dict[str, list[Prop]]) -> None:
        """X-PHONETIC-* / SORT-STRING fill the Latin name when the name is not Latin.

        Phonetic spellings of a Latin name (Gmail's "Jon" for "John") stay other fields;
        our own export writes such a Latin name as X-RELATIONSAPP-*-NAME-LATIN.
        """
        draft = self.draft
        wanted = not is_latin(f"{draft.given_name} {draft.family_name}")
        for key, attribute in (
            ("X-PHONETIC-FIRST-NAME", "given_name_latin"),
            ("X-PHONETIC-LAST-NAME", "family_name_latin"),
        ):
            for index, prop in enumerate(by_name.get(key, [])):
                if wanted and index == 0 and not getattr(draft, attribute):
                    setattr(draft, attribute, unescape(prop.value).strip())
                else:
                    self.keep(prop)
        for prop in by_name.get("SORT-STRING", []):
            value = unescape(prop.value).strip()
            if wanted and value and is_latin(value) and not draft.family_name_latin:
                draft.family_name_latin = value
            else:
                self.keep(prop)

    # -- one handler per property -------------------------------------------------------

    def _org(self, props: list[Prop]) -> None:
        first = props[0]
        units = split_escaped(first.value, ";")
        self.account = units[0].strip()
        if keeps_original("ORG", first.value, first.params, first.group):
            self.keep(first)
        for prop in props[1:]:
            self.keep(prop)

    def _title(self, props: list[Prop]) -> None:
        self.draft.job_title = unescape(props[0].value).strip()
        for prop in props[1:]:
            self.keep(prop)

    def _role(self, props: list[Prop]) -> None:
        for prop in props:
            if not self.draft.job_title and unescape(prop.value).strip():
                self.draft.job_title = unescape(prop.value).strip()
            else:
                self.keep(prop)

    def _email(self, props: list[Prop]) -> None:
        for prop in sorted(props, key=_pref_rank) if len(props) > 1 else props:
            address = unescape(prop.value).strip()
            if address.lower().startswith("mailto:"):
                address = address[7:]
            if not address:
                continue
            types = _types(prop)
            kind = EmailKind.WORK
            if "HOME" in types:
                kind = EmailKind.HOME
            elif "WORK" not in types and types - {"INTERNET", "PREF", "X400"}:
                kind = EmailKind.OTHER
            # A group (``item1.EMAIL`` + ``item1.X-ABLabel``) is not kept twice: the
            # label stays among the other fields.
            self.draft.emails.append(EmailEntry(address, kind))

    def _tel(self, props: list[Prop]) -> None:
        for prop in sorted(props, key=_pref_rank) if len(props) > 1 else props:
            number = unescape(prop.value).strip()
            if number[:4].lower() == "tel:":
                number = number[4:]
            if not number:
                continue
            types = _types(prop)
            if "FAX" in types:
                kind = PhoneKind.FAX
            elif types & {"CELL", "MOBILE", "IPHONE"}:
                kind = PhoneKind.MOBILE
            elif "HOME" in types:
                kind = PhoneKind.HOME
            elif "WORK" in types or not types - {"VOICE", "PREF", "MAIN", "MSG"}:
                kind = PhoneKind.WORK
            else:
                kind = PhoneKind.OTHER
            self.draft.phones.append(PhoneEntry(number, kind))

    def _adr(self, props: list[Prop]) -> None:
        def rank(prop: Prop) -> int:
            return 0 if "PREF" in _types(prop) else 1 if "WORK" in _types(prop) else 2

        chosen = min(props, key=rank)
        for prop in props:
            if prop is not chosen:
                self.keep(prop)
        parts = split_escaped(chosen.value, ";") + [""] * 7
        box, extended, street, city, region, code, country = (p.strip() for p in parts[:7])
        self.draft.address = PostalAddress(
            street="\n".join(p for p in (street, extended, box) if p),
            postal_code=code,
            city=city,
            region=region,
        )
        if country:
            self.draft.country = country_code(country)
            if not self.draft.country:
                self.warn(
                    chosen,
                    _(
                        "the country “%(country)s” was not recognised; "
                        "the address is kept as it was."
                    )
                    % {"country": country},
                )
                self.keep(chosen)

    def _note(self, props: list[Prop]) -> None:
        notes = [unescape(p.value).replace("\r\n", "\n").strip() for p in props]
        self.draft.notes = "\n\n".join(n for n in notes if n)

    def _bday(self, props: list[Prop]) -> None:
        for prop in props:
            if self.draft.birthday is None:
                birthday = _date(prop)
                if birthday is not None:
                    self.draft.birthday = birthday
                    continue
                if prop.value.strip():
                    self.warn(
                        prop,
                        _("“%(value)s” is not a date; kept among the other fields.")
                        % {"value": unescape(prop.value)},
                    )
            self.keep(prop)

    def _categories(self, props: list[Prop]) -> None:
        for prop in props:
            # Thunderbird escapes the commas between categories (``a\, b``): read as a list.
            for tag in unescape(prop.value).split(","):
                tag = tag.strip()
                if tag and tag not in self.draft.tags:
                    self.draft.tags.append(tag)

    def _tz(self, props: list[Prop]) -> None:
        for prop in props:
            zone = unescape(prop.value).strip()
            if not self.draft.time_zone and zone in pytz.all_timezones_set:
                self.draft.time_zone = zone
            else:
                self.keep(prop)

    def _lang(self, props: list[Prop]) -> None:
        for prop in sorted(props, key=_pref_rank):
            language = unescape(prop.value).strip()
            if not self.draft.preferred_language and _LANGUAGE.match(language):
                self.draft.preferred_language = language.replace("-", "_")
            else:
                self.keep(prop)

    def _uid(self, props: list[Prop]) -> None:
        self.draft.external_uid = unescape(props[0].value).strip()
        for prop in props[1:]:
            self.keep(prop)

    def _photo(self, props: list[Prop]) -> None:
        for prop in props:
            value = prop.value.strip()
            embedded = value[:5].lower() == "data:" or _param(prop, "ENCODING").upper() in (
                "B",
                "BASE64",
            )
            if not value or not embedded or self.draft.photo is not None:
                if value:
                    self.keep(prop)
                continue
            try:
                photo = small_photo(decode_embedded(value))
            except PhotoError as error:
                self.warn(prop, str(error))
                continue
            self.draft.photo, self.draft.photo_type = photo.data, photo.mime_type

    def _own(self, prop: Prop) -> None:
        """X-RELATIONSAPP-*: fields of ours without a vCard property (our own round trip)."""
        key = prop.name[len(OWN_PREFIX) :]
        value = unescape(prop.value).strip()
        draft = self.draft
        try:
            if key == "NAME-ORDER":
                draft.name_order = NameOrder(value)
            elif key == "GIVEN-NAME-LATIN":
                draft.given_name_latin = value
            elif key == "FAMILY-NAME-LATIN":
                draft.family_name_latin = value
            elif key == "FORMALITY":
                draft.formality = Formality(value)
            elif key == "CHANNEL":
                draft.preferred_channel = Channel(value)
            elif key == "WORK-HOURS":
                match = _CLOCK.match(value)
                if match is None:
                    raise ValueError(value)
                h1, m1, h2, m2 = (int(g) for g in match.groups())
                draft.work_start, draft.work_end = h1 * 60 + m1, h2 * 60 + m2
            elif key == "WEEKEND":
                days = tuple(int(d) for d in value.split(",") if d.strip())
                if any(not 0 <= d <= 6 for d in days):
                    raise ValueError(value)
                draft.weekend_days = days
            elif key == "RESPONSE-HOURS":
                draft.response_hours = int(value)
            elif key == "TOUCH-WEEKS":
                draft.touch_weeks = int(value)
            elif key == "NOTES-SENSITIVE":
                draft.notes_sensitive = value.lower() in ("1", "true", "yes")
            elif key == "AWAY":
                for period in value.split(","):
                    first, _slash, last = period.strip().partition("/")
                    draft.away.append(
                        (dt.date.fromisoformat(first), dt.date.fromisoformat(last or first))
                    )
            else:
                self.keep(prop)
        except ValueError:
            self.warn(prop, _("“%(value)s” could not be read; kept.") % {"value": value})
            self.keep(prop)


def _pick_alternate(props: list[Prop]) -> tuple[Prop | None, Prop | None]:
    """The main one of N (or FN) and, among its ALTID twins, a Latin one for a non-Latin name.

    ``N;ALTID=1;LANGUAGE=ja:佐藤;花子`` + ``N;ALTID=1;LANGUAGE=en:Sato;Hanako`` → the
    Japanese is the name and the English its Latin form. Twins of the same script:
    the first one wins and the others are kept as other fields.
    """
    if not props:
        return None, None
    main = props[0]
    altid = _param(main, "ALTID")
    if not altid:
        return main, None
    twins = [p for p in props if _param(p, "ALTID") == altid]
    native = [p for p in twins if not is_latin(p.value)]
    latin = [p for p in twins if is_latin(p.value)]
    if native and latin:
        return native[0], latin[0]
    return main, None


def _date(prop: Prop) -> dt.date | None:
    if _param(prop, "VALUE").lower() == "text":
        return None
    value = prop.value.strip()
    match = _DATE.match(value)
    try:
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        match = _YEARLESS.match(value)
        if match:
            return dt.date(NO_YEAR, int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None
    return None


_HANDLERS: dict[str, Callable[[_CardMapper, list[Prop]], None] | None] = {
    # Names are read first, together (N, FN and their Latin alternatives).
    "N": None,
    "FN": None,
    "X-PHONETIC-FIRST-NAME": None,
    "X-PHONETIC-LAST-NAME": None,
    "SORT-STRING": None,
    "ORG": _CardMapper._org,
    "TITLE": _CardMapper._title,
    "ROLE": _CardMapper._role,
    "EMAIL": _CardMapper._email,
    "TEL": _CardMapper._tel,
    "ADR": _CardMapper._adr,
    "NOTE": _CardMapper._note,
    "BDAY": _CardMapper._bday,
    "CATEGORIES": _CardMapper._categories,
    "TZ": _CardMapper._tz,
    "LANG": _CardMapper._lang,
    "UID": _CardMapper._uid,
    "PHOTO": _CardMapper._photo,
}


def map_card(card: Card, source: str) -> ImportedContact:
    """One parsed card as a contact draft, its account name and warnings."""
    return _CardMapper(card, source).run()
