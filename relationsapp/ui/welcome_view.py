"""First start on an empty file: load sample data, import contacts, or start empty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relationsapp.i18n.translate import _


class WelcomeView(QWidget):
    """Three ways to begin; the window decides what each does."""

    sample_requested = Signal()
    import_requested = Signal()
    empty_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(_("Welcome to RelationsApp"))
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setBold(True)
        title.setFont(title_font)
        title.setWordWrap(True)
        intro = QLabel(
            _(
                "Know who your clients are, what time it is where they are, how they like to be "
                "addressed and what you promised them — offline, in hotels and on trains."
            )
        )
        intro.setWordWrap(True)

        self.sample_button = QPushButton(_("Load &sample data"))
        self.sample_button.setObjectName("welcome_sample")
        self.sample_button.setToolTip(
            _("About 300 contacts at 80 companies in 19 countries, to try everything out.")
        )
        self.import_button = QPushButton(_("&Import contacts…"))
        self.import_button.setObjectName("welcome_import")
        import_note = QLabel(
            _("vCard files from phones and address books, CSV from Google, Outlook or a sheet.")
        )
        import_note.setObjectName("welcome_import_note")
        import_note.setWordWrap(True)
        self.empty_button = QPushButton(_("Start e&mpty"))
        self.empty_button.setObjectName("welcome_empty")

        for button in (self.sample_button, self.import_button, self.empty_button):
            button.setMinimumHeight(button.sizeHint().height() * 3 // 2)
        self.sample_button.setDefault(True)
        self.sample_button.clicked.connect(self.sample_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.empty_button.clicked.connect(self.empty_requested)

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(24)
        column.addWidget(self.sample_button)
        column.addWidget(self.import_button)
        column.addWidget(import_note)
        column.addWidget(self.empty_button)
        holder = QWidget()
        holder.setLayout(column)
        # A fixed width lets the word-wrapped intro report its true height; with only a
        # maximum width the layout squeezes it to one clipped line.
        holder.setFixedWidth(560)
        # Centred with stretches, not an alignment flag: a widget added with alignment
        # loses height-for-width, and the wrapped title and intro get clipped.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
