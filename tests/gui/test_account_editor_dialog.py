"""The account editor: field-level errors, referrer choices and a full round trip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from relationsapp.core.choices import SizeBand
from relationsapp.core.records import AccountDraft
from relationsapp.i18n.translate import set_language
from relationsapp.ui.account_editor_dialog import AccountEditorDialog
from tests.helpers.keyboard import type_text

REFERRERS = [(1, "Nordic Fish A/S"), (2, "Yamada Shoji K.K."), (3, "Al-Harbi Trading")]


@pytest.fixture
def dialog(qtbot: QtBot) -> AccountEditorDialog:
    widget = AccountEditorDialog(REFERRERS)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def error_text(dialog: QDialog, name: str) -> str:
    """The error shown under a field, or "" when none is visible."""
    label = dialog.findChild(QLabel, f"error_{name}")
    assert label is not None, name
    return label.text() if label.isVisible() else ""


def click_ok(qtbot: QtBot, dialog: QDialog) -> None:
    button = dialog.findChild(QWidget, "ok")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_account_without_a_name_is_refused_beside_the_name(
    qtbot: QtBot, dialog: AccountEditorDialog
) -> None:
    qtbot.keyClicks(dialog.website, "www.example.com")

    click_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert error_text(dialog, "name") != ""
    assert error_text(dialog, "website") == ""
    assert dialog.focusWidget() is dialog.name

    type_text(qtbot, dialog.name, "山田商事株式会社")
    assert error_text(dialog, "name") == ""  # cleared as soon as the name is typed
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        click_ok(qtbot, dialog)
    assert dialog.draft().name == "山田商事株式会社"


def test_a_bad_website_is_named_under_the_website_and_fixing_it_accepts(
    qtbot: QtBot, dialog: AccountEditorDialog
) -> None:
    qtbot.keyClicks(dialog.name, "Nordic Fish")
    qtbot.keyClicks(dialog.website, "nordic fish dot dk")

    qtbot.keyClick(dialog.website, Qt.Key.Key_Return)  # Enter means OK

    assert dialog.isVisible()
    assert "nordic fish dot dk" in error_text(dialog, "website")
    assert dialog.focusWidget() is dialog.website

    qtbot.keyClick(dialog.website, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.website, "https://nordicfish.dk")
    assert error_text(dialog, "website") == ""
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.website, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_an_unknown_country_is_named_under_the_country(
    qtbot: QtBot, dialog: AccountEditorDialog
) -> None:
    qtbot.keyClicks(dialog.name, "Nordic Fish")
    qtbot.keyClicks(dialog.country.line_edit, "Atlantis")
    click_ok(qtbot, dialog)
    assert "Atlantis" in error_text(dialog, "country")

    dialog.country.line_edit.selectAll()
    qtbot.keyClicks(dialog.country.line_edit, "Denmark")
    assert error_text(dialog, "country") == ""
    assert dialog.draft().country == "DK"


def test_an_account_is_not_offered_as_its_own_referrer(dialog: AccountEditorDialog) -> None:
    dialog.set_draft(AccountDraft(name="Yamada Shoji K.K."), "Edit", own_id=2)
    offered = [dialog.referred_by.itemText(i) for i in range(dialog.referred_by.count())]
    assert offered == ["(nobody)", "Nordic Fish A/S", "Al-Harbi Trading"]

    dialog.set_draft(AccountDraft(name="New"), "New account", own_id=None)
    assert dialog.referred_by.count() == 1 + len(REFERRERS)


FULL = AccountDraft(
    name="山田商事株式会社",
    name_latin="Yamada Shoji K.K.",
    industry="Food and beverages",
    size_band=SizeBand.MEDIUM,
    country="JP",
    website="https://yamada-shoji.example.jp",
    tags=["importer", "seafood"],
    notes="Annual order in March.\nAsk for Mr Sato.",
    referred_by_account_id=1,
    referred_by_contact_id=42,
)


@pytest.mark.parametrize(
    "draft",
    [FULL, AccountDraft(name="Own industry", industry="Whale watching"), AccountDraft()],
    ids=["full", "typed-industry", "empty"],
)
def test_set_draft_then_draft_gives_every_field_back(
    dialog: AccountEditorDialog, draft: AccountDraft
) -> None:
    dialog.set_draft(draft, "Edit", own_id=2)
    assert dialog.windowTitle() == "Edit"
    assert dialog.draft() == draft


def test_the_loaded_account_shows_in_the_fields(dialog: AccountEditorDialog) -> None:
    dialog.set_draft(FULL, "Edit", own_id=2)
    assert dialog.country.currentText() == "Japan"
    assert dialog.referred_by.currentText() == "Nordic Fish A/S"
    assert dialog.size_band.currentText() == "50–249 employees"
    assert dialog.industry.currentText() == "Food and beverages"


@pytest.mark.parametrize(
    ("language", "in_order"),
    [
        ("en", ["Costa Rica", "Côte d’Ivoire", "Croatia"]),  # ô sorts as o
        ("da", ["Zambia", "Ækvatorialguinea", "Østrig", "Åland"]),  # Æ Ø Å end the alphabet
    ],
)
def test_countries_are_listed_in_the_ui_languages_alphabet(
    qtbot: QtBot, language: str, in_order: list[str]
) -> None:
    set_language(language)
    dialog = AccountEditorDialog(REFERRERS)
    qtbot.addWidget(dialog)
    names = [dialog.country.itemText(i) for i in range(dialog.country.count())]
    assert [names.index(name) for name in in_order] == sorted(
        names.index(name) for name in in_order
    )
