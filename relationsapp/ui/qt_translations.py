"""Qt's own dialogs (file pickers, message box buttons) in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})

_installed: list[QTranslator] = []


def apply_qt_language(app: QApplication, language: str) -> bool:
    """Load PySide6's ``qtbase_<lang>.qm`` and set layout direction; True if loaded."""
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft
        if language in RIGHT_TO_LEFT_LANGUAGES
        else Qt.LayoutDirection.LeftToRight
    )
    if language == "en":
        return True
    translator = QTranslator(app)
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", directory):
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
        return True
    return False
