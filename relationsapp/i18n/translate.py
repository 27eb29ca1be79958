"""The one gettext layer for everything a person reads: UI, PDF and CLI.

Catalogs live in ``translations/<lang>/LC_MESSAGES/relationsapp.mo`` (built by
``make``; never committed). When only the ``.po`` exists (a checkout nobody built
yet) the catalog is read straight from the ``.po`` so the app still speaks the
language instead of silently falling back to English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

DOMAIN = "relationsapp"
#: Languages the product ships in, with their own names (never translated).
SUPPORTED_LANGUAGES: dict[str, str] = {"en": "English", "da": "Dansk", "fi": "Suomi"}
DEFAULT_LANGUAGE = "en"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
#: A language in force for one thread only (a PDF made in another language on a
#: worker thread must not switch the UI's labels meanwhile): see ``language_here``.
_local: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "local_language", default=None
)


def translations_dir() -> Path:
    """Where the catalogs are: ``$RELATIONSAPP_LOCALEDIR`` or the checkout's ``translations/``."""
    override = os.environ.get("RELATIONSAPP_LOCALEDIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "translations"


def _load(language: str) -> gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    directory = translations_dir() / language / "LC_MESSAGES"
    mo_file = directory / f"{DOMAIN}.mo"
    if mo_file.exists():
        with mo_file.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    po_file = directory / f"{DOMAIN}.po"
    if po_file.exists():
        return _translations_from_po(po_file)
    return gettext.NullTranslations()


def _translations_from_po(po_file: Path) -> gettext.NullTranslations:
    """Compile a .po in memory (Babel's writer) when no .mo was built."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as stream:
        catalog = read_po(stream)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


_cache: dict[str, gettext.NullTranslations] = {}


def translator(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` (not the UI's): for texts written to someone else,
    such as an invitation in the client's own language. English when not shipped."""
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    if language not in _cache:
        _cache[language] = _load(language)
    return _cache[language]


def set_language(language: str) -> str:
    """Switch every later ``_()`` call to ``language``; returns the language in force."""
    global _translations, _language
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translations = translator(language)  # one catalog object per language, read once
    _language = language
    return language


@contextmanager
def language_here(language: str) -> Iterator[str]:
    """Translate and format in ``language`` inside this block, in this thread only."""
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    token = _local.set((language, translator(language)))
    try:
        yield language
    finally:
        _local.reset(token)


def _catalog() -> gettext.NullTranslations:
    local = _local.get()
    return _translations if local is None else local[1]


def current_language() -> str:
    """The code of the language in force here (``en``, ``da``, ``fi``): the UI's, or the
    one ``language_here`` set for this thread."""
    local = _local.get()
    return _language if local is None else local[0]


def system_language() -> str:
    """The supported language the environment asks for, or English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for candidate in value.split(":"):
            code = candidate.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in SUPPORTED_LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                break
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the current UI language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that depends on a count (``%(count)s contacts``)."""
    return _catalog().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate a message that needs a context to be unambiguous (``"menu", "File"``)."""
    return _catalog().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translate on display)."""
    return message
