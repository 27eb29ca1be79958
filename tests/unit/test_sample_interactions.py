"""The sample history: in each client's working hours, and something for Today to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from relationsapp.core.choices import Direction, PromiseStatus
from relationsapp.core.records import ContactDraft
from relationsapp.core.sample_loader import load_sample_data
from relationsapp.core.services import Services
from relationsapp.core.working_hours import WorkStatus, work_status
from relationsapp.core.zones import now_utc
from relationsapp.storage.database import Database, open_database


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    with open_database(tmp_path_factory.mktemp("sample") / "sample.sqlite") as database:
        load_sample_data(database)
        yield Services(database)


def contact_drafts(services: Services) -> dict[int, ContactDraft]:
    ids = [row[0] for row in services.database.reader().execute("SELECT id FROM contacts")]
    return {contact_id: services.contacts.get(contact_id).draft for contact_id in ids}


def test_every_sample_interaction_happened_in_the_client_s_working_hours(
    sample: Services,
) -> None:
    drafts = contact_drafts(sample)
    checked = 0
    for contact_id, draft in drafts.items():
        for record in sample.interactions.timeline(contact_id=contact_id):
            if record.draft.contact_id != contact_id:
                continue
            status = work_status(
                record.draft.occurred_at,
                draft.time_zone,
                draft.country,
                draft.work_start,
                draft.work_end,
                draft.weekend_days,
            )
            assert status == WorkStatus.WORKING, (draft.time_zone, record.draft.occurred_at)
            checked += 1
    assert checked > 300


def test_the_history_ends_before_now_and_spans_months(sample: Services) -> None:
    rows = sample.database.reader().execute(
        "SELECT min(occurred_at), max(occurred_at) FROM interactions"
    )
    first, last = (
        dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC) for value in rows.fetchone()
    )
    assert last < now_utc()
    assert (last - first).days > 180


def test_some_promises_are_still_open_and_most_settled_ones_were_kept(sample: Services) -> None:
    promises = sample.interactions.promises()
    statuses = [promise.status for promise in promises]
    assert statuses.count(PromiseStatus.OPEN) >= 3
    settled = [status for status in statuses if status != PromiseStatus.OPEN]
    assert statuses.count(PromiseStatus.KEPT) / len(settled) > 0.7
    assert all(
        promise.resolved_at is not None
        for promise in promises
        if promise.status != PromiseStatus.OPEN
    )


def test_a_few_clients_are_waiting_for_my_reply(sample: Services) -> None:
    waiting = sample.interactions.unanswered(now_utc() - dt.timedelta(days=60))
    assert 1 <= len(waiting) <= 15
    assert all(record.draft.direction == Direction.INBOUND for record in waiting)


def test_loading_twice_into_fresh_files_gives_the_same_history_shape(database: Database) -> None:
    load_sample_data(database)
    kinds = (
        database.reader()
        .execute("SELECT kind, direction, count(*) FROM interactions GROUP BY kind, direction")
        .fetchall()
    )
    assert {kind for kind, _direction, _count in kinds} >= {"call", "email", "visit", "meeting"}
