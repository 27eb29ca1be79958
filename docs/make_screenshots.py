"""Render the README screenshots offscreen from the sample data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

Writes docs/screenshots/today-en.png, dashboard-en.png, contacts-{en,da,fi}.png, culture-{en,da}.png,
accounts-en.png and planner-en.png.
For a real X window, see ../shared/tools/screenshot.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from relationsapp.core.sample_loader import load_sample_data
from relationsapp.i18n.translate import set_language
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import open_database
from relationsapp.ui.app import AppController
from relationsapp.ui.contact_table_model import LOCAL_TIME
from relationsapp.ui.fonts import register_bundled_fonts
from relationsapp.ui.main_window import ACCOUNTS_TAB, CONTACTS_TAB
from relationsapp.ui.qt_translations import apply_qt_language

OUT = Path(__file__).resolve().parent / "screenshots"


def planner_screenshot(app: QApplication, controller: AppController, database: object) -> None:
    """The planner with me in Copenhagen, a Tokyo and a Riyadh client and a New York place."""
    import datetime as dt

    from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch
    from relationsapp.ui.main_window import PLANNER_TAB
    from relationsapp.ui.participant_list import place_participant

    window = controller.window
    window.resize(1280, 900)
    window.show_tab(PLANNER_TAB)
    app.processEvents()
    planner = window.planner
    search = IndexedContactSearch(database)  # type: ignore[arg-type]
    for country in ("JP", "SA"):
        (row,) = search.rows(ContactQuery(country=country), 0, 1)
        planner.panel.add_contact(row.id)
    planner.add_participant(place_participant("America/New_York"))
    planner.set_day(dt.date(2027, 3, 15))
    planner.find_times()
    app.processEvents()
    window.grab().save(str(OUT / "planner-en.png"))


def culture_screenshot(app: QApplication, controller: AppController, language: str) -> None:
    """A Japanese client selected: the person first, then Japan's profile and me vs. them."""
    from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch

    window = controller.window
    window.resize(1500, 1000)
    window.show_tab(CONTACTS_TAB)
    search = IndexedContactSearch(controller.database)
    (row,) = search.rows(ContactQuery(country="JP"), 0, 1)
    window.contacts_view.select_contact(row.id)
    app.processEvents()
    window.culture_panel.update_contents()
    app.processEvents()
    window.grab().save(str(OUT / f"culture-{language}.png"))


def today_screenshot(app: QApplication, controller: AppController) -> None:
    """The landing page: promises, replies, birthdays and people to call."""
    from relationsapp.ui.main_window import TODAY_TAB

    window = controller.window
    window.resize(1500, 900)
    window.show_tab(TODAY_TAB)
    window.today_page.ensure_built()
    app.processEvents()
    window.today.reload()
    app.processEvents()
    window.grab().save(str(OUT / "today-en.png"))


def dashboard_screenshot(app: QApplication, controller: AppController) -> None:
    """The relationship dashboard over the sample's last 12 months."""
    from relationsapp.ui.main_window import DASHBOARD_TAB

    window = controller.window
    window.resize(1500, 1000)
    window.show_tab(DASHBOARD_TAB)
    window.dashboard_page.ensure_built()
    app.processEvents()
    window.dashboard.recompute()
    app.processEvents()
    window.grab().save(str(OUT / "dashboard-en.png"))


def printing_screenshots(app: QApplication, controller: AppController) -> None:
    """The trip-pack dialog over the sample trip, and the preview of its first meeting."""
    import datetime as dt
    import time

    from relationsapp.core.zones import now_utc, to_local
    from relationsapp.ui.briefing_jobs import meeting_sheet
    from relationsapp.ui.trip_pack_dialog import TripPackDialog

    window = controller.window
    services = controller.services
    home = "Europe/Copenhagen"
    today = to_local(now_utc(), home).date()
    dialog = TripPackDialog(services, home, today, window)
    dialog.resize(760, 520)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(OUT / "trip-pack-en.png"))
    meetings = services.meetings.starting_between(now_utc(), now_utc() + dt.timedelta(days=14))
    dialog.close()
    tokyo = next(m for m in meetings if "Asia/Tokyo" == m.draft.organiser_zone)
    preview = window.briefings.open_preview(
        meeting_sheet(services, tokyo.id, home), tokyo.draft.title, tokyo.draft.title
    )
    preview.resize(900, 1000)
    deadline = time.monotonic() + 60
    while (preview.jobs.is_busy() or preview.document.pageCount() == 0) and (
        time.monotonic() < deadline
    ):
        app.processEvents()
        time.sleep(0.05)
    settle = time.monotonic() + 2  # QPdfView paints its pages from a render thread
    while time.monotonic() < settle:
        app.processEvents()
        time.sleep(0.05)
    preview.grab().save(str(OUT / "briefing-preview-en.png"))
    preview.close()


def main() -> None:
    app = QApplication(sys.argv[:1])
    register_bundled_fonts()
    path = Path(tempfile.mkdtemp(prefix="relationsapp-shots-")) / "sample.sqlite"
    with open_database(path) as database:
        load_sample_data(database)
        set_language("en")
        controller = AppController(app, database, AppSettings(home_zone="Europe/Copenhagen"))
        today_screenshot(app, controller)
        dashboard_screenshot(app, controller)
        for language in ("en", "da", "fi"):
            controller.switch_language(language)
            window = controller.window
            window.resize(1280, 760)
            window.show_tab(CONTACTS_TAB)
            window.contacts_view.search_field.setText("")
            # Furthest east first: Lord Howe, Japan, Korea, China … a mix of scripts.
            window.contacts_view.table.sortByColumn(LOCAL_TIME, Qt.SortOrder.DescendingOrder)
            app.processEvents()
            window.contacts_view.table.selectRow(2)
            app.processEvents()
            window.culture_panel.update_contents()
            window.grab().save(str(OUT / f"contacts-{language}.png"))
            if language in ("en", "da"):
                culture_screenshot(app, controller, language)
        controller.switch_language("en")
        window = controller.window
        window.resize(1280, 760)
        window.show_tab(ACCOUNTS_TAB)
        app.processEvents()
        window.accounts_view.table.selectRow(3)
        app.processEvents()
        window.culture_panel.update_contents()
        window.grab().save(str(OUT / "accounts-en.png"))
        planner_screenshot(app, controller, database)
        printing_screenshots(app, controller)
        apply_qt_language(app, "en")
        controller.window.close()


if __name__ == "__main__":
    main()
