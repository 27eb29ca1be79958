"""A document printed in another language switches labels in its own thread only."""

from __future__ import annotations

import datetime as dt
import threading

from relationsapp.i18n.formatting import format_date
from relationsapp.i18n.translate import _, current_language, language_here


def test_a_worker_prints_in_danish_while_the_ui_thread_stays_english() -> None:
    inside_worker: dict[str, str] = {}
    worker_in_danish = threading.Event()
    ui_checked = threading.Event()

    def worker() -> None:
        with language_here("da"):
            inside_worker["label"] = _("Confidential · printed %(date)s")
            inside_worker["date"] = format_date(dt.date(2027, 3, 8))
            worker_in_danish.set()
            ui_checked.wait(5)
        inside_worker["after"] = current_language()

    thread = threading.Thread(target=worker)
    thread.start()
    assert worker_in_danish.wait(5)
    # While the worker is inside its Danish block, this thread still speaks English.
    assert current_language() == "en"
    assert _("Confidential · printed %(date)s") == "Confidential · printed %(date)s"
    ui_checked.set()
    thread.join(5)

    assert inside_worker["label"].startswith("Fortroligt")
    assert inside_worker["date"] == "8. mar. 2027"
    assert inside_worker["after"] == "en"
