"""Today report speed on a big file: 100,000 contacts with ten months of history.

Run with ``python tests/benchmarks/bench_today.py [--contacts N] [--runs N]``.
Prints figures, asserts nothing. The report runs on the UI thread when the Today page
is shown and every minute after (DESIGN: work over ~100 ms goes off the UI thread).

* baseline: one plain sqlite3 pass over every contact's birthday and stay-in-touch
  interval — what a report that filtered in Python would have to read;
* report: build_today() as the Today page calls it (promises judged in each client's
  calendar, replies counted in working hours, birthdays, lapsed contacts, holidays);
* timeline: one contact's interactions, as the timeline under the list reads them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from relationsapp.core.sample_interactions import add_sample_history
from relationsapp.core.sample_loader import load_synthetic_data, sample_clients
from relationsapp.core.services import Services
from relationsapp.core.today import build_today
from relationsapp.core.zones import now_utc
from relationsapp.storage.database import open_database

MY_ZONE = "Europe/Copenhagen"


def timed(action: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


def describe(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
    print(f"{name:<28} median {median:7.1f} ms   p95 {p95:7.1f} ms   ({len(times)} runs)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="relationsapp-bench-")) / "today.sqlite"
    with open_database(path) as database:
        start = time.perf_counter()
        load_synthetic_data(database, args.contacts)
        with database.session() as session, session.begin():
            # A third of the people get a stay-in-touch interval, as in the sample set.
            session.connection().exec_driver_sql(
                "UPDATE contacts SET touch_weeks = 2 + 2 * (id % 5) WHERE id % 3 = 0"
            )
            add_sample_history(session, sample_clients(session), now_utc())
        counts = (
            database.reader()
            .execute(
                "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM interactions), "
                "(SELECT count(*) FROM promises)"
            )
            .fetchone()
        )
        print(
            f"{counts[0]:,} contacts, {counts[1]:,} interactions, {counts[2]:,} promises "
            f"(made in {time.perf_counter() - start:.1f} s)"
        )
        services = Services(database)
        reader = database.reader()

        def baseline() -> None:
            reader.execute("SELECT id, birthday, touch_weeks FROM contacts").fetchall()

        def report() -> None:
            build_today(services, now_utc(), MY_ZONE)

        first = timed(report, 1)[0]
        print(f"{'report, first (cold caches)':<28} {first:7.1f} ms")
        base = describe("baseline: full scan", timed(baseline, args.runs))
        warm = describe("report (warm)", timed(report, args.runs))
        print(f"ratio report / baseline: {warm / base:.2f}")
        # A contact's timeline, as when arrowing through the contact list.
        ids = [
            row[0] for row in reader.execute("SELECT id FROM contacts ORDER BY random() LIMIT 200")
        ]
        picks = iter(ids)
        describe(
            "timeline of one contact",
            timed(lambda: services.interactions.timeline(contact_id=next(picks)), len(ids)),
        )
        sections = build_today(services, now_utc(), MY_ZONE)
        print(
            "items: "
            + ", ".join(
                f"{name} {len(getattr(sections, name))}"
                for name in ("overdue", "due_today", "awaiting", "birthdays", "lapsed", "holidays")
            )
        )


if __name__ == "__main__":
    main()
