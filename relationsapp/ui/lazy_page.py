"""A page built the first time it is shown, so start-up does not pay for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from relationsapp.i18n.translate import _

#: How long a deferred page waits after it is first shown: enough for the window to paint.
DEFER_MS = 50


class LazyPage(QWidget):
    """Holds ``build()``'s widget, made on the first show (e.g. the planner, which
    loads holiday data and the slot finder).

    A ``deferred`` page (the landing page) is built just after its first show, so the
    window paints first and the page fills a moment later, saying "Loading…" meanwhile.
    """

    def __init__(
        self,
        build: Callable[[], QWidget],
        parent: QWidget | None = None,
        *,
        deferred: bool = False,
    ) -> None:
        super().__init__(parent)
        self._build: Callable[[], QWidget] | None = build
        self._deferred = deferred
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder: QLabel | None = None
        # A child timer, not QTimer.singleShot(ms, callable): it dies with the page, so a
        # page closed before the timer fires is never built into a deleted widget.
        self._defer = QTimer(self)
        self._defer.setSingleShot(True)
        self._defer.setInterval(DEFER_MS)
        self._defer.timeout.connect(self.ensure_built)

    def ensure_built(self) -> QWidget:
        if self.page is None:
            assert self._build is not None
            self.page = self._build()
            self._build = None
            if self._placeholder is not None:
                self._placeholder.deleteLater()
                self._placeholder = None
            self._layout.addWidget(self.page)
            if self.isVisible():  # a child added to a shown widget is shown only later
                self.page.show()
        return self.page

    def showEvent(self, event: QShowEvent) -> None:
        if self.page is None and self._deferred:
            if self._placeholder is None:
                self._placeholder = QLabel(_("Loading…"))
                self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self._layout.addWidget(self._placeholder)
                self._defer.start()
        else:
            self.ensure_built()
        super().showEvent(event)
