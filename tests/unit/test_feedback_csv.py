"""CSAT and NPS answers from a survey tool's CSV export, matched to contacts by e-mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relationsapp.core.account_service import AccountService
from relationsapp.core.contact_service import ContactService
from relationsapp.core.deal_service import DealService, FeedbackKind
from relationsapp.core.records import AccountDraft, ContactDraft, EmailEntry
from relationsapp.interop.csv_reading import CsvFileError, ImportRefused
from relationsapp.interop.feedback_csv import (
    FeedbackImportPlan,
    apply_feedback_import,
    plan_feedback_import,
)
from relationsapp.storage.database import Database
from tests.helpers.factories import count_rows


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    accounts = AccountService(database)
    pumps = accounts.create(AccountDraft(name="Nordisk Pumpe A/S", country="DK"))
    makinen = accounts.create(AccountDraft(name="Mäkinen Oy", country="FI"))
    contacts = ContactService(database)
    return {
        "pumps": pumps,
        "jorgen": contacts.create(
            ContactDraft(
                given_name="Jørgen",
                family_name="Sørensen",
                account_id=pumps,
                emails=[EmailEntry("Jorgen@Pumpe.dk"), EmailEntry("js@private.example")],
            )
        ),
        "aino": contacts.create(
            ContactDraft(
                given_name="Aino",
                family_name="Mäkinen",
                account_id=makinen,
                emails=[EmailEntry("aino@makinen.fi")],
            )
        ),
        # A duplicate nobody merged yet: two cards with one address.
        "sales_1": contacts.create(
            ContactDraft(given_name="Sales", emails=[EmailEntry("sales@example.com")])
        ),
        "sales_2": contacts.create(
            ContactDraft(given_name="Sales desk", emails=[EmailEntry("SALES@example.com")])
        ),
    }


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def reasons(plan: FeedbackImportPlan) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for problem in plan.problems:
        assert problem.file == plan.file
        found.setdefault(problem.line, []).append(problem.reason)
    return found


def test_answers_match_contacts_by_e_mail_ignoring_case(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    path = write(
        tmp_path / "survey.csv",
        "\ufeffEmail,Date,Type,Score,Comment\n"
        "jorgen@pumpe.dk,2026-03-01,NPS,9,Quick answers\n"
        "JS@PRIVATE.EXAMPLE,2026-03-02,csat,4,\n"
        "aino@makinen.fi,2026-03-03,Customer satisfaction,5,Kiitos\n",
    )
    plan = plan_feedback_import(path, database)
    assert plan.problems == []
    drafts = [row.draft for row in plan.rows]
    assert [(d.contact_id, d.kind, d.score) for d in drafts] == [
        (people["jorgen"], FeedbackKind.NPS, 9),
        (people["jorgen"], FeedbackKind.CSAT, 4),
        (people["aino"], FeedbackKind.CSAT, 5),
    ]
    assert all(d.source == "import" for d in drafts)
    apply_feedback_import(plan, DealService(database))
    stored = DealService(database).feedback(contact_id=people["jorgen"])
    assert {record.draft.account_id for record in stored} == {people["pumps"]}
    assert {record.draft.source for record in stored} == {"import"}
    assert stored[0].draft.answered_on == dt.date(2026, 3, 2)


def test_unknown_and_ambiguous_addresses_are_reported_with_their_lines(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    path = write(
        tmp_path / "survey.csv",
        "Email,Date,Type,Score\n"
        "stranger@nowhere.example,2026-03-01,NPS,9\n"
        "sales@example.com,2026-03-01,NPS,3\n"
        ",2026-03-01,NPS,3\n"
        "aino@makinen.fi,2026-03-01,NPS,10\n",
    )
    plan = plan_feedback_import(path, database)
    assert [row.line for row in plan.rows] == [5]
    assert reasons(plan) == {
        2: ["No contact has the e-mail address stranger@nowhere.example."],
        3: [
            "2 contacts have the e-mail address sales@example.com (ambiguous); "
            "merge the duplicates first."
        ],
        4: ["“Email” is empty."],
    }


def test_a_deleted_contact_s_address_matches_no_one(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    ContactService(database).delete(people["sales_2"])
    path = write(tmp_path / "s.csv", "Email,Date,Type,Score\nsales@example.com,2026-03-01,NPS,7\n")
    (row,) = plan_feedback_import(path, database).rows
    assert row.draft.contact_id == people["sales_1"]


def test_scores_types_and_dates_are_checked(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    path = write(
        tmp_path / "survey.csv",
        "Email,Date,Type,Score\n"
        "aino@makinen.fi,2026-03-01,CSAT,7\n"
        "aino@makinen.fi,2026-03-01,NPS,11\n"
        "aino@makinen.fi,2026-03-01,NPS,8.5\n"
        "aino@makinen.fi,2026-03-01,CES,3\n"
        "aino@makinen.fi,yesterday,NPS,0\n"
        "aino@makinen.fi,2026-03-01,NPS,0\n",
    )
    plan = plan_feedback_import(path, database)
    assert [(row.line, row.draft.score) for row in plan.rows] == [(7, 0)]
    assert reasons(plan) == {
        2: ["A CSAT score runs from 1 to 5."],
        3: ["A NPS score runs from 0 to 10."],
        4: ["“8.5” is not a whole number."],
        5: ["“CES” is not CSAT or NPS."],
        6: ["“yesterday” is not a date (write it as YYYY-MM-DD or DD.MM.YYYY)."],
    }


def test_a_quoted_newline_in_a_comment_keeps_later_lines_right(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    path = write(
        tmp_path / "survey.csv",
        "Email,Date,Type,Score,Comment\n"
        'aino@makinen.fi,2026-03-01,NPS,10,"Great visit.\n\nThe engineer, Jens, knew it all."\n'
        "nobody@example.com,2026-03-01,NPS,10,\n",
    )
    plan = plan_feedback_import(path, database)
    (row,) = plan.rows
    assert row.draft.comment == "Great visit.\n\nThe engineer, Jens, knew it all."
    assert list(reasons(plan)) == [5]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "E-mail;Dato;Type;Karakter;Kommentar\n{email};01.03.2026;NPS;9;Tak for hjælpen\n",
            "cp1252",
        ),
        (
            "E-Mail;Datum;Typ;Bewertung;Kommentar\n{email};01.03.2026;NPS;9;Sehr gut, schnell\n",
            "utf-16",
        ),
        (
            "Sähköposti\tPäivämäärä\tTyyppi\tPisteet\tPalaute\n{email}\t1.3.2026\tNPS\t9\tHyvä\n",
            "utf-8",
        ),
    ],
)
def test_danish_german_and_finnish_exports(
    tmp_path: Path, database: Database, people: dict[str, int], text: str, encoding: str
) -> None:
    path = write(tmp_path / "s.csv", text.format(email="aino@makinen.fi"), encoding)
    plan = plan_feedback_import(path, database)
    assert plan.problems == []
    (row,) = plan.rows
    assert (row.draft.contact_id, row.draft.answered_on, row.draft.score) == (
        people["aino"],
        dt.date(2026, 3, 1),
        9,
    )
    assert row.draft.comment in ("Tak for hjælpen", "Sehr gut, schnell", "Hyvä")


def test_a_wide_export_with_a_column_per_survey(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    # SurveyMonkey style: US dates with a time, one column per question; empty = not asked.
    path = write(
        tmp_path / "wide.csv",
        "Respondent Email,Submitted At,NPS Score,CSAT,Comments\n"
        "aino@makinen.fi,03/15/2026 2:22 PM,9,5,\n"
        "jorgen@pumpe.dk,03/04/2026 9:10 AM,,3,Slow delivery\n"
        "jorgen@pumpe.dk,03/05/2026 9:10 AM,,,\n",
    )
    plan = plan_feedback_import(path, database)
    answers = [
        (row.line, row.draft.kind, row.draft.score, row.draft.answered_on) for row in plan.rows
    ]
    assert answers == [
        (2, FeedbackKind.CSAT, 5, dt.date(2026, 3, 15)),
        (2, FeedbackKind.NPS, 9, dt.date(2026, 3, 15)),
        (3, FeedbackKind.CSAT, 3, dt.date(2026, 3, 4)),
    ]
    assert reasons(plan) == {4: ["The row has no score."]}


def test_an_explicit_mapping_and_a_missing_column(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    path = write(tmp_path / "s.csv", "Who,When,Q,A\naino@makinen.fi,2026-03-01,csat,4\n")
    with pytest.raises(CsvFileError) as caught:
        plan_feedback_import(path, database)
    assert caught.value.line == 1 and "“email”" in caught.value.reason
    mapping = {"email": "Who", "date": "When", "type": "Q", "score": "A"}
    (row,) = plan_feedback_import(path, database, mapping).rows
    assert (row.draft.contact_id, row.draft.kind, row.draft.score) == (
        people["aino"],
        FeedbackKind.CSAT,
        4,
    )


def test_nothing_is_imported_while_a_problem_exists_unless_skipping_is_asked(
    tmp_path: Path, database: Database, people: dict[str, int]
) -> None:
    path = write(
        tmp_path / "survey.csv",
        "Email,Date,Type,Score\n"
        "aino@makinen.fi,2026-03-01,NPS,10\n"
        "aino@makinen.fi,2026-03-01,NPS\n"
        "jorgen@pumpe.dk,2026-03-01,CSAT,2\n",
    )
    plan = plan_feedback_import(path, database)
    assert reasons(plan) == {3: ["This row has 3 fields; the header has 4."]}
    with pytest.raises(ImportRefused):
        apply_feedback_import(plan, DealService(database))
    assert count_rows(database, "feedback") == 0
    assert len(apply_feedback_import(plan, DealService(database), skip_problems=True)) == 2
    assert count_rows(database, "feedback") == 2
