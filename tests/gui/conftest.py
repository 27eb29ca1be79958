"""GUI test set-up: Qt objects a test leaves behind are deleted when it ends.

Widgets closed by one test are otherwise deleted whenever Python's collector or Qt's
deferred deletion happens to run — in the middle of a later test. Deleting them at the
end of their own test keeps a fault where it belongs and the order of events the same
from run to run. Python's automatic collector is off for the GUI tests, as in the app
(relationsapp.ui.main_thread_gc): a pool thread must never destroy a widget.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_test_thread_only() -> Iterator[None]:
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def delete_what_the_test_left(qapp: QApplication) -> Iterator[None]:
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
