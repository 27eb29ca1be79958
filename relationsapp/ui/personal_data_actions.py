"""A person's data rights from the GUI: save a copy of their data, or erase them.

Plain functions the menus call with the contact chosen; the work is in
relationsapp.core.personal_data. Erasure does not go through the undo stack: it is
deliberately final, and the stack is cleared because its commands may hold the
person's data (a deleted contact's draft, an edit's old values). The core module (and
SQLAlchemy) is imported on first use, so menus can import this at start-up.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from relationsapp.core.errors import RecordNotFound
from relationsapp.core.services import Services
from relationsapp.i18n.translate import _
from relationsapp.ui.change_notifier import ChangeNotifier


def export_personal_data(
    parent: QWidget | None, services: Services, contact_id: int
) -> Path | None:
    """Ask where, then write NAME.json (machine-readable) and NAME.html beside it.

    Returns the JSON file's path, or None when cancelled or it could not be written.
    """
    from relationsapp.core.personal_data import personal_data, personal_data_html
    from relationsapp.ui.pdf_preview_dialog import safe_file_name

    title = _("Export personal data")
    try:
        data = personal_data(services, contact_id)
    except RecordNotFound:
        QMessageBox.warning(parent, title, _("This contact no longer exists."))
        return None
    name = str(data["contact"]["display_name"])
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        title,
        f"{safe_file_name(name)}.json",
        _("JSON files (*.json)"),
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".json":
        target = target.with_name(target.name + ".json")
    page = target.with_suffix(".html")
    for written, text in (
        (target, json.dumps(data, ensure_ascii=False, indent=2) + "\n"),
        (page, personal_data_html(data)),
    ):
        try:
            written.write_text(text, encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(
                parent,
                title,
                _("Could not write %(path)s: %(error)s")
                % {"path": written, "error": error.strerror or error},
            )
            return None
    QMessageBox.information(
        parent,
        title,
        _("The personal data of %(name)s was saved as %(json)s and, to read, %(html)s.")
        % {"name": name, "json": target, "html": page.name},
    )
    return target


def erase_person_interactively(
    parent: QWidget | None,
    services: Services,
    undo_stack: QUndoStack,
    contact_id: int,
    notifier: ChangeNotifier | None = None,
) -> bool:
    """Ask (Cancel is the default), then erase the person for good; True when erased."""
    from sqlalchemy.exc import OperationalError

    from relationsapp.core.personal_data import erase_person, person_name

    title = _("Erase person")
    try:
        name = person_name(services.database, contact_id)
    except RecordNotFound:
        QMessageBox.warning(parent, title, _("This contact no longer exists."))
        return False
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("erase_person_question")
    box.setText(_("Erase %(name)s and everything stored about them?") % {"name": name})
    box.setInformativeText(
        _(
            "Their card, the interactions only they took part in, promises made to them, "
            "their feedback and their place at meetings are deleted for good. "
            "This cannot be undone."
        )
    )
    erase = box.addButton(_("Erase"), QMessageBox.ButtonRole.DestructiveRole)
    erase.setObjectName("erase")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    if box.clickedButton() is not erase:
        return False
    try:
        erase_person(services.database, contact_id)
    except (RecordNotFound, OperationalError) as error:
        QMessageBox.warning(
            parent,
            title,
            _("%(name)s could not be erased: %(error)s") % {"name": name, "error": error},
        )
        return False
    undo_stack.clear()
    if notifier is not None:
        for signal in (
            notifier.contacts_changed,
            notifier.accounts_changed,
            notifier.interactions_changed,
            notifier.meetings_changed,
            notifier.feedback_changed,
            notifier.deals_changed,
        ):
            signal.emit()
    QMessageBox.information(
        parent,
        title,
        _("%(name)s was erased. The undo history was cleared, as it could bring them back.")
        % {"name": name},
    )
    return True
