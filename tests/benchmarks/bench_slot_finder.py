"""Slot finder speed: 20 participants in 20 zones over 60 days, holidays included.

Run with ``python tests/benchmarks/bench_slot_finder.py [--runs N] [--days D]``.
Prints figures, asserts nothing (target from issue 3: ≤ 30 ms per search).

* cold: the first search in a fresh process — loads each country's holiday module,
  CLDR weekend data and the zones (what the first click in the planner costs);
* warm: the same search again (every cache hot: holidays, zone offsets, itinerary);
* new range: each run starts one day later, so zone offsets are probed afresh while
  the holiday tables of those years are already loaded (stepping through dates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from relationsapp.core.day_grid import day_start_utc
from relationsapp.core.holiday_calendar import holidays_package_version
from relationsapp.core.meeting_participants import Participant, Stay
from relationsapp.core.slot_finder import suggest_slots

# Zone, country, subdivision: half-hour, 45-minute, half-hour-DST and southern zones,
# Friday–Saturday weekends and the usual suspects.
PLACES = [
    ("Asia/Kolkata", "IN", ""),
    ("Asia/Kathmandu", "NP", ""),
    ("America/St_Johns", "CA", "NL"),
    ("Australia/Lord_Howe", "AU", "NSW"),
    ("Asia/Riyadh", "SA", ""),
    ("Asia/Tokyo", "JP", ""),
    ("America/New_York", "US", "NY"),
    ("Europe/Copenhagen", "DK", ""),
    ("Europe/Helsinki", "FI", ""),
    ("America/Sao_Paulo", "BR", "SP"),
    ("Australia/Sydney", "AU", "NSW"),
    ("Pacific/Auckland", "NZ", "AUK"),
    ("Europe/London", "GB", "ENG"),
    ("Europe/Berlin", "DE", "BY"),
    ("America/Los_Angeles", "US", "CA"),
    ("America/Mexico_City", "MX", ""),
    ("Asia/Singapore", "SG", ""),
    ("Africa/Johannesburg", "ZA", ""),
    ("Asia/Dubai", "AE", ""),
    ("America/Santiago", "CL", ""),
]
FIRST_DAY = dt.date(2027, 3, 1)  # spans the US, EU and southern clock changes and Easter
DURATION = 60
STEP = 30


def people() -> list[Participant]:
    found = [
        Participant(f"{zone.split('/')[-1]}", zone, country, subdivision)
        for zone, country, subdivision in PLACES
    ]
    # "me" in Copenhagen travels: Tokyo then Riyadh, then home again.
    found[7] = Participant(
        "me",
        "Europe/Copenhagen",
        "DK",
        itinerary=(
            Stay(dt.date(2027, 3, 8), dt.date(2027, 3, 10), "Asia/Tokyo", "JP"),
            Stay(dt.date(2027, 3, 11), dt.date(2027, 3, 14), "Asia/Riyadh", "SA"),
        ),
        unavailable_days=frozenset({dt.date(2027, 4, 2)}),
    )
    return found


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--days", type=int, default=60)
    options = parser.parse_args()
    participants = people()

    def search(first_day: dt.date = FIRST_DAY) -> list[object]:
        return list(
            suggest_slots(participants, first_day, options.days, DURATION, step_minutes=STEP)
        )

    cold = timed(search)
    warm = [timed(search) for _ in range(options.runs)]
    shifted = [
        timed(functools.partial(search, FIRST_DAY + dt.timedelta(days=1 + i)))
        for i in range(options.runs)
    ]

    window = day_start_utc("UTC", FIRST_DAY + dt.timedelta(days=options.days)) - day_start_utc(
        "UTC", FIRST_DAY
    )
    candidates = window // dt.timedelta(minutes=STEP)
    result = suggest_slots(participants, FIRST_DAY, options.days, DURATION, limit=10_000)
    print(f"holidays {holidays_package_version()}, Python {sys.version.split()[0]}")
    print(
        f"{len(participants)} participants in {len({p.zone for p in participants})} zones, "
        f"{options.days} days from {FIRST_DAY}, {DURATION}-min slots every {STEP} min"
    )
    print(
        f"candidate slots evaluated: {candidates} "
        f"({candidates * len(participants)} participant-slots, "
        f"{candidates * len(participants) * DURATION} participant-minutes); "
        f"{len(result)} not excluded; best score {result[0].score if result else '-'}"
    )
    print(f"{'':10} {'median ms':>10} {'p95 ms':>8} {'min ms':>8}  runs")
    print(f"{'cold':10} {cold:10.1f} {'':>8} {'':>8}  1 (first search in this process)")
    for name, values in (("warm", warm), ("new range", shifted)):
        print(
            f"{name:10} {statistics.median(values):10.1f} {percentile(values, 0.95):8.1f} "
            f"{min(values):8.1f}  {len(values)}"
        )


if __name__ == "__main__":
    main()
