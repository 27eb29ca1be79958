"""The PDF preview on its own: pages, zoom, busy while remaking, stale sheets dropped."""

from __future__ import annotations

import io
import threading

from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from relationsapp.ui.briefing_jobs import Progress, SheetOptions
from relationsapp.ui.pdf_preview_dialog import PdfPreviewDialog, safe_file_name


def pdf_saying(text: str, pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for page in range(pages):
        canvas.drawString(72, 720, f"{text} {page + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def by_language(options: SheetOptions, _progress: Progress) -> bytes:
    return pdf_saying(f"language={options.language} sensitive={options.leave_out_sensitive}", 3)


def made_dialog(qtbot: QtBot, make: object = by_language) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(make, "Briefing", "Jørgen: notes/2025")  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0 and not dialog.jobs.is_busy())
    return dialog


def text_of(dialog: PdfPreviewDialog, page: int = 0) -> str:
    return dialog.document.getAllText(page).text()


def test_the_first_sheet_is_in_the_ui_language_and_shows_every_page(qtbot: QtBot) -> None:
    dialog = made_dialog(qtbot)
    assert "language=None sensitive=False 1" in text_of(dialog)
    assert dialog.document.pageCount() == 3
    assert dialog.page_label.text() == "Page 1 of 3"
    assert dialog.language.itemData(0) is None
    assert dialog.language.itemText(0) == "English (interface language)"
    assert {dialog.language.itemData(i) for i in range(1, dialog.language.count())} == {
        "da",
        "fi",
    }


def test_scrolling_to_the_end_shows_the_last_page_number(qtbot: QtBot) -> None:
    dialog = made_dialog(qtbot)
    scroll_bar = dialog.view.verticalScrollBar()
    scroll_bar.setValue(scroll_bar.maximum())
    qtbot.waitUntil(lambda: dialog.page_label.text() == "Page 3 of 3")


def test_a_sheet_being_made_shows_as_busy(qtbot: QtBot) -> None:
    release = threading.Event()

    def slow(options: SheetOptions, progress: Progress) -> bytes:
        if options.leave_out_sensitive:
            release.wait(10)
        return by_language(options, progress)

    dialog = made_dialog(qtbot, slow)
    dialog.sensitive.setChecked(True)
    assert dialog.busy.isVisible()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dialog.jobs.is_busy())
    assert not dialog.busy.isVisible()
    assert "sensitive=True" in text_of(dialog)
    assert dialog.save_button.isEnabled()


def test_an_older_sheet_arriving_late_is_dropped(qtbot: QtBot) -> None:
    release = threading.Event()
    asked: list[str | None] = []

    def make(options: SheetOptions, progress: Progress) -> bytes:
        asked.append(options.language)
        if options.language == "da":
            release.wait(10)  # Danish is still being made when Finnish is asked for
        return by_language(options, progress)

    dialog = made_dialog(qtbot, make)
    shown: list[bytes] = []
    dialog.document.statusChanged.connect(lambda _status: shown.append(dialog.pdf()))
    dialog.language.setCurrentIndex(dialog.language.findData("da"))
    qtbot.waitUntil(lambda: asked[-1] == "da")
    dialog.language.setCurrentIndex(dialog.language.findData("fi"))
    release.set()
    qtbot.waitUntil(lambda: "language=fi" in text_of(dialog))
    assert not dialog.jobs.is_busy()
    assert not any(b"language=da" in pdf for pdf in shown)


def test_zoom_in_and_out_leave_fit_to_width_and_back(qtbot: QtBot) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    dialog = made_dialog(qtbot)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    dialog.zoom_in_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    larger = dialog.view.zoomFactor()
    dialog.zoom_out_button.click()
    assert dialog.view.zoomFactor() < larger
    dialog.fit_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_a_failing_sheet_says_why(qtbot: QtBot) -> None:
    def broken(_options: SheetOptions, _progress: Progress) -> bytes:
        raise ValueError("no such contact")

    dialog = PdfPreviewDialog(broken, "Briefing", "x")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.jobs.is_busy())
    assert "no such contact" in dialog.status.text()
    assert not dialog.save_button.isEnabled()


def test_file_names_lose_what_file_systems_refuse() -> None:
    assert safe_file_name("Jørgen: notes/2025") == "Jørgen notes 2025"
    assert safe_file_name("///") == "briefing"
