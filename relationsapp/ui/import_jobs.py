"""One job at a time for an import dialog: at once on the UI thread, or on a pool thread.

Reading, planning and importing a small file take a few milliseconds and run at once
(which is also what tests use); a large file's go to a pool thread while the dialog
shows progress. A newer job supersedes the one in progress: what the older one sends
is dropped, and a plan stops between rows when its progress callback says so (see
:func:`relationsapp.interop.csv_reading.report_progress`). As in the Today view
(``_ReportJob``/``_ReportSink``), results reach the UI thread through a parentless sink.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from relationsapp.interop.csv_reading import ImportCancelled, Progress

#: What a job does; it gets a progress callback, or None when it runs at once.
Work = Callable[[Progress | None], Any]


class _JobSink(QObject):
    """Lives in the UI thread; a pool thread's signals reach it queued. No parent: a job
    still running when its runner goes keeps it alive, and Qt drops what it sends."""

    progressed = Signal(int, int, int)  # generation, done, total
    finished = Signal(int, object)  # generation, result
    failed = Signal(int, object)  # generation, exception


class _Job(QRunnable):
    def __init__(self, work: Work, generation: int, sink: _JobSink) -> None:
        super().__init__()
        self._work, self._generation, self._sink = work, generation, sink
        self.cancelled = False

    def _progress(self, done: int, total: int) -> bool:  # a Progress
        self._sink.progressed.emit(self._generation, done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except ImportCancelled:
            return
        except Exception as error:  # shown in the dialog, never lost in a pool thread
            self._sink.failed.emit(self._generation, error)
            return
        self._sink.finished.emit(self._generation, result)


class JobRunner(QObject):
    """Runs one :data:`Work` at a time and hands its result or error to the callbacks."""

    #: A job went to the pool thread: show this label and a progress bar.
    started = Signal(str)
    #: (rows done, rows in all) of the job on the pool thread.
    progressed = Signal(int, int)
    #: No job runs any more (it finished, failed or was superseded).
    stopped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._sink = _JobSink()
        self._sink.progressed.connect(self._on_progress)
        self._sink.finished.connect(self._on_finished)
        self._sink.failed.connect(self._on_failed)
        self._generation = 0  # the newest job; what older ones send is dropped
        self._job: _Job | None = None
        self._on_result: Callable[[Any], None] = lambda _result: None
        self._on_error: Callable[[Exception], None] = lambda _error: None

    @property
    def busy(self) -> bool:
        """A job runs on the pool thread."""
        return self._job is not None

    def run(
        self,
        work: Work,
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        label: str,
        in_background: bool,
    ) -> None:
        """``work`` now, or on the pool thread; then ``on_result`` or ``on_error``."""
        self.cancel()
        if not in_background:
            try:
                result = work(None)
            except Exception as error:  # the file or the database said no: show why
                on_error(error)
                return
            on_result(result)
            return
        self._on_result, self._on_error = on_result, on_error
        self._job = _Job(work, self._generation, self._sink)
        self._pool.start(self._job)
        self.started.emit(label)

    def cancel(self) -> None:
        """Stop listening to the job in progress (and stop it, if it is a plan)."""
        self._generation += 1
        self._pool.clear()
        if self._job is not None:
            self._job.cancelled = True
            self._job = None
            self.stopped.emit()

    def wait(self) -> None:
        """Wait until the pool thread is done (tests; a dialog closing)."""
        self._pool.waitForDone()

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progressed.emit(done, total)

    def _on_finished(self, generation: int, result: object) -> None:
        if generation == self._generation:
            self._job = None
            self.stopped.emit()
            self._on_result(result)

    def _on_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._job = None
            self.stopped.emit()
            self._on_error(error)
