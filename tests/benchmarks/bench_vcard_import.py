"""How fast a large .vcf is read: our parser (and mapping) against vobject's.

    .venv/bin/python tests/benchmarks/bench_vcard_import.py [N] [RUNS]

Generates N (default 100,000) varied cards — names in Latin, Cyrillic, Greek, Arabic,
CJK and Hangul scripts, e-mails, phones, addresses, notes, every tenth a vCard 2.1 card
with quoted-printable values — into a temporary file, then prints the median of RUNS
runs of: vobject.readComponents over the whole file, our parse alone, our parse +
mapping to drafts, the ratios against vobject (target: parse + mapping ≤ 1.5×), and the
peak memory of our parse + mapping (tracemalloc, one extra run). vobject is a dev
dependency, used here only. No assertions: figures to read.
"""

from __future__ import annotations

import binascii
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from relationsapp.interop.vcard_mapping import read_vcard_bytes
from relationsapp.interop.vcard_parser import parse_vcard_bytes

GIVEN = ["Jørgen", "Anna", "Иван", "Νίκος", "محمد", "花子", "민지", "José", "Zoë", "Li"]
FAMILY = ["Müller", "Smith", "Петров", "Παπαδόπουλος", "الحسن", "佐藤", "김", "García", "O'Neil"]
CITIES = [
    ("København Ø", "2100", "Denmark"),
    ("München", "80331", "Germany"),
    ("東京", "100-0001", "Japan"),
    ("São Paulo", "01000-000", "Brazil"),
]


def qp(text: str) -> str:
    return binascii.b2a_qp(text.encode(), istext=False).decode()


def second_name(rng: random.Random) -> str:
    """A made-up second family name ("Kovatine"): random letters, so two people differ
    by more than a digit, as real names do (a name differing in one digit only is,
    rightly, taken for a duplicate)."""
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4)).title()


def make_card(index: int, rng: random.Random) -> str:
    # Distinct people (as in a real address book): the number keeps names, phones and
    # e-mails apart, so the import measures adding 100,000 people, not finding repeats.
    given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)}-{second_name(rng)}"
    city, code, country = rng.choice(CITIES)
    note = f"Met at the fair in {city}, {index}; likes coffee\\nFollow up in spring"
    if index % 10 == 0:
        # Latin names here: a Greek or Cyrillic name with its number grows past one
        # quoted-printable line, and vobject cannot read soft line breaks (see below).
        given = rng.choice(["Jørgen", "Anna", "José", "Zoë"])
        family = f"{rng.choice(['Müller', 'Smith', 'García', 'Ørsted'])}-{second_name(rng)}"
        # Short enough for one line: vobject cannot read a soft line break ("=" at the
        # end of a line) and stops the whole file with a ParseError.
        text = f"Møde i {city}\r\nRing {index}"
        qp_note = qp(text)
        return (
            "BEGIN:VCARD\r\nVERSION:2.1\r\n"
            f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(family)};{qp(given)};;;\r\n"
            f"FN;CHARSET=UTF-8:{given} {family}\r\n"
            f"TEL;WORK;VOICE:+45 3{index:07d}\r\n"
            f"TEL;CELL:+45 2{index:07d}\r\n"
            f"EMAIL;PREF;INTERNET:person{index}@example.com\r\n"
            f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp_note}\r\n"
            "END:VCARD\r\n"
        )
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"UID:card-{index}\r\n"
        f"FN:{given} {family}\r\n"
        f"N:{family};{given};;;\r\n"
        f"ORG:Company {index % 500};Sales\r\n"
        f"TITLE:Buyer\r\n"
        f"EMAIL;TYPE=INTERNET,WORK:person{index}@example.com\r\n"
        f"EMAIL;TYPE=INTERNET,HOME:home{index}@example.org\r\n"
        f"TEL;TYPE=WORK,VOICE:+49 89 {index:07d}\r\n"
        f"TEL;TYPE=CELL:+49 170 {index:07d}\r\n"
        f"ADR;TYPE=WORK:;;Street {index % 300} 4;{city};;{code};{country}\r\n"
        f"NOTE:{note}\r\n"
        f"BDAY:19{index % 90 + 10:02d}-0{index % 9 + 1}-1{index % 9}\r\n"
        f"CATEGORIES:client,fair{index % 7}\r\n"
        f"item1.URL:https://example.com/{index}\r\nitem1.X-ABLabel:profile\r\n"
        "END:VCARD\r\n"
    )


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    import vobject

    rng = random.Random(8)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cards.vcf"
        path.write_text(
            "".join(make_card(i, rng) for i in range(count)), encoding="utf-8", newline=""
        )
        data = path.read_bytes()
        print(f"{count:,} cards, {len(data) / 1e6:.1f} MB, median of {runs} runs")

        def vobject_parse() -> object:
            with path.open(encoding="utf-8", newline="") as stream:
                return sum(1 for _card in vobject.readComponents(stream))

        def our_parse() -> object:
            return parse_vcard_bytes(path.read_bytes(), str(path))

        def our_parse_and_map() -> object:
            return read_vcard_bytes(path.read_bytes(), str(path))

        read_vcard_bytes(data[:20000], "warm-up")  # country names, Pillow import
        result = read_vcard_bytes(data, str(path))
        print(f"  read back: {len(result.contacts):,} contacts, {len(result.skipped)} skipped")

        vobject_time = median_time(vobject_parse, runs)
        parse_time = median_time(our_parse, runs)
        map_time = median_time(our_parse_and_map, runs)
        tracemalloc.start()
        our_parse_and_map()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        print(f"  vobject.readComponents      {vobject_time:7.2f} s")
        print(
            f"  our parse                   {parse_time:7.2f} s   {parse_time / vobject_time:5.2f}× vobject"
        )
        print(
            f"  our parse + mapping         {map_time:7.2f} s   {map_time / vobject_time:5.2f}× vobject (target ≤ 1.5×)"
        )
        print(f"  peak memory, parse + mapping {peak / 1e6:6.0f} MB (tracemalloc)")
        full_import(path, vobject_time)


def _import_in_a_fresh_process(path: str) -> tuple[float, float, int, int, float]:
    import resource

    from relationsapp.core.contact_import import apply_contact_import, plan_contact_import
    from relationsapp.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder, open_database(Path(folder) / "b.sqlite") as db:
        start = time.perf_counter()
        plan = plan_contact_import(db, [Path(path)])
        planned = time.perf_counter() - start
        result = apply_contact_import(db, plan)
        total = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    imported = len(result.imported_ids)
    return planned, total, imported, len(plan.rows) - imported, rss


def full_import(path: Path, vobject_time: float) -> None:
    """The whole import once, as the app runs it: read, repair and validate every card,
    classify (duplicates against the file and within the import), write in one
    transaction with bulk inserts and the search index; into a fresh database file, in
    a fresh process so that its peak memory is the import's own."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        planned, total, imported, not_new, rss = pool.apply(
            _import_in_a_fresh_process, (str(path),)
        )
    print(
        f"  full import (plan {planned:.1f} s + write {total - planned:.1f} s) "
        f"{total:7.2f} s   {total / vobject_time:5.2f}× vobject; "
        f"{imported:,} imported, {not_new} not new; peak RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
