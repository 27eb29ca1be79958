"""The cycle collector runs on the UI thread only: a worker thread that allocates a lot
never triggers it, and the UI thread's timer collects what piled up."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from relationsapp.ui.main_thread_gc import MainThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_busy_worker_thread_never_collects_and_the_ui_thread_does(
    qtbot: QtBot, qapp: QApplication
) -> None:
    collector = MainThreadCollector()
    try:
        # A widget in a reference cycle: destroyed on a worker thread it would break Qt.
        holder = Cycle()
        holder.widget = QWidget()  # type: ignore[attr-defined]
        del holder
        collections_before = gc.get_stats()[0]["collections"]

        def allocate() -> None:
            for _ in range(50_000):
                Cycle()

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert gc.get_stats()[0]["collections"] == collections_before
        assert not gc.isenabled()
        qtbot.waitUntil(lambda: gc.get_stats()[0]["collections"] > collections_before)
    finally:
        collector.stop()
