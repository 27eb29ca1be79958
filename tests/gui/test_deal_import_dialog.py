"""Importing orders and survey results from CSV: the column mapping, the preview, the
problems that block Import until "skip" is ticked, one-transaction import, the report
of skipped lines, undo, and planning a large file off the UI thread."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.deal_service import DealService, FeedbackKind, OrderStatus
from relationsapp.core.services import Services
from relationsapp.i18n.formatting import format_date
from relationsapp.i18n.translate import set_language
from relationsapp.storage.database import Database
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.deal_import_dialog import DealImportDialog
from relationsapp.ui.deal_import_model import LINE_ROLE, PROBLEM_ROLE, ImportPreviewModel
from relationsapp.ui.deal_import_preview import PREVIEW_ROWS
from relationsapp.ui.field_error_label import ERROR_COLOR
from tests.helpers.people import seed_people

# A Danish ERP export as Excel on a Danish Windows saves it: Windows-1252, semicolons,
# decimal commas, Danish status words; line 4 names an account nobody has.
DANISH_ORDERS = (
    "Kunde;Dato;Beløb;Valuta;Status\n"
    "Nordisk Pumpe A/S;01.03.2026;1.234,50;DKK;vundet\n"
    "Yamada Seisakusho;02.03.2026;150.000;JPY;åben\n"
    "Ukendt A/S;03.03.2026;99,00;DKK;vundet\n"
    "NORDISK PUMPE A/S;04.03.2026;12.000,00;EUR;tabt\n"
)
SURVEY = (
    "Email,Date,Type,Score,Comment\n"
    "taro.yamada@yamada.example.jp,2026-03-01,NPS,9,Very helpful team\n"
    "nobody@example.com,2026-03-02,CSAT,4,\n"
    "TARO.YAMADA@yamada.example.jp,2026-03-03,CSAT,5,Fast delivery\n"
)


@pytest.fixture
def services(database: Database) -> Services:
    seed_people(database)
    return Services(database)


@pytest.fixture
def orders_file(tmp_path: Path) -> Path:
    path = tmp_path / "ordrer.csv"
    path.write_bytes(DANISH_ORDERS.encode("cp1252"))
    return path


@pytest.fixture
def survey_file(tmp_path: Path) -> Path:
    path = tmp_path / "survey.csv"
    path.write_text(SURVEY, encoding="utf-8")
    return path


@pytest.fixture
def notifier() -> ChangeNotifier:
    return ChangeNotifier()


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


def open_dialog(
    qtbot: QtBot,
    services: Services,
    kind: str,
    path: Path,
    undo_stack: QUndoStack | None = None,
    notifier: ChangeNotifier | None = None,
    **options: int,
) -> DealImportDialog:
    dialog = DealImportDialog(
        services,
        kind,  # type: ignore[arg-type]
        str(path),
        undo_stack=undo_stack,
        notifier=notifier,
        **options,
    )
    qtbot.add_widget(dialog)
    return dialog


@pytest.fixture
def dialog(
    qtbot: QtBot,
    services: Services,
    orders_file: Path,
    undo_stack: QUndoStack,
    notifier: ChangeNotifier,
) -> DealImportDialog:
    return open_dialog(qtbot, services, "orders", orders_file, undo_stack, notifier)


def preview(dialog: DealImportDialog) -> dict[int, list[str]]:
    """Line → the texts of its preview row."""
    model = dialog.model
    return {
        model.index(row, 0).data(LINE_ROLE): [
            model.index(row, column).data() for column in range(model.columnCount())
        ]
        for row in range(model.rowCount())
    }


def choose(dialog: DealImportDialog, field: str, header: str | None) -> None:
    combo = dialog.combos[field]
    index = combo.findData(None) if header is None else combo.findText(header)
    assert index >= 0, (field, header)
    combo.setCurrentIndex(index)


# --- mapping and preview -------------------------------------------------------------------


def test_danish_headers_are_recognised_and_the_file_described(dialog: DealImportDialog) -> None:
    chosen = {field: combo.currentText() for field, combo in dialog.combos.items()}
    assert chosen == {
        "account": "Kunde",
        "account_uid": "(none)",
        "date": "Dato",
        "amount": "Beløb",
        "currency": "Valuta",
        "status": "Status",
        "product": "(none)",
        "notes": "(none)",
    }
    assert dialog.file_label.text() == "ordrer.csv"
    details = dialog.details.text()
    assert "Windows-1252" in details
    assert "semicolon" in details
    assert "4 lines of data" in details
    amount = dialog.combos["amount"]
    assert amount.itemData(amount.currentIndex(), Qt.ItemDataRole.ToolTipRole) == (
        "1.234,50 · 150.000 · 99,00"
    )
    every_combo_lists_the_headers = {
        tuple(combo.itemText(i) for i in range(combo.count())) for combo in dialog.combos.values()
    }
    assert every_combo_lists_the_headers == {
        ("(none)", "Kunde", "Dato", "Beløb", "Valuta", "Status")
    }


def test_preview_shows_matched_accounts_formatted_amounts_and_dates(
    dialog: DealImportDialog,
) -> None:
    rows = preview(dialog)
    assert sorted(rows) == [2, 3, 4, 5]
    assert rows[2] == [
        "2",
        "Nordisk Pumpe A/S",
        format_date(dt.date(2026, 3, 1)),
        "DKK\xa01,234.50",
        "Won",
        "Import",
    ]
    assert rows[3][1] == "株式会社山田製作所 (Yamada Seisakusho)"  # found by its latin name
    assert rows[3][3:5] == ["JP¥150,000", "Open"]  # "." groups: the column's decimal is ","
    assert rows[5][1:5] == ["Nordisk Pumpe A/S", "4 Mar 2026", "€12,000.00", "Lost"]


def test_dates_and_amounts_follow_the_ui_locale(
    qtbot: QtBot, services: Services, orders_file: Path
) -> None:
    set_language("da")
    rows = preview(open_dialog(qtbot, services, "orders", orders_file))
    assert rows[2][2:4] == ["1. mar. 2026", "1.234,50\xa0kr."]
    assert rows[3][3] == "150.000\xa0JP¥"


def test_an_unknown_account_is_shown_in_red_and_blocks_import_until_skip(
    dialog: DealImportDialog,
) -> None:
    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(LINE_ROLE) == 4)
    result = model.index(row, model.columnCount() - 1)
    assert result.data() == "No account is called “Ukendt A/S”."
    assert result.data(PROBLEM_ROLE) == result.data()
    assert result.data(Qt.ItemDataRole.ForegroundRole) == QColor(ERROR_COLOR)
    assert model.index(row, 1).data() == "Ukendt A/S"  # as written in the file
    assert dialog.summary.text() == "3 orders ready · 1 line with problems"
    assert not dialog.import_button.isEnabled()
    assert dialog.skip_box.isEnabled()
    dialog.skip_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.skip_box.setChecked(False)
    assert not dialog.import_button.isEnabled()


def test_changing_a_mapping_plans_again(qtbot: QtBot, dialog: DealImportDialog) -> None:
    with qtbot.wait_signal(dialog.plan_ready):
        choose(dialog, "amount", "Valuta")  # the currency codes are no amounts
    rows = preview(dialog)
    assert rows[2][-1] == "“DKK” is not an amount."
    assert rows[3][-1] == "“JPY” is not an amount."
    assert dialog.summary.text() == "0 orders ready · 4 lines with problems"
    dialog.skip_box.setChecked(True)
    assert not dialog.import_button.isEnabled()  # nothing good to import

    choose(dialog, "amount", "Beløb")
    assert dialog.summary.text() == "3 orders ready · 1 line with problems"


def test_none_means_the_column_is_not_read_even_when_its_header_is_known(
    dialog: DealImportDialog,
) -> None:
    choose(dialog, "status", None)  # an ERP's order export lists placed orders: won
    assert {row[4] for row in preview(dialog).values() if row[-1] == "Import"} == {"Won"}


def test_a_required_field_left_unmapped_says_which_and_plans_nothing(
    dialog: DealImportDialog,
) -> None:
    choose(dialog, "account", None)
    choose(dialog, "currency", None)
    assert dialog.error.text() == "Choose a column for Account, Currency."
    assert dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    choose(dialog, "account", "Kunde")
    choose(dialog, "currency", "Valuta")
    assert not dialog.error.has_error()
    assert dialog.model.rowCount() == 4


def test_a_file_that_is_no_csv_is_refused_with_its_reason(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(b"PK\x03\x04 a spreadsheet")
    dialog = open_dialog(qtbot, services, "orders", path)
    assert "save it as CSV first" in dialog.error.text()
    assert str(path) in dialog.error.text()
    assert not dialog.import_button.isEnabled()
    assert not dialog.combos["account"].isEnabled()


def test_the_preview_keeps_problem_lines_beyond_its_first_rows(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    lines = ["Customer,Date,Amount,Currency"]
    lines += [f"Nordisk Pumpe A/S,2026-03-01,{n}.00,DKK" for n in range(1, 300)]
    lines[280] = "Nobody Ltd,2026-03-01,5.00,DKK"  # line 281 of the file
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = open_dialog(qtbot, services, "orders", path)
    rows = preview(dialog)
    assert len(rows) == PREVIEW_ROWS + 1
    assert max(rows) == 281
    assert rows[281][-1] == "No account is called “Nobody Ltd”."
    assert dialog.preview_note.isVisibleTo(dialog)


# --- importing, the report and undo -------------------------------------------------------


def test_import_adds_the_good_rows_in_one_go_reports_the_skipped_line_and_undoes(
    qtbot: QtBot,
    dialog: DealImportDialog,
    services: Services,
    undo_stack: QUndoStack,
    notifier: ChangeNotifier,
    orders_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deals = services.deals
    calls: list[int] = []
    add_orders = deals.add_orders

    def counted(drafts: list) -> list[int]:  # type: ignore[type-arg]
        calls.append(len(drafts))
        return add_orders(drafts)

    monkeypatch.setattr(deals, "add_orders", counted)
    dialog.skip_box.setChecked(True)
    with qtbot.wait_signal(notifier.deals_changed), qtbot.wait_signal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert calls == [3]  # one transaction with every good row
    orders = DealService(services.database).orders()
    assert sorted(order.draft.amount_minor for order in orders) == [123450, 150000, 1200000]
    assert {order.draft.status for order in orders} == {
        OrderStatus.WON,
        OrderStatus.OPEN,
        OrderStatus.LOST,
    }

    assert dialog.pages.currentIndex() == 1
    assert dialog.report_page.heading.text() == (
        "3 orders were imported from ordrer.csv. 1 line was skipped."
    )
    assert (
        dialog.report_page.text.toPlainText()
        == f"{orders_file}:4: No account is called “Ukendt A/S”."
    )
    assert dialog.report_page.text.isReadOnly()
    dialog.report_page.copy_report()
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None
    assert clipboard.text() == dialog.report_page.report()
    assert "ordrer.csv:4:" in clipboard.text()

    assert undo_stack.count() == 1
    assert dialog.command is not None
    assert undo_stack.undoText() == "Import 3 orders from ordrer.csv"
    ids = sorted(order.id for order in orders)
    with qtbot.wait_signal(notifier.deals_changed):
        undo_stack.undo()
    assert DealService(services.database).orders() == []
    undo_stack.redo()
    assert sorted(order.id for order in DealService(services.database).orders()) == ids
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "close"), Qt.MouseButton.LeftButton)
    assert dialog.result() == DealImportDialog.DialogCode.Accepted


def test_a_clean_file_imports_without_skipping_and_reports_nothing_skipped(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "clean.csv"
    path.write_text("Account,Date,Amount,Currency\nNordisk Pumpe A/S,2026-03-01,10.00,DKK\n")
    dialog = open_dialog(qtbot, services, "orders", path)
    assert dialog.summary.text() == "1 order ready"
    assert not dialog.skip_box.isEnabled()
    dialog.import_now()
    assert dialog.report_page.heading.text() == (
        "1 order was imported from clean.csv. No line was skipped."
    )
    assert not dialog.report_page.text.isVisibleTo(dialog)
    assert dialog.command is not None  # no stack was given: the caller pushes it
    assert len(services.deals.orders()) == 1


# --- survey results -----------------------------------------------------------------------


def test_survey_answers_are_matched_by_email_and_an_unknown_address_reported(
    qtbot: QtBot,
    services: Services,
    survey_file: Path,
    undo_stack: QUndoStack,
    notifier: ChangeNotifier,
) -> None:
    dialog = open_dialog(qtbot, services, "feedback", survey_file, undo_stack, notifier)
    chosen = {field: combo.currentText() for field, combo in dialog.combos.items()}
    assert chosen["email"] == "Email"
    assert (chosen["type"], chosen["score"], chosen["comment"]) == ("Type", "Score", "Comment")
    assert (chosen["nps"], chosen["csat"]) == ("(none)", "(none)")
    rows = preview(dialog)
    assert "taro.yamada@yamada.example.jp" in rows[2][1]
    assert "山田" in rows[2][1]  # the contact the address belongs to
    assert rows[2][3:] == ["NPS 9", "Very helpful team", "Import"]
    assert rows[3][-1] == "No contact has the e-mail address nobody@example.com."
    assert dialog.summary.text() == "2 answers ready · 1 line with problems"
    assert not dialog.import_button.isEnabled()

    dialog.skip_box.setChecked(True)
    with qtbot.wait_signal(notifier.feedback_changed):
        dialog.import_now()
    answers = services.deals.feedback()
    assert sorted((a.draft.kind, a.draft.score, a.draft.source) for a in answers) == [
        (FeedbackKind.CSAT, 5, "import"),
        (FeedbackKind.NPS, 9, "import"),
    ]
    assert dialog.report_page.text.toPlainText() == (
        f"{survey_file}:3: No contact has the e-mail address nobody@example.com."
    )
    assert undo_stack.undoText() == "Import 2 survey answers from survey.csv"
    undo_stack.undo()
    assert services.deals.feedback() == []


def test_a_wide_survey_export_maps_its_nps_and_csat_columns(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(
        "E-mail;Svardato;NPS;Tilfredshed\ntaro.yamada@yamada.example.jp;01.03.2026;9;4\n",
        encoding="utf-8",
    )
    dialog = open_dialog(qtbot, services, "feedback", path)
    assert dialog.combos["nps"].currentText() == "NPS"
    assert dialog.combos["csat"].currentText() == "Tilfredshed"
    assert dialog.combos["type"].currentText() == "(none)"
    assert preview(dialog)[2][3] == "CSAT 4 · NPS 9"
    assert dialog.summary.text() == "2 answers ready"
    choose(dialog, "nps", None)
    choose(dialog, "csat", None)
    assert dialog.error.text() == (
        "Choose the columns of the type and score, or of an NPS or CSAT score."
    )


# --- large files off the UI thread ----------------------------------------------------------


def test_a_large_file_is_read_planned_and_imported_on_a_pool_thread(
    qtbot: QtBot, services: Services, orders_file: Path, undo_stack: QUndoStack
) -> None:
    dialog = DealImportDialog(
        services,
        "orders",
        None,
        undo_stack=undo_stack,
        async_rows=0,  # everything is "large"
    )
    qtbot.add_widget(dialog)
    with qtbot.wait_signal(dialog.plan_ready, timeout=10_000):
        dialog.load(str(orders_file))
        assert dialog.progress_box.isVisibleTo(dialog)
        assert not dialog.import_button.isEnabled()
    assert not dialog.progress_box.isVisibleTo(dialog)
    assert dialog.summary.text() == "3 orders ready · 1 line with problems"
    with qtbot.wait_signal(dialog.plan_ready, timeout=10_000):
        choose(dialog, "status", None)  # a newer plan: the older one is dropped
    dialog.skip_box.setChecked(True)
    with qtbot.wait_signal(dialog.imported, timeout=10_000):
        dialog.import_now()
        assert not dialog.cancel_button.isEnabled()  # an import is one write: no stopping it
    assert {order.draft.status for order in services.deals.orders()} == {OrderStatus.WON}
    assert undo_stack.count() == 1


def test_cancel_stops_planning_and_closes(
    qtbot: QtBot, services: Services, orders_file: Path
) -> None:
    dialog = open_dialog(qtbot, services, "orders", orders_file, async_rows=0)
    dialog.reject()  # while reading or planning: the job is dropped, the pool waited for
    assert dialog.result() == DealImportDialog.DialogCode.Rejected
    assert dialog.planned is None


# --- model and keyboard -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["orders", "feedback"])
def test_the_preview_model_passes_the_model_tester(
    qtmodeltester: ModelTester,
    qtbot: QtBot,
    services: Services,
    orders_file: Path,
    survey_file: Path,
    kind: str,
) -> None:
    path = orders_file if kind == "orders" else survey_file
    dialog = open_dialog(qtbot, services, kind, path)
    rows = [dialog.model.preview_row(row) for row in range(dialog.model.rowCount())]
    assert any(row.problem for row in rows) and not all(row.problem for row in rows)
    model = ImportPreviewModel(dialog.model.kind)  # outlives the dialog the test closes
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    model.set_rows(rows[1:])  # a new plan, watched by the tester


def mnemonics(root: QWidget) -> list[str]:
    texts = [label.text() for label in root.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in root.findChildren(QAbstractButton)]
    return [match.lower() for text in texts for match in re.findall(r"(?<!&)&(\w)", text)]


@pytest.mark.parametrize("kind", ["orders", "feedback"])
def test_mnemonics_are_unique_and_every_combo_has_a_label(
    qtbot: QtBot, services: Services, orders_file: Path, kind: str
) -> None:
    dialog = open_dialog(qtbot, services, kind, orders_file)
    letters = mnemonics(dialog)
    assert len(letters) == len(set(letters)), letters
    buddies = {label.buddy() for label in dialog.findChildren(QLabel)}
    assert set(dialog.combos.values()) <= buddies
