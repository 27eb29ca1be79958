"""Who the planner plans for: "Me" first, then contacts and places, with ways to add them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.meeting_participants import Participant, Stay
from relationsapp.core.planner_participants import participant_from_contact
from relationsapp.core.zones import is_known_zone, zone_city, zone_country
from relationsapp.i18n.formatting import country_name, format_date, format_minutes_of_day
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.contact_picker import ContactPicker
from relationsapp.ui.read_only_table_model import ModelIndex
from relationsapp.ui.searchable_combo import SearchableComboBox
from relationsapp.ui.time_zone_combo import TimeZoneComboBox

if TYPE_CHECKING:
    from relationsapp.core.services import Services

#: The row's :class:`~relationsapp.core.meeting_participants.Participant`.
PARTICIPANT_ROLE = Qt.ItemDataRole.UserRole + 23


def me_participant(home_zone: str) -> Participant:
    """ "Me" at home: the zone's country (for its weekend and holidays), default hours."""
    return Participant(_("Me"), home_zone, zone_country(home_zone))


def place_participant(zone: str) -> Participant:
    """An ad-hoc place, named by the zone's city, with the holidays of the zone's country."""
    return Participant(zone_city(zone), zone, zone_country(zone))


# The same rule the CLI's ``plan --contact`` uses.
contact_participant = participant_from_contact


def describe_participant(participant: Participant) -> str:
    """Zone, country, hours and stays, one per line (a tooltip)."""
    lines = [participant.label, participant.zone]
    if participant.country:
        lines.append(country_name(participant.country))
    lines.append(
        _("Working hours: %(start)s–%(end)s")
        % {
            "start": format_minutes_of_day(participant.work_start),
            "end": format_minutes_of_day(participant.work_end),
        }
    )
    for stay in participant.itinerary:
        lines.append(
            _("%(first)s – %(last)s: %(zone)s")
            % {
                "first": format_date(stay.first_day),
                "last": format_date(stay.last_day),
                "zone": stay.zone,
            }
        )
    return "\n".join(lines)


class ParticipantListModel(QAbstractListModel):
    """The participants in the order they were added; row 0 is "Me"."""

    def __init__(self, me: Participant, parent: Any = None) -> None:
        super().__init__(parent)
        self._participants = [me]

    def participants(self) -> list[Participant]:
        return list(self._participants)

    def append(self, participant: Participant) -> None:
        row = len(self._participants)
        self.beginInsertRows(QModelIndex(), row, row)
        self._participants.append(participant)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._participants[row]
        self.endRemoveRows()

    def replace(self, row: int, participant: Participant) -> None:
        self._participants[row] = participant
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._participants)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._participants):
            return None
        participant = self._participants[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{participant.label} · {zone_city(participant.zone)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_participant(participant)
        if role == PARTICIPANT_ROLE:
            return participant
        return None


class ParticipantPanel(QGroupBox):
    """The list, "Add contact" (type a name), "Add place" (a zone), Remove, My itinerary."""

    changed = Signal()

    def __init__(self, services: Services, home_zone: str, parent: QWidget | None = None):
        super().__init__(_("Participants"), parent)
        self._services = services
        #: The day a new stay starts on in the itinerary dialog (the planner's day).
        self.default_day = dt.date.today()
        self.model = ParticipantListModel(me_participant(home_zone), self)
        self.list = QListView()
        self.list.setObjectName("participants")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.contact_picker = ContactPicker(services.search)
        self.contact_picker.setObjectName("add_contact")
        self.contact_picker.setPlaceholderText(_("Type a name…"))
        self.contact_picker.contact_chosen.connect(self.add_contact)
        self.account_combo = SearchableComboBox()
        self.account_combo.setObjectName("add_account")
        self.account_combo.line_edit.setPlaceholderText(_("Type a company…"))
        for account_id, name in services.accounts.choices():
            self.account_combo.addItem(name, account_id)
        self.account_combo.setCurrentIndex(-1)
        self.add_account_button = QPushButton(_("Add"))
        self.add_account_button.setObjectName("add_account_people")
        self.add_account_button.clicked.connect(self._add_chosen_account)
        self.place_zone = TimeZoneComboBox()
        self.place_zone.setObjectName("add_place_zone")
        self.add_place_button = QPushButton(_("Add"))
        self.add_place_button.setObjectName("add_place")
        self.add_place_button.clicked.connect(self._add_place)
        self.place_zone.line_edit.returnPressed.connect(self._add_place)
        self.remove_button = QPushButton(_("Re&move"))
        self.remove_button.setObjectName("remove_participant")
        self.remove_button.clicked.connect(self.remove_selected)
        self.itinerary_button = QPushButton(_("My &itinerary…"))
        self.itinerary_button.setObjectName("itinerary")
        self.itinerary_button.clicked.connect(self.edit_itinerary)
        self.message = QLabel()
        self.message.setObjectName("participant_message")
        self.message.setWordWrap(True)

        contact_caption = QLabel(_("Add co&ntact:"))
        contact_caption.setBuddy(self.contact_picker)
        account_caption = QLabel(_("Add an account’&s people:"))
        account_caption.setBuddy(self.account_combo)
        account_row = QHBoxLayout()
        account_row.addWidget(self.account_combo, 1)
        account_row.addWidget(self.add_account_button)
        place_caption = QLabel(_("Add p&lace:"))
        place_caption.setBuddy(self.place_zone)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place_zone, 1)
        place_row.addWidget(self.add_place_button)
        adders = QVBoxLayout()
        adders.addWidget(contact_caption)
        adders.addWidget(self.contact_picker)
        adders.addWidget(account_caption)
        adders.addLayout(account_row)
        adders.addWidget(place_caption)
        adders.addLayout(place_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.itinerary_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(adders)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def participants(self) -> list[Participant]:
        return self.model.participants()

    def me(self) -> Participant:
        return self.model.participants()[0]

    def add_participant(self, participant: Participant) -> None:
        self.model.append(participant)
        self.message.clear()
        self.changed.emit()

    def add_contact(self, contact_id: int) -> None:
        """Add the contact (once) with their zone, country, hours and weekend."""
        if any(p.contact_id == contact_id for p in self.participants()):
            self.message.setText(_("That contact is already in the list."))
            return
        details = self._services.contacts.get(contact_id)
        participant = contact_participant(details)
        if participant is None:
            self.message.setText(
                _("%(name)s has no time zone or country; add one to their card first.")
                % {"name": details.display_name}
            )
            return
        self.add_participant(participant)

    def add_account(self, account_id: int) -> int:
        """Add every person at the account who is not in the list yet; returns how many."""
        present = {p.contact_id for p in self.participants()}
        added = 0
        for contact_id, _name, _title in self._services.accounts.contacts_of(account_id):
            if contact_id in present:
                continue
            participant = contact_participant(self._services.contacts.get(contact_id))
            if participant is not None:
                self.model.append(participant)
                added += 1
        self.message.setText(
            ngettext("Added %(count)d person.", "Added %(count)d people.", added) % {"count": added}
        )
        if added:
            self.changed.emit()
        return added

    def _add_chosen_account(self) -> None:
        # The typed text must name an account exactly (the completer fills it in).
        index = self.account_combo.findText(self.account_combo.currentText())
        if index < 0:
            self.message.setText(_("Choose a company from the list."))
            return
        self.add_account(int(self.account_combo.itemData(index)))
        self.account_combo.setCurrentIndex(-1)

    def _add_place(self) -> None:
        zone = self.place_zone.zone()
        if not is_known_zone(zone):
            self.message.setText(_("“%(zone)s” is not a time zone.") % {"zone": zone})
            return
        self.add_participant(place_participant(zone))
        self.place_zone.set_zone("")

    def _selected_row(self) -> int | None:
        rows = self.list.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.remove_button.setEnabled(row is not None and row > 0)  # "Me" stays

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is None or row == 0:
            return
        self.model.remove(row)
        self._update_buttons()
        self.changed.emit()

    def set_itinerary(self, stays: tuple[Stay, ...]) -> None:
        self.model.replace(0, replace(self.me(), itinerary=tuple(stays)))
        self.changed.emit()

    def edit_itinerary(self) -> None:
        from relationsapp.ui.itinerary_dialog import ItineraryDialog

        dialog = ItineraryDialog(self.me().itinerary, self.default_day, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_itinerary(dialog.stays())
