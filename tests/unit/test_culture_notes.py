"""Team culture notes: starters until edited, one note per topic, undoable states."""

from __future__ import annotations

import datetime as dt

import pytest

from relationsapp.core.culture_notes import (
    REVIEW_AFTER_DAYS,
    CultureNote,
    CultureNoteService,
    removed_state,
    saved_state,
    starter_profile,
)
from relationsapp.core.culture_starters import STARTER_NOTES
from relationsapp.core.culture_topics import CULTURE_MAP_SCALES, NOTE_TOPICS
from relationsapp.core.errors import ValidationFailed
from relationsapp.i18n.translate import set_language, translator
from relationsapp.storage.database import Database
from tests.helpers.factories import count_rows

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def culture(database: Database) -> CultureNoteService:
    return CultureNoteService(database)


def gifts_note(**changes: object) -> CultureNote:
    values: dict[str, object] = {
        "country": "JP",
        "topic": "gifts",
        "text": "Mr Yamada's team loved the Danish liquorice; bring it again.",
        "author": "Mette",
        "source": "Visit to Osaka, May 2026",
        "reviewed_on": dt.date(2026, 5, 20),
    }
    values.update(changes)
    return CultureNote(**values)  # type: ignore[arg-type]


def test_an_empty_file_shows_the_starter_notes_marked_for_review(
    culture: CultureNoteService,
) -> None:
    profile = culture.profile("JP")
    assert set(NOTE_TOPICS) <= set(profile)
    assert all(note.starter and note.needs_review(TODAY) for note in profile.values())
    assert profile["gifts"].text == STARTER_NOTES["JP"]["gifts"]


def test_starter_notes_follow_the_ui_language(culture: CultureNoteService) -> None:
    set_language("da")
    danish = culture.profile("JP")["gifts"].text
    assert danish == translator("da").gettext(STARTER_NOTES["JP"]["gifts"])
    assert danish != STARTER_NOTES["JP"]["gifts"]


def test_a_saved_note_replaces_the_starter_and_keeps_its_author_and_source(
    culture: CultureNoteService,
) -> None:
    culture.save(gifts_note())
    note = culture.profile("jp")["gifts"]
    assert not note.starter
    assert (note.author, note.source, note.reviewed_on) == (
        "Mette",
        "Visit to Osaka, May 2026",
        dt.date(2026, 5, 20),
    )
    assert culture.profile("JP")["dining"].starter  # other topics keep their starters


def test_editing_a_topic_twice_keeps_one_row(
    culture: CultureNoteService, database: Database
) -> None:
    culture.save(gifts_note())
    culture.save(gifts_note(text="Bring something from home, wrapped."))
    assert count_rows(database, "culture_notes") == 1
    assert culture.profile("JP")["gifts"].text == "Bring something from home, wrapped."


def test_deleting_a_topic_hides_the_starter_too_and_undo_brings_it_back(
    culture: CultureNoteService,
) -> None:
    before = culture.state("JP", "gifts")
    culture.put_states([removed_state(before, "JP", "gifts")])
    assert "gifts" not in culture.profile("JP")
    culture.put_states([before])
    assert culture.profile("JP")["gifts"].starter


def test_undoing_the_first_edit_restores_the_starter(culture: CultureNoteService) -> None:
    before = culture.state("JP", "gifts")
    culture.put_states([saved_state(gifts_note())])
    culture.put_states([before])
    assert culture.profile("JP")["gifts"].starter


def test_a_note_older_than_a_year_is_due_for_review() -> None:
    fresh = gifts_note(reviewed_on=TODAY - dt.timedelta(days=REVIEW_AFTER_DAYS))
    stale = gifts_note(reviewed_on=TODAY - dt.timedelta(days=REVIEW_AFTER_DAYS + 1))
    assert not fresh.needs_review(TODAY)
    assert stale.needs_review(TODAY)
    assert gifts_note(reviewed_on=None).needs_review(TODAY)


@pytest.mark.parametrize(
    ("note", "field"),
    [
        (gifts_note(text="   "), "text"),
        (gifts_note(country="XX"), "country"),
        (gifts_note(topic="horoscope"), "topic"),
        (gifts_note(topic="leading", scale_position=11), "scale_position"),
        (gifts_note(topic="leading", scale_position=None), "scale_position"),
        (gifts_note(text="x" * 5001), "text"),
    ],
)
def test_an_invalid_note_is_refused_field_by_field_and_nothing_is_written(
    culture: CultureNoteService, database: Database, note: CultureNote, field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        culture.save(note)
    assert field in {error.field for error in refused.value.errors}
    assert count_rows(database, "culture_notes") == 0


def test_an_import_with_one_bad_note_writes_none(
    culture: CultureNoteService, database: Database
) -> None:
    with pytest.raises(ValidationFailed):
        culture.save_many([gifts_note(), gifts_note(topic="dress", text="")])
    assert count_rows(database, "culture_notes") == 0


def test_scale_positions_are_stored_per_scale(culture: CultureNoteService) -> None:
    culture.save(CultureNote("JP", "leading", scale_position=8, author="Mette"))
    profile = culture.profile("JP")
    assert profile["leading"].scale_position == 8
    assert all(scale.key not in profile for scale in CULTURE_MAP_SCALES if scale.key != "leading")


def test_stored_notes_hold_the_team_notes_only(culture: CultureNoteService) -> None:
    culture.save(gifts_note())
    culture.save(gifts_note(country="SA", topic="dining", text="No alcohol at dinners."))
    culture.remove("SA", "dining")
    assert [(note.country, note.topic) for note in culture.stored_notes()] == [("JP", "gifts")]


def test_countries_with_notes_include_starter_countries_and_the_team_ones(
    culture: CultureNoteService,
) -> None:
    culture.save(gifts_note(country="NO", topic="dress", text="Smart casual is usual."))
    countries = culture.countries()
    assert "NO" in countries
    assert set(STARTER_NOTES) <= set(countries)


def test_a_country_without_starters_has_an_empty_profile(culture: CultureNoteService) -> None:
    assert starter_profile("TV") == {}
    assert culture.profile("TV") == {}
