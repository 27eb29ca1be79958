"""The page frame shared by our PDFs: styles, paper size, footer, bookmarks, rendering.

The footer ("Confidential · printed …" and "Page N of M") is written when the document
is saved, so the page count is known; bookmarks are flowables that mark the page they
land on and add an entry to the PDF outline (the reader's sidebar).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from relationsapp.i18n.formatting import ui_locale
from relationsapp.reports.fonts import base_font

#: Territories that print on US Letter rather than A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"})
GREY = colors.HexColor("#555555")
RED = colors.HexColor("#b00020")
MARGIN = 18 * mm


def page_size() -> tuple[float, float]:
    """US Letter for the UI locale's territory where Letter is the norm, else A4."""
    return LETTER if (ui_locale().territory or "") in LETTER_TERRITORIES else A4


def styles() -> dict[str, ParagraphStyle]:
    font = base_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13)
    return {
        "body": body,
        "kicker": ParagraphStyle("kicker", parent=body, fontSize=8, textColor=GREY),
        "title": ParagraphStyle("title", parent=body, fontSize=20, leading=26, spaceAfter=4),
        "name": ParagraphStyle("name", parent=body, fontSize=18, leading=24),
        "sub": ParagraphStyle("sub", parent=body, fontSize=10.5, leading=14),
        "heading": ParagraphStyle(
            "heading", parent=body, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=3
        ),
        "item": ParagraphStyle("item", parent=body, leftIndent=10),
        "alert": ParagraphStyle("alert", parent=body, leftIndent=10, textColor=RED),
        "note": ParagraphStyle("note", parent=body, leftIndent=10, textColor=GREY),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12),
    }


def _numbered_canvas(confidential: str, page_text: str) -> type[Canvas]:
    """A canvas class that writes the footer once the page count is known."""

    class NumberedCanvas(Canvas):
        """Pages are held back until the end; so are their bookmarks, which must point
        at the page object written then (made at once, they would all name page 1)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._page_bookmarks: list[str] = []

        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> None:
            self._page_bookmarks.append(key)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._page_bookmarks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                for key in state["_page_bookmarks"]:
                    Canvas.bookmarkPage(self, key)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(base_font(), 8)
            self.setFillColor(GREY)
            self.drawString(MARGIN, 10 * mm, confidential)
            text = page_text % {"page": self._pageNumber, "pages": total}
            self.drawRightString(width - MARGIN, 10 * mm, text)
            self.restoreState()

    return NumberedCanvas


class Bookmark(Flowable):
    """Marks the page it lands on: a PDF outline entry and a target for internal links."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        # Outline titles are plain text (not markup): user text is safe here.
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=True)


def render(story: list[Flowable], *, title: str, confidential: str, page_text: str) -> bytes:
    """``story`` laid out on our paper with the footer; the PDF as bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size(),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="RelationsApp",
        initialFontName=base_font(),
    )
    document.build(story, canvasmaker=_numbered_canvas(confidential, page_text))
    return buffer.getvalue()
