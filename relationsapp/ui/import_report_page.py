"""The last step of an import: how many records came in, and every line left out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _, ngettext
from relationsapp.interop.csv_reading import ImportProblem
from relationsapp.ui.deal_import_preview import ImportKind


class ImportReportPage(QWidget):
    """A heading, the skipped lines as ``file:line: reason`` (read-only, copyable), Close."""

    #: Close was pressed.
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("import_report_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QPlainTextEdit()
        self.text.setObjectName("import_report")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.label = QLabel(_("Skipped &lines:"))
        self.label.setBuddy(self.text)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(
            _("Copy &report"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("import_copy_report")
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.closed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.label)
        layout.addWidget(self.text, 1)
        layout.addStretch(0)
        layout.addWidget(buttons)

    def show_result(
        self,
        kind: ImportKind,
        imported: int,
        file: str,
        problems: Sequence[ImportProblem],
    ) -> None:
        """Say what ``imported`` records came from ``file`` and list the ``problems``."""
        if kind == "orders":
            done = ngettext(
                "%(count)s order was imported from %(file)s.",
                "%(count)s orders were imported from %(file)s.",
                imported,
            )
        else:
            done = ngettext(
                "%(count)s answer was imported from %(file)s.",
                "%(count)s answers were imported from %(file)s.",
                imported,
            )
        lines = len({problem.line for problem in problems})
        skipped = (
            ngettext("%(count)s line was skipped.", "%(count)s lines were skipped.", lines)
            % {"count": format_number(lines)}
            if lines
            else _("No line was skipped.")
        )
        counts = {"count": format_number(imported), "file": Path(file).name}
        self.heading.setText(" ".join([done % counts, skipped]))
        self.text.setPlainText("\n".join(str(problem) for problem in problems))
        for widget in (self.label, self.text, self.copy_button):
            widget.setVisible(bool(lines))

    def report(self) -> str:
        """The report as "Copy report" puts it on the clipboard."""
        return "\n".join(part for part in (self.heading.text(), self.text.toPlainText()) if part)

    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.report())
