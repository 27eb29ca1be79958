"""Python's cycle collector runs only on the UI thread.

The collector runs in whichever thread happens to allocate when its threshold is
reached. With worker threads (reports, imports, PDFs) that can be a pool thread, and a
Qt widget caught in a reference cycle is then destroyed there: Qt warns "QBasicTimer::
stop: Failed. Possibly trying to stop from a different thread" and may crash. So the
automatic collector is switched off and a timer on the UI thread collects instead, as
often as the thresholds would have (the pattern PyQt's documentation suggests).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Owns the UI thread's collection timer; ``stop()`` gives the collector back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; objects freed."""
        first, second, third = gc.get_count()
        if first > self._threshold[0]:
            generation = 0
            if second > self._threshold[1]:
                generation = 1
                if third > self._threshold[2]:
                    generation = 2
            return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
