"""Editable combo boxes that show names and store codes (countries, languages)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cmp_to_key

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QCollator, QLocale, Qt, Signal
from PySide6.QtWidgets import QWidget

from relationsapp.i18n.formatting import language_name, ui_locale
from relationsapp.ui.searchable_combo import SearchableComboBox

#: Languages clients most often prefer; anything else can be typed (``sv_FI``, ``sw``).
COMMON_LANGUAGES = (
    "ar", "cs", "da", "de", "en", "en_GB", "en_US", "es", "es_MX", "fi", "fr", "fr_CA",
    "he", "hi", "hu", "id", "it", "ja", "ko", "ms", "nb", "nl", "pl", "pt", "pt_BR",
    "ru", "sv", "th", "tr", "uk", "vi", "zh_Hans", "zh_Hant",
)  # fmt: skip


def by_name(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(name, code)`` pairs in the UI language's alphabetical order.

    English puts ``Côte d’Ivoire`` between ``Costa Rica`` and ``Croatia``; Danish puts
    ``Østrig`` and ``Åland`` after ``Zambia``, where a Danish reader looks for them.
    """
    collator = QCollator(QLocale(str(ui_locale())))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def compare(first: tuple[str, str], second: tuple[str, str]) -> int:
        return collator.compare(first[0], second[0])

    return sorted(items, key=cmp_to_key(compare))


class CodeComboBox(SearchableComboBox):
    """An editable combo of (name, code) items with a type-to-filter completer.

    ``code()`` is the code of the chosen name; a typed name or code is recognised too,
    and text that matches nothing comes back as typed so validation can name it.
    """

    codeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._by_text: dict[str, str] = {}
        self._last_code = ""
        self.editTextChanged.connect(self._emit_if_changed)

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        """Fill with ``(name, code)`` pairs after an empty first item (= no value)."""
        blocked = self.blockSignals(True)
        self.clear()
        self._by_text = {}
        self.addItem("", "")
        for name, code in items:
            self._add(name, code)
        self.setCurrentIndex(0)
        self.blockSignals(blocked)
        self._last_code = self.code()

    def _add(self, name: str, code: str) -> None:
        self.addItem(name, code)
        self.setItemData(self.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
        self._by_text.setdefault(name.casefold(), code)
        self._by_text.setdefault(code.casefold(), code)

    def has_code(self, code: str) -> bool:
        """Whether ``code`` is one of the listed values."""
        return bool(code) and self.findData(code) >= 0

    def code(self) -> str:
        """The code of the chosen or typed name; unknown text comes back as typed."""
        text = self.currentText().strip()
        if not text:
            return ""
        index = self.currentIndex()
        if index > 0 and self.itemText(index) == self.currentText():
            return str(self.itemData(index))
        return self._by_text.get(text.casefold(), text)

    def set_code(self, code: str) -> None:
        """Show the name of ``code``; an unlisted code is added if it can be named."""
        index = self.findData(code) if code else 0
        if index < 0 and (name := self.name_for_unlisted(code)):
            self._add(name, code)
            index = self.count() - 1
        if index >= 0:
            self.setCurrentIndex(index)
            self.setEditText(self.itemText(index))
        else:
            self.setEditText(code)

    def name_for_unlisted(self, code: str) -> str | None:
        """The name to list ``code`` under, or None to show the code as typed."""
        return None

    def _emit_if_changed(self) -> None:
        code = self.code()
        if code != self._last_code:
            self._last_code = code
            self.codeChanged.emit(code)


class LanguageComboBox(CodeComboBox):
    """Common CLDR locales named in the UI language; other locale ids can be typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_items(by_name((language_name(code), code) for code in COMMON_LANGUAGES))

    def name_for_unlisted(self, code: str) -> str | None:
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            return None
        return language_name(code)
