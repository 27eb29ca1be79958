"""Which program wrote a contacts CSV, and which column holds what.

The header tables are data: header name → *target* (a field of a contact, see
:data:`TARGETS`). Headers are compared folded with spaces removed
(:func:`~relationsapp.interop.csv_reading.header_key`), so ``"E-Mail 2: Adresse"``,
``"e-mail 2:adresse"`` and ``"E-MAIL 2: ADRESSE"`` are one header, and so are
``"Téléphone (bureau)"`` and ``"Telephone (bureau)"``.

A column without a target is not lost: the reader keeps its non-empty cells as
``X-CSV-<header>`` other fields. ``ignore`` is for columns whose content is derived
from other columns or a program's flags (Outlook's "E-mail Display Name", "Priority").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from relationsapp.i18n.translate import N_, _
from relationsapp.interop.csv_reading import header_key

#: Column index → target name (a key of :data:`TARGETS`); a column not in it is kept as
#: an other field ``X-CSV-<header>``.
ColumnMapping: TypeAlias = dict[int, str]

#: Every target a column can have, in the order a mapping dialog lists them, with its
#: label (translate with :func:`target_label`).
TARGETS: dict[str, str] = {
    "ignore": N_("Leave out"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "full_name": N_("Full name"),
    "given_name_latin": N_("Given name in Latin letters"),
    "family_name_latin": N_("Family name in Latin letters"),
    "organisation": N_("Company"),
    "job_title": N_("Job title"),
    "email": N_("E-mail (work)"),
    "email_home": N_("E-mail (home)"),
    "email_other": N_("E-mail (other)"),
    "email_kinds": N_("Kind of e-mail (the e-mail column beside it)"),
    "phone": N_("Phone (work)"),
    "phone_mobile": N_("Phone (mobile)"),
    "phone_home": N_("Phone (home)"),
    "phone_fax": N_("Phone (fax)"),
    "phone_other": N_("Phone (other)"),
    "phone_kinds": N_("Kind of phone (the phone column beside it)"),
    "street": N_("Street"),
    "postal_code": N_("Postal code"),
    "city": N_("City"),
    "region": N_("Region or state"),
    "country": N_("Country"),
    "address": N_("Whole address (used when street, postal code and city are empty)"),
    "time_zone": N_("Time zone"),
    "language": N_("Language"),
    "birthday": N_("Birthday"),
    "notes": N_("Notes"),
    "tags": N_("Tags"),
}

EMAIL_TARGETS = ("email", "email_home", "email_other")
PHONE_TARGETS = ("phone", "phone_mobile", "phone_home", "phone_fax", "phone_other")
#: Targets several columns may share: their values are all kept (joined or listed).
MULTI_TARGETS = frozenset((*EMAIL_TARGETS, *PHONE_TARGETS, "street", "notes", "tags", "ignore"))

KIND_GENERIC = "generic"
KIND_GOOGLE = "google"
KIND_OUTLOOK = "outlook"
KIND_RELATIONSAPP = "relationsapp"


def target_label(target: str) -> str:
    """The translated label of ``target`` for the mapping dialog."""
    return _(TARGETS[target])


@dataclass(frozen=True)
class ContactCsvLayout:
    """How a contacts CSV is read: who wrote it, its header, and the column mapping."""

    kind: str  # "google", "outlook", "relationsapp" or "generic"
    headers: tuple[str, ...]
    encoding: str
    delimiter: str
    mapping: ColumnMapping = field(default_factory=dict)
    #: The language of a localised Outlook export ("en", "de", "fr", "da"); else "".
    language: str = ""

    def with_mapping(self, mapping: Mapping[int, str]) -> ContactCsvLayout:
        """The same layout with a mapping a person chose (unknown targets are refused)."""
        unknown = set(mapping.values()) - set(TARGETS)
        if unknown:
            raise ValueError(f"unknown targets in the column mapping: {sorted(unknown)}")
        bad = [index for index in mapping if not 0 <= index < len(self.headers)]
        if bad:
            raise ValueError(f"column indexes outside the header: {bad}")
        return ContactCsvLayout(
            self.kind, self.headers, self.encoding, self.delimiter, dict(mapping), self.language
        )


# --- our own export ------------------------------------------------------------------

#: The header of :func:`relationsapp.interop.contact_csv_writer.write_contacts_csv`. Not
#: translated: it is a file format, and a file written in Danish must read back in
#: Finnish.
OWN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Given name", "given_name"),
    ("Family name", "family_name"),
    ("Given name (Latin)", "given_name_latin"),
    ("Family name (Latin)", "family_name_latin"),
    ("Account", "organisation"),
    ("Job title", "job_title"),
    ("E-mail addresses", "email"),
    ("E-mail kinds", "email_kinds"),
    ("Phone numbers", "phone"),
    ("Phone kinds", "phone_kinds"),
    ("Street", "street"),
    ("Postal code", "postal_code"),
    ("City", "city"),
    ("Region", "region"),
    ("Country", "country"),
    ("Time zone", "time_zone"),
    ("Language", "language"),
    ("Birthday", "birthday"),
    ("Tags", "tags"),
    ("Notes", "notes"),
)
OWN_HEADER = tuple(name for name, _target in OWN_COLUMNS)

# --- Outlook -------------------------------------------------------------------------

#: Outlook's contact export, per language (Outlook writes its headers in the language
#: of its UI). Columns left out here (home and other addresses, Middle Name, Web Page
#: …) are kept as other fields.
OUTLOOK_HEADERS: dict[str, dict[str, str]] = {
    "en": {
        "First Name": "given_name", "Last Name": "family_name",
        "Company": "organisation", "Job Title": "job_title",
        "E-mail Address": "email", "E-mail 2 Address": "email", "E-mail 3 Address": "email",
        "E-mail Type": "ignore", "E-mail 2 Type": "ignore", "E-mail 3 Type": "ignore",
        "E-mail Display Name": "ignore", "E-mail 2 Display Name": "ignore",
        "E-mail 3 Display Name": "ignore",
        "Business Phone": "phone", "Business Phone 2": "phone",
        "Company Main Phone": "phone", "Primary Phone": "phone",
        "Mobile Phone": "phone_mobile", "Radio Phone": "phone_mobile",
        "Home Phone": "phone_home", "Home Phone 2": "phone_home",
        "Business Fax": "phone_fax", "Home Fax": "phone_fax", "Other Fax": "phone_fax",
        "Other Phone": "phone_other", "Car Phone": "phone_other", "Pager": "phone_other",
        "Business Street": "street", "Business Street 2": "street",
        "Business Street 3": "street", "Business City": "city", "Business State": "region",
        "Business Postal Code": "postal_code", "Business Country/Region": "country",
        "Birthday": "birthday", "Notes": "notes", "Categories": "tags",
        "Sensitivity": "ignore", "Priority": "ignore", "Private": "ignore",
        "Initials": "ignore",
    },
    "de": {
        "Vorname": "given_name", "Nachname": "family_name",
        "Firma": "organisation", "Position": "job_title",
        "E-Mail-Adresse": "email", "E-Mail 2: Adresse": "email", "E-Mail 3: Adresse": "email",
        "E-Mail-Typ": "ignore", "E-Mail 2: Typ": "ignore", "E-Mail 3: Typ": "ignore",
        "E-Mail: Angezeigter Name": "ignore", "E-Mail 2: Angezeigter Name": "ignore",
        "E-Mail 3: Angezeigter Name": "ignore",
        "Telefon geschäftlich": "phone", "Telefon geschäftlich 2": "phone",
        "Telefon Firma": "phone", "Haupttelefon": "phone",
        "Mobiltelefon": "phone_mobile", "Mobiltelefon 2": "phone_mobile",
        "Telefon privat": "phone_home", "Telefon privat 2": "phone_home",
        "Telefon (privat)": "phone_home", "Telefon (privat 2)": "phone_home",
        "Fax geschäftlich": "phone_fax", "Fax privat": "phone_fax", "Weiteres Fax": "phone_fax",
        "Weiteres Telefon": "phone_other", "Autotelefon": "phone_other", "Pager": "phone_other",
        "Straße geschäftlich": "street", "Straße geschäftlich 2": "street",
        "Straße geschäftlich 3": "street", "Ort geschäftlich": "city",
        "Region geschäftlich": "region", "Bundesland/Kanton geschäftlich": "region",
        "Postleitzahl geschäftlich": "postal_code", "Land/Region geschäftlich": "country",
        "Geburtstag": "birthday", "Notizen": "notes", "Kategorien": "tags",
        "Vertraulichkeit": "ignore", "Priorität": "ignore", "Privat": "ignore",
        "Initialen": "ignore",
    },
    "fr": {
        "Prénom": "given_name", "Nom": "family_name",
        "Société": "organisation", "Titre": "job_title",
        "Adresse de messagerie": "email", "Adresse de messagerie 2": "email",
        "Adresse de messagerie 3": "email",
        "Type de messagerie": "ignore", "Type de messagerie 2": "ignore",
        "Type de messagerie 3": "ignore",
        "Nom complet de l'adresse de messagerie": "ignore",
        "Nom complet de l'adresse de messagerie 2": "ignore",
        "Nom complet de l'adresse de messagerie 3": "ignore",
        "Téléphone (bureau)": "phone", "Téléphone 2 (bureau)": "phone",
        "Téléphone société": "phone", "Téléphone principal": "phone",
        "Tél. mobile": "phone_mobile", "Radio téléphone": "phone_mobile",
        "Téléphone (domicile)": "phone_home", "Téléphone 2 (domicile)": "phone_home",
        "Télécopie (bureau)": "phone_fax", "Télécopie (domicile)": "phone_fax",
        "Télécopie (autre)": "phone_fax",
        "Téléphone (autre)": "phone_other", "Téléphone (voiture)": "phone_other",
        "Récepteur de radiomessagerie": "phone_other",
        "Rue (bureau)": "street", "Rue (bureau) 2": "street", "Rue (bureau) 3": "street",
        "Ville (bureau)": "city", "Dép/Région (bureau)": "region",
        "Code postal (bureau)": "postal_code", "Pays/Région (bureau)": "country",
        "Anniversaire": "birthday", "Notes": "notes", "Catégories": "tags",
        "Critère de diffusion": "ignore", "Priorité": "ignore", "Privé": "ignore",
        "Initiales": "ignore",
    },
    "da": {
        "Fornavn": "given_name", "Efternavn": "family_name",
        "Firma": "organisation", "Stilling": "job_title",
        "E-mail-adresse": "email", "E-mail 2-adresse": "email", "E-mail 3-adresse": "email",
        "Mailadresse": "email", "Mail 2-adresse": "email", "Mail 3-adresse": "email",
        "E-mail-type": "ignore", "E-mail 2-type": "ignore", "E-mail 3-type": "ignore",
        "Mailtype": "ignore", "Mail 2-type": "ignore", "Mail 3-type": "ignore",
        "E-mail-vist navn": "ignore", "E-mail 2-vist navn": "ignore",
        "E-mail 3-vist navn": "ignore", "Mailvisningsnavn": "ignore",
        "Mail 2-visningsnavn": "ignore", "Mail 3-visningsnavn": "ignore",
        "Telefon (arbejde)": "phone", "Telefon 2 (arbejde)": "phone",
        "Firmatelefon": "phone", "Firmatelefon 2": "phone",
        "Primær telefon (firma)": "phone", "Primær telefon": "phone",
        "Mobiltelefon": "phone_mobile", "Radiotelefon": "phone_mobile",
        "Telefon (privat)": "phone_home", "Telefon 2 (privat)": "phone_home",
        "Privattelefon": "phone_home", "Privattelefon 2": "phone_home",
        "Fax (arbejde)": "phone_fax", "Fax (privat)": "phone_fax", "Anden fax": "phone_fax",
        "Firmafax": "phone_fax", "Privatfax": "phone_fax",
        "Anden telefon": "phone_other", "Biltelefon": "phone_other",
        "Personsøger": "phone_other",
        "Gade (arbejde)": "street", "Gade 2 (firma)": "street", "Gade 3 (firma)": "street",
        "Firmaadresse": "street", "By (arbejde)": "city", "Område (arbejde)": "region",
        "Postnummer (arbejde)": "postal_code", "Land/område (arbejde)": "country",
        "Fødselsdag": "birthday", "Notater": "notes", "Noter": "notes",
        "Kategorier": "tags",
        "Følsomhed": "ignore", "Prioritet": "ignore", "Privat": "ignore",
        "Initialer": "ignore",
    },
}  # fmt: skip

# --- Google --------------------------------------------------------------------------

#: Google Contacts' own columns, old layout ("Given Name", "Group Membership") and the
#: layout of 2023 on ("First Name", "Labels", "Organization Name").
GOOGLE_HEADERS: dict[str, str] = {
    "Name": "full_name",
    "Given Name": "given_name", "First Name": "given_name",
    "Family Name": "family_name", "Last Name": "family_name",
    "Birthday": "birthday", "Notes": "notes",
    "Group Membership": "tags", "Labels": "tags",
    "Organization Name": "organisation", "Organization Title": "job_title",
}  # fmt: skip
#: "E-mail 1 - Value", "Phone 2 - Label", "Address 1 - Postal Code": Google's " - " sets
#: them apart from Outlook's "E-mail 2 Type".
_GOOGLE_NUMBERED = re.compile(
    r"\s*(E-?mail|Phone|Address|Organization|Website|Relation|Event|IM|Custom Field)"
    r"\s*(\d+)\s+-\s+(.+)",
    re.IGNORECASE,
)
_GOOGLE_PARTS: dict[tuple[str, str], str] = {
    ("email", "type"): "email_kinds", ("email", "label"): "email_kinds",
    ("email", "value"): "email",
    ("phone", "type"): "phone_kinds", ("phone", "label"): "phone_kinds",
    ("phone", "value"): "phone",
}  # fmt: skip
#: Parts of "Address 1 - …" and "Organization 1 - …" (only the first is a contact's own).
_GOOGLE_FIRST_PARTS: dict[tuple[str, str], str] = {
    ("address", "street"): "street", ("address", "city"): "city",
    ("address", "region"): "region", ("address", "postalcode"): "postal_code",
    ("address", "country"): "country", ("address", "formatted"): "address",
    ("address", "type"): "ignore", ("address", "label"): "ignore",
    ("organization", "name"): "organisation", ("organization", "title"): "job_title",
}  # fmt: skip

# --- anything else -------------------------------------------------------------------

#: Header names a generic file's columns are guessed by, in English, Danish, German,
#: Finnish (and a little French and Swedish). A number after the name ("Email 2",
#: "Telefon 3") is ignored.
GENERIC_HEADERS: dict[str, tuple[str, ...]] = {
    "given_name": (
        "first name", "given name", "firstname", "forename", "fornavn", "vorname",
        "etunimi", "prénom", "förnamn",
    ),
    "family_name": (
        "last name", "family name", "surname", "lastname", "efternavn", "nachname",
        "familienname", "sukunimi", "nom", "nom de famille", "efternamn",
    ),
    "full_name": (
        "name", "full name", "contact", "contact name", "navn", "fulde navn", "kontakt",
        "kontaktperson", "vollständiger name", "nimi", "koko nimi", "yhteyshenkilö", "namn",
    ),
    "organisation": (
        "company", "organisation", "organization", "account", "customer", "firma",
        "virksomhed", "kunde", "unternehmen", "yritys", "organisaatio", "asiakas",
        "société", "entreprise", "företag",
    ),
    "job_title": (
        "title", "job title", "position", "role", "stilling", "titel", "jobtitel",
        "berufsbezeichnung", "titteli", "tehtävä", "asema", "fonction", "poste",
    ),
    "email": (
        "email", "e-mail", "email address", "e-mail address", "mail", "e-mail-adresse",
        "e-mailadresse", "mailadresse", "sähköposti", "sähköpostiosoite", "courriel",
        "adresse e-mail", "e-post", "epost",
    ),
    "phone": (
        "phone", "telephone", "phone number", "tel", "work phone", "business phone",
        "telefon", "telefonnummer", "tlf", "telefon arbejde", "telefon geschäftlich",
        "puhelin", "puhelinnumero", "työpuhelin", "téléphone",
    ),
    "phone_mobile": (
        "mobile", "mobile phone", "cell", "cell phone", "mobil", "mobiltelefon",
        "mobilnummer", "handy", "matkapuhelin", "kännykkä", "gsm", "portable",
    ),
    "phone_home": ("home phone", "privattelefon", "telefon privat", "kotipuhelin"),
    "phone_fax": ("fax", "telefax", "faksi", "télécopie"),
    "street": (
        "street", "address", "street address", "address line", "adresse", "gade", "vej",
        "straße", "strasse", "anschrift", "katuosoite", "osoite", "lähiosoite", "rue",
        "gatuadress",
    ),
    "postal_code": (
        "postal code", "zip", "zip code", "postcode", "postnummer", "postnr", "plz",
        "postleitzahl", "postinumero", "code postal",
    ),
    "city": (
        "city", "town", "by", "ort", "stadt", "kaupunki", "paikkakunta", "postitoimipaikka",
        "ville", "postort",
    ),
    "region": ("region", "state", "province", "county", "bundesland", "maakunta", "landsdel"),
    "country": ("country", "country/region", "land", "land/region", "staat", "maa", "pays"),
    "time_zone": ("time zone", "timezone", "tidszone", "zeitzone", "aikavyöhyke"),
    "language": ("language", "sprog", "sprache", "kieli", "langue", "språk"),
    "birthday": (
        "birthday", "birth date", "date of birth", "dob", "fødselsdag", "fødselsdato",
        "geburtstag", "geburtsdatum", "syntymäpäivä", "syntymäaika", "anniversaire",
        "date de naissance", "födelsedag",
    ),
    "notes": (
        "notes", "note", "comment", "comments", "noter", "notater", "bemærkninger",
        "notizen", "notiz", "bemerkung", "bemerkungen", "kommentar", "huomautukset",
        "lisätiedot", "muistiinpanot", "remarques", "anteckningar",
    ),
    "tags": (
        "tags", "tag", "labels", "categories", "category", "groups", "group", "kategorier",
        "grupper", "kategorien", "gruppen", "tunnisteet", "ryhmät", "luokat", "étiquettes",
        "catégories",
    ),
}  # fmt: skip

_TRAILING_NUMBER = re.compile(r"\d+$")


def _keyed(table: Mapping[str, str]) -> dict[str, str]:
    return {header_key(name): target for name, target in table.items()}


_OUTLOOK_KEYS = {language: _keyed(table) for language, table in OUTLOOK_HEADERS.items()}
_GOOGLE_KEYS = _keyed(GOOGLE_HEADERS)
_GENERIC_KEYS = {
    header_key(name): target for target, names in GENERIC_HEADERS.items() for name in names
}
_OWN_KEYS = tuple(header_key(name) for name in OWN_HEADER)


def classify_header(headers: Sequence[str]) -> tuple[str, str, ColumnMapping]:
    """(kind, Outlook language or "", mapping) for a file whose header is ``headers``."""
    keys = [header_key(name) for name in headers]
    if tuple(keys) == _OWN_KEYS:
        return KIND_RELATIONSAPP, "", {i: target for i, (_n, target) in enumerate(OWN_COLUMNS)}
    google, numbered = _google_mapping(headers)
    if numbered and _has_name_or_contact(google):
        return KIND_GOOGLE, "", google
    best: tuple[int, str, ColumnMapping] | None = None
    for language, table in _OUTLOOK_KEYS.items():
        mapping = _mapped(keys, table)
        if best is None or len(mapping) > best[0]:
            best = (len(mapping), language, mapping)
    non_empty = sum(1 for key in keys if key)
    # Outlook writes ~90 columns; a file from it keeps most of them (or at least four
    # of ours). "First Name,Last Name,Email" alone is a generic file.
    if best and best[0] >= 4 and best[0] * 3 >= non_empty and _has_name_or_contact(best[2]):
        return KIND_OUTLOOK, best[1], best[2]
    return KIND_GENERIC, "", guess_mapping(headers)


def _has_name_or_contact(mapping: Mapping[int, str]) -> bool:
    targets = set(mapping.values())
    return bool(targets & {"given_name", "family_name", "full_name", "email", "phone"})


def _mapped(keys: Sequence[str], table: Mapping[str, str]) -> ColumnMapping:
    return {i: table[key] for i, key in enumerate(keys) if key in table}


def _google_mapping(headers: Sequence[str]) -> tuple[ColumnMapping, int]:
    """Google's mapping of ``headers`` and how many numbered Google columns there are."""
    mapping = _mapped([header_key(name) for name in headers], _GOOGLE_KEYS)
    numbered = 0
    for index, name in enumerate(headers):
        match = _GOOGLE_NUMBERED.fullmatch(name)
        if not match:
            continue
        numbered += 1
        group, number, part = header_key(match[1]), int(match[2]), header_key(match[3])
        target = _GOOGLE_PARTS.get((group, part))
        if target is None and number == 1:
            target = _GOOGLE_FIRST_PARTS.get((group, part))
        if target is not None:
            mapping[index] = target
    return mapping, numbered


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """A first guess of a generic file's mapping by header names, for a person to correct.

    A single-valued target goes to the first column named like it (a second such column
    stays unmapped, so its cells are kept as other fields); e-mails, phones, street,
    notes and tags may come from several columns ("Email", "Email 2").
    """
    mapping: ColumnMapping = {}
    for index, name in enumerate(headers):
        key = header_key(name)
        target = _GENERIC_KEYS.get(key) or _GENERIC_KEYS.get(_TRAILING_NUMBER.sub("", key))
        if target is None:
            continue
        if target not in MULTI_TARGETS and target in mapping.values():
            continue
        mapping[index] = target
    return mapping


def kind_pairs(mapping: Mapping[int, str]) -> dict[int, int]:
    """Value column → the column holding its kinds ("E-mail 1 - Type" → "… - Value").

    A kinds column belongs to the nearest e-mail (or phone) column after it that no
    other kinds column claimed, else the nearest one before it: Google writes the type
    just before the value, our own export just after.
    """
    pairs: dict[int, int] = {}
    columns = sorted(mapping)
    for kinds_column in columns:
        target = mapping[kinds_column]
        if target not in ("email_kinds", "phone_kinds"):
            continue
        family = EMAIL_TARGETS if target == "email_kinds" else PHONE_TARGETS
        after = [c for c in columns if c > kinds_column]
        before = [c for c in reversed(columns) if c < kinds_column]
        for candidates in (after, before):
            found = _first_free(candidates, mapping, family, target, pairs)
            if found is not None:
                pairs[found] = kinds_column
                break
    return pairs


def _first_free(
    candidates: Iterable[int],
    mapping: Mapping[int, str],
    family: tuple[str, ...],
    kinds_target: str,
    pairs: Mapping[int, int],
) -> int | None:
    for column in candidates:
        if mapping[column] == kinds_target:
            return None  # the next kinds column's own value column lies beyond
        if mapping[column] in family and column not in pairs:
            return column
    return None
