"""Duplicate detection speed on a big file: 100,000 synthetic contacts.

Run with ``python tests/benchmarks/bench_duplicates.py [--contacts N] [--probes N]``.
Prints figures, asserts nothing.

* single: find_duplicates_of() for one incoming card (the editor, a one-card import):
  indexed e-mail look-up, one phone query, full-text name candidates;
* index build: DuplicateIndex.build(), what an import does once before its first card;
* index match: DuplicateIndex.matches() per card, then the cost of a whole
  100,000-card import's matching;
* finder: find_all_duplicates() over the whole file (the on-demand finder).

Probes are copies of stored contacts (so every probe has at least one duplicate) with
the name's case changed and the e-mail upper-cased, plus as many fresh names.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from relationsapp.core.contact_service import ContactService
from relationsapp.core.duplicate_finder import find_all_duplicates
from relationsapp.core.duplicates import DuplicateIndex, find_duplicates_of
from relationsapp.core.records import ContactDraft, EmailEntry
from relationsapp.core.sample_loader import load_synthetic_data
from relationsapp.storage.database import open_database


def describe(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
    print(f"{name:<34} median {median:8.2f} ms   p95 {p95:8.2f} ms   ({len(times)} runs)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=200)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="relationsapp-bench-")) / "duplicates.sqlite"
    with open_database(path) as database:
        start = time.perf_counter()
        load_synthetic_data(database, args.contacts)
        print(f"{args.contacts:,} contacts loaded in {time.perf_counter() - start:.1f} s")

        rng = random.Random(3)
        contacts = ContactService(database)
        ids = rng.sample(range(1, args.contacts + 1), args.probes // 2)
        probes: list[ContactDraft] = []
        for contact_id in ids:
            draft = contacts.get(contact_id).draft
            probes.append(
                replace(
                    draft,
                    given_name=draft.given_name.upper(),
                    emails=[EmailEntry(e.address.upper(), e.kind) for e in draft.emails],
                )
            )
            probes.append(
                ContactDraft(
                    given_name=f"Zq{rng.randrange(10**6)}",
                    family_name=draft.family_name,
                    country=draft.country,
                    account_id=draft.account_id,
                )
            )

        find_duplicates_of(database, probes[0])  # warm the reader and phonenumbers
        single, found = [], 0
        for probe in probes:
            start = time.perf_counter()
            matches = find_duplicates_of(database, probe)
            single.append((time.perf_counter() - start) * 1000)
            found += bool(matches)
        describe("find_duplicates_of (one card)", single)
        print(f"  {found} of {len(probes)} probes matched (half are copies)")

        start = time.perf_counter()
        index = DuplicateIndex.build(database)
        print(f"DuplicateIndex.build                {(time.perf_counter() - start) * 1000:8.0f} ms")
        per_card, indexed = [], 0
        for probe in probes:
            start = time.perf_counter()
            matches = index.matches(probe)
            per_card.append((time.perf_counter() - start) * 1000)
            indexed += bool(matches)
        median = describe("DuplicateIndex.matches (one card)", per_card)
        print(f"  {indexed} of {len(probes)} probes matched")
        print(
            f"  → matching a {args.contacts:,}-card import: about "
            f"{median * args.contacts / 1000:.1f} s (median × cards)"
        )

        start = time.perf_counter()
        groups = find_all_duplicates(database)
        elapsed = time.perf_counter() - start
        pairs = sum(len(group.pairs) for group in groups)
        print(
            f"find_all_duplicates                 {elapsed * 1000:8.0f} ms   {len(groups):,} groups, {pairs:,} pairs"
        )


if __name__ == "__main__":
    main()
