"""Opening the app on an existing file loads only what the first window needs.

Start-up time is measured by the benchmark, never asserted; what this guards is the
design that keeps it low: SQLAlchemy (~250 ms), Alembic, phonenumbers and the editor
dialogs are imported on first use, not to show the contact list.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from relationsapp.core.sample_loader import load_sample_data
from relationsapp.storage.database import open_database

PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import open_database
from relationsapp.ui.app import AppController

app = QApplication([])
database = open_database(sys.argv[1])
controller = AppController(app, database, AppSettings())
controller.window.show()
app.processEvents()
rows = controller.window.contact_model.rowCount()
first = controller.window.contact_model.index(0, 0).data()
deferred = (
    "sqlalchemy",
    "alembic",
    "phonenumbers",
    "holidays",
    "relationsapp.ui.contact_editor_dialog",
    "relationsapp.ui.planner_view",
)
heavy = sorted(name for name in deferred if name in sys.modules)
print(rows, bool(first), ",".join(heavy) or "-")
database.close()
"""


def test_first_window_shows_contacts_without_loading_the_orm(tmp_path: Path) -> None:
    path = tmp_path / "start.sqlite"
    with open_database(path) as database:
        load_sample_data(database)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows, has_name, heavy = result.stdout.split()
    assert int(rows) >= 290
    assert has_name == "True"
    assert heavy == "-"
