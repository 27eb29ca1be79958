"""The contacts list: search as you type, filters, local time badges, lazy model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_search import IndexedContactSearch
from relationsapp.core.working_hours import WorkStatus
from relationsapp.storage.database import Database
from relationsapp.ui.contact_table_model import (
    ACCOUNT,
    COUNTRY,
    LOCAL_TIME,
    NAME,
    ContactTableModel,
)
from relationsapp.ui.contacts_view import ContactsView
from relationsapp.ui.roles import ID_ROLE, WORK_STATUS_ROLE
from tests.helpers.keyboard import type_text
from tests.helpers.people import seed_people

# Friday 27 November 2026, 08:00 UTC: 11:00 in Riyadh (their weekend), 09:00 in
# Copenhagen (working), 17:00 in Tokyo (just after working hours).
FRIDAY_MORNING_UTC = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
# Names in other scripts are shown with their transliteration; a right-to-left name
# is isolated (U+2068 … U+2069) so the line reads left to right.
TARO = "山田太郎 (Yamada Taro)"
AHMED = "\u200e\u2068أحمد العتيبي\u2069 (Ahmed Al-Otaibi)"


def fixed_clock(instant: dt.datetime) -> Callable[[], dt.datetime]:
    return lambda: instant


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    return seed_people(database)


@pytest.fixture
def view(qtbot: QtBot, database: Database, people: dict[str, int]) -> ContactsView:
    search = IndexedContactSearch(database)
    model = ContactTableModel(search, clock=fixed_clock(FRIDAY_MORNING_UTC))
    widget = ContactsView(model, search)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    return widget


def visible_names(view: ContactsView) -> list[str]:
    model = view.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def test_list_shows_every_contact_sorted_by_family_name(view: ContactsView) -> None:
    assert visible_names(view) == [
        AHMED,
        "Aino Mäkinen",
        "Mette Østergaard",  # ø folds to o: sorted as "Ostergaard"
        "Jørgen Sørensen",
        TARO,
    ]
    assert view.count_label.text() == "5 contacts"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jorgen", ["Jørgen Sørensen"]),
        ("makinen", ["Aino Mäkinen"]),
        ("yamada", [TARO]),
        ("太郎", [TARO]),
        ("seisakusho", [TARO]),
        ("ahmed", [AHMED]),
        ("nordisk", ["Mette Østergaard", "Jørgen Sørensen"]),
        ("finnish", ["Aino Mäkinen"]),
        ("vip", ["Jørgen Sørensen"]),
        ("zzz", []),
    ],
)
def test_typing_filters_the_list(
    qtbot: QtBot, view: ContactsView, typed: str, expected: list[str]
) -> None:
    type_text(qtbot, view.search_field, typed)
    assert visible_names(view) == expected


def test_escape_clears_the_search_and_shows_everyone(qtbot: QtBot, view: ContactsView) -> None:
    qtbot.keyClicks(view.search_field, "jorgen")
    assert view.model.rowCount() == 1
    qtbot.keyClick(view.search_field, Qt.Key.Key_Escape)
    assert view.search_field.text() == ""
    assert view.model.rowCount() == 5


def test_filters_combine_with_search(qtbot: QtBot, view: ContactsView) -> None:
    view.country_filter.setCurrentIndex(view.country_filter.findData("DK"))
    assert visible_names(view) == ["Mette Østergaard", "Jørgen Sørensen"]
    qtbot.keyClicks(view.search_field, "mette")
    assert visible_names(view) == ["Mette Østergaard"]
    view.search_field.clear()
    view.industry_filter.setCurrentIndex(view.industry_filter.findData("Energy"))
    assert visible_names(view) == ["Mette Østergaard", "Jørgen Sørensen"]
    view.clear_filters()
    view.tag_filter.setCurrentIndex(view.tag_filter.findData("key-account"))
    assert visible_names(view) == [TARO]


def test_filter_menus_name_countries_in_the_ui_language(view: ContactsView) -> None:
    names = [view.country_filter.itemText(i) for i in range(view.country_filter.count())]
    assert names == ["All countries", "Denmark", "Finland", "Japan", "Saudi Arabia"]


def test_local_time_column_shows_their_time_and_working_status(
    view: ContactsView, people: dict[str, int]
) -> None:
    model = view.model

    def cell(key: str, role: int) -> object:
        row = model.row_of(people[key])
        assert row is not None
        return model.index(row, LOCAL_TIME).data(role)

    assert cell("ahmed", WORK_STATUS_ROLE) == WorkStatus.WEEKEND  # Friday in Riyadh
    assert cell("ahmed", Qt.ItemDataRole.DisplayRole) == "Fri 11:00 · weekend"
    assert cell("jorgen", WORK_STATUS_ROLE) == WorkStatus.WORKING
    assert cell("jorgen", Qt.ItemDataRole.DisplayRole) == "Fri 09:00 · working"
    assert cell("taro", WORK_STATUS_ROLE) == WorkStatus.OFF_HOURS  # 17:00 is after 09–17
    assert "Asia/Tokyo (UTC+09:00)" in str(cell("taro", Qt.ItemDataRole.ToolTipRole))
    assert "Friday, Saturday" in str(cell("ahmed", Qt.ItemDataRole.ToolTipRole))


def test_clicking_a_header_sorts_by_that_column(view: ContactsView) -> None:
    view.table.sortByColumn(LOCAL_TIME, Qt.SortOrder.AscendingOrder)
    assert visible_names(view) == [
        "Mette Østergaard",
        "Jørgen Sørensen",
        "Aino Mäkinen",
        AHMED,
        TARO,
    ]
    view.table.sortByColumn(COUNTRY, Qt.SortOrder.DescendingOrder)
    countries = [view.model.index(row, COUNTRY).data() for row in range(5)]
    assert countries == ["Saudi Arabia", "Japan", "Finland", "Denmark", "Denmark"]
    view.table.sortByColumn(ACCOUNT, Qt.SortOrder.AscendingOrder)
    assert view.model.index(0, ACCOUNT).data() == ""  # Aino has no account


def test_search_keeps_the_chosen_sort_order(qtbot: QtBot, view: ContactsView) -> None:
    view.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    qtbot.keyClicks(view.search_field, "nordisk")
    assert visible_names(view) == ["Jørgen Sørensen", "Mette Østergaard"]


def test_down_arrow_moves_from_search_into_the_list(
    qtbot: QtBot, view: ContactsView, people: dict[str, int]
) -> None:
    qtbot.keyClicks(view.search_field, "yamada")
    qtbot.keyClick(view.search_field, Qt.Key.Key_Down)
    assert view.table.hasFocus() or view.table.currentIndex().isValid()
    assert view.current_id() == people["taro"]


def test_enter_on_a_row_asks_to_edit_that_contact(
    qtbot: QtBot, view: ContactsView, people: dict[str, int]
) -> None:
    qtbot.keyClicks(view.search_field, "aino")
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    with qtbot.waitSignal(view.edit_requested) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [people["aino"]]


def test_contact_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, database: Database, people: dict[str, int]
) -> None:
    search = IndexedContactSearch(database)
    model = ContactTableModel(search, clock=fixed_clock(FRIDAY_MORNING_UTC))
    model.refresh()
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(ID_ROLE) in people.values()


def test_model_reads_only_the_pages_the_view_shows(database: Database) -> None:
    from relationsapp.core.sample_loader import load_synthetic_data
    from relationsapp.ui.contact_table_model import PAGE_SIZE

    load_synthetic_data(database, 5000)
    search = IndexedContactSearch(database)
    requests: list[tuple[int, int]] = []
    original = search.rows

    def counting_rows(query, offset, limit):  # type: ignore[no-untyped-def]
        requests.append((offset, limit))
        return original(query, offset, limit)

    search.rows = counting_rows  # type: ignore[method-assign]
    model = ContactTableModel(search)
    model.refresh()
    assert model.rowCount() == 5000
    assert requests == [(0, PAGE_SIZE)]  # the first screen only
    middle = model.index(2500, NAME).data()
    assert requests[-1] == (2400, PAGE_SIZE)
    model.index(2501, NAME).data()
    assert len(requests) == 2  # served from the page already read
    # The row in the middle is the 2501st name in order, as a full sort would give.
    assert middle == model.index(2500, NAME).data()
    assert search.contact_ids(model.query())[2500] == model.index(2500, NAME).data(ID_ROLE)


def test_local_time_ticks_over_at_the_minute(
    qtbot: QtBot, view: ContactsView, people: dict[str, int]
) -> None:
    model = view.model
    now = [FRIDAY_MORNING_UTC]
    model._clock = lambda: now[0]  # the clock the model reads; the minute timer drives it
    row = model.row_of(people["jorgen"])
    assert row is not None
    assert model.index(row, LOCAL_TIME).data() == "Fri 09:00 · working"
    now[0] = FRIDAY_MORNING_UTC + dt.timedelta(hours=8, minutes=1)  # 17:01 in Copenhagen
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model._tick.timeout.emit()
    top_left, bottom_right = changed.args[0], changed.args[1]
    assert (top_left.column(), bottom_right.column()) == (LOCAL_TIME, LOCAL_TIME)
    assert bottom_right.row() == model.rowCount() - 1
    assert model.index(row, LOCAL_TIME).data() == "Fri 17:01 · off hours"


def test_enter_in_the_search_box_does_not_open_the_editor(qtbot: QtBot, view: ContactsView) -> None:
    opened: list[int] = []
    view.edit_requested.connect(opened.append)
    qtbot.keyClicks(view.search_field, "aino")
    view.search_field.setFocus()
    qtbot.keyClick(view.search_field, Qt.Key.Key_Return)
    assert opened == []
    assert view.table.hasFocus() or view.table.currentIndex().isValid()
