"""The printing dialogs and the interaction dialog keep one mnemonic per letter in
every shipped language (a clash makes Alt+letter cycle instead of jump)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from relationsapp.core.services import Services
from relationsapp.i18n.translate import set_language
from relationsapp.storage.database import Database
from relationsapp.ui.interaction_dialog import InteractionDialog
from relationsapp.ui.pdf_preview_dialog import PdfPreviewDialog
from relationsapp.ui.trip_pack_dialog import TripPackDialog
from tests.gui.test_interactions import mnemonics

ZONE = "Europe/Copenhagen"


@pytest.fixture(params=["en", "da", "fi"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("en")


def unique(letters: list[str]) -> bool:
    return len(letters) == len(set(letters))


def test_interaction_dialog(qtbot: QtBot, database: Database, language: str) -> None:
    dialog = InteractionDialog(Services(database), ZONE)
    qtbot.addWidget(dialog)
    letters = mnemonics(dialog)
    assert unique(letters), (language, letters)


def test_preview_dialog(qtbot: QtBot, language: str) -> None:
    dialog = PdfPreviewDialog(lambda _language, _sensitive: b"", "Briefing", "x")  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.jobs.is_busy())
    letters = mnemonics(dialog)
    assert len(letters) >= 7 and unique(letters), (language, letters)


def test_trip_pack_dialog(qtbot: QtBot, database: Database, language: str) -> None:
    dialog = TripPackDialog(Services(database), ZONE, dt.date(2027, 3, 8))
    qtbot.addWidget(dialog)
    letters = mnemonics(dialog)
    assert len(letters) >= 5 and unique(letters), (language, letters)
