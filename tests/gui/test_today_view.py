"""The Today view: every kind of item listed, opening contacts, marking promises, reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.choices import Channel, Direction, InteractionKind
from relationsapp.core.interaction_service import InteractionDraft, PromiseDraft
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.core.services import Services
from relationsapp.core.today_texts import Section
from relationsapp.core.zones import localize
from relationsapp.storage.database import Database
from relationsapp.ui.reminder_notifier import ReminderNotifier
from relationsapp.ui.today_model import (
    CONTACT_ID_ROLE,
    PROMISE_ID_ROLE,
    STATUS,
    WHAT,
    WHEN,
)
from relationsapp.ui.today_view import TodayView
from tests.helpers.people import seed_people

ME = "Europe/Copenhagen"


def cph(*when: int) -> dt.datetime:
    return localize(dt.datetime(*when), ME).astimezone(dt.UTC)  # type: ignore[arg-type]


#: Friday 12 March 2027, 14:00 in Copenhagen: Eid al-Fitr holiday in Saudi Arabia.
NOW = cph(2027, 3, 12, 14, 0)


def seed_a_busy_day(services: Services) -> dict[str, int]:
    """Something in every section of the Today view at NOW; returns ids by a short key."""
    people = seed_people(services.database)
    interactions = services.interactions

    def promise(contact: str, due: dt.date, text: str) -> int:
        draft = PromiseDraft(description=text, due_on=due, contact_id=people[contact])
        return interactions.add_promise(draft)

    def message(contact: str, when: dt.datetime, direction: Direction, summary: str) -> None:
        interactions.log(
            InteractionDraft(
                occurred_at=when,
                kind=InteractionKind.EMAIL,
                direction=direction,
                channel=Channel.EMAIL,
                contact_id=people[contact],
                summary=summary,
            )
        )

    def edit(contact: str, **changes: object) -> None:
        draft = services.contacts.get(people[contact]).draft
        services.contacts.update(people[contact], replace(draft, **changes))  # type: ignore[arg-type]

    ids = dict(people)
    ids["overdue"] = promise("taro", dt.date(2027, 3, 11), "Send the sample pump datasheet")
    ids["due"] = promise("jorgen", dt.date(2027, 3, 12), "Call back about the service contract")
    message("ahmed", cph(2027, 3, 1, 9, 0), Direction.INBOUND, "Asks for a revised quote")
    message("aino", cph(2027, 3, 12, 9, 0), Direction.INBOUND, "Wants the installation manual")
    services.meetings.book(
        MeetingDraft(
            title="Video call about the Osaka order",
            start_utc=cph(2027, 3, 12, 16, 0),
            organiser_zone=ME,
            attendees=[
                MeetingAttendee("Taro Yamada", "Asia/Tokyo", "JP", contact_id=people["taro"]),
                MeetingAttendee("Mette", ME, "DK"),
            ],
        )
    )
    edit("taro", birthday=dt.date(1970, 3, 13))
    edit("jorgen", birthday=dt.date(1980, 3, 16))
    edit("mette", touch_weeks=4)
    message("mette", cph(2027, 1, 4, 10, 0), Direction.OUTBOUND, "New year greetings")
    return ids


@pytest.fixture
def services(database: Database) -> Services:
    return Services(database)


@pytest.fixture
def ids(services: Services) -> dict[str, int]:
    return seed_a_busy_day(services)


@pytest.fixture
def view(qtbot: QtBot, services: Services, ids: dict[str, int]) -> TodayView:
    widget = TodayView(services, ME)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.reload(NOW)
    return widget


def section_index(view: TodayView, kind: Section) -> QModelIndex:
    return view.model.index(view.model.section_row(kind), 0)


def first_item(view: TodayView, kind: Section, column: int = WHAT) -> QModelIndex:
    return view.model.index(0, column, section_index(view, kind))


def test_every_kind_of_item_is_listed_under_its_counted_heading(view: TodayView) -> None:
    model = view.model
    counts = {kind: model.rowCount(section_index(view, kind)) for kind in Section}
    assert all(count >= 1 for count in counts.values()), counts
    assert section_index(view, Section.OVERDUE).data() == "Overdue promises (1)"
    assert section_index(view, Section.AWAITING).data() == "Awaiting my reply (2)"
    assert first_item(view, Section.OVERDUE).data() == "Send the sample pump datasheet"
    assert first_item(view, Section.OVERDUE, STATUS).data() == "overdue by 1 day 5 h"
    assert first_item(view, Section.DUE_TODAY, STATUS).data() == "due in 3 h"
    assert first_item(view, Section.MEETINGS, WHEN).data() == "16:00 (Sat 00:00 in Tokyo)"
    assert first_item(view, Section.HOLIDAYS).data() == "Eid al-Fitr Holiday"
    assert first_item(view, Section.BIRTHDAYS, STATUS).data() == "tomorrow"
    assert view.heading.text() == "Friday, 12 March 2027"


def test_every_section_is_expanded(view: TodayView) -> None:
    assert all(view.tree.isExpanded(section_index(view, kind)) for kind in Section)


def test_double_click_on_an_item_asks_for_its_contact(
    qtbot: QtBot, view: TodayView, ids: dict[str, int]
) -> None:
    view.show()
    qtbot.waitExposed(view)
    index = first_item(view, Section.OVERDUE, WHEN)
    center = view.tree.visualRect(index).center()
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=center)
    with qtbot.waitSignal(view.contact_requested) as asked:
        qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert asked.args == [ids["taro"]]


def test_enter_on_an_item_asks_for_its_contact(
    qtbot: QtBot, view: TodayView, ids: dict[str, int]
) -> None:
    view.show()
    qtbot.waitExposed(view)
    assert view.select_first(Section.STAY_IN_TOUCH)
    view.tree.setFocus()
    with qtbot.waitSignal(view.contact_requested) as asked:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert asked.args == [ids["mette"]]


def test_a_holiday_has_no_contact_to_open(qtbot: QtBot, view: TodayView) -> None:
    assert first_item(view, Section.HOLIDAYS).data(CONTACT_ID_ROLE) is None
    view.select_first(Section.HOLIDAYS)
    with qtbot.assertNotEmitted(view.contact_requested):
        view.tree.activated.emit(view.current_index())


def test_selecting_a_promise_enables_marking_it_kept(
    qtbot: QtBot, view: TodayView, ids: dict[str, int]
) -> None:
    assert not view.kept_button.isEnabled() and not view.broken_button.isEnabled()
    view.select_first(Section.MEETINGS)
    assert not view.kept_button.isEnabled()
    view.select_first(Section.DUE_TODAY)
    assert view.kept_button.isEnabled() and view.broken_button.isEnabled()
    with qtbot.waitSignal(view.promise_status_requested) as asked:
        view.kept_button.click()
    assert asked.args == [ids["due"], "kept"]
    with qtbot.waitSignal(view.promise_status_requested) as asked:
        view.broken_button.click()
    assert asked.args == [ids["due"], "broken"]


def test_a_reload_keeps_the_selected_item_and_collapsed_sections(
    view: TodayView, ids: dict[str, int]
) -> None:
    view.select_first(Section.OVERDUE)
    view.tree.collapse(section_index(view, Section.STAY_IN_TOUCH))
    view.reload(NOW + dt.timedelta(minutes=1))
    assert view.selected_promise_id() == ids["overdue"]
    assert not view.tree.isExpanded(section_index(view, Section.STAY_IN_TOUCH))
    assert view.tree.isExpanded(section_index(view, Section.OVERDUE))


def test_the_minute_timer_runs_only_while_the_view_is_visible(
    qtbot: QtBot, view: TodayView
) -> None:
    assert not view.is_refreshing()
    view.show()
    qtbot.waitExposed(view)
    assert view.is_refreshing()
    view.hide()
    assert not view.is_refreshing()


def test_today_model_passes_qt_model_tester(qtmodeltester: ModelTester, view: TodayView) -> None:
    qtmodeltester.check(view.model, force_py=True)
    item = first_item(view, Section.OVERDUE)
    assert item.data(PROMISE_ID_ROLE) is not None
    assert view.model.rowCount(item) == 0


def test_an_empty_day_still_shows_every_section_greyed(
    qtbot: QtBot, qtmodeltester: ModelTester, database: Database
) -> None:
    empty = TodayView(Services(database), ME)
    qtbot.addWidget(empty)
    empty.reload(NOW)
    assert empty.model.rowCount() == len(Section)
    section = empty.model.index(0, 0)
    assert section.data() == "Overdue promises (0)"
    assert not section.flags() & Qt.ItemFlag.ItemIsEnabled
    qtmodeltester.check(empty.model, force_py=True)


def test_a_meeting_in_30_minutes_is_reminded_once(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    notifier = ReminderNotifier(services, ME)
    try:
        with qtbot.waitSignal(notifier.reminder) as shown:
            notifier.check(cph(2027, 3, 12, 15, 30))
        title, message = shown.args
        assert title == "Meeting soon"
        assert message == "“Video call about the Osaka order” starts at 16:00 (Sat 00:00 in Tokyo)."
        with qtbot.assertNotEmitted(notifier.reminder):
            assert notifier.check(cph(2027, 3, 12, 15, 31)) == []
    finally:
        notifier.stop()
