"""Briefing sheets and trip packs: how long printing takes.

Run with ``python tests/benchmarks/bench_briefing.py [--sheets N] [--runs N]``.
Prints figures, asserts nothing.

* sheet: build_briefing() for sample contacts in every script (queries, culture notes,
  holidays, script runs, Arabic reshaping, Devanagari shaping, font subsetting);
* baseline: a bare reportlab document of the same text, line for line, built in the
  same run (SimpleDocTemplate, one Paragraph per line, Noto Sans embedded) — what the
  sheet's layout would cost without anything of ours;
* trip pack: itinerary plus 50 meeting sheets in one PDF (target ≤ 3 s);
* first use of a CJK face: instancing the variable font at Regular into an empty cache
  (once per machine, see reports/fonts.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import select

from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.core.sample_loader import load_sample_data
from relationsapp.core.services import Services
from relationsapp.core.zones import now_utc
from relationsapp.reports.briefing_sheet import build_briefing
from relationsapp.reports.fonts import FONT_PACKAGES, _font_file, base_font, printable_file
from relationsapp.reports.script_text import font_of_script, script_runs
from relationsapp.reports.trip_pack import build_trip_pack
from relationsapp.storage.database import Database, open_database
from relationsapp.storage.models import Contact

MY_ZONE = "Europe/Copenhagen"


def describe(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
    print(f"{name:<34} median {median:8.1f} ms   p95 {p95:8.1f} ms   ({len(times)} runs)")
    return median


def bare_document(lines: list[str], *, same_fonts: bool = False) -> bytes:
    """The lines as plain Paragraphs in Noto Sans; with ``same_fonts``, each line in the
    font its first non-Latin script needs (so the same font subsets get embedded)."""
    buffer = io.BytesIO()
    style = ParagraphStyle("body", fontName=base_font(), fontSize=9.5, leading=13)
    story = []
    for line in lines:
        text = escape(line)
        if same_fonts:
            scripts = [s for s, _piece in script_runs(line) if s not in ("latin", "neutral")]
            if scripts:
                text = f'<font name="{font_of_script(scripts[0], line)}">{text}</font>'
        story.append(Paragraph(text, style))
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def contacts_by_country(database: Database, count: int) -> list[int]:
    """One contact per country first (every script), then the rest, ``count`` in all."""
    with database.session() as session:
        rows = session.execute(
            select(Contact.id, Contact.country).where(Contact.deleted_at.is_(None))
        ).all()
    seen: set[str] = set()
    first = [cid for cid, country in rows if not (country in seen or seen.add(country))]
    rest = [cid for cid, _country in rows if cid not in set(first)]
    return (first + rest)[:count]


def book_trip(services: Services, contact_ids: list[int], now: dt.datetime) -> list[int]:
    ids = []
    for index, contact_id in enumerate(contact_ids):
        details = services.contacts.get(contact_id)
        zone = details.draft.time_zone or MY_ZONE
        start = now + dt.timedelta(days=1 + index // 5, hours=index % 5)
        attendees = [
            MeetingAttendee("Me", zone),
            MeetingAttendee(details.display_name, zone, details.draft.country, "", contact_id),
        ]
        draft = MeetingDraft(
            title=f"Meeting {index + 1}", start_utc=start, organiser_zone=zone, attendees=attendees
        )
        ids.append(services.meetings.book(draft))
    return ids


def first_use_of_a_cjk_face() -> float:
    with tempfile.TemporaryDirectory() as empty:
        os.environ["RELATIONSAPP_CACHE_DIR"] = empty
        path = _font_file(*FONT_PACKAGES["RA-CJK-JP"])
        assert path is not None
        start = time.perf_counter()
        printable_file(path)
        return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pack", type=int, default=50)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="relationsapp-bench-")) / "briefing.sqlite"
    with open_database(path) as database:
        load_sample_data(database)
        services = Services(database)
        now = now_utc()
        contacts = contacts_by_country(database, args.sheets)
        build_briefing(services, contacts[0], now=now, my_zone=MY_ZONE)  # fonts registered

        texts = {}
        for contact_id in contacts:
            data = build_briefing(services, contact_id, now=now, my_zone=MY_ZONE)
            reader = PdfReader(io.BytesIO(data))
            texts[contact_id] = [
                line
                for page in reader.pages
                for line in (page.extract_text() or "").splitlines()
                if line.strip()
            ]
        lines = statistics.median(len(text) for text in texts.values())
        print(f"{len(contacts)} sheets, median {lines:.0f} lines of text each")

        sheet_times, bare_times, fonts_times = [], [], []
        for _ in range(args.runs):
            for contact_id in contacts:
                start = time.perf_counter()
                build_briefing(services, contact_id, now=now, my_zone=MY_ZONE)
                sheet_times.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                bare_document(texts[contact_id])
                bare_times.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                bare_document(texts[contact_id], same_fonts=True)
                fonts_times.append((time.perf_counter() - start) * 1000)
        sheet = describe("briefing sheet", sheet_times)
        bare = describe("bare reportlab, same text", bare_times)
        fonts = describe("bare, same text and fonts", fonts_times)
        print(f"ratio sheet / bare: {sheet / bare:.2f}x (target <= 1.5x)")
        print(f"ratio sheet / bare with the same fonts: {sheet / fonts:.2f}x")

        meeting_ids = book_trip(services, contacts_by_country(database, args.pack), now)
        pack_times = []
        size = 0
        for _ in range(max(3, args.runs // 2)):
            start = time.perf_counter()
            data = build_trip_pack(services, meeting_ids, now=now, my_zone=MY_ZONE)
            pack_times.append((time.perf_counter() - start) * 1000)
            size = len(data)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        describe(f"trip pack, {len(meeting_ids)} meetings", pack_times)
        print(f"  {pages} pages, {size / 1024:.0f} KiB (target <= 3000 ms)")
    print(f"first use of the Japanese face (instancing, once): {first_use_of_a_cjk_face():.0f} ms")


if __name__ == "__main__":
    main()
