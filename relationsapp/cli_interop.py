"""``relationsapp import`` and ``export``: contacts in and out as vCard or CSV, meetings
out as iCalendar (see relationsapp.cli for the parser)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from relationsapp.cli import CliError, open_file_database
from relationsapp.i18n.translate import _, ngettext


def add_parsers(commands: argparse._SubParsersAction) -> None:
    importer = commands.add_parser(
        "import", help=_("import contacts (vCard .vcf, CSV) and meetings (iCalendar .ics)")
    )
    importer.add_argument("files", nargs="+", metavar="FILE", help=_("the files to import"))
    importer.add_argument(
        "--dry-run", action="store_true", help=_("check the files and report; import nothing")
    )
    importer.add_argument(
        "--include-duplicates",
        action="store_true",
        help=_("import records that look like someone already in the file too"),
    )
    importer.add_argument("--json", action="store_true", help=_("print JSON"))
    exporter = commands.add_parser(
        "export", help=_("export contacts (vCard, CSV) or meetings (iCalendar)")
    )
    exporter.add_argument("--format", required=True, choices=["vcard", "csv", "ics"])
    exporter.add_argument(
        "--query", default="", metavar="Q", help=_("only contacts (or meetings) matching Q")
    )
    exporter.add_argument(
        "--vcard-version", choices=["4.0", "3.0"], default="4.0", help=_("vCard version")
    )
    exporter.add_argument(
        "--raw",
        action="store_true",
        help=_("CSV cells exactly as stored (not protected against spreadsheet formulas)"),
    )
    exporter.add_argument("-o", "--output", required=True, metavar="FILE")


def import_files(args: argparse.Namespace, out: TextIO) -> int:
    """Plan (and unless --dry-run apply) the import; exit 1 when records were skipped."""
    from relationsapp.core.contact_import import (
        RowState,
        apply_contact_import,
        left_out_duplicates,
        plan_contact_import,
    )
    from relationsapp.interop.contact_records import SkippedRecord

    every = [Path(name) for name in args.files]
    paths = [path for path in every if path.suffix.lower() != ".ics"]
    calendars = [path for path in every if path.suffix.lower() == ".ics"]
    meetings = 0
    with open_file_database(args.db, write=not args.dry_run) as database:
        plan = plan_contact_import(database, paths)
        if calendars and not args.dry_run:
            from relationsapp.core.meeting_import import import_meetings_from_ics

            booked = import_meetings_from_ics(database, calendars, _home_zone())
            meetings = len(booked.imported_ids)
            plan.skipped.extend(booked.skipped)
        for row in plan.rows:
            if row.state == RowState.DUPLICATE:
                row.include = args.include_duplicates
        new = plan.count(RowState.NEW) + (
            plan.count(RowState.DUPLICATE) if args.include_duplicates else 0
        )
        updated = plan.count(RowState.UPDATE)
        skipped: list[SkippedRecord] = list(plan.skipped)
        if not args.dry_run:
            result = apply_contact_import(database, plan)
            new, updated = len(result.imported_ids), len(result.updated)
            skipped = result.skipped
        else:
            skipped.extend(left_out_duplicates(plan))
    report = {
        "imported": new,
        "updated": updated,
        "unchanged": plan.count(RowState.UNCHANGED),
        "duplicates": plan.count(RowState.DUPLICATE),
        "skipped": [
            {"file": record.source, "line": record.line, "reason": record.reason}
            for record in skipped
        ],
        "warnings": [
            {"file": row.record.source, "line": row.record.line, "warning": warning}
            for row in plan.rows
            for warning in row.record.warnings
        ],
        "meetings": meetings,
        "dry_run": bool(args.dry_run),
    }
    if args.json:
        out.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(
            _("Imported %(new)d, updated %(updated)d, duplicates %(duplicates)d.")
            % {"new": new, "updated": updated, "duplicates": report["duplicates"]}
            + "\n"
        )
        for record in skipped:
            out.write(f"{record.source}:{record.line}: {record.reason}\n")
        if args.dry_run:
            out.write(_("Dry run: nothing was imported.") + "\n")
    return 1 if plan.skipped else 0


def _home_zone() -> str:
    from relationsapp.core.zones import system_zone
    from relationsapp.storage.app_settings import AppSettings

    return AppSettings.load().home_zone or system_zone()


def export(args: argparse.Namespace, out: TextIO) -> None:
    from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch
    from relationsapp.core.contact_service import ContactService

    with open_file_database(args.db, write=False) as database:
        if args.format == "ics":
            data = _meetings_ics(database, args.query)
            count = data.count(b"BEGIN:VEVENT")
        else:
            ids = IndexedContactSearch(database).contact_ids(ContactQuery(text=args.query))
            contacts = ContactService(database)
            details = [contacts.get(contact_id) for contact_id in ids]
            count = len(details)
            if args.format == "vcard":
                from relationsapp.interop.vcard_writer import write_vcards

                data = write_vcards(details, version=args.vcard_version).encode("utf-8")
            else:
                from relationsapp.interop.contact_csv_writer import write_contacts_csv

                text = write_contacts_csv(details, excel_safe=not args.raw)
                data = text.encode("utf-8-sig")  # Excel reads UTF-8 only with the BOM
    path = Path(args.output)
    try:
        path.write_bytes(data)
    except OSError as error:
        message = _("Could not write %(path)s: %(error)s")
        raise CliError(message % {"path": path, "error": error.strerror or error}) from error
    out.write(
        ngettext(
            "Exported %(count)d record to %(path)s", "Exported %(count)d records to %(path)s", count
        )
        % {"count": count, "path": path}
        + "\n"
    )


def _meetings_ics(database: object, query: str) -> bytes:
    import datetime as dt

    from relationsapp.core.invitations import meetings_to_ics
    from relationsapp.core.meeting_service import MeetingService

    meetings = MeetingService(database).starting_between(  # type: ignore[arg-type]
        dt.datetime(1900, 1, 1, tzinfo=dt.UTC), dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
    )
    if query.strip():
        wanted = query.casefold().strip()
        meetings = [
            meeting
            for meeting in meetings
            if wanted in meeting.draft.title.casefold()
            or any(wanted in attendee.label.casefold() for attendee in meeting.draft.attendees)
        ]
    return meetings_to_ics(meetings)
