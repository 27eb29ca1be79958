"""PDF work for the briefing screens, run on a pool thread: making sheets and printing.

The reports themselves are Qt-free (relationsapp.reports); this module only wraps them
in callables a worker thread can run, and paints finished PDF pages onto a printer.
Workers use ``services`` exactly as the Today view's report job does: the database
hands each thread its own connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRectF,
    QRunnable,
    QSize,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument

from relationsapp.core.zones import now_utc
from relationsapp.i18n.translate import _

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from relationsapp.core.services import Services

#: (done, total) → keep going?
Progress = Callable[[int, int], bool]
#: Printing renders each page as an image at the printer's resolution, but no finer than
#: this: an A4 page at 1200 dpi is a 550 MB image; at 600 dpi it is 140 MB and prints
#: text as sharp as a laser printer can put it on paper.
MAX_PRINT_DPI = 600


@dataclass(frozen=True)
class SheetOptions:
    """What the user chose above the preview: the sheet's language and what to leave out."""

    language: str | None = None  # None: the UI language
    leave_out_sensitive: bool = False


#: Makes a PDF for the options, reporting progress; runs on a pool thread.
PdfMaker = Callable[[SheetOptions, Progress], bytes]


class JobCancelled(Exception):
    """The user stopped the work (printing) before it finished."""


def contact_sheet(services: Services, contact_id: int, my_zone: str) -> PdfMaker:
    """The briefing sheet of one contact."""

    def make(options: SheetOptions, _progress: Progress) -> bytes:
        from relationsapp.reports.briefing_sheet import build_briefing

        return build_briefing(
            services,
            contact_id,
            now=now_utc(),
            my_zone=my_zone,
            language=options.language,
            leave_out_sensitive=options.leave_out_sensitive,
        )

    return make


def meeting_sheet(services: Services, meeting_id: int, my_zone: str) -> PdfMaker:
    """The briefing of one meeting: its participants' sheets."""

    def make(options: SheetOptions, _progress: Progress) -> bytes:
        from relationsapp.reports.briefing_sheet import build_meeting_briefing

        return build_meeting_briefing(
            services,
            meeting_id,
            now=now_utc(),
            my_zone=my_zone,
            language=options.language,
            leave_out_sensitive=options.leave_out_sensitive,
        )

    return make


def trip_pack_sheets(services: Services, meeting_ids: list[int], my_zone: str) -> PdfMaker:
    """The sheets of several meetings in one PDF; ``progress`` returning False cancels
    it (build_trip_pack then raises PackCancelled)."""

    def make(options: SheetOptions, progress: Progress) -> bytes:
        from relationsapp.reports.trip_pack import build_trip_pack

        return build_trip_pack(
            services,
            list(meeting_ids),
            now=now_utc(),
            my_zone=my_zone,
            language=options.language,
            leave_out_sensitive=options.leave_out_sensitive,
            progress=progress,
        )

    return make


def chosen_pages(printer: QPrinter, count: int, current: int) -> list[int]:
    """The 0-based pages the print dialog asked for: all, a range or the page shown."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        return [current] if 0 <= current < count else []
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            return [page - 1 for page in range(1, count + 1) if ranges.contains(page)]
    return list(range(count))


def print_pdf(pdf: bytes, printer: QPrinter, pages: list[int], progress: Progress) -> int:
    """Paint ``pages`` of ``pdf`` onto ``printer``, each scaled to the printable area.

    Runs on a pool thread: QPainter may paint on a QPrinter outside the UI thread, and
    the document is this thread's own, so the preview's copy is never touched. Returns
    the number of pages printed; raises JobCancelled when ``progress`` says stop.
    """
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise OSError(_("The briefing could not be read for printing."))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("The printer could not be started."))
    try:
        resolution = printer.resolution()
        area = printer.pageLayout().paintRectPixels(resolution)
        for done, page in enumerate(pages):
            if not progress(done, len(pages)):
                printer.abort()
                raise JobCancelled
            if done:
                printer.newPage()
            points = document.pagePointSize(page)
            if points.isEmpty():
                continue
            # Device pixels per PDF point: the page as large as the printable area allows.
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            target.moveLeft((area.width() - target.width()) / 2)
            fine = min(scale, MAX_PRINT_DPI / 72)
            size = QSize(round(points.width() * fine), round(points.height() * fine))
            painter.drawImage(target, document.render(page, size))
        progress(len(pages), len(pages))
    finally:
        painter.end()
        document.close()
        buffer.close()
    return len(pages)


class _Sink(QObject):
    """Lives in the UI thread; a pool thread's signals reach it queued."""

    progressed = Signal(int, int, int)  # generation, done, total
    finished = Signal(int, object)  # generation, result
    failed = Signal(int, object)  # generation, exception


class _Job(QRunnable):
    def __init__(
        self,
        work: Callable[[Progress], object],
        generation: int,
        stop: threading.Event,
        sink: _Sink,
    ) -> None:
        super().__init__()
        self._work, self._generation, self._stop, self._sink = work, generation, stop, sink

    def _progress(self, done: int, total: int) -> bool:
        self._sink.progressed.emit(self._generation, done, total)
        return not self._stop.is_set()

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as error:  # shown in the dialog, never lost in a pool thread
            self._sink.failed.emit(self._generation, error)
        else:
            self._sink.finished.emit(self._generation, result)


class PdfJobs(QObject):
    """One dialog's PDF work on its own pool thread; only the newest job's result counts.

    Starting a job asks the one before it to stop (its progress callback returns False)
    and drops whatever it still delivers: with three quick clicks on the language, the
    sheet shown is the third one.
    """

    #: (done, total) of the newest job.
    progressed = Signal(int, int)
    #: Whether a job is under way: the dialog shows a busy indicator meanwhile.
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # A child made after the pool: children go in the order they came, so the pool's
        # destructor waits for a running job before the sink it reports to is deleted.
        self._sink = _Sink(self)
        self._sink.progressed.connect(self._on_progress)
        self._sink.finished.connect(self._on_finished)
        self._sink.failed.connect(self._on_failed)
        self._generation = 0
        self._stop = threading.Event()
        self._done: Callable[[object], None] | None = None
        self._fail: Callable[[Exception], None] | None = None

    def start(
        self,
        work: Callable[[Progress], object],
        done: Callable[[object], None],
        fail: Callable[[Exception], None],
    ) -> None:
        """Run ``work(progress)`` on the pool; ``done(result)`` or ``fail(error)`` after."""
        self._stop.set()  # the job before this one stops at its next progress call
        self._pool.clear()
        self._generation += 1
        self._stop = threading.Event()
        self._done, self._fail = done, fail
        self._pool.start(_Job(work, self._generation, self._stop, self._sink))
        self.busy_changed.emit(True)

    def is_busy(self) -> bool:
        return self._done is not None

    def cancel(self) -> None:
        """Ask the newest job to stop at its next progress call."""
        self._stop.set()

    def stop(self) -> None:
        """Stop and wait for the work under way (the dialog is closing)."""
        self._stop.set()
        self._pool.clear()
        self._pool.waitForDone()
        self._generation += 1  # anything still queued to the sink is now stale
        self._done = self._fail = None

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progressed.emit(done, total)

    def _take(
        self, generation: int
    ) -> tuple[Callable[[object], None], Callable[[Exception], None]] | None:
        """The newest job's callbacks, once; None for a superseded job's result."""
        if generation != self._generation or self._done is None or self._fail is None:
            return None
        taken = (self._done, self._fail)
        self._done = self._fail = None
        self.busy_changed.emit(False)
        return taken

    def _on_finished(self, generation: int, result: object) -> None:
        if (taken := self._take(generation)) is not None:
            taken[0](result)

    def _on_failed(self, generation: int, error: object) -> None:
        if (taken := self._take(generation)) is not None:
            taken[1](error if isinstance(error, Exception) else RuntimeError(str(error)))
