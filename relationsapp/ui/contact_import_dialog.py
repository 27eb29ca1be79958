"""Import contacts from vCard and CSV files: map the CSV columns, preview, import, report.

The steps, one page each:

1. For every CSV file, its columns (:class:`~relationsapp.ui.csv_mapping_page.CsvMappingPage`):
   who wrote it and what each column becomes. vCards need no mapping.
2. The preview: one row per person (New / Update / Unchanged / Duplicate) and per record
   that could not be read (Error), with file and line and the reason or warnings.
   Duplicates are left out unless ticked.
3. Import writes the chosen people in one transaction on a pool thread; Cancel stops it
   and nothing is written.
4. The report: every record left out or not read, and every value kept aside, as
   ``file:line: reason``, ready to copy.

Reading and planning run on a pool thread as well (planning compares every card with
every contact in the file). The import becomes one :class:`ContactImportCommand` on the
undo stack: one Ctrl+Z takes all of it back.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.contact_import import (
    ContactImportPlan,
    ContactImportResult,
    ImportCancelled,
    RowState,
    apply_contact_import,
    plan_contact_import,
)
from relationsapp.core.services import Services
from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _, ngettext
from relationsapp.interop import csv_reading
from relationsapp.interop.contact_records import ParsedContacts
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.contact_import_commands import ContactImportCommand
from relationsapp.ui.contact_import_model import (
    NOTE,
    WHERE,
    ContactPreviewModel,
    counts_text,
    where,
)
from relationsapp.ui.csv_mapping_page import CsvFile, CsvMappingPage, load_csv_file
from relationsapp.ui.field_error_label import FieldErrorLabel
from relationsapp.ui.import_jobs import JobRunner
from relationsapp.ui.import_report_page import ImportReportPage

#: The suffixes read as CSV (a mapping page each); the rest go to the vCard reader.
CSV_SUFFIXES = (".csv", ".txt")
CONTACT_SUFFIXES = (".vcf", ".vcard", ".csv")


def _csv(path: str) -> bool:
    return Path(path).suffix.lower() in CSV_SUFFIXES


class ContactImportDialog(QDialog):
    """Import the contacts of ``paths`` (one or several vCard and CSV files)."""

    #: The preview shows a new plan.
    plan_ready = Signal()
    #: The import is done: the :class:`ContactImportCommand` (pushed if a stack was given).
    imported = Signal(object)
    #: The import was cancelled; nothing was written.
    cancelled = Signal()

    def __init__(
        self,
        services: Services,
        paths: Sequence[str | Path],
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
        notifier: ChangeNotifier | None = None,
        in_background: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contact_import")
        self.setWindowTitle(_("Import contacts"))
        self._services = services
        self._undo_stack, self._notifier = undo_stack, notifier
        self._in_background = in_background
        self.paths = [str(path) for path in paths]
        self.mapping_pages: list[CsvMappingPage] = []
        self.plan: ContactImportPlan | None = None
        #: The import done, as a command (already pushed when an undo stack was given).
        self.command: ContactImportCommand | None = None
        self._loaded = False
        self._importing = False
        self._stop_import = threading.Event()
        self._close_when_stopped = False
        self.jobs = JobRunner(self)
        self.jobs.started.connect(self._on_job_started)
        self.jobs.progressed.connect(self._on_progress)
        self.jobs.stopped.connect(self._on_job_stopped)

        self.pages = QStackedWidget()
        self.loading_page = QLabel(_("Reading the files…"))
        self.loading_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.loading_page)
        self.preview_page = self._preview_page()
        self.pages.addWidget(self.preview_page)
        self.report_page = ImportReportPage()
        self.report_page.closed.connect(self.accept)
        self.pages.addWidget(self.report_page)
        self.footer = self._footer()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.footer)
        self.resize(1100, 700)
        self._update_buttons()
        self._load()

    # --- building -------------------------------------------------------------------------

    def _preview_page(self) -> QWidget:
        self.counts = QLabel()
        self.counts.setObjectName("import_counts")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        self.to_write = QLabel()
        self.to_write.setObjectName("import_to_write")
        self.include_duplicates = QCheckBox(_("Include all &duplicates"))
        self.include_duplicates.setObjectName("include_duplicates")
        self.include_duplicates.setToolTip(
            _("A duplicate looks like someone already in the file; it is left out unless ticked.")
        )
        self.include_duplicates.clicked.connect(self._include_all)
        self.model = ContactPreviewModel(self)
        self.model.include_changed.connect(self._on_include_changed)
        self.preview = QTableView()
        self.preview.setObjectName("contact_import_preview")
        self.preview.setModel(self.model)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setWordWrap(False)
        self.preview.setAlternatingRowColors(True)
        rows = self.preview.verticalHeader()
        rows.hide()
        # Fixed row height: 10,000 rows are never measured.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((120, 170, 170, 210, 140)):
            header.resizeSection(column, width)
        self.preview.selectionModel().currentRowChanged.connect(self._show_details)
        label = QLabel(_("&Records:"))
        label.setBuddy(self.preview)
        # The whole reason or warnings of the row under the cursor (the cell cuts them).
        self.details = QLabel()
        self.details.setObjectName("import_row_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.include_duplicates)
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.to_write)
        box.addWidget(label)
        box.addWidget(self.preview, 1)
        box.addWidget(self.details)
        box.addWidget(self.status)
        return page

    def _show_details(self) -> None:
        index = self.preview.currentIndex()
        if not index.isValid():
            self.details.clear()
            return
        row = index.row()
        place = self.model.index(row, WHERE).data()
        note = self.model.index(row, NOTE).data(Qt.ItemDataRole.ToolTipRole) or ""
        self.details.setText(f"{place}: {note}" if note else "")

    def _footer(self) -> QWidget:
        self.progress = QProgressBar()
        self.progress.setObjectName("import_progress")
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_box = QWidget()
        row = QHBoxLayout(self.progress_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress, 1)
        self.progress_box.hide()
        self.error = FieldErrorLabel("contact_import")
        self.back_button = QPushButton(_("&Back"))
        self.back_button.setObjectName("import_back")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(_("&Next"))
        self.next_button.setObjectName("import_next")
        self.next_button.clicked.connect(self.go_next)
        self.import_button = QPushButton(_("&Import"))
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self.import_now)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.cancel_button)
        footer = QWidget()
        box = QVBoxLayout(footer)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.progress_box)
        box.addWidget(self.error)
        box.addLayout(buttons)
        return footer

    # --- step 1: the files and their columns ----------------------------------------------

    def _load(self) -> None:
        csv_paths = [path for path in self.paths if _csv(path)]
        self.jobs.run(
            lambda _progress: [load_csv_file(path) for path in csv_paths],
            self._on_loaded,
            self._on_failed,
            _("Reading the files…"),
            self._in_background and bool(csv_paths),
        )

    def _on_loaded(self, files: list[CsvFile | None]) -> None:
        self._loaded = True
        for csv_file in files:
            if csv_file is None:
                continue  # unreadable: the plan reports it as an error row
            page = CsvMappingPage(csv_file, in_background=self._in_background)
            page.changed.connect(self._update_buttons)
            self.pages.insertWidget(self.pages.indexOf(self.preview_page), page)
            self.mapping_pages.append(page)
        if self.mapping_pages:
            self.pages.setCurrentWidget(self.mapping_pages[0])
            self._update_buttons()
        else:
            self.replan()

    def go_next(self) -> None:
        """The next file's columns, or the preview after the last."""
        page = self.pages.currentWidget()
        if page not in self.mapping_pages or not self.next_button.isEnabled():
            return
        assert isinstance(page, CsvMappingPage)
        position = self.mapping_pages.index(page)
        if position + 1 < len(self.mapping_pages):
            self.pages.setCurrentWidget(self.mapping_pages[position + 1])
            self._update_buttons()
        else:
            self.replan()

    def go_back(self) -> None:
        page = self.pages.currentWidget()
        if self._importing:
            return
        if page is self.preview_page and self.mapping_pages:
            self.jobs.cancel()
            self.pages.setCurrentWidget(self.mapping_pages[-1])
        elif page in self.mapping_pages and page is not self.mapping_pages[0]:
            assert isinstance(page, CsvMappingPage)
            self.pages.setCurrentWidget(self.mapping_pages[self.mapping_pages.index(page) - 1])
        self._update_buttons()

    # --- step 2: the preview --------------------------------------------------------------

    def replan(self) -> None:
        """Read every file (CSV files with their chosen mapping) and classify each person."""
        parsed: dict[str, ParsedContacts] = {}
        for page in self.mapping_pages:
            if page.parsed is not None:
                parsed[page.file.path] = page.parsed
        self.plan = None
        self.model.set_plan(None)
        self.details.clear()
        self.counts.setText(_("Checking the records…"))
        self.to_write.clear()
        self.status.clear()
        self.error.clear_error()
        self.pages.setCurrentWidget(self.preview_page)
        database, paths = self._services.database, [Path(path) for path in self.paths]

        def work(progress: csv_reading.Progress | None) -> ContactImportPlan:
            try:
                return plan_contact_import(database, paths, parsed=parsed, progress=progress)
            except ImportCancelled as error:  # superseded: what it sends is dropped
                raise csv_reading.ImportCancelled from error

        self.jobs.run(
            work, self._on_planned, self._on_failed, _("Checking the records…"), self._in_background
        )

    def _on_planned(self, plan: ContactImportPlan) -> None:
        self.plan = plan
        self.model.set_plan(plan)
        self.counts.setText(counts_text(plan))
        self._on_include_changed()
        self.plan_ready.emit()

    def _include_all(self, checked: bool) -> None:
        self.model.set_all_duplicates(checked)

    def _on_include_changed(self) -> None:
        plan = self.plan
        duplicates = (
            [] if plan is None else [row for row in plan.rows if row.state == RowState.DUPLICATE]
        )
        included = sum(1 for row in duplicates if row.include)
        state = (
            Qt.CheckState.Checked
            if duplicates and included == len(duplicates)
            else Qt.CheckState.PartiallyChecked
            if included
            else Qt.CheckState.Unchecked
        )
        self.include_duplicates.setTristate(state == Qt.CheckState.PartiallyChecked)
        self.include_duplicates.setCheckState(state)
        self.include_duplicates.setVisible(bool(duplicates))
        count = self.to_import()
        self.to_write.setText(
            ngettext(
                "%(count)s person will be imported or updated.",
                "%(count)s people will be imported or updated.",
                count,
            )
            % {"count": format_number(count)}
            if plan is not None
            else ""
        )
        self._update_buttons()

    def to_import(self) -> int:
        """How many people Import would write (new, updates and ticked duplicates)."""
        return 0 if self.plan is None else sum(row.will_be_written for row in self.plan.rows)

    # --- step 3: importing ----------------------------------------------------------------

    def import_now(self) -> None:
        """Write the chosen people in one transaction (the button, or a test)."""
        plan = self.plan
        if plan is None or not self.import_button.isEnabled():
            return
        database, stop = self._services.database, self._stop_import
        stop.clear()

        def work(progress: csv_reading.Progress | None) -> ContactImportResult | None:
            def keep_going(done: int, total: int) -> bool:
                going = progress(done, total) if progress is not None else True
                return going and not stop.is_set()

            try:
                return apply_contact_import(database, plan, keep_going)
            except ImportCancelled:  # rolled back: nothing was written
                return None

        self._importing = True
        self.status.clear()
        self.jobs.run(
            work, self._on_imported, self._on_failed, _("Importing…"), self._in_background
        )

    def cancel_import(self) -> None:
        """Stop the import at its next step; the transaction rolls back."""
        if self._importing:
            self._stop_import.set()
            self.progress_label.setText(_("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _on_imported(self, result: ContactImportResult | None) -> None:
        self._importing = False
        if result is None:
            self.status.setText(_("The import was cancelled; nothing was written."))
            self._update_buttons()
            self.cancelled.emit()
        else:
            self.command = ContactImportCommand(self._services.database, self._notifier, result)
            if self._undo_stack is not None:
                self._undo_stack.push(self.command)
            elif self._notifier is not None:
                self.command.redo()  # tells the views
            self._show_report(result)
            self.imported.emit(self.command)
        if self._close_when_stopped:
            super().done(QDialog.DialogCode.Rejected)

    # --- step 4: the report ---------------------------------------------------------------

    def _show_report(self, result: ContactImportResult) -> None:
        new, updated, left = len(result.imported_ids), len(result.updated), len(result.skipped)
        parts = [
            ngettext(
                "%(count)s new contact was imported.",
                "%(count)s new contacts were imported.",
                new,
            )
            % {"count": format_number(new)}
        ]
        if updated:
            parts.append(
                ngettext(
                    "%(count)s contact was updated.", "%(count)s contacts were updated.", updated
                )
                % {"count": format_number(updated)}
            )
        parts.append(
            ngettext(
                "%(count)s record was left out or could not be read.",
                "%(count)s records were left out or could not be read.",
                left,
            )
            % {"count": format_number(left)}
            if left
            else _("Nothing was left out.")
        )
        order = {path: position for position, path in enumerate(self.paths)}
        skipped = sorted(result.skipped, key=lambda r: (order.get(r.source, len(order)), r.line))
        lines = [f"{where(r.source, r.line)}: {r.reason}" for r in skipped]
        warned = [
            f"{where(row.record.source, row.record.line)}: {warning}"
            for row in (self.plan.rows if self.plan is not None else [])
            if row.will_be_written
            for warning in row.record.warnings
        ]
        if warned:
            if lines:
                lines.append("")
            lines.append(_("Imported with changes:"))
            lines += warned
        report = self.report_page
        report.heading.setText(" ".join(parts))
        report.label.setText(_("Left out and &changed:"))
        report.text.setPlainText("\n".join(lines))
        for widget in (report.label, report.text, report.copy_button):
            widget.setVisible(bool(lines))
        self.pages.setCurrentWidget(report)
        self.footer.hide()

    def report(self) -> str:
        """The report as Copy report puts it on the clipboard."""
        return self.report_page.report()

    # --- jobs -----------------------------------------------------------------------------

    def _on_job_started(self, label: str) -> None:
        self.progress.setRange(0, 0)  # busy until the first rows are counted
        self.progress_label.setText(label)
        self.progress_box.show()
        self._update_buttons()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_job_stopped(self) -> None:
        self.progress_box.hide()
        self._update_buttons()

    def _on_failed(self, error: Exception) -> None:
        self._importing = False
        if self.plan is None:
            self.counts.clear()
        self.error.clear_error()
        self.error.show_error(str(error))
        self._update_buttons()
        if self._close_when_stopped:
            super().done(QDialog.DialogCode.Rejected)

    @property
    def busy(self) -> bool:
        """A file is being read, planned or imported."""
        return self.jobs.busy or any(page.busy for page in self.mapping_pages)

    def _update_buttons(self) -> None:
        page = self.pages.currentWidget()
        on_mapping = page in self.mapping_pages
        on_preview = page is self.preview_page
        first = bool(self.mapping_pages) and page is self.mapping_pages[0]
        self.back_button.setVisible(bool(self.mapping_pages))
        self.back_button.setEnabled(
            (on_preview or (on_mapping and not first)) and not self._importing
        )
        self.next_button.setVisible(on_mapping or not self._loaded)
        self.next_button.setEnabled(on_mapping and not self.busy)
        self.next_button.setDefault(on_mapping)
        self.import_button.setVisible(on_preview)
        self.import_button.setEnabled(
            on_preview and not self.jobs.busy and self.plan is not None and self.to_import() > 0
        )
        self.import_button.setDefault(on_preview)
        self.include_duplicates.setEnabled(not self._importing)
        self.preview.setEnabled(not self._importing)
        if not self._importing:
            self.cancel_button.setEnabled(True)

    def reject(self) -> None:
        """Cancel: during an import it stops the import (nothing is written) first."""
        if self._importing:
            self.cancel_import()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Closing stops reading and planning and waits for the pool threads to let go."""
        if self._importing:  # an import ends in a commit or a rollback, never halfway
            self._close_when_stopped = True
            self.cancel_import()
            return
        self.stop()
        super().done(result)

    def stop(self) -> None:
        self._stop_import.set()
        for page in self.mapping_pages:
            page.stop()
        if self._importing:
            self.jobs.wait()  # let the transaction end; its result is then dropped
        self.jobs.cancel()
        self.jobs.wait()
