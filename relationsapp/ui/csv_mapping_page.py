"""One contacts CSV file in the import: who wrote it and what each column becomes.

The page shows the detected kind ("Google Contacts", "Outlook (German)", …), then one
row per column: its header, two values from the file and a choice of what it becomes.
"Keep as other field" (the default of a column nobody recognised) keeps its values as
``X-CSV-<header>`` other fields; "Leave out" drops them. Every change reads the file
again with the new mapping (on a pool thread) and says what came of it, so the person
sees the effect before the preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.names import display_name
from relationsapp.i18n.formatting import format_number, language_name
from relationsapp.i18n.translate import _, ngettext
from relationsapp.interop.contact_csv import read_contact_csv
from relationsapp.interop.contact_csv_layouts import (
    KIND_GOOGLE,
    KIND_OUTLOOK,
    KIND_RELATIONSAPP,
    TARGETS,
    ContactCsvLayout,
    classify_header,
    target_label,
)
from relationsapp.interop.contact_records import MAX_FILE_BYTES, MAX_RECORDS, ParsedContacts
from relationsapp.interop.csv_reading import CsvFileError, read_csv
from relationsapp.ui.deal_import_preview import delimiter_name, encoding_name
from relationsapp.ui.import_jobs import JobRunner

HEADER, FIRST_SAMPLE, SECOND_SAMPLE, TARGET = range(4)
#: Rows of the file looked through for two non-empty sample values of a column.
SAMPLE_ROWS = 50


@dataclass(frozen=True)
class CsvFile:
    """What the mapping page needs of a file: its layout and a few values per column."""

    path: str
    layout: ContactCsvLayout
    #: Per column, up to two non-empty values from the first rows.
    samples: tuple[tuple[str, ...], ...]
    records: int


def load_csv_file(path: str) -> CsvFile | None:
    """Read ``path``'s header and first values (a pool thread); None when it cannot be
    read at all (the import then reports why, as an error row)."""
    try:
        table = read_csv(path, max_bytes=MAX_FILE_BYTES, max_rows=MAX_RECORDS, keep_going=True)
    except CsvFileError:
        return None
    kind, language, mapping = classify_header(table.header)
    layout = ContactCsvLayout(
        kind, table.header, table.encoding, table.delimiter, mapping, language
    )
    samples = []
    for index in range(len(table.header)):
        values = (row.values[index].strip() for row in table.rows[:SAMPLE_ROWS])
        samples.append(tuple([value for value in values if value][:2]))
    return CsvFile(path, layout, tuple(samples), len(table.rows) + len(table.ragged))


def kind_name(layout: ContactCsvLayout) -> str:
    """Who wrote the file, as a person would say it."""
    if layout.kind == KIND_GOOGLE:
        return _("Google Contacts")
    if layout.kind == KIND_OUTLOOK:
        if layout.language:
            return _("Outlook (%(language)s)") % {"language": language_name(layout.language)}
        return _("Outlook")
    if layout.kind == KIND_RELATIONSAPP:
        return _("RelationsApp")
    return _("Other CSV")


class CsvMappingPage(QWidget):
    """The columns of one CSV file and what they become; :attr:`parsed` is the result."""

    #: The file was read again (or is being read): :attr:`parsed` and :attr:`busy` changed.
    changed = Signal()

    def __init__(
        self, csv_file: CsvFile, parent: QWidget | None = None, *, in_background: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("csv_mapping_page")
        self.file = csv_file
        self.layout_used = csv_file.layout
        #: The people of the file read with :attr:`layout_used`; None while it is read.
        self.parsed: ParsedContacts | None = None
        self._in_background = in_background
        self.jobs = JobRunner(self)
        self.jobs.stopped.connect(self.changed)

        name = QLabel(Path(csv_file.path).name)
        name.setObjectName("csv_file_name")
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setToolTip(csv_file.path)
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        layout = csv_file.layout
        self.kind_label = QLabel(_("Written by: %(kind)s") % {"kind": kind_name(layout)})
        self.kind_label.setObjectName("csv_kind")
        details = QLabel(
            " · ".join(
                [
                    _("Encoding: %(encoding)s") % {"encoding": encoding_name(layout.encoding)},
                    _("Delimiter: %(delimiter)s") % {"delimiter": delimiter_name(layout.delimiter)},
                    ngettext("%(count)s line of data", "%(count)s lines of data", csv_file.records)
                    % {"count": format_number(csv_file.records)},
                ]
            )
        )
        details.setObjectName("csv_details")

        self.table = QTableWidget(len(layout.headers), 4)
        self.table.setObjectName("csv_columns")
        self.table.setHorizontalHeaderLabels(
            [_("Column"), _("Example"), _("Another example"), _("Becomes")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.combos: list[QComboBox] = []
        for index, column_name in enumerate(layout.headers):
            samples = csv_file.samples[index] if index < len(csv_file.samples) else ()
            cells = [column_name or _("Column %(number)d") % {"number": index + 1}]
            cells += [samples[0] if samples else "", samples[1] if len(samples) > 1 else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text.replace("\n", " ⏎ "))
                item.setToolTip(text)
                self.table.setItem(index, column, item)
            combo = self._target_combo(layout.mapping.get(index))
            combo.setObjectName(f"csv_target_{index}")
            combo.currentIndexChanged.connect(self._reread)
            self.table.setCellWidget(index, TARGET, combo)
            self.combos.append(combo)
        self.table.resizeColumnsToContents()
        for column in (HEADER, FIRST_SAMPLE, SECOND_SAMPLE):
            header.resizeSection(column, min(header.sectionSize(column), 240))
        columns_label = QLabel(_("Col&umns in the file:"))
        columns_label.setBuddy(self.table)
        note = QLabel(
            _(
                "A column kept as an other field is not lost: its values are stored with "
                "the contact and exported again."
            )
        )
        note.setWordWrap(True)

        self.result = QLabel()
        self.result.setObjectName("csv_result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(name)
        box.addWidget(self.kind_label)
        box.addWidget(details)
        box.addWidget(columns_label)
        box.addWidget(self.table, 1)
        box.addWidget(note)
        box.addWidget(self.result)
        self._reread()

    @staticmethod
    def _target_combo(target: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("Keep as other field"), None)
        for key in TARGETS:
            combo.addItem(target_label(key), key)
        combo.setCurrentIndex(max(0, combo.findData(target)) if target else 0)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)
        return combo

    @property
    def busy(self) -> bool:
        return self.parsed is None

    def mapping(self) -> dict[int, str]:
        """Column → target, as the combos say now (a column kept as other field: absent)."""
        chosen = {index: combo.currentData() for index, combo in enumerate(self.combos)}
        return {index: target for index, target in chosen.items() if target}

    def set_target(self, column: int, target: str | None) -> None:
        """Choose what ``column`` becomes (as a person picks it in the combo)."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(target)) if target else 0)

    def _reread(self) -> None:
        self.layout_used = self.file.layout.with_mapping(self.mapping())
        self.parsed = None
        self.result.setText(_("Reading the file…"))
        self.changed.emit()
        path, layout = self.file.path, self.layout_used
        self.jobs.run(
            lambda _progress: read_contact_csv(path, layout),
            self._on_read,
            self._on_failed,
            _("Reading the file…"),
            self._in_background,
        )

    def _on_read(self, parsed: ParsedContacts) -> None:
        self.parsed = parsed
        people, skipped = len(parsed.contacts), len(parsed.skipped)
        parts = [
            ngettext("%(count)s person read", "%(count)s people read", people)
            % {"count": format_number(people)}
        ]
        if skipped:
            parts.append(
                ngettext("%(count)s row not read", "%(count)s rows not read", skipped)
                % {"count": format_number(skipped)}
            )
        lines = [" · ".join(parts)]
        if parsed.contacts:
            first = parsed.contacts[0]
            draft = first.draft
            facts = [display_name(draft) or first.account_name]
            facts += [email.address for email in draft.emails[:2]]
            lines.append(_("First: %(person)s") % {"person": " · ".join(f for f in facts if f)})
            if draft.other_fields:
                kept = "; ".join(f"{field.name}: {field.value}" for field in draft.other_fields)
                lines.append(_("Kept as other fields: %(fields)s") % {"fields": kept})
        self.result.setText("\n".join(lines))
        self.changed.emit()

    def _on_failed(self, error: Exception) -> None:
        self.parsed = ParsedContacts()
        self.result.setText(_("The file could not be read: %(error)s") % {"error": error})
        self.changed.emit()

    def stop(self) -> None:
        """Stop reading and wait for the pool thread (the dialog closes)."""
        self.jobs.cancel()
        self.jobs.wait()
