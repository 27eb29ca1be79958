"""Contact list rows from plain SQL columns (no ORM), and the weekend's text form."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from relationsapp.core.choices import Channel
from relationsapp.core.records import ContactRow


def weekend_to_text(days: tuple[int, ...] | None) -> str:
    return "" if days is None else ",".join(str(day) for day in days)


def weekend_from_text(text: str) -> tuple[int, ...] | None:
    return tuple(int(day) for day in text.split(",")) if text else None


def away_from_text(text: str) -> list[tuple[dt.date, dt.date]]:
    """The ``away`` column (JSON ``[["2026-12-21", "2027-01-03"]]``) as civil date pairs."""
    return [
        (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
        for first, last in json.loads(text or "[]")
    ]


def row_from_columns(columns: tuple[Any, ...]) -> ContactRow:
    """A list row from the storage layer's ``ROW_COLUMNS``."""
    return ContactRow(
        id=columns[0],
        display_name=columns[1],
        latin_name=columns[2],
        account_name=columns[3],
        country=columns[4],
        time_zone=columns[5],
        work_start=columns[6],
        work_end=columns[7],
        weekend_days=weekend_from_text(columns[8]),
        preferred_channel=Channel(columns[9]),
    )
