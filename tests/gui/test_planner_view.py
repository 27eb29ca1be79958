"""The meeting planner: choosing participants, the day grid, suggestions and booking."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.day_grid import CellKind
from relationsapp.core.meeting_participants import Participant, Stay
from relationsapp.core.meeting_service import MeetingDraft
from relationsapp.core.services import Services
from relationsapp.core.slot_finder import suggest_slots
from relationsapp.storage.database import Database
from relationsapp.ui.book_meeting_dialog import BookMeetingDialog
from relationsapp.ui.contact_picker import ContactMatchModel
from relationsapp.ui.day_grid_model import CELL_KIND_ROLE, DayGridModel
from relationsapp.ui.itinerary_dialog import StayTableModel
from relationsapp.ui.participant_list import ParticipantListModel, me_participant
from relationsapp.ui.planner_view import PlannerView
from relationsapp.ui.roles import ID_ROLE
from relationsapp.ui.slot_table_model import FIRST_PARTICIPANT, SCORE, START, SlotTableModel
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.keyboard import type_text
from tests.helpers.people import seed_people

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
COPENHAGEN = Participant("Mette", "Europe/Copenhagen", "DK")
NEW_YORK = Participant("Ruth", "America/New_York", "US")
RIYADH = Participant("Faisal", "Asia/Riyadh", "SA")
HELSINKI = Participant("Aino", "Europe/Helsinki", "FI")
# Monday 15 March 2027: the US went to summer time on the 14th, Europe goes on the 28th.
MONDAY = dt.date(2027, 3, 15)


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    return seed_people(database)


@pytest.fixture
def view(qtbot: QtBot, database: Database, people: dict[str, int]) -> PlannerView:
    widget = PlannerView(Services(database), "Europe/Copenhagen")
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def grid_labels(model: DayGridModel, row: int) -> list[str]:
    return [model.index(row, column).data(DISPLAY) for column in range(model.columnCount())]


def weekdays_of(view: PlannerView) -> set[int]:
    """Every local weekday any participant has in any suggested slot (0 = Monday)."""
    model = view.slot_model
    return {
        part.local_start.weekday()
        for row in range(model.rowCount())
        for part in model.slot(row).participants
    }


# -- participants ------------------------------------------------------------------------


def test_me_comes_first_with_the_country_of_my_home_zone(view: PlannerView) -> None:
    me = view.participants()[0]
    assert (me.label, me.zone, me.country) == ("Me", "Europe/Copenhagen", "DK")
    assert not view.panel.remove_button.isEnabled()


def test_typing_a_name_and_enter_adds_the_contact_with_their_zone(
    qtbot: QtBot, view: PlannerView, people: dict[str, int]
) -> None:
    view.panel.contact_picker.setFocus()
    type_text(qtbot, view.panel.contact_picker, "makinen")
    assert view.panel.contact_picker.matches.rowCount() == 1
    qtbot.keyClick(view.panel.contact_picker, Qt.Key.Key_Return)
    added = view.participants()[-1]
    assert (added.label, added.zone, added.country) == ("Aino Mäkinen", "Europe/Helsinki", "FI")
    assert added.contact_id == people["aino"]
    assert view.panel.contact_picker.text() == ""
    assert view.grid_model.rowCount() == 2
    assert "Europe/Helsinki" in view.grid_model.headerData(1, Qt.Orientation.Vertical, TOOLTIP)


def test_picking_a_match_from_the_popup_adds_that_contact_once(
    qtbot: QtBot, view: PlannerView, people: dict[str, int]
) -> None:
    picker = view.panel.contact_picker
    picker.setFocus()
    type_text(qtbot, picker, "nordisk")  # Mette and Jørgen work there
    assert picker.matches.rowCount() == 2
    popup = picker.completer_.popup()
    assert popup is not None and popup.isVisible()
    second = picker.completer_.completionModel().index(1, 0)
    popup.setCurrentIndex(second)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert [p.contact_id for p in view.participants()] == [None, people["jorgen"]]
    assert view.participants()[1].zone == "Europe/Copenhagen"
    view.panel.add_contact(people["jorgen"])
    assert len(view.participants()) == 2
    assert view.panel.message.text() == "That contact is already in the list."


def test_a_place_is_named_by_its_city_and_can_be_removed(view: PlannerView) -> None:
    view.panel.place_zone.set_zone("America/Argentina/Buenos_Aires")
    view.panel.add_place_button.click()
    place = view.participants()[1]
    assert (place.label, place.zone, place.country) == (
        "Buenos Aires",
        "America/Argentina/Buenos_Aires",
        "AR",
    )
    view.panel.list.setCurrentIndex(view.panel.model.index(1, 0))
    assert view.panel.remove_button.isEnabled()
    view.panel.remove_button.click()
    assert [p.label for p in view.participants()] == ["Me"]


def test_my_itinerary_decides_where_i_am_in_the_grid(qtbot: QtBot, view: PlannerView) -> None:
    def add_tokyo_stay(dialog: QDialog) -> None:
        dialog.first_day.setDate(dialog.first_day.date().addDays(-1))  # type: ignore[attr-defined]
        dialog.zone.set_zone("Asia/Tokyo")  # type: ignore[attr-defined]
        dialog.add_button.click()  # type: ignore[attr-defined]
        dialog.accept()

    view.set_day(MONDAY)
    answer_next_dialog(qtbot, add_tokyo_stay)
    view.panel.itinerary_button.click()
    assert view.participants()[0].itinerary == (
        Stay(MONDAY - dt.timedelta(days=1), MONDAY, "Asia/Tokyo", "JP"),
    )
    # Copenhagen 00:00 on Monday is 08:00 in Tokyo, where I am.
    assert grid_labels(view.grid_model, 0)[0] == "08"


# -- the grid ------------------------------------------------------------------------------


def test_new_york_is_five_hours_behind_copenhagen_between_the_dst_changes(
    view: PlannerView,
) -> None:
    view.add_participant(NEW_YORK)
    view.set_day(MONDAY)
    model = view.grid_model
    assert model.columnCount() == 24
    copenhagen, new_york = grid_labels(model, 0), grid_labels(model, 1)
    assert copenhagen[15] == "15" and new_york[15] == "10"
    assert all(
        (int(here) - int(there)) % 24 == 5 for here, there in zip(copenhagen, new_york, strict=True)
    )
    view.set_day(dt.date(2027, 3, 29))  # both on summer time: six hours again
    assert grid_labels(model, 1)[15] == "09"


def test_a_rows_labels_jump_on_the_day_its_zone_changes(view: PlannerView) -> None:
    view.add_participant(NEW_YORK)
    view.set_day(dt.date(2027, 3, 14))
    # 07:00 UTC is 08:00 in Copenhagen and 02:00 EST = 03:00 EDT in New York.
    assert grid_labels(view.grid_model, 1)[6:10] == ["00", "01", "03", "04"]


def test_the_spring_forward_day_in_copenhagen_has_23_columns(view: PlannerView) -> None:
    view.set_day(dt.date(2027, 3, 28))
    assert view.grid_model.columnCount() == 23
    assert view.grid_model.headers()[:4] == ["00", "01", "03", "04"]


def test_a_45_minute_zone_shows_its_minutes(view: PlannerView) -> None:
    view.add_participant(Participant("Sita", "Asia/Kathmandu", "NP"))
    view.set_day(MONDAY)
    assert grid_labels(view.grid_model, 1)[0] == "04:45"  # 00:00 CET is 23:00 UTC


def test_holiday_cells_name_the_holiday(view: PlannerView) -> None:
    view.add_participant(HELSINKI)
    view.set_day(dt.date(2027, 12, 6))
    model = view.grid_model
    noon = model.index(1, 12)
    assert noon.data(CELL_KIND_ROLE) == CellKind.HOLIDAY
    assert "Independence Day" in noon.data(TOOLTIP)
    assert "Monday, 6 December 2027" in noon.data(TOOLTIP)
    assert "UTC+02:00" in noon.data(TOOLTIP)
    assert model.index(0, 12).data(CELL_KIND_ROLE) == CellKind.WORKING  # not in Denmark
    assert noon.data(Qt.ItemDataRole.BackgroundRole) != model.index(0, 12).data(
        Qt.ItemDataRole.BackgroundRole
    )


def test_working_hours_edges_and_nights_are_coloured_apart(view: PlannerView) -> None:
    view.set_day(MONDAY)
    kinds = [view.grid_model.index(0, hour).data(CELL_KIND_ROLE) for hour in (3, 8, 10)]
    assert kinds == [CellKind.NIGHT, CellKind.EDGE, CellKind.WORKING]
    background = Qt.ItemDataRole.BackgroundRole
    colours = {view.grid_model.index(0, hour).data(background).name() for hour in (3, 8, 10)}
    assert len(colours) == 3


def test_alt_arrows_step_by_day_and_alt_page_keys_by_week(qtbot: QtBot, view: PlannerView) -> None:
    view.set_day(MONDAY)
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.day() == dt.date(2027, 3, 16)
    qtbot.keyClick(view.grid, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert view.day() == dt.date(2027, 3, 23)
    qtbot.keyClick(view.grid, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view.grid, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert view.day() == dt.date(2027, 3, 15)
    view.step_buttons["day_forward"].click()
    assert view.grid_model.day() == dt.date(2027, 3, 16)


def test_changing_the_reference_zone_relays_the_columns(view: PlannerView) -> None:
    view.set_day(MONDAY)
    view.reference_zone.set_zone("Asia/Tokyo")
    assert view.grid_model.reference_zone() == "Asia/Tokyo"
    assert grid_labels(view.grid_model, 0)[0] == "16"  # Tokyo midnight is 16:00 in Copenhagen


# -- suggestions and booking -------------------------------------------------------------


def test_no_slot_on_anyones_weekend_unless_weekends_are_allowed(view: PlannerView) -> None:
    view.add_participant(RIYADH)  # Friday–Saturday weekend; Me in Copenhagen: Saturday–Sunday
    view.set_day(MONDAY)
    view.days.setValue(7)
    view.find_times()
    assert view.slot_model.rowCount() > 0
    assert weekdays_of(view).isdisjoint({4, 5, 6})

    view.set_day(dt.date(2027, 3, 19))  # Friday to Sunday only
    view.days.setValue(3)
    view.find_times()
    assert view.slot_model.rowCount() == 0
    assert "No time suits everyone" in view.summary.text()
    assert not view.book_button.isEnabled()
    view.allow_weekends.setChecked(True)
    view.find_times()
    assert view.slot_model.rowCount() > 0
    assert weekdays_of(view) <= {4, 5, 6}


def test_suggestions_show_everyones_local_time_and_warnings(view: PlannerView) -> None:
    view.add_participant(NEW_YORK)
    view.set_day(MONDAY)
    view.duration.setValue(60)
    view.days.setValue(1)
    view.find_times()
    model = view.slot_model
    best = model.slot(0)
    assert best.score == 100
    # Copenhagen 14:00–15:00 is New York 09:00–10:00: inside both working days.
    assert model.index(0, START).data() == "Mon 15/03/2027, 14:00"
    assert model.index(0, FIRST_PARTICIPANT + 1).data() == "Mon 09:00"
    assert model.index(0, SCORE).data() == "100"
    assert model.headerData(FIRST_PARTICIPANT + 1, Qt.Orientation.Horizontal) == "Ruth"
    worst = model.rowCount() - 1
    assert "·" in model.index(worst, FIRST_PARTICIPANT + 1).data()  # a warning in words
    assert view.summary.text().startswith(f"{model.rowCount()} suggestions")


def test_warnings_are_in_words(qtmodeltester: ModelTester) -> None:
    slots = suggest_slots([HELSINKI], dt.date(2027, 12, 6), 1, 60, allow_holidays=True, limit=1)
    model = SlotTableModel()
    model.set_slots(slots, "UTC", ["Aino"])
    text = model.index(0, FIRST_PARTICIPANT).data()
    assert text.startswith("Mon ") and "holiday: Independence Day" in text
    assert "Independence Day" in model.index(0, FIRST_PARTICIPANT).data(TOOLTIP)
    qtmodeltester.check(model, force_py=True)


def test_choosing_a_suggestion_shows_its_day_and_frames_its_hours(view: PlannerView) -> None:
    view.add_participant(NEW_YORK)
    view.set_day(MONDAY)
    view.days.setValue(3)
    view.find_times()
    assert view.day() == MONDAY  # finding times does not move the grid
    first = view.slot_model.slot(0)
    framed = {index.column() for index in view.grid.selectionModel().selectedIndexes()}
    assert framed == set(view.grid_model.columns_overlapping(first.start_utc, first.end_utc))
    assert framed == {14}  # 14:00–15:00 in Copenhagen
    tuesday = next(
        row
        for row in range(view.slot_model.rowCount())
        if view.slot_model.slot(row).start_utc.date() == dt.date(2027, 3, 16)
    )
    view.slots.setCurrentIndex(view.slot_model.index(tuesday, 0))
    assert view.day() == dt.date(2027, 3, 16)
    assert view.grid.selectionModel().selectedIndexes()


def test_double_clicking_a_suggestion_books_it(
    qtbot: QtBot, view: PlannerView, people: dict[str, int]
) -> None:
    view.panel.add_contact(people["ahmed"])
    view.set_day(MONDAY)
    view.find_times()
    slot = view.slot_model.slot(1)

    def book(dialog: QDialog) -> None:
        assert isinstance(dialog, BookMeetingDialog)
        assert dialog.title_edit.text() == ""
        assert dialog.zone_combo.zone() == "Europe/Copenhagen"
        type_text(qtbot, dialog.title_edit, "Pump line quote")
        dialog.accept()

    seen = answer_next_dialog(qtbot, book)
    cell = view.slot_model.index(1, START)
    rect = view.slots.visualRect(cell)
    with qtbot.waitSignal(view.book_requested) as booked:
        # A double-click begins with a click; QTest's mouseDClick alone (Qt 6) leaves the
        # item view without the press it pairs the double-click with, and it emits nothing.
        qtbot.mouseClick(view.slots.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.slots.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(seen) == 1
    draft = booked.args[0]
    assert isinstance(draft, MeetingDraft)
    assert draft.title == "Pump line quote"
    assert draft.start_utc == slot.start_utc
    assert draft.duration_minutes == 60
    assert draft.organiser_zone == "Europe/Copenhagen"
    assert [(a.label, a.zone, a.country, a.contact_id) for a in draft.attendees] == [
        ("Me", "Europe/Copenhagen", "DK", None),
        ("\u200e\u2068أحمد العتيبي\u2069 (Ahmed Al-Otaibi)", "Asia/Riyadh", "SA", people["ahmed"]),
    ]


def test_enter_opens_the_booking_and_cancel_books_nothing(qtbot: QtBot, view: PlannerView) -> None:
    view.add_participant(COPENHAGEN)
    view.set_day(MONDAY)
    view.find_times()
    emitted: list[object] = []
    view.book_requested.connect(emitted.append)
    # Enter belongs to the table only: typing a name elsewhere and pressing Enter must
    # not book (PySide6 ignores QShortcut(..., context=...) when a slot is passed).
    shortcuts = view.slots.findChildren(QShortcut)
    assert shortcuts and {s.context() for s in shortcuts} == {Qt.ShortcutContext.WidgetShortcut}
    seen = answer_next_dialog(qtbot, lambda dialog: dialog.reject())
    view.slots.setFocus()
    qtbot.keyClick(view.slots, Qt.Key.Key_Return)
    assert len(seen) == 1
    assert emitted == []


def test_changing_the_participants_drops_stale_suggestions(view: PlannerView) -> None:
    view.set_day(MONDAY)
    view.find_times()
    assert view.slot_model.rowCount() > 0
    view.add_participant(RIYADH)
    assert view.slot_model.rowCount() == 0
    assert not view.book_button.isEnabled()


# -- models --------------------------------------------------------------------------------


def test_day_grid_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = DayGridModel()
    model.set_day([me_participant("Europe/Copenhagen"), NEW_YORK, HELSINKI], "UTC", MONDAY)
    qtmodeltester.check(model, force_py=True)
    empty = DayGridModel()
    empty.set_day([], "Europe/Copenhagen", dt.date(2027, 10, 31))
    assert empty.columnCount() == 25
    qtmodeltester.check(empty, force_py=True)


def test_slot_table_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = SlotTableModel()
    people = [COPENHAGEN, NEW_YORK, RIYADH]
    model.set_slots(
        suggest_slots(people, MONDAY, 3, 60), "Europe/Copenhagen", [p.label for p in people]
    )
    assert model.rowCount() == 20
    qtmodeltester.check(model, force_py=True)


def test_participant_and_stay_models_pass_qt_model_tester(qtmodeltester: ModelTester) -> None:
    participants = ParticipantListModel(me_participant("Asia/Tokyo"))
    participants.append(NEW_YORK)
    qtmodeltester.check(participants, force_py=True)
    stays = StayTableModel()
    stays.set_stays([Stay(MONDAY, MONDAY, "Asia/Riyadh", "SA")])
    qtmodeltester.check(stays, force_py=True)


def test_contact_match_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, database: Database, people: dict[str, int]
) -> None:
    model = ContactMatchModel(Services(database).search)
    model.set_text("ahmed")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(ID_ROLE) == people["ahmed"]
    assert model.index(0, 0).data().endswith(" · Riyadh")
    qtmodeltester.check(model, force_py=True)
    model.set_text("")
    assert model.rowCount() == 0


def test_a_whole_account_can_be_added_once(qtbot: QtBot, view: PlannerView) -> None:
    panel = view.panel
    index = panel.account_combo.findText("Nordisk Pumpe A/S")
    assert index >= 0
    panel.account_combo.setCurrentIndex(index)
    qtbot.mouseClick(panel.add_account_button, Qt.MouseButton.LeftButton)
    labels = [p.label for p in view.participants()]
    assert labels[1:] == ["Mette Østergaard", "Jørgen Sørensen"]
    assert panel.message.text() == "Added 2 people."
    panel.account_combo.setCurrentIndex(index)
    qtbot.mouseClick(panel.add_account_button, Qt.MouseButton.LeftButton)
    assert len(view.participants()) == 3
    assert panel.message.text() == "Added 0 people."
