"""The Qt binding must not corrupt the interpreter: a guard against a known bad release.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method
(``label.setText(...)``). None's count runs down as the app is used and the process
aborts with "none_dealloc" — after a few minutes of editing, or at exit. The pin in
pyproject.toml avoids that release; this test fails if such a build is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calling_qt_methods_leaves_none_reference_count_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("Mette Østergaard")
        label.setObjectName("name")
    # A few references may come and go with the interpreter's own bookkeeping; a
    # leaking binding loses two per loop (2,000 here).
    assert abs(sys.getrefcount(None) - before) < 50
