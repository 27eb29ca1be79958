"""Every message a person can read ships in Danish and Finnish, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from relationsapp.i18n import translate
from relationsapp.i18n.translate import _, ngettext, set_language

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["da", "fi"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def source_messages() -> dict[tuple[str | None, str | tuple[str, ...]], str]:
    """msgid (or (singular, plural)) → where it is used, straight from the code."""
    found: dict[tuple[str | None, str | tuple[str, ...]], str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT / "relationsapp"), method_map=[("**.py", "python")]
    ):
        key = (context, message if isinstance(message, str) else tuple(message))
        found.setdefault(key, f"relationsapp/{filename}:{lineno}")
    return found


def test_no_message_hides_inside_an_f_string() -> None:
    """``f"<h3>{_('Notes')}</h3>"``: extraction cannot see into f-strings on Python 3.11,
    so such a message would never reach the catalogs and would stay English."""
    hidden = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in sorted((ROOT / "relationsapp").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.JoinedStr)
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id in {"_", "N_", "ngettext", "pgettext"}
    ]
    assert not hidden, hidden


def load_catalog(language: str) -> Catalog:
    path = ROOT / "translations" / language / "LC_MESSAGES" / "relationsapp.po"
    with path.open("rb") as stream:
        return read_po(stream, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_code_is_translated(language: str) -> None:
    catalog = load_catalog(language)
    missing = []
    for (context, message), where in source_messages().items():
        msgid = message if isinstance(message, str) else message[0]
        entry = catalog.get(msgid, context=context)
        if entry is None or entry.fuzzy:
            missing.append(f"{where}: {msgid!r}")
            continue
        strings = entry.string if isinstance(entry.string, (list, tuple)) else [entry.string]
        if not all(strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} messages lack a {language} translation:\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    wrong = []
    for entry in load_catalog(language):
        if not entry.id or not entry.string:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            # A singular form may drop %(count)s ("one contact"), never add or rename one.
            found = sorted(PLACEHOLDER.findall(string))
            if found != expected and not (len(ids) > 1 and set(found) <= set(expected)):
                wrong.append(f"{ids[0]!r}: {expected} vs {string!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_mnemonics_survive_translation(language: str) -> None:
    """A menu entry with an &-shortcut keeps one in the translation (keyboard users)."""
    lost = [
        entry.id
        for entry in load_catalog(language)
        if isinstance(entry.id, str)
        and isinstance(entry.string, str)
        and entry.string
        and re.search(r"&\w", entry.id)
        and not re.search(r"&\w", entry.string)
    ]
    assert not lost, lost


def test_switching_language_translates_at_once() -> None:
    set_language("da")
    assert _("Name") == "Navn"
    assert ngettext("%(count)s contact", "%(count)s contacts", 3) % {"count": 3} == "3 kontakter"
    set_language("fi")
    assert _("Name") == "Nimi"
    set_language("en")
    assert _("Name") == "Name"


def test_unknown_language_falls_back_to_english() -> None:
    assert set_language("xx") == "en"
    assert translate.current_language() == "en"
