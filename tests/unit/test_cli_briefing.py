"""``relationsapp briefing --contact UID [--lang da] -o FILE.pdf``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
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


def make_meeting(db_path: Path) -> str:
    import datetime as dt

    from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService

    contact_uid = make_contact(db_path)
    with open_database(db_path) as database:
        contact_id = ContactService(database).id_for_uid(contact_uid)
        meetings = MeetingService(database)
        meeting_id = meetings.book(
            MeetingDraft(
                title="Moscow visit",
                start_utc=dt.datetime(2027, 5, 4, 7, 0, tzinfo=dt.UTC),
                organiser_zone="Europe/Moscow",
                attendees=[
                    MeetingAttendee("Me", "Europe/Moscow", "RU"),
                    MeetingAttendee("Дмитрий Жуков", "Europe/Moscow", "RU", contact_id=contact_id),
                ],
            )
        )
        return meetings.get(meeting_id).uid


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_a_meeting_briefing_from_the_command_line(db_path: Path, tmp_path: Path) -> None:
    uid = make_meeting(db_path)
    target = tmp_path / "meeting.pdf"

    code, _output = run("--db", str(db_path), "briefing", "--meeting", uid, "-o", str(target))

    assert code == 0
    text = pdf_text(target)
    assert "Moscow visit" in text and "Жуков" in text


def test_trip_pack_for_days_and_sensitive_notes_left_out(db_path: Path, tmp_path: Path) -> None:
    make_meeting(db_path)
    target = tmp_path / "pack.pdf"

    code, output = run(
        "--db", str(db_path), "trip-pack", "--from", "2027-05-03", "--to", "2027-05-09",
        "--lang", "da", "--leave-out-sensitive", "-o", str(target),
    )  # fmt: skip

    assert code == 0, output
    text = pdf_text(target)
    assert "Moscow visit" in text and "Жуков" in text
    assert "Fortroligt" in text


def test_trip_pack_without_meetings_says_so_and_writes_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_meeting(db_path)
    target = tmp_path / "empty.pdf"

    code, _output = run(
        "--db", str(db_path), "trip-pack", "--from", "2027-06-01", "--to", "2027-06-07",
        "-o", str(target),
    )  # fmt: skip

    assert code == 1
    assert "No meetings between" in capsys.readouterr().err
    assert not target.exists()


def test_trip_pack_refuses_a_bad_date(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _output = run(
        "--db", str(db_path), "trip-pack", "--from", "2027-13-01", "--to", "2027-06-07",
        "-o", str(tmp_path / "x.pdf"),
    )  # fmt: skip

    assert code == 1
    assert "2027-13-01" in capsys.readouterr().err
