"""Run long work (sample data, later imports) off the UI thread with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from relationsapp.i18n.translate import _

#: The work receives a progress callback (done, total) → keep going?
Work = Callable[[Callable[[int, int], bool]], Any]


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals) -> None:
        super().__init__()
        self._work, self._signals = work, signals
        self.cancelled = False

    def _progress(self, done: int, total: int) -> bool:
        self._signals.progressed.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as error:  # reported to the UI thread, shown to the user
            self._signals.failed.emit(error)
        else:
            self._signals.finished.emit(result)


class BackgroundTask(QObject):
    """``work`` on the thread pool behind a modal progress dialog with Cancel."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._runnable = _Runnable(work, self._signals)
        self._runnable.setAutoDelete(False)
        self.dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self._signals.progressed.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        """Stop the work at its next progress call (as the dialog's Cancel button does)."""
        self._runnable.cancelled = True
        self.dialog.close()

    def _cancel(self) -> None:
        self._runnable.cancelled = True

    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _on_finished(self, result: object) -> None:
        self.dialog.close()
        self.finished.emit(result)

    def _on_failed(self, error: object) -> None:
        self.dialog.close()
        self.failed.emit(error)
