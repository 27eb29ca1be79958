"""The main window's menus: every command reachable from the keyboard, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from relationsapp.i18n.translate import _
from relationsapp.ui.briefing_actions import add_context_menu

if TYPE_CHECKING:
    from relationsapp.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """File, Edit, View and Help, with their shortcuts; actions become window attributes."""
    from relationsapp.ui.main_window import (
        ACCOUNTS_TAB,
        CONTACTS_TAB,
        DASHBOARD_TAB,
        PLANNER_TAB,
        TODAY_TAB,
    )

    file_menu = window.menuBar().addMenu(_("&File"))
    window.new_contact_action = window.action(
        _("New &contact…"), window.new_contact, QKeySequence.StandardKey.New, "new_contact"
    )
    window.new_account_action = window.action(
        _("New &account…"), window.new_account, "Ctrl+Shift+N", "new_account"
    )
    window.log_interaction_action = window.action(
        _("&Log interaction…"), window.log_interaction, "Ctrl+L", "log_interaction"
    )
    file_menu.addAction(window.new_contact_action)
    file_menu.addAction(window.new_account_action)
    file_menu.addAction(window.log_interaction_action)
    file_menu.addSeparator()
    interop = window.interop
    interop.make_actions()
    file_menu.addActions(interop.file_actions())
    file_menu.addSeparator()
    file_menu.addAction(
        window.action(
            _("Import c&ulture notes…"),
            lambda: window.culture_panel.import_notes(),
            None,
            "import_culture",
        )
    )
    file_menu.addAction(
        window.action(
            _("E&xport culture notes…"),
            lambda: window.culture_panel.export_notes(),
            None,
            "export_culture",
        )
    )
    file_menu.addAction(
        window.action(
            _("Import &orders…"),
            lambda: window.interop.import_deals("orders"),
            None,
            "import_orders",
        )
    )
    file_menu.addAction(
        window.action(
            _("Import &survey results…"),
            lambda: window.interop.import_deals("feedback"),
            None,
            "import_feedback",
        )
    )
    file_menu.addSeparator()
    briefings = window.briefings
    briefings.print_action = window.action(
        _("Print &briefing…"),
        briefings.print_briefing,
        QKeySequence.StandardKey.Print,
        "print_briefing",
    )
    briefings.trip_pack_action = window.action(
        _("&Trip pack…"), briefings.trip_pack, None, "trip_pack"
    )
    file_menu.addAction(briefings.print_action)
    file_menu.addAction(briefings.trip_pack_action)
    briefings.update_actions()
    file_menu.addSeparator()
    window.preferences_action = window.action(
        _("&Preferences…"),
        window.preferences_requested.emit,
        QKeySequence.StandardKey.Preferences,
        "preferences",
    )
    if window.preferences_action.shortcut().isEmpty():
        window.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
    file_menu.addAction(window.preferences_action)
    file_menu.addSeparator()
    quit_action = window.action(_("&Quit"), window.close, QKeySequence.StandardKey.Quit, "quit")
    file_menu.addAction(quit_action)

    edit_menu = window.menuBar().addMenu(_("&Edit"))
    window.undo_action = window.undo_stack.createUndoAction(window, _("&Undo"))
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.undo_action.setObjectName("undo")
    window.redo_action = window.undo_stack.createRedoAction(window, _("&Redo"))
    window.redo_action.setShortcuts(
        [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
    )
    window.redo_action.setObjectName("redo")
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    window.edit_action = window.action(
        _("&Edit selected…"), window.edit_selected, "Ctrl+E", "edit_selected"
    )
    window.delete_action = window.action(
        _("&Delete"), window.delete_selected, QKeySequence.StandardKey.Delete, "delete"
    )
    window.find_action = window.action(
        _("&Find…"), window.focus_search, QKeySequence.StandardKey.Find, "find"
    )
    for action in (window.edit_action, window.delete_action, window.find_action):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    edit_menu.addAction(
        window.action(_("E&xchange rates…"), window.edit_rates, None, "exchange_rates")
    )
    edit_menu.addSeparator()
    edit_menu.addActions(interop.edit_actions(edit_menu))
    add_context_menu(
        window.contacts_view.table, [briefings.print_action, *interop.context_actions()]
    )

    view_menu = window.menuBar().addMenu(_("&View"))
    view_menu.addAction(
        window.action(_("&Today"), lambda: window.show_tab(TODAY_TAB), "Ctrl+T", "show_today")
    )
    view_menu.addAction(
        window.action(
            _("&Contacts"), lambda: window.show_tab(CONTACTS_TAB), "Ctrl+1", "show_contacts"
        )
    )
    view_menu.addAction(
        window.action(
            _("&Accounts"), lambda: window.show_tab(ACCOUNTS_TAB), "Ctrl+2", "show_accounts"
        )
    )
    view_menu.addAction(
        window.action(_("&Planner"), lambda: window.show_tab(PLANNER_TAB), "Ctrl+3", "show_planner")
    )

    view_menu.addAction(
        window.action(
            _("Dashboard"), lambda: window.show_tab(DASHBOARD_TAB), "Ctrl+4", "show_dashboard"
        )
    )
    view_menu.addSeparator()
    culture_toggle = window.culture_panel.toggleViewAction()
    culture_toggle.setText(_("C&ulture panel"))
    culture_toggle.setShortcut(QKeySequence("F9"))
    culture_toggle.setObjectName("toggle_culture")
    view_menu.addAction(culture_toggle)

    help_menu = window.menuBar().addMenu(_("&Help"))
    help_menu.addAction(
        window.action(
            _("How the &metrics are calculated"), window.show_metric_help, None, "metric_help"
        )
    )
    help_menu.addAction(window.action(_("&About RelationsApp"), window._about, None, "about"))
