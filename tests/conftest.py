"""Test set-up shared by unit and GUI tests.

Qt needs a platform before the first QApplication: without QT_QPA_PLATFORM or a
DISPLAY a run aborts (SIGABRT) instead of failing a test, so offscreen is forced here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Static font instances for PDFs take ~10 s each to build (fonts.py): one cache for the
# whole run and the runs after it, outside the developer's own cache.
os.environ.setdefault(
    "RELATIONSAPP_CACHE_DIR", os.path.join(tempfile.gettempdir(), "relationsapp-test-cache")
)

import pytest

from relationsapp.i18n.translate import set_language
from relationsapp.storage.database import Database, open_database


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Never read or write the developer's real settings or database."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("RELATIONSAPP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("RELATIONSAPP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LANGUAGE", "en")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A fresh, migrated database file in the test's temporary folder."""
    opened = open_database(db_path)
    yield opened
    opened.close()
