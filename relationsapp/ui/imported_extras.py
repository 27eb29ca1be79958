"""What an import brought that the contact editor shows but does not edit: the photo
beside the name and the card's other fields (kept and written back on export)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from relationsapp.core.records import ContactDraft
from relationsapp.i18n.translate import _
from relationsapp.ui.contact_editor_texts import other_field_text

THUMBNAIL_SIDE = 64


def photo_label() -> QLabel:
    label = QLabel()
    label.setObjectName("photo")
    label.setAccessibleName(_("Photo"))
    return label


def other_fields_label() -> QLabel:
    label = QLabel()
    label.setObjectName("other_fields")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # card text is never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setToolTip(_("Kept as they came from an imported card and written back on export."))
    return label


def show_imported(
    draft: ContactDraft, photo: QLabel, other_fields: QLabel, caption: QWidget | None
) -> None:
    """The photo as a thumbnail and the other fields one per line; hidden when absent."""
    pixmap = QPixmap()
    if draft.photo and pixmap.loadFromData(draft.photo):
        photo.setPixmap(
            pixmap.scaled(
                THUMBNAIL_SIDE,
                THUMBNAIL_SIDE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
    else:
        photo.clear()
    photo.setVisible(not photo.pixmap().isNull())
    other_fields.setText("\n".join(other_field_text(field) for field in draft.other_fields))
    other_fields.setVisible(bool(draft.other_fields))
    if caption is not None:
        caption.setVisible(bool(draft.other_fields))
