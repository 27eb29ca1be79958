"""The contact editor: field-level errors, country-driven defaults, round trip, keyboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind
from relationsapp.core.records import (
    NO_YEAR,
    ContactDraft,
    EmailEntry,
    OtherField,
    PhoneEntry,
    PostalAddress,
)
from relationsapp.ui.contact_editor_dialog import ContactEditorDialog
from tests.helpers.keyboard import type_text

ACCOUNTS = [(1, "Nordic Fish A/S"), (2, "Yamada Shoji K.K.")]


@pytest.fixture
def dialog(qtbot: QtBot) -> ContactEditorDialog:
    widget = ContactEditorDialog(ACCOUNTS)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def field(dialog: QDialog, name: str) -> QWidget:
    found = dialog.findChild(QWidget, name)
    assert found is not None, name
    return found


def line(dialog: QDialog, name: str) -> QLineEdit:
    found = dialog.findChild(QLineEdit, name)
    assert found is not None, name
    return found


def error_text(dialog: QDialog, name: str) -> str:
    """The error shown under a field, or "" when none is visible."""
    label = dialog.findChild(QLabel, f"error_{name}")
    assert label is not None, name
    return label.text() if label.isVisible() else ""


def choose_country(qtbot: QtBot, dialog: ContactEditorDialog, name: str) -> None:
    """Type a country's name into the country box, as a user does."""
    dialog.country.line_edit.selectAll()
    qtbot.keyClicks(dialog.country.line_edit, name)


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Select everything in ``edit`` with the keyboard and type ``text`` over it."""
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def click_ok(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.mouseClick(field(dialog, "ok"), Qt.MouseButton.LeftButton)


def test_bad_email_and_phone_keep_the_dialog_open_with_messages_under_their_rows(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    qtbot.keyClicks(dialog.given_name, "Mette")
    choose_country(qtbot, dialog, "Denmark")
    qtbot.mouseClick(dialog.emails.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line(dialog, "emails_0"), "mette.example.com")
    qtbot.mouseClick(dialog.phones.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line(dialog, "phones_0"), "12345")

    click_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "@" in error_text(dialog, "emails_0")
    assert "Denmark" in error_text(dialog, "phones_0")
    assert error_text(dialog, "name") == ""
    assert dialog.focusWidget() is field(dialog, "emails_0")  # the first bad field

    retype(qtbot, line(dialog, "emails_0"), "mette@example.com")
    assert error_text(dialog, "emails_0") == ""  # gone as soon as the row is edited
    assert "Denmark" in error_text(dialog, "phones_0")  # the other row still complains
    retype(qtbot, line(dialog, "phones_0"), "33 12 34 56")
    assert error_text(dialog, "phones_0") == ""
    hint = dialog.findChild(QLabel, "hint_phones_0")
    assert hint is not None and hint.isVisible() and "+45 33 12 34 56" in hint.text()

    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    draft = dialog.draft()
    assert draft.emails == [EmailEntry("mette@example.com", EmailKind.WORK)]
    assert draft.phones == [PhoneEntry("33 12 34 56", PhoneKind.WORK)]
    assert draft.country == "DK"


def test_enter_on_an_empty_contact_asks_for_a_name_and_clears_it_on_typing(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    qtbot.keyClick(dialog.job_title, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert error_text(dialog, "name") != ""
    assert dialog.focusWidget() is dialog.given_name

    type_text(qtbot, dialog.family_name, "Sørensen")
    assert error_text(dialog, "name") == ""


def test_choosing_japan_fills_tokyo_and_family_name_first(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    type_text(qtbot, dialog.given_name, "太郎")
    type_text(qtbot, dialog.family_name, "山田")
    assert dialog.preview.text() == "太郎山田"  # given name first, no space in kanji

    choose_country(qtbot, dialog, "Japan")

    assert dialog.time_zone.zone() == "Asia/Tokyo"
    assert "UTC+09:00" in dialog.zone_offset.text()
    assert dialog.name_order.currentData() == NameOrder.FAMILY_FIRST.value
    assert dialog.preview.text() == "山田太郎"
    assert dialog.draft().country == "JP"


def test_a_name_order_the_user_picked_survives_a_country_change(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    qtbot.keyClick(dialog.name_order, Qt.Key.Key_Down)  # → Family name first
    choose_country(qtbot, dialog, "Denmark")
    assert dialog.name_order.currentData() == NameOrder.FAMILY_FIRST.value
    assert dialog.time_zone.zone() == "Europe/Copenhagen"


def test_a_zone_the_user_typed_survives_a_country_change(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    qtbot.keyClicks(dialog.time_zone.line_edit, "Europe/London")
    choose_country(qtbot, dialog, "Japan")
    assert dialog.time_zone.zone() == "Europe/London"
    # ...and Japan's zones are now offered first.
    assert dialog.time_zone.itemText(0) == "Asia/Tokyo"


def test_saudi_arabia_shows_a_friday_saturday_weekend(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    choose_country(qtbot, dialog, "Denmark")
    assert "Saturday–Sunday" in dialog.weekend.text()

    choose_country(qtbot, dialog, "Saudi Arabia")

    assert dialog.weekend.isVisible()
    assert "Friday–Saturday" in dialog.weekend.text()
    assert "Saudi Arabia" in dialog.weekend.text()


def test_an_unknown_country_is_named_under_the_country_box(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    qtbot.keyClicks(dialog.given_name, "Mette")
    choose_country(qtbot, dialog, "Narnia")
    click_ok(qtbot, dialog)
    assert "Narnia" in error_text(dialog, "country")
    assert dialog.isVisible()


FULL = ContactDraft(
    given_name="太郎",
    family_name="山田",
    given_name_latin="Taro",
    family_name_latin="Yamada",
    name_order=NameOrder.FAMILY_FIRST,
    honorific="Dr.",
    formality=Formality.INFORMAL,
    job_title="Purchasing manager",
    account_id=2,
    emails=[
        EmailEntry("taro.yamada@example.co.jp", EmailKind.WORK),
        EmailEntry("taro@example.jp", EmailKind.HOME),
    ],
    phones=[
        PhoneEntry("+81312345678", PhoneKind.WORK),
        PhoneEntry("+819012345678", PhoneKind.MOBILE),
    ],
    address=PostalAddress("1-2-3 Marunouchi", "100-0005", "Chiyoda-ku", "Tokyo"),
    country="JP",
    time_zone="Asia/Tokyo",
    work_start=8 * 60 + 30,
    work_end=17 * 60 + 45,
    weekend_days=None,
    preferred_language="ja",
    preferred_channel=Channel.VIDEO,
    response_hours=48,
    touch_weeks=8,
    birthday=dt.date(1975, 4, 1),
    tags=["trade fair", "vip"],
    notes="Met at FOODEX.\nPrefers mornings.",
    notes_sensitive=True,
)

SPARSE = ContactDraft(
    given_name="Aisha",
    family_name="Al-Harbi",
    country="SA",
    time_zone="Asia/Riyadh",
    work_start=22 * 60,
    work_end=24 * 60,  # until midnight
    weekend_days=(4, 5),
    preferred_language="ar",
)


@pytest.mark.parametrize("draft", [FULL, SPARSE, ContactDraft()], ids=["full", "sparse", "empty"])
def test_set_draft_then_draft_gives_every_field_back(
    dialog: ContactEditorDialog, draft: ContactDraft
) -> None:
    dialog.set_draft(draft, "Edit")
    assert dialog.windowTitle() == "Edit"
    assert dialog.draft() == draft


def test_the_loaded_contact_shows_in_the_fields(dialog: ContactEditorDialog) -> None:
    dialog.set_draft(FULL, "Edit")
    assert dialog.country.currentText() == "Japan"
    assert dialog.account.currentText() == "Yamada Shoji K.K."
    assert dialog.preferred_language.currentText() == "Japanese"
    assert dialog.preview.text() == "山田太郎 (Yamada Taro)"
    assert dialog.birthday.isEnabled()
    assert not dialog.no_birthday.isChecked()
    hint = dialog.findChild(QLabel, "hint_phones_1")
    assert hint is not None and "+81 90-1234-5678" in hint.text()


def test_stay_in_touch_is_typed_into_the_draft_and_shown_when_editing(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    spin = field(dialog, "touch_weeks")
    assert isinstance(spin, QSpinBox)
    assert spin.text() == "Off"  # a new contact has no reminder
    assert dialog.draft().touch_weeks == 0
    assert error_text(dialog, "touch_weeks") == ""  # its error label is on the board

    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.given_name.setFocus()
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert spin.hasFocus()  # "Stay in touch e&very:"
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "6")
    assert dialog.draft().touch_weeks == 6

    dialog.set_draft(FULL, "Edit")
    assert spin.text() == "8 weeks"
    dialog.set_draft(replace(FULL, touch_weeks=0), "Edit")
    assert spin.text() == "Off"
    assert dialog.draft().touch_weeks == 0


def test_removing_an_email_row_drops_it_from_the_draft(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    dialog.set_draft(FULL, "Edit")
    qtbot.mouseClick(field(dialog, "emails_remove_0"), Qt.MouseButton.LeftButton)
    assert dialog.draft().emails == [EmailEntry("taro@example.jp", EmailKind.HOME)]
    assert dialog.focusWidget() is field(dialog, "emails_0")


def test_no_birthday_checkbox_clears_the_birthday(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    dialog.set_draft(FULL, "Edit")
    qtbot.mouseClick(dialog.no_birthday, Qt.MouseButton.LeftButton)
    assert not dialog.birthday.isEnabled()
    assert dialog.draft().birthday is None


def test_notes_can_be_marked_sensitive_by_mouse_or_keyboard(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    box = dialog.notes_sensitive
    assert not box.isChecked()  # a new contact's notes are not private
    assert "printed briefings" in box.toolTip()
    qtbot.mouseClick(  # on its text: the row is wider, the space beside it does nothing
        box, Qt.MouseButton.LeftButton, pos=QPoint(box.sizeHint().width() // 2, box.height() // 2)
    )
    assert dialog.draft().notes_sensitive is True

    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert box.hasFocus()  # right after the notes it belongs to
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert dialog.draft().notes_sensitive is False
    # It has no Alt+letter of its own: Alt+S still goes straight to the street.
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.street.hasFocus()


def test_ctrl_return_accepts_and_escape_cancels(qtbot: QtBot) -> None:
    accepting = ContactEditorDialog(ACCOUNTS)
    qtbot.addWidget(accepting)
    accepting.set_draft(FULL, "Edit")
    accepting.show()
    qtbot.waitExposed(accepting)
    with qtbot.waitActive(accepting):  # window shortcuts fire only in the active window
        accepting.activateWindow()
    accepting.notes.setFocus()
    with qtbot.waitSignal(accepting.accepted, timeout=1000):
        qtbot.keyClick(accepting.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert accepting.notes.toPlainText() == FULL.notes  # no newline typed

    cancelling = ContactEditorDialog(ACCOUNTS)
    qtbot.addWidget(cancelling)
    cancelling.show()
    qtbot.waitExposed(cancelling)
    with qtbot.waitSignal(cancelling.rejected, timeout=1000):
        qtbot.keyClick(cancelling.given_name, Qt.Key.Key_Escape)


def test_tab_walks_the_form_in_reading_order_including_added_rows(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    dialog.set_draft(FULL, "Edit")
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.region.setFocus()
    expected = ["emails_kind_0", "emails_0", "emails_remove_0", "emails_kind_1"]
    seen = []
    for _step in expected:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        seen.append(now.objectName())
    assert seen == expected

    dialog.given_name.setFocus()
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.family_name


def test_label_mnemonics_jump_to_their_fields(qtbot: QtBot, dialog: ContactEditorDialog) -> None:
    dialog.set_draft(FULL, "Edit")
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.given_name.setFocus()

    qtbot.keyClick(dialog.given_name, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.country.hasFocus()
    qtbot.keyClick(dialog.country.line_edit, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is line(dialog, "emails_0")  # the list's first row
    qtbot.keyClick(line(dialog, "emails_0"), Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert dialog.time_zone.hasFocus()


def test_a_contact_can_have_an_own_weekend_and_go_back_to_the_countrys(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    dialog.set_draft(ContactDraft(given_name="Arjun", country="IN"), "Edit")
    picker = dialog.weekend_picker
    assert not picker.days[4].isEnabled()  # follows the country: not editable
    assert [box.isChecked() for box in picker.days] == [False] * 6 + [True]  # Sunday only
    qtbot.mouseClick(picker.own, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(picker.days[5], Qt.MouseButton.LeftButton)  # add Saturday
    assert dialog.draft().weekend_days == (5, 6)
    assert "own weekend" in dialog.weekend.text()
    qtbot.mouseClick(picker.own, Qt.MouseButton.LeftButton)
    assert dialog.draft().weekend_days is None
    assert [box.isChecked() for box in picker.days] == [False] * 6 + [True]
    assert "usual in India" in dialog.weekend.text()


def test_an_own_weekend_is_shown_when_the_contact_is_opened(dialog: ContactEditorDialog) -> None:
    dialog.set_draft(ContactDraft(given_name="Omar", country="AE", weekend_days=(4, 5)), "Edit")
    picker = dialog.weekend_picker
    assert picker.own.isChecked()
    assert [box.isChecked() for box in picker.days] == [False] * 4 + [True, True, False]
    assert dialog.draft().weekend_days == (4, 5)


def test_away_periods_are_edited_and_a_backwards_one_is_flagged_on_its_row(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    dialog.set_draft(
        ContactDraft(
            given_name="Mette", country="DK", away=[(dt.date(2027, 7, 5), dt.date(2027, 7, 23))]
        ),
        "Edit",
    )
    assert dialog.draft().away == [(dt.date(2027, 7, 5), dt.date(2027, 7, 23))]
    qtbot.mouseClick(dialog.away.add_button, Qt.MouseButton.LeftButton)
    assert len(dialog.draft().away) == 2
    row = dialog.away.rows()[1]
    row.first.setDate(QDate(2027, 9, 10))  # type: ignore[attr-defined]
    row.last.setDate(QDate(2027, 9, 1))  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.isVisible()
    assert error_text(dialog, "away_1") == "The last day comes before the first."
    qtbot.mouseClick(field(dialog, "away_remove_1"), Qt.MouseButton.LeftButton)
    assert dialog.draft().away == [(dt.date(2027, 7, 5), dt.date(2027, 7, 23))]


def png_bytes(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data.data())


IMPORTED = ContactDraft(
    given_name="Jane",
    family_name="Doe",
    country="GB",
    time_zone="Europe/London",
    other_fields=[
        OtherField("X-SKYPE", "jdoe", (("TYPE", "HOME"),)),
        OtherField("X-ABLabel", "Ex-colleague", (), "item1"),
    ],
    photo=png_bytes(300, 200),
    photo_type="image/png",
    external_uid="urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
)


def test_what_an_import_brought_is_shown_and_kept_unchanged_on_save(
    qtbot: QtBot, dialog: ContactEditorDialog
) -> None:
    dialog.set_draft(IMPORTED, "Edit contact")

    other = dialog.findChild(QLabel, "other_fields")
    assert other is not None and other.isVisible()
    assert other.text().splitlines() == [
        "X-SKYPE (TYPE=HOME): jdoe",
        "item1.X-ABLabel: Ex-colleague",
    ]
    photo = dialog.findChild(QLabel, "photo")
    assert photo is not None and photo.isVisible()
    assert max(photo.pixmap().width(), photo.pixmap().height()) == 64  # a thumbnail

    retype(qtbot, dialog.given_name, "Janet")
    draft = dialog.draft()
    assert draft.given_name == "Janet"
    assert draft.other_fields == IMPORTED.other_fields
    assert (draft.photo, draft.photo_type) == (IMPORTED.photo, "image/png")
    assert draft.external_uid == IMPORTED.external_uid


def test_a_contact_without_imported_fields_shows_no_empty_boxes(
    dialog: ContactEditorDialog,
) -> None:
    dialog.set_draft(IMPORTED, "Edit contact")
    dialog.set_draft(ContactDraft(given_name="Bo"), "Edit contact")  # the next contact
    assert not field(dialog, "other_fields").isVisible()
    assert not field(dialog, "photo").isVisible()
    assert (dialog.draft().other_fields, dialog.draft().photo) == ([], None)


def test_a_birthday_without_a_year_is_shown_and_saved_without_one(
    dialog: ContactEditorDialog,
) -> None:
    dialog.set_draft(replace(IMPORTED, birthday=dt.date(NO_YEAR, 2, 29)), "Edit contact")

    assert dialog.year_unknown.isChecked()
    assert "y" not in dialog.birthday.displayFormat()
    assert "2000" not in dialog.birthday.text()
    assert dialog.draft().birthday == dt.date(NO_YEAR, 2, 29)

    dialog.year_unknown.setChecked(False)
    assert "yyyy" in dialog.birthday.displayFormat()
    dialog.birthday.setDate(QDate(1980, 2, 29))
    assert dialog.draft().birthday == dt.date(1980, 2, 29)
    dialog.year_unknown.setChecked(True)  # the year was wrong after all
    assert dialog.draft().birthday == dt.date(NO_YEAR, 2, 29)
    dialog.no_birthday.setChecked(True)
    assert not dialog.year_unknown.isEnabled()
    assert dialog.draft().birthday is None
