"""One place that says "contacts/accounts/... changed", so every view that cares refreshes."""

from PySide6.QtCore import QObject, Signal


class ChangeNotifier(QObject):
    """Emitted by undo commands after every redo and undo."""

    contacts_changed = Signal()
    accounts_changed = Signal()
    meetings_changed = Signal()
    culture_changed = Signal()
    interactions_changed = Signal()  # interactions and promises
    deals_changed = Signal()  # orders, exchange rates and feedback
    feedback_changed = Signal()  # CSAT and NPS answers
