"""Small builders shared by the editor dialogs: named inputs and labelled form rows."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from relationsapp.core.choices import label
from relationsapp.i18n.translate import _
from relationsapp.ui.field_error_label import FieldErrorLabel, with_error


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    """A QLineEdit with an object name (tests and accessibility tools find it by name)."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def notes_edit(name: str) -> QPlainTextEdit:
    """A plain-text box where Tab moves on instead of typing a tab character."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(80)
    return edit


def choice_combo(name: str, values: Iterable[StrEnum]) -> QComboBox:
    """A combo of translated choice labels storing each value's string in itemData."""
    combo = QComboBox()
    combo.setObjectName(name)
    for value in values:
        combo.addItem(label(value), value.value)
    return combo


def record_combo(name: str, none_text: str, choices: Iterable[tuple[int, str]]) -> QComboBox:
    """``none_text`` (itemData None) then one item per ``(id, name)``."""
    combo = QComboBox()
    combo.setObjectName(name)
    # Size for a typical name rather than the longest one in the list.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.addItem(none_text, None)
    for record_id, text in choices:
        combo.addItem(text, record_id)
    return combo


def select_data(combo: QComboBox, data: object) -> None:
    """Select the item holding ``data`` (the first item when none does)."""
    combo.setCurrentIndex(max(combo.findData(data), 0))


def select_id(combo: QComboBox, record_id: int | None, missing_text: str) -> None:
    """Select the item for ``record_id``; add ``missing_text`` for an id not offered."""
    index = 0
    if record_id is not None:
        index = combo.findData(record_id)
        if index < 0:  # e.g. deleted since: keep the link rather than drop it silently
            combo.addItem(missing_text, record_id)
            index = combo.count() - 1
    combo.setCurrentIndex(index)


def split_tags(text: str) -> list[str]:
    """``"vip, trade fair,"`` → ``["vip", "trade fair"]``."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


def save_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """Save (the default: Enter saves) and Cancel, named for tests, wired to the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(_("&Save"))
    ok.setObjectName("ok")
    ok.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    """A titled group box holding a form whose fields grow with the dialog."""
    group = QGroupBox(title)
    form = QFormLayout(group)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return group, form


def add_row(
    form: QFormLayout,
    text: str,
    field: QWidget | QLayout,
    buddy: QWidget | None,
    error: FieldErrorLabel | None = None,
) -> QLabel:
    """A labelled row; the label's mnemonic focuses ``buddy``; the error sits under the field."""
    caption = QLabel(text)
    if buddy is not None:
        caption.setBuddy(buddy)
    if error is not None:
        form.addRow(caption, with_error(field, error))
    elif isinstance(field, QLayout):
        form.addRow(caption, field)
    else:
        form.addRow(caption, field)
    return caption


def settle_layouts(root: QWidget) -> None:
    """Bring every size hint under ``root`` up to date before the window is shown.

    Rows added to a hidden window only post layout requests; until those run, parent
    layouts keep stale hints (an e-mail list with two rows still measures as empty).
    Activating the layouts deepest first passes each new size up one level at a time.
    """

    def depth(widget: QWidget) -> int:
        level = 0
        parent = widget.parentWidget()
        while parent is not None:
            level += 1
            parent = parent.parentWidget()
        return level

    for widget in sorted([root, *root.findChildren(QWidget)], key=depth, reverse=True):
        layout = widget.layout()
        if layout is not None:
            layout.activate()


def fit_to_contents(window: QWidget, scroll: QScrollArea, footer: QWidget) -> None:
    """Size ``window`` to show ``scroll``'s whole contents and ``footer``, if the screen allows.

    A scroll area's own size hint is capped at a few hundred pixels; without this a
    two-column editor would open with both scroll bars even on a large screen.
    """
    content = scroll.widget()
    if content is None:
        return
    settle_layouts(content)
    hint = content.sizeHint()
    layout = window.layout()
    frame = 24 if layout is None else layout.contentsMargins().left() * 2
    width = hint.width() + scroll.verticalScrollBar().sizeHint().width() + frame
    height = hint.height() + footer.sizeHint().height() + 3 * frame
    screen = window.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * 0.95))
        height = min(height, int(available.height() * 0.9))
    window.resize(width, height)
