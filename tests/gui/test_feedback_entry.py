"""Recording client feedback: CSAT with an interaction, NPS answers in the timeline, undo."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.deal_service import FeedbackDraft, FeedbackKind, FeedbackRecord
from relationsapp.core.interaction_service import InteractionDraft
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.csat_field import CsatField
from relationsapp.ui.feedback_dialog import FeedbackDialog
from relationsapp.ui.interaction_dialog import InteractionDialog
from relationsapp.ui.timeline_model import ANSWERED, COMMENT, FEEDBACK_KIND, FROM, SCORE
from relationsapp.ui.timeline_view import TimelineView
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.factories import count_rows
from tests.helpers.people import seed_people

UTC = dt.UTC
HOME = "Europe/Copenhagen"
#: Friday 12 March 2027, 14:00 in Copenhagen, 22:00 in Tokyo.
NOW = dt.datetime(2027, 3, 12, 13, 0, tzinfo=UTC)
#: Friday 23:30 in Copenhagen is already Saturday 07:30 in Tokyo.
LATE_FRIDAY = QTime(23, 30)
SATURDAY = dt.date(2027, 3, 13)


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    return seed_people(database)


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def view(qtbot: QtBot, services: Services, undo_stack: QUndoStack) -> TimelineView:
    widget = TimelineView(services, undo_stack, ChangeNotifier(), HOME, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def answering(
    qtbot: QtBot, kind: type[QDialog], respond: Callable[[QDialog], None]
) -> list[QDialog]:
    """Answer the next dialog (of ``kind``) with ``respond``; never leave it open."""

    def run(dialog: QDialog) -> None:
        assert isinstance(dialog, kind), type(dialog)
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


def choose_csat(dialog: InteractionDialog, score: int | None) -> None:
    """Pick a CSAT the way a user does (the combo's own items)."""
    index = dialog.csat.findData(score) if score is not None else 0
    assert index >= 0, score
    dialog.csat.setCurrentIndex(index)


def answers(services: Services, **where: int) -> list[FeedbackRecord]:
    return services.deals.feedback(**where)


def column(model: object, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]  # type: ignore[attr-defined]


def log_call(services: Services, contact_id: int, summary: str = "Visit") -> int:
    return services.interactions.log(
        InteractionDraft(occurred_at=NOW, contact_id=contact_id, summary=summary)
    )


# --- CSAT with an interaction ----------------------------------------------------------------


def test_logging_with_a_csat_links_the_answer_and_undo_takes_both_in_one_step(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    view.show_contact(people["taro"])

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, InteractionDialog)
        assert dialog.csat.currentText() == "Not asked"  # nothing is assumed
        qtbot.keyClicks(dialog.summary, "Visit at the plant")
        dialog.time_edit.setTime(LATE_FRIDAY)
        choose_csat(dialog, 4)
        assert dialog.csat.currentText() == "4 — Satisfied"
        click_save(qtbot, dialog)

    seen = answering(qtbot, InteractionDialog, fill)
    interaction_id = view.log_interaction(None)
    assert len(seen) == 1 and interaction_id is not None

    (answer,) = answers(services)
    assert answer.draft.kind == FeedbackKind.CSAT
    assert answer.draft.score == 4
    assert answer.draft.interaction_id == interaction_id
    assert answer.draft.contact_id == people["taro"]
    assert answer.draft.answered_on == SATURDAY  # the client's day, in Tokyo
    assert column(view.feedback.model, SCORE) == ["4 · Satisfied"]
    assert column(view.feedback.model, FEEDBACK_KIND) == ["CSAT"]

    assert undo_stack.count() == 1
    undo_stack.undo()
    assert view.model.rowCount() == 0
    assert answers(services) == []
    assert view.feedback.model.rowCount() == 0

    undo_stack.redo()
    (again,) = answers(services)
    assert again.uid == answer.uid and again.id == answer.id  # restored, not made again
    assert services.interactions.get(interaction_id).draft.summary == "Visit at the plant"
    assert count_rows(services.database, "feedback") == 1
    assert view.feedback.model.rowCount() == 1


def test_not_asked_records_no_answer(
    qtbot: QtBot, view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    view.show_contact(people["taro"])

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, InteractionDialog)
        qtbot.keyClicks(dialog.summary, "Quick call")
        click_save(qtbot, dialog)

    answering(qtbot, InteractionDialog, fill)
    assert view.log_interaction(None) is not None
    assert count_rows(services.database, "feedback") == 0


def test_editing_shows_the_csat_and_a_new_score_replaces_it_in_one_step(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    interaction_id = log_call(services, people["taro"])
    (first_id,) = services.deals.add_feedback(
        [
            FeedbackDraft(
                kind=FeedbackKind.CSAT,
                score=4,
                answered_on=NOW.date(),
                comment="Liked the demo",
                contact_id=people["taro"],
                interaction_id=interaction_id,
            )
        ]
    )
    view.show_contact(people["taro"])
    view.table.selectRow(0)
    shown: list[str] = []

    def change(dialog: QDialog) -> None:
        assert isinstance(dialog, InteractionDialog)
        shown.append(dialog.csat.currentText())
        choose_csat(dialog, 2)
        click_save(qtbot, dialog)

    answering(qtbot, InteractionDialog, change)
    view.edit_selected()
    assert shown == ["4 — Satisfied"]
    (answer,) = answers(services, interaction_id=interaction_id)
    assert (answer.draft.score, answer.id != first_id) == (2, True)
    assert answer.draft.comment == "Liked the demo"  # what they said stays with the answer
    assert column(view.feedback.model, SCORE) == ["2 · Dissatisfied"]
    assert undo_stack.count() == 1
    assert undo_stack.undoText() == "Change CSAT to 2"

    undo_stack.undo()
    (back,) = answers(services, interaction_id=interaction_id)
    assert (back.id, back.draft.score) == (first_id, 4)
    undo_stack.redo()
    (redone,) = answers(services, interaction_id=interaction_id)
    assert (redone.id, redone.uid) == (answer.id, answer.uid)


def test_editing_to_not_asked_removes_the_csat_and_saving_unchanged_keeps_it(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    interaction_id = log_call(services, people["taro"])
    # Answered in a survey the day after the visit: a plain save must not re-date it.
    services.deals.add_feedback(
        [
            FeedbackDraft(
                kind=FeedbackKind.CSAT,
                score=5,
                answered_on=NOW.date() + dt.timedelta(days=1),
                contact_id=people["taro"],
                interaction_id=interaction_id,
            )
        ]
    )
    view.show_contact(people["taro"])
    view.table.selectRow(0)
    answering(qtbot, InteractionDialog, lambda dialog: click_save(qtbot, dialog))
    view.edit_selected()
    assert undo_stack.count() == 0

    def clear(dialog: QDialog) -> None:
        assert isinstance(dialog, InteractionDialog)
        choose_csat(dialog, None)
        click_save(qtbot, dialog)

    answering(qtbot, InteractionDialog, clear)
    view.edit_selected()
    assert answers(services) == []
    undo_stack.undo()
    assert [a.draft.score for a in answers(services)] == [5]


def test_deleting_an_interaction_takes_its_csat_and_undo_brings_it_back(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    interaction_id = log_call(services, people["taro"])
    services.deals.add_feedback(
        [
            FeedbackDraft(
                kind=FeedbackKind.CSAT,
                score=3,
                contact_id=people["taro"],
                interaction_id=interaction_id,
            )
        ]
    )
    view.show_contact(people["taro"])
    view.table.selectRow(0)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert (view.model.rowCount(), view.feedback.model.rowCount()) == (0, 0)
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert (view.model.rowCount(), view.feedback.model.rowCount()) == (1, 1)


def test_a_csat_outside_one_to_five_cannot_be_chosen(
    qtbot: QtBot, services: Services, people: dict[str, int]
) -> None:
    field = CsatField()
    qtbot.addWidget(field)
    assert [field.itemData(i) for i in range(field.count())] == [None, 1, 2, 3, 4, 5]
    assert [field.itemText(i) for i in range(field.count())] == [
        "Not asked",
        "1 — Very dissatisfied",
        "2 — Dissatisfied",
        "3 — Neutral",
        "4 — Satisfied",
        "5 — Very satisfied",
    ]
    assert not field.isEditable()
    field.set_score(7)  # not a CSAT score: nothing is shown as if it were
    assert field.score() is None


# --- NPS answers in the timeline -------------------------------------------------------------


def test_recording_an_nps_answer_lists_it_as_a_promoter_and_undo_removes_it(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    view.show_contact(people["taro"])
    assert view.feedback.record_button.isEnabled()
    assert not view.feedback.delete_button.isEnabled()
    groups: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FeedbackDialog)
        who = dialog.findChild(QLabel, "who_label")
        assert who is not None and who.text() == "山田太郎 (Yamada Taro)"
        captions = [label.text() for label in dialog.findChildren(QLabel)]
        assert "Who answered:" in captions  # no field to jump to: no stray "&" shown
        for score in (6, 7, 9):  # the group follows the score as it moves
            dialog.slider.setValue(score)
            groups.append(dialog.group.text())
        assert dialog.score.value() == 9
        dialog.date_edit.setDate(QDate(2027, 3, 10))
        dialog.comment.setPlainText("Would recommend us to their Osaka office")
        click_save(qtbot, dialog)

    seen = answering(qtbot, FeedbackDialog, fill)
    feedback_id = view.feedback.record_nps()
    assert len(seen) == 1 and feedback_id is not None
    assert [group.split(" ")[0] for group in groups] == ["Detractor", "Passive", "Promoter"]

    model = view.feedback.model
    assert column(model, ANSWERED) == ["Wed 10 Mar"]
    assert column(model, FEEDBACK_KIND) == ["NPS"]
    assert column(model, SCORE) == ["9 · Promoter"]
    assert "promoter" in column(model, SCORE)[0].lower()
    assert column(model, COMMENT) == ["Would recommend us to their Osaka office"]
    assert view.feedback.table.isColumnHidden(FROM)  # all theirs
    assert view.feedback.selected_answer() is not None  # the new answer is selected
    (answer,) = answers(services, contact_id=people["taro"])
    assert answer.draft.kind == FeedbackKind.NPS and answer.draft.score == 9

    assert undo_stack.undoText() == "Record NPS 9"
    undo_stack.undo()
    assert model.rowCount() == 0
    undo_stack.redo()
    assert model.rowCount() == 1
    assert answers(services)[0].uid == answer.uid


def test_deleting_an_answer_is_undoable_and_del_in_the_list_does_it(
    qtbot: QtBot,
    view: TimelineView,
    services: Services,
    people: dict[str, int],
    undo_stack: QUndoStack,
) -> None:
    services.deals.add_feedback(
        [
            FeedbackDraft(kind=FeedbackKind.NPS, score=3, contact_id=people["jorgen"]),
            FeedbackDraft(kind=FeedbackKind.NPS, score=10, contact_id=people["jorgen"]),
        ]
    )
    view.show_contact(people["jorgen"])
    view.feedback.table.selectRow(0)
    qtbot.mouseClick(view.feedback.delete_button, Qt.MouseButton.LeftButton)
    assert view.feedback.model.rowCount() == 1
    view.feedback.table.selectRow(0)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.feedback.table.setFocus()
    view.delete_focused()  # what the window's Del does in a timeline
    assert view.feedback.model.rowCount() == 0
    assert view.model.rowCount() == 0  # no interaction was touched
    undo_stack.undo()
    undo_stack.undo()
    assert view.feedback.model.rowCount() == 2


def test_an_nps_score_outside_zero_to_ten_cannot_be_entered(qtbot: QtBot) -> None:
    dialog = FeedbackDialog([(1, "Jørgen Sørensen")], NOW.date())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.score.selectAll()
    qtbot.keyClicks(dialog.score, "11")
    assert 0 <= dialog.score.value() <= 10
    dialog.score.setValue(42)
    assert (dialog.score.value(), dialog.slider.value()) == (10, 10)
    dialog.slider.setValue(-5)
    assert (dialog.score.value(), dialog.slider.value()) == (0, 0)
    assert dialog.group.text().startswith("Detractor")
    assert dialog.draft().score == 0


def test_an_account_timeline_lists_all_its_peoples_answers_with_who_said_it(
    qtbot: QtBot, view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    pumps = services.contacts.get(people["jorgen"]).draft.account_id
    assert pumps is not None
    services.deals.add_feedback(
        [
            FeedbackDraft(
                kind=FeedbackKind.NPS,
                score=9,
                answered_on=dt.date(2027, 3, 1),
                contact_id=people["jorgen"],
            ),
            FeedbackDraft(
                kind=FeedbackKind.CSAT,
                score=2,
                answered_on=dt.date(2027, 3, 5),
                contact_id=people["mette"],
            ),
            FeedbackDraft(kind=FeedbackKind.NPS, score=10, contact_id=people["taro"]),
        ]
    )
    view.show_account(pumps)
    model = view.feedback.model
    assert column(model, SCORE) == ["2 · Dissatisfied", "9 · Promoter"]  # newest first
    assert column(model, FROM) == ["Mette Østergaard", "Jørgen Sørensen"]
    assert not view.feedback.table.isColumnHidden(FROM)

    def record(dialog: QDialog) -> None:
        assert isinstance(dialog, FeedbackDialog)
        assert dialog.who is not None
        names = [dialog.who.itemText(i) for i in range(dialog.who.count())]
        assert names[0] == "(not said)"
        assert sorted(names[1:]) == ["Jørgen Sørensen", "Mette Østergaard"]
        dialog.who.setCurrentIndex(dialog.who.findText("Mette Østergaard"))
        dialog.score.setValue(7)
        click_save(qtbot, dialog)

    answering(qtbot, FeedbackDialog, record)
    assert view.feedback.record_nps() is not None
    assert column(model, FROM)[0] == "Mette Østergaard"
    assert column(model, SCORE)[0] == "7 · Passive"


def test_nothing_shown_offers_no_feedback_to_record(view: TimelineView) -> None:
    view.show_contact(None)
    assert view.feedback.model.rowCount() == 0
    assert not view.feedback.record_button.isEnabled()
    assert not view.feedback.delete_button.isEnabled()


# --- keyboard and models ---------------------------------------------------------------------


def mnemonics(root: QWidget) -> list[str]:
    texts = [label.text() for label in root.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in root.findChildren(QAbstractButton)]
    return [m.lower() for text in texts for m in re.findall(r"(?<!&)&(\w)", text)]


def test_the_csat_field_has_its_own_mnemonic_and_alt_c_jumps_there(
    qtbot: QtBot, services: Services, people: dict[str, int]
) -> None:
    dialog = InteractionDialog(services, HOME)
    qtbot.addWidget(dialog)
    dialog.prefill(people["taro"], NOW)
    dialog.show()
    letters = mnemonics(dialog)
    assert len(letters) == len(set(letters)), letters
    assert "c" in letters
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.summary, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.csat.hasFocus()


def test_the_nps_dialog_has_unique_mnemonics_and_opens_on_the_score(qtbot: QtBot) -> None:
    dialog = FeedbackDialog([(1, "Jørgen Sørensen"), (2, "Mette Østergaard")], NOW.date(), 7)
    qtbot.addWidget(dialog)
    dialog.show()
    letters = mnemonics(dialog)
    assert len(letters) == len(set(letters)), letters
    assert sorted(letters) == ["a", "c", "o", "s", "w"]
    assert dialog.focusWidget() is dialog.score


def test_the_feedback_model_passes_the_qt_model_tester(
    qtmodeltester: ModelTester, view: TimelineView, services: Services, people: dict[str, int]
) -> None:
    services.deals.add_feedback(
        [
            FeedbackDraft(
                kind=FeedbackKind.NPS, score=6, comment="Slow\nreplies", contact_id=people["taro"]
            ),
            FeedbackDraft(kind=FeedbackKind.CSAT, score=5, contact_id=people["taro"]),
        ]
    )
    view.show_contact(people["taro"])
    assert view.feedback.model.rowCount() == 2
    assert "Slow replies" in column(view.feedback.model, COMMENT)
    qtmodeltester.check(view.feedback.model, force_py=True)
