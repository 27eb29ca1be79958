"""A printed briefing on screen before it goes to paper: preview, save as PDF, print.

The dialog holds no report logic: it is given a PdfMaker (relationsapp.ui.briefing_jobs)
and calls it on a pool thread whenever the language or "leave out sensitive notes"
changes. Printing paints the pages onto the printer on the same pool thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from relationsapp.i18n.translate import SUPPORTED_LANGUAGES, _, current_language, ngettext
from relationsapp.ui.briefing_jobs import (
    JobCancelled,
    PdfJobs,
    PdfMaker,
    Progress,
    SheetOptions,
    chosen_pages,
    print_pdf,
)

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0


def language_combo(chosen: str | None = None) -> QComboBox:
    """The sheet's language: the UI's first (data None), then the other shipped ones,
    each in its own name so a reader of that language finds it."""
    combo = QComboBox()
    combo.setObjectName("sheet_language")
    ui = current_language()
    combo.addItem(
        _("%(language)s (interface language)") % {"language": SUPPORTED_LANGUAGES[ui]}, None
    )
    for code, own_name in SUPPORTED_LANGUAGES.items():
        if code != ui:
            combo.addItem(own_name, code)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
    return combo


def sensitive_box(checked: bool = False) -> QCheckBox:
    """Leave out what should not lie on a client's desk (personal notes and the like)."""
    box = QCheckBox(_("Leave out &sensitive notes"))
    box.setObjectName("leave_out_sensitive")
    box.setToolTip(_("Notes marked as sensitive are not printed: for a sheet others may see."))
    box.setChecked(checked)
    return box


def safe_file_name(text: str) -> str:
    """``text`` without the characters file systems refuse (``/``, ``:`` and the like)."""
    cleaned = "".join(" " if char in '<>:"/\\|?*' or ord(char) < 32 else char for char in text)
    return " ".join(cleaned.split()) or "briefing"


class PdfPreviewDialog(QDialog):
    """PDF pages in a scrolling view, with language, sensitive notes, save and print."""

    def __init__(
        self,
        make_pdf: PdfMaker,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        *,
        pdf: bytes | None = None,
        options: SheetOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(title)
        self.resize(820, 900)
        self._make_pdf = make_pdf
        self._file_name = safe_file_name(file_name)
        self._pdf = b""
        # The bytes and the device QPdfDocument reads from must live as long as it does.
        self._data = QByteArray()
        self._buffer: QBuffer | None = None
        self._printer: QPrinter | None = None  # kept while a job paints on it
        self.jobs = PdfJobs(self)
        self.jobs.busy_changed.connect(self._on_busy)
        self.jobs.progressed.connect(self._on_progress)
        options = options or SheetOptions()

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())

        self.language = language_combo(options.language)
        language_caption = QLabel(_("&Language:"))
        language_caption.setBuddy(self.language)
        self.sensitive = sensitive_box(options.leave_out_sensitive)
        self.language.currentIndexChanged.connect(lambda _index: self.regenerate())
        self.sensitive.toggled.connect(lambda _checked: self.regenerate())

        self.zoom_out_button = self._tool(_("Zoom &out"), QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_button = self._tool(_("Zoom &in"), QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.fit_button = self._tool(_("Fit &width"), None)
        self.fit_button.clicked.connect(self.fit_width)
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")

        self.busy = QProgressBar()
        self.busy.setObjectName("busy")
        self.busy.setRange(0, 0)  # moving to and fro: work under way, length unknown
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.stop_button = QPushButton(_("S&top"))
        self.stop_button.setObjectName("stop")
        self.stop_button.clicked.connect(self.jobs.cancel)
        self.status = QLabel()
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)

        self.save_button = QPushButton(_("Save as &PDF…"))
        self.save_button.setObjectName("save_pdf")
        self.save_button.clicked.connect(lambda: self.save_as())
        self.print_button = QPushButton(_("P&rint…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_pages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        options_row = QHBoxLayout()
        options_row.addWidget(language_caption)
        options_row.addWidget(self.language)
        options_row.addWidget(self.sensitive)
        options_row.addStretch(1)
        options_row.addWidget(self.zoom_out_button)
        options_row.addWidget(self.zoom_in_button)
        options_row.addWidget(self.fit_button)
        options_row.addWidget(self.page_label)
        status_row = QHBoxLayout()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.stop_button)
        status_row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(options_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(status_row)
        layout.addWidget(buttons)

        self._on_busy(False)
        if pdf is None:
            self.regenerate()
        else:
            self.show_pdf(pdf)

    def _tool(self, text: str, shortcut: QKeySequence.StandardKey | None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        if shortcut is not None:
            button.setShortcut(QKeySequence(shortcut))
        return button

    # --- the document ------------------------------------------------------------------

    def options(self) -> SheetOptions:
        """The language and sensitive-notes choice above the preview."""
        return SheetOptions(self.language.currentData(), self.sensitive.isChecked())

    def pdf(self) -> bytes:
        """The PDF shown (what Save and Print use)."""
        return self._pdf

    def regenerate(self) -> None:
        """Make the PDF again with the current options, off the UI thread."""
        make, options = self._make_pdf, self.options()

        def work(progress: Progress) -> bytes:
            return make(options, progress)

        self.status.clear()
        self.jobs.start(work, self._on_made, self._on_make_failed)

    def _on_made(self, result: object) -> None:
        assert isinstance(result, bytes)
        self.show_pdf(result)

    def _on_make_failed(self, error: Exception) -> None:
        self.status.setText(_("The briefing could not be made: %(error)s") % {"error": error})

    def show_pdf(self, pdf: bytes) -> None:
        """Show ``pdf``; the page in view stays where it was when it still exists."""
        page = self.view.pageNavigator().currentPage()
        old_buffer = self._buffer
        self.document.close()
        self._pdf = pdf
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old_buffer is not None:
            old_buffer.close()
            old_buffer.deleteLater()
        if self.document.status() != QPdfDocument.Status.Ready:
            self.status.setText(_("The briefing could not be shown."))
        elif 0 < page < self.document.pageCount():
            self.view.pageNavigator().jump(page, self.view.pageNavigator().currentLocation())
        self._show_page()
        self._on_busy(self.jobs.is_busy())

    def _show_page(self) -> None:
        if not (isValid(self.document) and isValid(self.view)):
            return  # the dialog is being deleted: the view's navigator resets on its way
        count = self.document.pageCount()
        page = self.view.pageNavigator().currentPage()
        self.page_label.setText(
            _("Page %(page)s of %(count)s") % {"page": min(page + 1, count), "count": count}
            if count
            else ""
        )

    # --- zoom ----------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` from what is shown now (fit-to-width becomes a fixed zoom)."""
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._fitted_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, current * factor)))

    def _fitted_zoom(self) -> float:
        """The zoom factor fit-to-width shows now (QPdfView does not report it)."""
        points = self.document.pagePointSize(self.view.pageNavigator().currentPage())
        if points.isEmpty():
            return 1.0
        # QPdfView draws a point as logicalDpi/72 pixels at zoom 1.
        width = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return max(MIN_ZOOM, width / (points.width() * self.view.logicalDpiX() / 72))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # --- busy ------------------------------------------------------------------------------

    def _on_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.stop_button.setVisible(busy and self._printer is not None)
        ready = not busy and self.document.pageCount() > 0
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)
        # While printing, the options stay: a new sheet would stop the printing.
        self.language.setEnabled(self._printer is None)
        self.sensitive.setEnabled(self._printer is None)
        if busy:
            self.busy.setRange(0, 0)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 1:
            self.busy.setRange(0, total)
            self.busy.setValue(done)

    # --- save and print ------------------------------------------------------------------

    def save_as(self, path: str | None = None) -> Path | None:
        """Write the PDF shown to a file (asks where unless ``path`` is given)."""
        if not self._pdf:
            return None
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save as PDF"),
                f"{self._file_name}.pdf",
                _("PDF documents (*.pdf)"),
            )
        if not path:
            return None
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".pdf")
        try:
            target.write_bytes(self._pdf)
        except OSError as error:
            QMessageBox.warning(
                self,
                _("Save as PDF"),
                _("Could not write %(path)s: %(error)s")
                % {"path": target, "error": error.strerror or error},
            )
            return None
        self.status.setText(_("Saved %(path)s") % {"path": target.name})
        return target

    def print_pages(self) -> None:
        """Ask for a printer and pages, then print them on the pool thread."""
        count = self.document.pageCount()
        if not self._pdf or not count or self.jobs.is_busy():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print briefing"))
        dialog.setMinMax(1, count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return
        pages = chosen_pages(printer, count, self.view.pageNavigator().currentPage())
        if not pages:
            self.status.setText(_("No pages to print in that range."))
            return
        pdf = self._pdf
        self._printer = printer

        def work(progress: Progress) -> int:
            return print_pdf(pdf, printer, pages, progress)

        self.status.setText(_("Printing…"))
        self.jobs.start(work, self._on_printed, self._on_print_failed)

    def _printing_over(self, message: str) -> None:
        self._printer = None
        self.status.setText(message)
        self._on_busy(False)

    def _on_printed(self, result: object) -> None:
        count = result if isinstance(result, int) else 0
        self._printing_over(
            ngettext(
                "Sent %(count)s page to the printer.", "Sent %(count)s pages to the printer.", count
            )
            % {"count": count}
        )

    def _on_print_failed(self, error: Exception) -> None:
        if isinstance(error, JobCancelled):
            self._printing_over(_("Printing stopped."))
        else:
            self._printing_over(_("Could not print: %(error)s") % {"error": error})

    # --- closing -------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """No job outlives the dialog: stop the sheet being made or the pages printing."""
        self.jobs.stop()
        super().done(result)
