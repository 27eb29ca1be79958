"""``relationsapp briefing --contact UID [--lang da] -o FILE.pdf``."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import ContactDraft
from relationsapp.storage.database import open_database
from tests.unit.test_cli import run


def make_contact(db_path: Path) -> str:
    with open_database(db_path) as database:
        service = ContactService(database)
        contact_id = service.create(
            ContactDraft(
                given_name="Дмитрий",
                family_name="Жуков",
                family_name_latin="Zhukov",
                country="RU",
                time_zone="Europe/Moscow",
                notes="Bring <samples> & the price list.",
            )
        )
        return service.get(contact_id).uid


def test_briefing_writes_the_pdf(db_path: Path, tmp_path: Path) -> None:
    uid = make_contact(db_path)
    target = tmp_path / "sheet.pdf"

    code, output = run("--db", str(db_path), "briefing", "--contact", uid, "-o", str(target))

    assert code == 0
    assert str(target) in output
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Жуков" in text
    assert "Bring <samples> & the price list." in text


def test_briefing_labels_in_danish(db_path: Path, tmp_path: Path) -> None:
    uid = make_contact(db_path)
    target = tmp_path / "ark.pdf"

    code, _output = run(
        "--db", str(db_path), "briefing", "--contact", uid, "--lang", "da", "-o", str(target)
    )

    assert code == 0
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Formel" in text  # an existing Danish label; the sheet's own are not translated yet


def test_an_unknown_uid_is_an_error_and_writes_nothing(
    db_path: Path, tmp_path: Path, capsys: object
) -> None:
    make_contact(db_path)
    target = tmp_path / "none.pdf"

    code, _output = run("--db", str(db_path), "briefing", "--contact", "nope", "-o", str(target))

    assert code == 1
    assert not target.exists()
