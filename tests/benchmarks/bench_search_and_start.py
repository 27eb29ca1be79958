"""Search latency per keystroke and start-up time on a 100,000-contact file.

Run with ``make bench`` (or ``python tests/benchmarks/bench_search_and_start.py
[--count N] [--db PATH]``). Prints figures, asserts nothing: tests never assert
wall-clock times. Baselines are measured in the same run on the same machine:

* search: raw sqlite3 running the app's own SQL for a keystroke (the match count and
  the first page of rows) versus the app's path (ContactSearch + ContactTableModel
  reset + the visible rows painted);
* start: a bare PySide6 window with a table versus ``python -m relationsapp`` on the
  file, both from process start to the first processed event, then exit.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Words a user types, one keystroke at a time: Latin with and without accents, a
# transliteration, Japanese, an e-mail fragment and a tag.
TYPED_WORDS = [
    "mette",
    "jorgen",
    "makinen",
    "yamada",
    "garcia",
    "sales",
    "山田",
    "key-acc",
    "ahmed",
]
START_RUNS = 7

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
import sys
print(next(line for line in open("/proc/self/status") if line.startswith("VmHWM:")), file=sys.stderr)
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build_file(path: Path, count: int) -> None:
    from relationsapp.core.sample_loader import load_synthetic_data
    from relationsapp.storage.database import open_database

    started = time.perf_counter()
    with open_database(path) as database:
        load_synthetic_data(database, count)
    print(
        f"built {count:,} contacts in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)"
    )


def prefixes() -> list[str]:
    return [word[:length] for word in TYPED_WORDS for length in range(1, len(word) + 1)]


def raw_fts_times(path: Path) -> tuple[list[float], dict[str, int]]:
    """The app's own SQL for each keystroke (count, then the first page) on a bare
    sqlite3 connection: the floor the app's path is compared with."""
    from relationsapp.core.contact_search import FEW_MATCHES
    from relationsapp.storage.fts_contact_search import ContactFilter, count_query, page_query
    from relationsapp.storage.sqlite_connection import open_reader
    from relationsapp.ui.contact_table_model import PAGE_SIZE

    connection = open_reader(path)
    times, hits = [], {}
    for text in prefixes():
        contact_filter = ContactFilter(text=text)
        started = time.perf_counter()
        count_sql, params = count_query(contact_filter)
        count = connection.execute(count_sql, params).fetchone()[0]
        if count:
            page_sql, params = page_query(contact_filter, "name", False, count <= FEW_MATCHES)
            connection.execute(page_sql, {**params, "limit": PAGE_SIZE, "offset": 0}).fetchall()
        times.append((time.perf_counter() - started) * 1000)
        hits[text] = count
    connection.close()
    return times, hits


def full_id_list_times(path: Path) -> list[float]:
    """For context: every matching id in name order (what a non-paged model would need)."""
    from relationsapp.storage.fts_contact_search import fts_match_expression
    from relationsapp.storage.sqlite_connection import open_reader

    connection = open_reader(path)
    sql = (
        "SELECT c.id FROM contacts AS c WHERE c.deleted_at IS NULL AND c.id IN "
        "(SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?) ORDER BY c.sort_key, c.id"
    )
    times = []
    for text in prefixes():
        started = time.perf_counter()
        connection.execute(sql, (fts_match_expression(text),)).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return times


def app_search_times(path: Path) -> tuple[list[float], list[float], dict[str, int]]:
    """Per keystroke: query, model reset, and the view painting its visible rows."""
    from PySide6.QtWidgets import QApplication

    from relationsapp.core.account_service import AccountService
    from relationsapp.core.contact_search import IndexedContactSearch
    from relationsapp.storage.database import open_database
    from relationsapp.ui.contact_table_model import ContactTableModel
    from relationsapp.ui.contacts_view import ContactsView

    app = QApplication.instance() or QApplication([])
    with open_database(path, lock=False) as database:
        search = IndexedContactSearch(database)
        model = ContactTableModel(search)
        view = ContactsView(model, search)
        AccountService(database)  # same services as the window; nothing else runs
        view.resize(1200, 800)
        view.show()
        app.processEvents()
        times, model_times, hits = [], [], {}
        for word in TYPED_WORDS:
            view.search_field.clear()
            app.processEvents()
            for length in range(1, len(word) + 1):
                started = time.perf_counter()
                view.search_field.setText(word[:length])  # textChanged → query → reset
                updated = time.perf_counter()
                view.table.viewport().repaint()  # paint the visible rows now
                painted = time.perf_counter()
                model_times.append((updated - started) * 1000)
                times.append((painted - started) * 1000)
                hits[word[:length]] = model.rowCount()
        view.close()
    return times, model_times, hits


def start_times(path: Path) -> tuple[list[float], list[float], float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RELATIONSAPP_QUIT_AFTER_START="1")
    env["RELATIONSAPP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="relationsapp-bench-")

    def run(arguments: list[str]) -> tuple[float, float]:
        started = time.perf_counter()
        result = subprocess.run(arguments, env=env, check=True, capture_output=True, text=True)
        elapsed = (time.perf_counter() - started) * 1000
        # VmHWM, printed by the child itself: rusage of a forked child also counts the
        # memory of this (large) parent process at fork time.
        peak = next(line for line in result.stderr.splitlines() if line.startswith("VmHWM:"))
        return elapsed, int(peak.split()[1]) / 1024

    bare, app, bare_peak, app_peak = [], [], 0.0, 0.0
    run([sys.executable, "-c", BARE_WINDOW])  # warm the OS file cache for both
    run([sys.executable, "-m", "relationsapp", "--db", str(path)])
    for _ in range(START_RUNS):
        elapsed, peak = run([sys.executable, "-c", BARE_WINDOW])
        bare.append(elapsed)
        bare_peak = max(bare_peak, peak)
    for _ in range(START_RUNS):
        elapsed, peak = run([sys.executable, "-m", "relationsapp", "--db", str(path)])
        app.append(elapsed)
        app_peak = max(app_peak, peak)
    return bare, app, bare_peak, app_peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument(
        "--db", type=Path, help="reuse (or create) this file instead of a temporary one"
    )
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="relationsapp-bench-")) / "bench.sqlite"
    if not path.exists():
        build_file(path, args.count)

    raw, raw_hits = raw_fts_times(path)
    ours, model_only, our_hits = app_search_times(path)
    full = full_id_list_times(path)
    mismatches = [text for text in raw_hits if raw_hits[text] != our_hits.get(text)]
    print(
        f"\nsearch, {len(raw)} keystrokes over {len(TYPED_WORDS)} words ({min(raw_hits.values())}–{max(raw_hits.values()):,} hits)"
    )
    print(
        f"  raw FTS5, same SQL (sqlite3) p50 {statistics.median(raw):6.2f} ms   p95 {percentile(raw, 0.95):6.2f} ms"
    )
    print(
        f"  (every id, name order)       p50 {statistics.median(full):6.2f} ms   p95 {percentile(full, 0.95):6.2f} ms"
    )
    print(
        f"  app, query + model update    p50 {statistics.median(model_only):6.2f} ms   p95 {percentile(model_only, 0.95):6.2f} ms"
    )
    print(
        f"  app, + visible rows painted  p50 {statistics.median(ours):6.2f} ms   p95 {percentile(ours, 0.95):6.2f} ms"
    )
    print(
        f"  ratio (query+model)/raw      p50 {statistics.median(model_only) / statistics.median(raw):6.2f}×     p95 {percentile(model_only, 0.95) / percentile(raw, 0.95):6.2f}×"
    )
    print(
        f"  hit counts equal for every keystroke: {'yes' if not mismatches else 'NO: ' + ', '.join(mismatches)}"
    )
    worst = sorted(zip(ours, prefixes(), strict=True), reverse=True)[:3]
    print(
        "  slowest keystrokes: "
        + ", ".join(f"{text!r} {ms:.1f} ms ({our_hits[text]:,} hits)" for ms, text in worst)
    )

    bare, app, bare_peak, app_peak = start_times(path)
    print(f"\nstart to first event and exit, {START_RUNS} runs each")
    print(
        f"  bare PySide6 window         median {statistics.median(bare):6.0f} ms   peak RSS {bare_peak:5.0f} MB"
    )
    print(
        f"  relationsapp on the file    median {statistics.median(app):6.0f} ms   peak RSS {app_peak:5.0f} MB"
    )
    print(f"  ratio                       {statistics.median(app) / statistics.median(bare):6.2f}×")
    print(
        f"\npeak RSS of this benchmark process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
