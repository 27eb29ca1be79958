"""Preferences: the interface language (more settings join later)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from relationsapp.i18n.translate import SUPPORTED_LANGUAGES, _


class PreferencesDialog(QDialog):
    """Choose the UI language: the system's, or one of the shipped languages."""

    def __init__(self, language_setting: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        self.language_combo.addItem(_("System language"), "")
        for code, own_name in SUPPORTED_LANGUAGES.items():
            # Each language in its own name, so a user lost in a foreign UI finds theirs.
            self.language_combo.addItem(own_name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language_setting)))
        caption = QLabel(_("&Language:"))
        caption.setBuddy(self.language_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(caption, self.language_combo)
        layout.addRow(buttons)

    def language_setting(self) -> str:
        """ "" for the system language, else a language code."""
        return str(self.language_combo.currentData())
