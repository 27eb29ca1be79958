"""Logging interactions and keeping promises: the dialog, the timeline, undo for all of it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.choices import Direction, InteractionKind, PromiseStatus
from relationsapp.core.interaction_service import InteractionDraft, PromiseDraft
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.form_helpers import select_data
from relationsapp.ui.interaction_dialog import InteractionDialog
from relationsapp.ui.timeline_model import DUE, KIND, STATE, SUMMARY, WHAT, WHEN, WITH
from relationsapp.ui.timeline_view import TimelineView
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.factories import count_rows
from tests.helpers.keyboard import type_text
from tests.helpers.people import seed_people

UTC = dt.UTC
HOME = "Europe/Copenhagen"
#: Friday 12 March 2027, 14:00 in Copenhagen, 22:00 in Tokyo.
NOW = dt.datetime(2027, 3, 12, 13, 0, tzinfo=UTC)
FRIDAY = dt.date(2027, 3, 12)


class Clock:
    """The view's "now", moved by the test."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    return seed_people(database)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def view(qtbot: QtBot, services: Services, undo_stack: QUndoStack, clock: Clock) -> TimelineView:
    widget = TimelineView(services, undo_stack, ChangeNotifier(), HOME, clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


@pytest.fixture
def dialog(qtbot: QtBot, services: Services, people: dict[str, int]) -> InteractionDialog:
    widget = InteractionDialog(services, HOME)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def log(services: Services, contact_id: int, when: dt.datetime, **fields: object) -> int:
    draft = InteractionDraft(occurred_at=when, contact_id=contact_id, summary="Catch-up")
    for name, value in fields.items():
        setattr(draft, name, value)
    return services.interactions.log(draft)


def column(model: object, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]  # type: ignore[attr-defined]


def answering(qtbot: QtBot, respond: Callable[[InteractionDialog], None]) -> list[QDialog]:
    """Answer the next dialog with ``respond``; never leave it open if an assert fails."""

    def run(dialog: QDialog) -> None:
        assert isinstance(dialog, InteractionDialog)
        try:
            respond(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    return answer_next_dialog(qtbot, run)


def click_save(qtbot: QtBot, dialog: QDialog) -> None:
    ok = dialog.findChild(QAbstractButton, "ok")
    assert ok is not None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def click_check_box(qtbot: QtBot, box: QCheckBox) -> None:
    """Click on the box's own text: the row is wider than that, and a click on the empty
    space beside it does not tick it."""
    qtbot.mouseClick(
        box, Qt.MouseButton.LeftButton, pos=QPoint(box.sizeHint().width() // 2, box.height() // 2)
    )


def error_text(dialog: QDialog, name: str) -> str:
    label = dialog.findChild(QLabel, f"error_{name}")
    assert label is not None, name
    return label.text() if label.isVisible() else ""


# --- quick add -------------------------------------------------------------------------------


def test_quick_add_with_a_promise_shows_newest_first_and_undo_redo_keep_the_record(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    older = log(services, people["taro"], NOW - dt.timedelta(days=3), summary="Intro")
    view.show_contact(people["taro"])
    assert view.model.rowCount() == 1

    def fill(dialog: InteractionDialog) -> None:
        assert dialog.contact_id() == people["taro"]
        assert dialog.time_edit.time() == QTime(14, 0)  # now, in my zone
        select_data(dialog.kind, InteractionKind.CALL.value)
        qtbot.keyClicks(dialog.summary, "Seal sample for the pump line")
        qtbot.mouseClick(dialog.add_promise_button, Qt.MouseButton.LeftButton)
        row = dialog.promise_rows.rows[0]
        assert dialog.focusWidget() is row.description
        qtbot.keyClicks(row.description, "Send a sample of the new seal")
        row.due.setDate(QDate(2027, 3, 19))
        assert row.hint.text() == "Fri 19 Mar (due 09:00 your time)"
        click_save(qtbot, dialog)

    seen = answering(qtbot, fill)
    new_id = view.log_interaction(people["taro"])
    assert len(seen) == 1 and new_id is not None
    qtbot.waitUntil(lambda: not view.findChildren(InteractionDialog))  # not kept alive

    assert view.model.rowCount() == 2
    assert [view.model.record(row).id for row in range(2)] == [new_id, older]
    assert column(view.model, WHEN)[0] == "Fri 12 Mar, 14:00 · 22:00 in Tokyo"
    assert column(view.model, KIND)[0] == "↗ Call"  # a call goes out unless said otherwise
    assert column(view.model, SUMMARY)[0] == "Seal sample for the pump line"
    assert column(view.promise_model, WHAT) == ["Send a sample of the new seal"]
    assert column(view.promise_model, DUE) == ["Fri 19 Mar (due 09:00 your time)"]
    assert column(view.promise_model, STATE) == ["Open"]
    uid = services.interactions.get(new_id).uid

    undo_stack.undo()
    assert view.model.rowCount() == 1
    assert view.promise_model.rowCount() == 0
    undo_stack.redo()
    assert view.model.record(0).uid == uid
    assert column(view.promise_model, WHAT) == ["Send a sample of the new seal"]
    assert count_rows(services.database, "interactions") == 2  # restored, not made again


def test_nothing_is_saved_without_a_contact_or_a_summary(
    qtbot: QtBot, view: TimelineView, services: Services
) -> None:
    shown: dict[str, str] = {}

    def try_to_save(dialog: InteractionDialog) -> None:
        click_save(qtbot, dialog)
        assert dialog.isVisible()
        shown["contact"] = error_text(dialog, "contact")
        shown["summary"] = error_text(dialog, "summary")
        shown["focus"] = dialog.focusWidget().objectName()

    answering(qtbot, try_to_save)
    assert view.log_interaction(None) is None
    assert shown == {
        "contact": "Choose the contact or account it was with.",
        "summary": "Say in a few words what it was about.",
        "focus": "contact",
    }
    assert count_rows(services.database, "interactions") == 0


def test_an_empty_promise_row_keeps_the_dialog_open_with_the_error_on_its_row(
    qtbot: QtBot, dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW)
    qtbot.keyClicks(dialog.summary, "Call")
    dialog.add_promise("Send the quote")
    dialog.add_promise("  ")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert error_text(dialog, "promise_0") == ""
    assert error_text(dialog, "promise_1") == "Say what was promised."
    qtbot.mouseClick(dialog.promise_rows.rows[1].remove, Qt.MouseButton.LeftButton)
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_typed_name_not_picked_is_not_silently_dropped(
    qtbot: QtBot, dialog: InteractionDialog
) -> None:
    dialog.prefill(None, NOW)
    select_data(dialog.account, dialog.account.itemData(1))
    qtbot.keyClicks(dialog.summary, "Call")
    qtbot.keyClicks(dialog.contact_picker, "Nobody")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert error_text(dialog, "contact") == "Pick the contact from the list, or clear the field."


# --- the dialog ------------------------------------------------------------------------------


def test_the_client_time_label_shows_tokyos_clock(
    dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW + dt.timedelta(seconds=42))
    assert dialog.draft().occurred_at == NOW  # rounded down to the minute
    assert dialog.their_time.text() == "= 22:00 Fri in Tokyo"
    dialog.time_edit.setTime(QTime(9, 30))
    assert dialog.their_time.text() == "= 17:30 Fri in Tokyo"
    assert dialog.draft().occurred_at == dt.datetime(2027, 3, 12, 8, 30, tzinfo=UTC)
    dialog.prefill(people["jorgen"], NOW)
    assert dialog.their_time.text() == "= the same time for them"


def test_enter_in_the_name_field_picks_the_contact_and_does_not_save(
    qtbot: QtBot, dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(None, NOW)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.contact_picker.setFocus()
    type_text(qtbot, dialog.contact_picker, "yamada")
    qtbot.keyClick(dialog.contact_picker, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.contact_id() == people["taro"]
    assert "Yamada Taro" in dialog.contact_picker.text()
    assert dialog.account.currentText() == "株式会社山田製作所 (Yamada Seisakusho)"
    assert dialog.their_time.text() == "= 22:00 Fri in Tokyo"
    type_text(qtbot, dialog.contact_picker, "x")  # typing again drops the choice
    assert dialog.contact_id() is None


def test_ctrl_enter_saves_from_the_summary(
    qtbot: QtBot, dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.summary.setFocus()
    qtbot.keyClicks(dialog.summary, "Quick note")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.draft().summary == "Quick note"


def test_direction_follows_the_kind_until_the_user_chooses_one(
    dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW)
    expected = {
        InteractionKind.EMAIL: Direction.INBOUND,
        InteractionKind.MESSAGE: Direction.INBOUND,
        InteractionKind.CALL: Direction.OUTBOUND,
        InteractionKind.VISIT: Direction.OUTBOUND,
        InteractionKind.NOTE: Direction.NONE,
        InteractionKind.MEETING: Direction.NONE,
    }
    for kind, direction in expected.items():
        select_data(dialog.kind, kind.value)
        assert dialog.draft().direction == direction, kind
    select_data(dialog.direction, Direction.INBOUND.value)
    dialog.direction.activated.emit(dialog.direction.currentIndex())  # as a user picks it
    select_data(dialog.kind, InteractionKind.CALL.value)
    assert dialog.draft().direction == Direction.INBOUND  # a call from the client


def test_others_present_are_split_at_commas(
    qtbot: QtBot, dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW)
    qtbot.keyClicks(dialog.other_people, "Kenji Sato,  Lars Holm ,")
    assert dialog.draft().other_people == ["Kenji Sato", "Lars Holm"]


def mnemonics(root: QWidget) -> list[str]:
    texts = [label.text() for label in root.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in root.findChildren(QAbstractButton)]
    texts += [box.title() for box in root.findChildren(QWidget) if hasattr(box, "title")]
    return [
        match.lower()
        for text in texts
        if isinstance(text, str)
        for match in re.findall(r"(?<!&)&(\w)", text)
    ]


def test_every_field_has_its_own_mnemonic_and_alt_jumps_there(
    qtbot: QtBot, dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW)
    dialog.add_promise("Sample")
    letters = mnemonics(dialog)
    assert len(letters) == len(set(letters)), letters
    assert len(letters) >= 12
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.contact_picker.setFocus()
    qtbot.keyClick(dialog.contact_picker, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert dialog.summary.hasFocus()
    qtbot.keyClick(dialog.summary, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert dialog.date_edit.hasFocus()


def test_tab_walks_the_form_and_the_promise_rows(
    qtbot: QtBot, dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW)
    dialog.add_promise("Sample")
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.other_people.setFocus()
    seen: list[str] = []
    for _step in range(6):  # Tab steps through a date's day, month and year first
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        name = QApplication.focusWidget().objectName()  # type: ignore[union-attr]
        if not seen or seen[-1] != name:
            seen.append(name)
    assert seen == ["promise_0", "promise_due_0", "promise_remove_0", "add_promise"]


# --- the timeline ----------------------------------------------------------------------------


def test_the_timeline_filters_by_kind(
    view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    taro = people["taro"]
    log(services, taro, NOW - dt.timedelta(days=3), kind=InteractionKind.CALL, summary="Call")
    log(services, taro, NOW - dt.timedelta(days=2), kind=InteractionKind.EMAIL, summary="Mail")
    log(services, taro, NOW - dt.timedelta(days=1), kind=InteractionKind.NOTE, summary="Note")
    view.show_contact(taro)
    assert column(view.model, SUMMARY) == ["Note", "Mail", "Call"]
    select_data(view.kind_filter, InteractionKind.EMAIL.value)
    assert column(view.model, SUMMARY) == ["Mail"]
    view.kind_filter.setCurrentIndex(0)
    assert view.kind_filter.currentText() == "All kinds"
    assert view.model.rowCount() == 3


def select_promise(view: TimelineView, row: int = 0) -> None:
    view.promise_table.selectRow(row)


def test_mark_kept_broken_and_reopen_are_undoable(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    services.interactions.add_promise(
        PromiseDraft("Send sample", FRIDAY + dt.timedelta(days=7), contact_id=people["taro"])
    )
    view.show_contact(people["taro"])
    select_promise(view)
    assert not view.reopen_button.isEnabled()
    qtbot.mouseClick(view.kept_button, Qt.MouseButton.LeftButton)
    assert column(view.promise_model, STATE) == ["Kept"]
    assert not view.kept_button.isEnabled() and view.reopen_button.isEnabled()
    undo_stack.undo()
    assert column(view.promise_model, STATE) == ["Open"]
    qtbot.mouseClick(view.broken_button, Qt.MouseButton.LeftButton)
    assert column(view.promise_model, STATE) == ["Broken"]
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    assert column(view.promise_model, STATE) == ["Open"]
    (record,) = services.interactions.promises(contact_id=people["taro"])
    assert (record.status, record.resolved_at) == (PromiseStatus.OPEN, None)
    undo_stack.undo()
    assert column(view.promise_model, STATE) == ["Broken"]
    assert services.interactions.promise(record.id).resolved_at == NOW


def test_a_promise_kept_after_its_deadline_shows_how_late(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    clock: Clock,
) -> None:
    # Due Friday in Tokyo: 17:00 there, 09:00 in Copenhagen. At 14:00 it is overdue.
    services.interactions.add_promise(
        PromiseDraft("Send sample", FRIDAY, contact_id=people["taro"])
    )
    clock.now = dt.datetime(2027, 3, 12, 6, 0, tzinfo=UTC)
    view.show_contact(people["taro"])
    assert column(view.promise_model, STATE) == ["Due today"]
    clock.now = NOW
    view.reload()
    assert column(view.promise_model, DUE) == ["Fri 12 Mar (due 09:00 your time)"]
    assert column(view.promise_model, STATE) == ["Overdue by 5 hrs"]
    select_promise(view)
    qtbot.mouseClick(view.kept_button, Qt.MouseButton.LeftButton)
    assert column(view.promise_model, STATE) == ["Kept 5 hrs late"]


def test_deleting_an_interaction_takes_its_promises_and_undo_brings_them_back(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    services.interactions.log(
        InteractionDraft(occurred_at=NOW, contact_id=people["taro"], summary="Visit"),
        [PromiseDraft("Send sample", FRIDAY)],
    )
    view.show_contact(people["taro"])
    view.table.selectRow(0)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert (view.model.rowCount(), view.promise_model.rowCount()) == (0, 0)
    undo_stack.undo()
    assert (view.model.rowCount(), view.promise_model.rowCount()) == (1, 1)


def test_editing_with_a_new_promise_is_one_undo_step(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    log(services, people["taro"], NOW - dt.timedelta(hours=2), summary="Visit")
    view.show_contact(people["taro"])
    view.table.selectRow(0)

    def change(dialog: InteractionDialog) -> None:
        assert dialog.windowTitle() == "Edit interaction"
        assert dialog.summary.toPlainText() == "Visit"
        dialog.summary.setPlainText("Visit at the plant")
        dialog.add_promise("Send the quote", FRIDAY + dt.timedelta(days=3))
        click_save(qtbot, dialog)

    seen = answering(qtbot, change)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert column(view.model, SUMMARY) == ["Visit at the plant"]
    assert column(view.promise_model, WHAT) == ["Send the quote"]
    assert view.selected_interaction() is not None  # the edited row stays selected
    undo_stack.undo()
    assert column(view.model, SUMMARY) == ["Visit"]
    assert view.promise_model.rowCount() == 0


def test_a_sensitive_interaction_stays_ticked_is_marked_in_the_timeline_and_undo_clears_it(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    log(services, people["taro"], NOW - dt.timedelta(hours=2), summary="Health worries")
    view.show_contact(people["taro"])
    view.table.selectRow(0)
    ticked: list[bool] = []

    def tick(dialog: InteractionDialog) -> None:
        assert not dialog.sensitive.isChecked()
        assert "printed briefings" in dialog.sensitive.toolTip()
        with qtbot.waitActive(dialog):
            dialog.activateWindow()
        dialog.summary.setFocus()
        qtbot.waitUntil(dialog.summary.hasFocus)  # keys go where the focus is
        qtbot.keyClick(dialog.summary, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.sensitive.isChecked)  # "Se&nsitive": Alt+N ticks it (animated)
        click_save(qtbot, dialog)

    def look(dialog: InteractionDialog) -> None:
        ticked.append(dialog.sensitive.isChecked())
        dialog.reject()

    answering(qtbot, tick)
    view.edit_selected()
    assert column(view.model, KIND) == ["Note · sensitive"]
    assert view.selected_interaction() is not None
    answering(qtbot, look)
    view.edit_selected()  # reopened: still ticked, read back from the file
    assert ticked == [True]

    undo_stack.undo()
    assert column(view.model, KIND) == ["Note"]
    view.table.selectRow(0)
    answering(qtbot, look)
    view.edit_selected()
    assert ticked == [True, False]
    undo_stack.redo()
    assert column(view.model, KIND) == ["Note · sensitive"]


def test_a_new_interaction_can_be_logged_as_sensitive(
    qtbot: QtBot, view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    view.show_contact(people["taro"])

    def fill(dialog: InteractionDialog) -> None:
        assert not dialog.sensitive.isChecked()  # a new interaction is not private
        qtbot.keyClicks(dialog.summary, "Reorganisation rumours")
        click_check_box(qtbot, dialog.sensitive)
        click_save(qtbot, dialog)

    answering(qtbot, fill)
    new_id = view.log_interaction(people["taro"])
    assert new_id is not None
    assert services.interactions.get(new_id).draft.sensitive is True
    assert column(view.model, KIND) == ["Note · sensitive"]


def test_an_account_timeline_has_all_its_people_and_the_kept_ratio(
    view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    pumps = services.contacts.get(people["jorgen"]).draft.account_id
    yamada = services.contacts.get(people["taro"]).draft.account_id
    log(services, people["jorgen"], NOW - dt.timedelta(days=2), summary="Contract")
    log(services, people["mette"], NOW - dt.timedelta(days=1), summary="Invoice")
    log(services, people["taro"], NOW, summary="Sample")
    interactions = services.interactions
    kept = interactions.add_promise(PromiseDraft("Quote", FRIDAY, contact_id=people["jorgen"]))
    interactions.set_status(kept, PromiseStatus.KEPT, NOW - dt.timedelta(hours=1))
    broken = interactions.add_promise(PromiseDraft("Visit", FRIDAY, contact_id=people["mette"]))
    interactions.set_status(broken, PromiseStatus.BROKEN, NOW)
    later = FRIDAY + dt.timedelta(days=30)
    interactions.add_promise(PromiseDraft("Later", later, account_id=pumps))

    view.show_account(pumps)
    assert column(view.model, SUMMARY) == ["Invoice", "Contract"]
    assert column(view.model, WITH) == ["Mette Østergaard", "Jørgen Sørensen"]
    assert view.promise_model.rowCount() == 3
    assert view.ratio.isVisible()
    assert view.ratio.text() == "Promises kept on time in the last 12 months: 1 of 2 (50%)"
    assert "Nordisk Pumpe A/S" in view.title.text()

    view.show_account(yamada)
    assert view.ratio.text().endswith("12 months: no promises settled yet")
    view.show_contact(people["jorgen"])
    assert not view.ratio.isVisible()


def test_nothing_shown_offers_only_logging(view: TimelineView) -> None:
    view.show_contact(None)
    assert view.model.rowCount() == 0
    assert view.log_button.isEnabled()
    assert not view.edit_button.isEnabled() and not view.kept_button.isEnabled()


def test_timeline_mnemonics_keep_clear_of_the_main_windows(view: TimelineView) -> None:
    letters = mnemonics(view)
    assert len(letters) == len(set(letters)), letters
    window = set("fevhcap")  # menus File Edit View Help, tabs Contacts Accounts Planner
    assert not window & set(letters), letters


def test_timeline_models_pass_the_qt_model_tester(
    qtmodeltester: ModelTester, view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    services.interactions.log(
        InteractionDraft(
            occurred_at=NOW,
            contact_id=people["taro"],
            summary="Visit",
            direction=Direction.OUTBOUND,
            other_contact_ids=[people["jorgen"]],
            other_people=["Lars"],
        ),
        [PromiseDraft("Send sample", FRIDAY - dt.timedelta(days=3))],
    )
    view.show_contact(people["taro"])
    assert column(view.model, WITH) == ["山田太郎 (Yamada Taro), Jørgen Sørensen, Lars"]
    qtmodeltester.check(view.model, force_py=True)
    qtmodeltester.check(view.promise_model, force_py=True)


def test_a_prefilled_dialog_opens_on_the_summary(
    qtbot: QtBot, services: Services, people: dict[str, int]
) -> None:
    dialog = InteractionDialog(services, HOME)
    qtbot.addWidget(dialog)
    dialog.prefill(people["taro"], NOW)
    dialog.show()
    assert dialog.focusWidget() is dialog.summary
    dialog.prefill(None, NOW)
    assert dialog.focusWidget() is dialog.contact_picker


def test_enter_on_the_timeline_opens_the_selected_interaction(
    qtbot: QtBot, view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    log(services, people["taro"], NOW, summary="Visit")
    view.show_contact(people["taro"])
    view.table.selectRow(0)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.table.setFocus()
    titles: list[str] = []

    def look(dialog: InteractionDialog) -> None:
        titles.append(dialog.windowTitle())
        dialog.reject()

    answering(qtbot, look)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert titles == ["Edit interaction"]


def test_saving_an_unchanged_interaction_adds_no_undo_step(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    # Seconds and the stored zone survive a round trip through the minute-precise editor.
    log(
        services,
        people["taro"],
        NOW + dt.timedelta(seconds=17),
        kind=InteractionKind.EMAIL,
        direction=Direction.INBOUND,
        other_contact_ids=[people["jorgen"]],
        other_people=["Lars"],
        outcome="Ordered",
        zone="Asia/Tokyo",
    )
    view.show_contact(people["taro"])
    view.table.selectRow(0)
    answering(qtbot, lambda dialog: click_save(qtbot, dialog))
    view.edit_selected()
    assert undo_stack.count() == 0


def test_a_time_that_does_not_exist_in_my_zone_is_refused_and_a_doubled_one_explained(
    qtbot: QtBot, dialog: InteractionDialog, people: dict[str, int]
) -> None:
    dialog.prefill(people["taro"], NOW)
    qtbot.keyClicks(dialog.summary, "Late call")
    dialog.date_edit.setDate(QDate(2027, 3, 28))
    dialog.time_edit.setTime(QTime(2, 30))
    assert "does not exist" in error_text(dialog, "when")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and "does not exist" in error_text(dialog, "when")

    dialog.date_edit.setDate(QDate(2027, 10, 31))
    assert error_text(dialog, "when") == ""
    assert dialog.time_note.text() == (
        "02:30 happens twice that night; taken as the one at UTC+02:00."
    )
    assert dialog.draft().occurred_at == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
