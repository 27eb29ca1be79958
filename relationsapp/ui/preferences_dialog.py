"""Preferences: the interface language (more settings join later)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from relationsapp.i18n.translate import SUPPORTED_LANGUAGES, _
from relationsapp.ui.time_zone_combo import TimeZoneComboBox


class PreferencesDialog(QDialog):
    """Choose the UI language: the system's, or one of the shipped languages."""

    def __init__(
        self, language_setting: str, home_zone: str, parent: QWidget | None = None
    ) -> None:
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
        self.zone_combo = TimeZoneComboBox()
        self.zone_combo.setObjectName("home_zone")
        self.zone_combo.set_zone(home_zone)
        zone_caption = QLabel(_("&Home time zone:"))
        zone_caption.setBuddy(self.zone_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(caption, self.language_combo)
        layout.addRow(zone_caption, self.zone_combo)
        layout.addRow(buttons)

    def home_zone(self) -> str:
        return self.zone_combo.zone()

    def language_setting(self) -> str:
        """ "" for the system language, else a language code."""
        return str(self.language_combo.currentData())
