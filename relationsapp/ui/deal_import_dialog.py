"""Import orders (an ERP's CSV) or survey results (CSAT/NPS CSV): map, preview, import.

Step one shows the file (name, encoding, delimiter), a column mapping pre-selected from
the recognised header names, and a preview of what each line becomes or why it cannot
be imported. Changing a mapping plans the file again. Import adds every good row in one
transaction (all or nothing); rows with problems are only left out when the person
ticks "skip". Step two is the report: every skipped line with file, line and reason.

Reading, planning and importing a large file run on a pool thread (a progress bar in
the dialog; Cancel stops the planning); a small file is handled at once on the UI
thread, which is also what tests use. The import becomes an :class:`ImportDealsCommand`
pushed on the undo stack passed in (or left in :attr:`DealImportDialog.command` for
the caller to push): one undo takes back the whole import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
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

from relationsapp.core.services import Services
from relationsapp.i18n.formatting import format_number
from relationsapp.i18n.translate import _, ngettext
from relationsapp.interop.csv_reading import (
    CsvTable,
    Progress,
    guess_columns,
    read_csv,
)
from relationsapp.interop.feedback_csv import FEEDBACK_COLUMNS, apply_feedback_import
from relationsapp.interop.orders_csv import ORDER_COLUMNS, OrderImportPlan, apply_order_import
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.deal_import_model import ImportPreviewModel
from relationsapp.ui.deal_import_preview import (
    PREVIEW_ROWS,
    ImportKind,
    PlannedImport,
    delimiter_name,
    encoding_name,
    field_labels,
    missing_fields,
    plan_import,
)
from relationsapp.ui.field_error_label import FieldErrorLabel
from relationsapp.ui.import_commands import ImportDealsCommand
from relationsapp.ui.import_jobs import JobRunner
from relationsapp.ui.import_report_page import ImportReportPage

#: Files with more rows than this are planned and imported on a pool thread.
ASYNC_ROWS = 5000
#: Bytes a row takes at least, to guess from the file's size whether reading it is long.
_BYTES_PER_ROW = 60


class DealImportDialog(QDialog):
    """Import orders (``kind="orders"``) or survey answers (``kind="feedback"``) from CSV."""

    #: A plan is shown (after the file was read or a mapping changed).
    plan_ready = Signal()
    #: The import is done: the :class:`ImportDealsCommand` (pushed if a stack was given).
    imported = Signal(object)

    def __init__(
        self,
        services: Services,
        kind: ImportKind,
        path: str | None,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
        notifier: ChangeNotifier | None = None,
        async_rows: int = ASYNC_ROWS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deal_import")
        self._services, self._kind = services, kind
        self._undo_stack, self._notifier = undo_stack, notifier
        self._async_rows = async_rows
        self._path = ""
        self._table: CsvTable | None = None
        self.planned: PlannedImport | None = None
        #: The import done, as a command (already pushed when an undo stack was given).
        self.command: ImportDealsCommand | None = None
        self._importing = False
        self.jobs = JobRunner(self)
        self.jobs.started.connect(self._on_job_started)
        self.jobs.progressed.connect(self._on_progress)
        self.jobs.stopped.connect(self._on_job_stopped)

        self.setWindowTitle(_("Import orders") if kind == "orders" else _("Import survey results"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._mapping_page())
        self.report_page = ImportReportPage()
        self.report_page.closed.connect(self.accept)
        self.pages.addWidget(self.report_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(920, 680)
        self._update_buttons()
        if path:
            self.load(path)

    # --- building -------------------------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        self.file_label = QLabel(_("No file chosen."))
        self.file_label.setObjectName("import_file")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.file_label.font()
        font.setBold(True)
        self.file_label.setFont(font)
        self.choose_button = QPushButton(_("Choose &file…"))
        self.choose_button.setObjectName("import_choose_file")
        self.choose_button.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        self.details = QLabel()
        self.details.setObjectName("import_details")

        self.columns_group = QGroupBox(_("Columns in the file"))
        grid = QGridLayout(self.columns_group)
        self.combos: dict[str, QComboBox] = {}
        for position, (field, text) in enumerate(field_labels(self._kind).items()):
            combo = QComboBox()
            combo.setObjectName(f"import_column_{field}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(self._replan)
            caption = QLabel(text)
            caption.setBuddy(combo)
            row, column = divmod(position, 2)
            grid.addWidget(caption, row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
            self.combos[field] = combo
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(2, 0)
        grid.setHorizontalSpacing(12)

        self.model = ImportPreviewModel(self._kind, self)
        self.preview = QTableView()
        self.preview.setObjectName("import_preview")
        self.preview.setModel(self.model)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setWordWrap(False)
        rows = self.preview.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)  # as the contacts list
        header = self.preview.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        preview_label = QLabel(_("Pre&view:"))
        preview_label.setBuddy(self.preview)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("import_preview_note")
        self.preview_note.hide()

        self.progress = QProgressBar()
        self.progress.setObjectName("import_progress")
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self.progress_box.hide()

        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.error = FieldErrorLabel("import")
        self.skip_box = QCheckBox(_("Import the good rows and s&kip the others"))
        self.skip_box.setObjectName("import_skip_problems")
        self.skip_box.toggled.connect(self._update_buttons)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setObjectName("import_button")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_now)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(file_row)
        layout.addWidget(self.details)
        layout.addWidget(self.columns_group)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.buttons)
        return page

    # --- the file and its columns ---------------------------------------------------------

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.windowTitle(),
            str(Path(self._path).parent) if self._path else "",
            _("CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        """Read ``path`` (on a pool thread when it is large), guess its columns and plan it."""
        self._path = path
        self._table = None
        self.planned = None
        self.model.set_rows([])
        self.summary.clear()
        self.preview_note.hide()
        self.error.clear_error()
        self.file_label.setText(Path(path).name)
        self.file_label.setToolTip(path)
        self.details.clear()
        self._fill_combos()
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0  # read_csv says why it cannot be read
        self.jobs.run(
            lambda _progress: read_csv(path),
            self._on_read,
            self._on_failed,
            _("Reading the file…"),
            size > self._async_rows * _BYTES_PER_ROW,
        )

    def _on_read(self, table: CsvTable) -> None:
        self._table = table
        records = len(table.rows) + len(table.ragged)
        self.details.setText(
            " · ".join(
                [
                    _("Encoding: %(encoding)s") % {"encoding": encoding_name(table.encoding)},
                    _("Delimiter: %(delimiter)s") % {"delimiter": delimiter_name(table.delimiter)},
                    ngettext("%(count)s line of data", "%(count)s lines of data", records)
                    % {"count": format_number(records)},
                ]
            )
        )
        self._fill_combos()
        self._replan()

    def _fill_combos(self) -> None:
        """Each combo lists the headers; the recognised one is chosen."""
        table = self._table
        aliases = ORDER_COLUMNS if self._kind == "orders" else FEEDBACK_COLUMNS
        guessed = guess_columns(table, aliases) if table is not None else {}
        header = table.header if table is not None else ()
        samples = [self._sample(index) for index in range(len(header))]
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(none)"), None)
            for index, name in enumerate(header):
                combo.addItem(name or _("Column %(number)d") % {"number": index + 1}, index)
                # What the column holds, for headers that say little ("Col3", "Wert").
                combo.setItemData(combo.count() - 1, samples[index], Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(combo.findData(guessed[field]) if field in guessed else 0)
            combo.setEnabled(table is not None)
            combo.blockSignals(False)

    def _sample(self, index: int) -> str:
        """The first few values of column ``index``: ``1.234,50 · 99,00 · 12.000,00``."""
        assert self._table is not None
        values = (row.values[index].strip() for row in self._table.rows[:20])
        return " · ".join([value for value in values if value][:3])

    def columns(self) -> dict[str, int]:
        """Field → column index, as the combos say now."""
        chosen = {field: combo.currentData() for field, combo in self.combos.items()}
        return {field: index for field, index in chosen.items() if index is not None}

    def _replan(self) -> None:
        table = self._table
        if table is None:
            return
        self.planned = None
        columns = self.columns()
        missing = missing_fields(self._kind, columns)
        if missing:
            self.jobs.cancel()
            self.model.set_rows([])
            self.summary.clear()
            self.preview_note.hide()
            self.error.clear_error()
            self.error.show_error(missing)
            self._update_buttons()
            return
        services, kind = self._services, self._kind
        self.jobs.run(
            lambda progress: plan_import(services, kind, table, columns, progress),
            self._on_planned,
            self._on_failed,
            _("Checking the rows…"),
            len(table.rows) > self._async_rows,
        )

    def _on_planned(self, planned: PlannedImport) -> None:
        self.planned = planned
        self.model.set_rows(planned.preview)
        self.preview.resizeColumnsToContents()
        header = self.preview.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column), 260))
        if planned.kind == "orders":
            ready = ngettext("%(count)s order ready", "%(count)s orders ready", planned.ready)
        else:
            ready = ngettext("%(count)s answer ready", "%(count)s answers ready", planned.ready)
        parts = [ready % {"count": format_number(planned.ready)}]
        lines = planned.plan.problem_lines
        if lines:
            parts.append(
                ngettext("%(count)s line with problems", "%(count)s lines with problems", lines)
                % {"count": format_number(lines)}
            )
        self.summary.setText(" · ".join(parts))
        self.error.clear_error()
        self.preview_note.setText(
            _("The preview shows the first %(count)s lines and every line with a problem.")
            % {"count": format_number(PREVIEW_ROWS)}
        )
        self.preview_note.setVisible(planned.records > PREVIEW_ROWS)
        self._update_buttons()
        self.plan_ready.emit()

    # --- importing and the report ---------------------------------------------------------

    def import_now(self) -> None:
        """Import the planned rows in one transaction (the button, or a test)."""
        planned = self.planned
        if planned is None or not self.import_button.isEnabled():
            return
        deals, skip = self._services.deals, self.skip_box.isChecked()
        plan = planned.plan

        def work(_progress: Progress | None) -> list[int]:
            if isinstance(plan, OrderImportPlan):
                return apply_order_import(plan, deals, skip_problems=skip)
            return apply_feedback_import(plan, deals, skip_problems=skip)

        self._importing = True
        self.jobs.run(
            work,
            self._on_imported,
            self._on_failed,
            _("Importing…"),
            planned.ready > self._async_rows,
        )

    def _on_imported(self, ids: list[int]) -> None:
        self._importing = False
        planned = self.planned
        assert planned is not None
        self.command = ImportDealsCommand(
            self._services.deals, self._notifier, self._kind, ids, planned.plan.file
        )
        if self._undo_stack is not None:
            self._undo_stack.push(self.command)
        self.report_page.show_result(self._kind, len(ids), planned.plan.file, planned.problems)
        self.pages.setCurrentWidget(self.report_page)
        self.imported.emit(self.command)

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
        if self._importing:  # the plan still stands; nothing was written
            self._importing = False
        else:
            self.planned = None
            self.model.set_rows([])
            self.summary.clear()
        self.error.clear_error()
        self.error.show_error(str(error))
        self._update_buttons()

    def _update_buttons(self) -> None:
        planned = None if self.jobs.busy else self.planned
        problems = planned is not None and bool(planned.problems)
        self.skip_box.setEnabled(problems)
        self.import_button.setEnabled(
            planned is not None
            and planned.ready > 0
            and (not problems or self.skip_box.isChecked())
        )
        self.choose_button.setEnabled(not self._importing)
        self.columns_group.setEnabled(not self._importing)
        self.cancel_button.setEnabled(not self._importing)

    def reject(self) -> None:
        if not self._importing:  # an import runs to its end: it is one write
            super().reject()

    def done(self, result: int) -> None:
        """Closing stops a plan in progress and waits for the pool thread to let go."""
        self.jobs.cancel()
        self.jobs.wait()
        super().done(result)
