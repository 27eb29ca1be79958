"""`relationsapp plan`: ranked meeting times as JSON, from places and from contacts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from relationsapp.cli import main
from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import ContactDraft
from relationsapp.storage.database import open_database


def plan(*arguments: str) -> dict[str, list[dict[str, object]]]:
    out = io.StringIO()
    assert main(["plan", *arguments, "--json"], out=out) == 0
    return json.loads(out.getvalue())


def test_copenhagen_and_new_york_meet_in_the_five_hour_gap_week() -> None:
    # 2027-03-15: New York is on summer time (since 14 March), Copenhagen not yet (28 March).
    result = plan(
        "--participant", "Mette:Europe/Copenhagen:DK",
        "--participant", "Bob:America/New_York:US-NY",
        "--from", "2027-03-15", "--days", "1", "--duration", "60", "--limit", "20",
    )  # fmt: skip
    perfect = [slot for slot in result["slots"] if slot["score"] == 100.0]
    starts = [slot["participants"][1]["local_start"] for slot in perfect]  # type: ignore[index]
    assert starts[0] == "2027-03-15T09:00-04:00"
    assert perfect[0]["participants"][0]["local_start"] == "2027-03-15T14:00+01:00"  # type: ignore[index]
    assert len(perfect) == 5  # 09:00, 09:30 … 11:00 New York time all end by 17:00 in Copenhagen


def test_riyadh_and_copenhagen_share_no_weekend_day_and_flags_say_why() -> None:
    result = plan(
        "--participant", "Mette:Europe/Copenhagen:DK",
        "--participant", "Faisal:Asia/Riyadh:SA",
        "--from", "2027-04-01", "--days", "7", "--duration", "60", "--limit", "200",
    )  # fmt: skip
    import datetime as dt

    def local_weekdays(label_index: int) -> set[int]:
        return {
            dt.datetime.fromisoformat(slot["participants"][label_index]["local_start"]).weekday()  # type: ignore[index]
            for slot in result["slots"]
        }

    assert local_weekdays(0).isdisjoint({5, 6})  # never on Mette's Saturday or Sunday
    assert local_weekdays(1).isdisjoint({4, 5})  # never on Faisal's Friday or Saturday
    edge = [slot for slot in result["slots"] if slot["score"] < 100]
    assert all(any(p["flags"] for p in slot["participants"]) for slot in edge)  # type: ignore[union-attr]


def test_plan_with_a_contact_uses_their_zone_and_hours(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite"
    with open_database(path) as database:
        contacts = ContactService(database)
        contact_id = contacts.create(
            ContactDraft(
                given_name="Arjun",
                family_name="Agarwal",
                country="IN",
                time_zone="Asia/Kolkata",
                work_start=600,
                work_end=1080,
            )
        )
        uid = contacts.get(contact_id).uid
    out = io.StringIO()
    assert (
        main(
            [
                "--db",
                str(path),
                "plan",
                "--contact",
                uid,
                "--from",
                "2027-03-01",
                "--days",
                "1",
                "--duration",
                "30",
                "--json",
            ],
            out=out,
        )
        == 0
    )
    first = json.loads(out.getvalue())["slots"][0]["participants"][0]
    assert first["label"] == "Arjun Agarwal"
    assert first["local_start"] == "2027-03-01T10:00+05:30"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--participant", "Mette:Mars/Olympus", "--from", "2027-03-01"], "Mars/Olympus"),
        (["--participant", "Mette:Europe/Copenhagen", "--from", "1 March"], "YYYY-MM-DD"),
        (
            ["--participant", "Mette:Europe/Copenhagen", "--from", "2027-03-01", "--hours", "9-5"],
            "09:00-17:00",
        ),
        (["--from", "2027-03-01"], "--participant"),
    ],
)
def test_plan_explains_what_is_wrong(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", *arguments], out=io.StringIO()) == 1
    assert message in capsys.readouterr().err
