"""The country picker shared by the contact and account editors."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from relationsapp.i18n.formatting import country_names
from relationsapp.i18n.translate import _
from relationsapp.ui.code_combo import CodeComboBox, by_name


class CountryComboBox(CodeComboBox):
    """Every ISO 3166 country by its name in the UI language; stores the alpha-2 code.

    Type part of a name ("kingdom") to filter, or the code itself ("jp").
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_items(by_name((name, code) for code, name in country_names().items()))
        self.line_edit.setPlaceholderText(_("Type to search countries"))
