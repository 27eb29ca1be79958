"""The interaction log and promises: one transaction, timelines, tombstones, due rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from relationsapp.core.account_service import AccountService
from relationsapp.core.business_time import WorkCalendar
from relationsapp.core.choices import Direction, InteractionKind, PromiseStatus
from relationsapp.core.contact_service import ContactService
from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.interaction_service import (
    InteractionDraft,
    InteractionService,
    PromiseDraft,
    PromiseRecord,
)
from relationsapp.core.promise_rules import (
    ClientCalendars,
    JudgedPromise,
    PromiseState,
    judge,
    judge_all,
    kept_ratio,
)
from relationsapp.core.records import AccountDraft
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from tests.helpers.factories import count_rows, jorgen, taro

UTC = dt.UTC
FRIDAY = dt.date(2027, 3, 12)
TOKYO = WorkCalendar(zone="Asia/Tokyo", country="JP")
LOS_ANGELES = WorkCalendar(zone="America/Los_Angeles", country="US")
COPENHAGEN = "Europe/Copenhagen"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    accounts = AccountService(database)
    yamada = accounts.create(AccountDraft(name="Yamada Seisakusho", country="JP"))
    pumps = accounts.create(AccountDraft(name="Nordisk Pumpe", country="DK"))
    contacts = ContactService(database)
    return {
        "yamada": yamada,
        "pumps": pumps,
        "taro": contacts.create(taro(account_id=yamada)),
        "jorgen": contacts.create(jorgen(account_id=pumps)),
        "hanako": contacts.create(
            taro(given_name="花子", given_name_latin="Hanako", account_id=yamada)
        ),
    }


@pytest.fixture
def service(database: Database) -> InteractionService:
    return InteractionService(database)


def call(contact_id: int, when: dt.datetime, **changes: object) -> InteractionDraft:
    draft = InteractionDraft(
        occurred_at=when,
        kind=InteractionKind.CALL,
        direction=Direction.OUTBOUND,
        contact_id=contact_id,
        summary="Pump line quote",
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


# --- logging ---------------------------------------------------------------------------------


def test_log_stores_the_interaction_and_its_promises_for_the_contact_and_account(
    service: InteractionService, people: dict[str, int]
) -> None:
    interaction = service.log(
        call(people["taro"], at(10, 8)), [PromiseDraft("Send sample", FRIDAY)]
    )
    record = service.get(interaction)
    assert record.draft.zone == "Asia/Tokyo"  # the contact's zone, kept with the instant
    assert record.draft.account_id == people["yamada"]
    (promise,) = service.promises(contact_id=people["taro"])
    assert promise.draft.interaction_id == interaction
    assert promise.draft.account_id == people["yamada"]
    assert promise.draft.due_on == FRIDAY
    assert promise.status == PromiseStatus.OPEN


def test_a_bad_promise_saves_nothing_at_all(
    database: Database, service: InteractionService, people: dict[str, int]
) -> None:
    with pytest.raises(ValidationFailed) as failure:
        service.log(
            call(people["taro"], at(10, 8)),
            [PromiseDraft("Send sample", FRIDAY), PromiseDraft("   ", FRIDAY)],
        )
    assert [error.field for error in failure.value.errors] == ["description"]
    assert count_rows(database, "interactions") == 0
    assert count_rows(database, "promises") == 0


def test_an_interaction_needs_someone_and_some_words(service: InteractionService) -> None:
    with pytest.raises(ValidationFailed) as failure:
        service.log(InteractionDraft(occurred_at=at(10, 8)))
    assert {error.field for error in failure.value.errors} == {"contact", "summary"}


def test_an_outcome_alone_is_enough_to_log(
    service: InteractionService, people: dict[str, int]
) -> None:
    interaction = service.log(call(people["taro"], at(10, 8), summary="", outcome="Ordered 40"))
    assert service.get(interaction).draft.outcome == "Ordered 40"


def test_a_sensitive_interaction_is_read_back_as_sensitive_and_can_be_cleared(
    database: Database, service: InteractionService, people: dict[str, int]
) -> None:
    ordinary = service.log(call(people["taro"], at(9, 8)))
    private = service.log(call(people["taro"], at(10, 8), summary="Layoffs", sensitive=True))
    assert service.get(private).draft.sensitive is True
    assert service.get(ordinary).draft.sensitive is False
    timeline = service.timeline(contact_id=people["taro"])
    assert [(record.id, record.draft.sensitive) for record in timeline] == [
        (private, True),
        (ordinary, False),
    ]

    service.update(private, replace(service.get(private).draft, sensitive=False))
    assert service.get(private).draft.sensitive is False
    assert count_rows(database, "interactions", "sensitive = 1") == 0


# --- timelines -------------------------------------------------------------------------------


def test_a_contacts_timeline_is_newest_first_and_includes_where_they_took_part(
    service: InteractionService, people: dict[str, int]
) -> None:
    older = service.log(call(people["taro"], at(1, 8)))
    joined = service.log(
        call(people["jorgen"], at(2, 8), other_contact_ids=[people["taro"]], summary="Visit")
    )
    newer = service.log(call(people["taro"], at(3, 8), kind=InteractionKind.EMAIL))
    service.log(call(people["jorgen"], at(4, 8)))  # not with Taro

    assert [r.id for r in service.timeline(contact_id=people["taro"])] == [newer, joined, older]
    emails = service.timeline(contact_id=people["taro"], kinds=[InteractionKind.EMAIL])
    assert [r.id for r in emails] == [newer]


def test_an_accounts_timeline_has_every_one_of_its_people(
    service: InteractionService, people: dict[str, int]
) -> None:
    with_taro = service.log(call(people["taro"], at(1, 8)))
    with_hanako = service.log(call(people["hanako"], at(2, 8)))
    # Jørgen's meeting where Hanako sat in: it was with the Yamada account too.
    hanako_present = service.log(
        call(people["jorgen"], at(3, 8), other_contact_ids=[people["hanako"]])
    )
    service.log(call(people["jorgen"], at(4, 8)))
    timeline = service.timeline(account_id=people["yamada"])
    assert [r.id for r in timeline] == [hanako_present, with_hanako, with_taro]
    assert timeline[1].account_name == "Yamada Seisakusho"


# --- delete and restore ------------------------------------------------------------------------


def test_restore_brings_back_the_promises_deleted_with_it_but_not_earlier_ones(
    service: InteractionService, people: dict[str, int]
) -> None:
    interaction = service.log(
        call(people["taro"], at(10, 8)),
        [PromiseDraft("Send sample", FRIDAY), PromiseDraft("Call back", FRIDAY)],
    )
    sample, call_back = service.promises(contact_id=people["taro"])
    service.delete_promise(call_back.id)  # withdrawn on its own, before

    service.delete(interaction)
    assert service.timeline(contact_id=people["taro"]) == []
    assert service.promises(contact_id=people["taro"]) == []
    with pytest.raises(RecordNotFound):
        service.get(interaction)

    service.restore(interaction)
    assert service.get(interaction).uid
    assert [p.id for p in service.promises(contact_id=people["taro"])] == [sample.id]


def test_set_status_marks_kept_and_reopening_forgets_when(
    service: InteractionService, people: dict[str, int]
) -> None:
    promise = service.add_promise(PromiseDraft("Send sample", FRIDAY, contact_id=people["taro"]))
    assert service.promise(promise).draft.account_id == people["yamada"]
    service.set_status(promise, PromiseStatus.KEPT, at(11, 9))
    kept = service.promise(promise)
    assert (kept.status, kept.resolved_at) == (PromiseStatus.KEPT, at(11, 9))
    service.set_status(promise, PromiseStatus.OPEN, at(11, 10))
    reopened = service.promise(promise)
    assert (reopened.status, reopened.resolved_at) == (PromiseStatus.OPEN, None)
    assert service.promises(statuses=[PromiseStatus.KEPT]) == []


# --- unanswered ------------------------------------------------------------------------------


def message(contact_id: int, when: dt.datetime, direction: Direction) -> InteractionDraft:
    return call(contact_id, when, kind=InteractionKind.EMAIL, direction=direction)


def test_unanswered_is_the_first_message_after_our_last_one(
    service: InteractionService, people: dict[str, int]
) -> None:
    taro_id, jorgen_id = people["taro"], people["jorgen"]
    service.log(message(taro_id, at(1, 8), Direction.INBOUND))  # answered below
    service.log(message(taro_id, at(2, 8), Direction.OUTBOUND))
    first = service.log(message(taro_id, at(3, 8), Direction.INBOUND))
    service.log(message(taro_id, at(4, 8), Direction.INBOUND))  # a reminder: still the 3rd
    service.log(message(jorgen_id, at(1, 9), Direction.INBOUND))
    service.log(message(jorgen_id, at(2, 9), Direction.INBOUND))
    service.log(call(jorgen_id, at(5, 9)))  # our call answers both of his e-mails

    assert [r.id for r in service.unanswered(at(1, 0))] == [first]


def test_unanswered_without_any_reply_from_us_is_the_first_since(
    service: InteractionService, people: dict[str, int]
) -> None:
    service.log(message(people["taro"], at(1, 8), Direction.INBOUND))
    second = service.log(message(people["taro"], at(3, 8), Direction.INBOUND))
    assert [r.id for r in service.unanswered(at(2, 0))] == [second]
    service.delete(second)
    assert service.unanswered(at(2, 0)) == []


# --- the due rule ---------------------------------------------------------------------------


def record(
    due: dt.date,
    status: PromiseStatus = PromiseStatus.OPEN,
    resolved_at: dt.datetime | None = None,
) -> PromiseRecord:
    return PromiseRecord(1, "uid", PromiseDraft("Send sample", due), status, resolved_at, "", "")


def test_tokyo_friday_is_due_at_nine_in_copenhagen_and_overdue_by_the_afternoon() -> None:
    before = judge(record(FRIDAY), TOKYO, at(12, 7, 59), COPENHAGEN)
    assert before.deadline == at(12, 8)  # 17:00 JST
    assert before.state == PromiseState.DUE_TODAY
    afternoon = judge(record(FRIDAY), TOKYO, at(12, 14), COPENHAGEN)  # 15:00 in Copenhagen
    assert afternoon.state == PromiseState.OVERDUE
    assert afternoon.delay == dt.timedelta(hours=6)
    assert judge(record(FRIDAY), TOKYO, at(11, 9), COPENHAGEN).state == PromiseState.OPEN


def test_los_angeles_friday_runs_into_saturday_in_copenhagen() -> None:
    friday_afternoon = judge(record(FRIDAY), LOS_ANGELES, at(12, 15), COPENHAGEN)
    assert friday_afternoon.deadline == at(13, 1)  # Friday 17:00 PST
    # Its deadline is 02:00 tomorrow for me, but today is the client's Friday: due today.
    assert friday_afternoon.state == PromiseState.DUE_TODAY
    saturday_night = judge(record(FRIDAY), LOS_ANGELES, at(13, 0, 30), COPENHAGEN)
    assert saturday_night.state == PromiseState.DUE_TODAY


def test_a_promise_kept_after_its_deadline_is_kept_late_by_the_delay() -> None:
    late = judge(record(FRIDAY, PromiseStatus.KEPT, at(12, 11)), TOKYO, at(15, 9), COPENHAGEN)
    assert late.state == PromiseState.KEPT_LATE
    assert late.delay == dt.timedelta(hours=3)
    on_time = judge(record(FRIDAY, PromiseStatus.KEPT, at(12, 8)), TOKYO, at(15, 9), COPENHAGEN)
    assert (on_time.state, on_time.delay) == (PromiseState.KEPT, None)
    broken = judge(record(FRIDAY, PromiseStatus.BROKEN, at(12, 7)), TOKYO, at(15, 9), COPENHAGEN)
    assert broken.state == PromiseState.BROKEN


def judged(state: PromiseState, moment: dt.datetime) -> JudgedPromise:
    status = {
        PromiseState.KEPT: PromiseStatus.KEPT,
        PromiseState.KEPT_LATE: PromiseStatus.KEPT,
        PromiseState.BROKEN: PromiseStatus.BROKEN,
    }.get(state, PromiseStatus.OPEN)
    resolved = moment if status != PromiseStatus.OPEN else None
    return JudgedPromise(record(FRIDAY, status, resolved), moment, "Asia/Tokyo", state, None)


def test_kept_ratio_counts_settled_and_overdue_promises_of_the_period() -> None:
    now = dt.datetime(2027, 6, 1, tzinfo=UTC)
    recent = now - dt.timedelta(days=30)
    long_ago = now - dt.timedelta(days=400)
    promises = [
        judged(PromiseState.KEPT, recent),
        judged(PromiseState.KEPT, recent),
        judged(PromiseState.KEPT_LATE, recent),  # counted, not on time
        judged(PromiseState.BROKEN, recent),
        judged(PromiseState.OVERDUE, recent),
        judged(PromiseState.OPEN, now + dt.timedelta(days=3)),  # not yet
        judged(PromiseState.DUE_TODAY, now),  # not yet
        judged(PromiseState.KEPT, long_ago),  # outside the 12 months
    ]
    ratio = kept_ratio(promises, now)
    assert (ratio.kept_on_time, ratio.counted) == (2, 5)
    assert ratio.ratio == pytest.approx(0.4)
    assert kept_ratio([], now).ratio is None


def test_promises_follow_each_clients_own_calendar(
    database: Database, service: InteractionService, people: dict[str, int]
) -> None:
    service.add_promise(PromiseDraft("Send sample", FRIDAY, contact_id=people["taro"]))
    service.add_promise(PromiseDraft("Quote", FRIDAY, account_id=people["pumps"]))
    calendars = ClientCalendars(Services(database), COPENHAGEN)
    tokyo, copenhagen = judge_all(service.promises(), calendars, at(12, 9), COPENHAGEN)
    assert (tokyo.client_zone, tokyo.deadline) == ("Asia/Tokyo", at(12, 8))
    assert (copenhagen.client_zone, copenhagen.deadline) == (COPENHAGEN, at(12, 16))
    assert (tokyo.state, copenhagen.state) == (PromiseState.OVERDUE, PromiseState.DUE_TODAY)
