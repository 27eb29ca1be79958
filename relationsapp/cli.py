"""``relationsapp``: the command-line companion. Without a subcommand it starts the app.

relationsapp [--db PATH] [--lang da]             start the desktop app
relationsapp demo [--count N]                    sample data, or N synthetic contacts
relationsapp contacts list [--json]              every contact
relationsapp contacts search QUERY [--json]      the same search as the app
relationsapp time ZONE "YYYY-MM-DD HH:MM" [--json]   what a wall time in a zone means
relationsapp culture CC [--json]                 a country's profile and team notes
relationsapp today [--json]                      promises, replies, meetings, birthdays due now
relationsapp plan --participant LABEL:ZONE[:CC[-SUBDIV]] ... [--contact UID ...]
    --from YYYY-MM-DD --days N --duration MINUTES [--hours 09:00-17:00] [--json]
relationsapp metrics --from YYYY-MM-DD --to YYYY-MM-DD [--segment KEY=VALUE ...]
    [--currency EUR] [--json]                    retention, CSAT, NPS, referrals, CLTV
relationsapp import-orders FILE.csv [--dry-run] [--json] [--skip-problems]
                                                 orders from an ERP's CSV export
relationsapp import-feedback FILE.csv [--dry-run] [--json] [--skip-problems]
                                                 CSAT/NPS answers from a survey tool's CSV
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import TextIO

from relationsapp.i18n.translate import _, ngettext, set_language, system_language
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.errors import DatabaseOpenError


class CliError(Exception):
    """A message for stderr and exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="relationsapp",
        description=_(
            "RelationsApp: know your clients across countries, languages and time zones."
        ),
    )
    parser.add_argument(
        "--db", metavar=_("PATH"), help=_("database file to open (default: your data folder)")
    )
    parser.add_argument("--lang", choices=["en", "da", "fi"], help=_("language of the interface"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    demo = commands.add_parser("demo", help=_("fill the database with sample data"))
    demo.add_argument(
        "--count",
        type=int,
        metavar="N",
        help=_("make N synthetic contacts instead of the sample set"),
    )
    demo.add_argument(
        "--append", action="store_true", help=_("add even if the database is not empty")
    )

    contacts = commands.add_parser("contacts", help=_("list or search contacts"))
    contact_commands = contacts.add_subparsers(
        dest="contacts_command", metavar=_("ACTION"), required=True
    )
    listing = contact_commands.add_parser("list", help=_("list every contact"))
    listing.add_argument("--json", action="store_true", help=_("print JSON records"))
    search = contact_commands.add_parser("search", help=_("search contacts as the app does"))
    search.add_argument("query", metavar=_("QUERY"))
    search.add_argument("--json", action="store_true", help=_("print JSON records"))
    time_command = commands.add_parser("time", help=_("what a local time in a zone means"))
    time_command.add_argument(
        "zone", metavar=_("ZONE"), help=_("IANA time zone, e.g. Asia/Kolkata")
    )
    time_command.add_argument(
        "local", metavar=_("LOCAL_TIME"), help=_("wall time, YYYY-MM-DD HH:MM")
    )
    time_command.add_argument("--json", action="store_true", help=_("print JSON"))

    plan = commands.add_parser("plan", help=_("suggest meeting times that suit everyone"))
    plan.add_argument(
        "--participant",
        action="append",
        default=[],
        metavar="LABEL:ZONE[:CC[-SUBDIV]]",
        help=_("a person or place, e.g. Mette:Europe/Copenhagen:DK"),
    )
    plan.add_argument(
        "--contact", action="append", default=[], metavar="UID", help=_("a contact by uid")
    )
    plan.add_argument("--from", dest="first_day", required=True, metavar="YYYY-MM-DD")
    plan.add_argument("--days", type=int, default=7, metavar="N")
    plan.add_argument("--duration", type=int, default=60, metavar=_("MINUTES"))
    plan.add_argument(
        "--hours", default="09:00-17:00", help=_("working hours of --participant entries")
    )
    plan.add_argument("--allow-weekends", action="store_true", help=_("also suggest weekend times"))
    plan.add_argument(
        "--allow-holidays", action="store_true", help=_("also suggest public holidays")
    )
    plan.add_argument("--limit", type=int, default=10, metavar="N")
    plan.add_argument("--json", action="store_true", help=_("print JSON"))

    culture = commands.add_parser(
        "culture", help=_("a country's profile: facts from data and the team's notes")
    )
    culture.add_argument("country", metavar="CC", help=_("ISO country code, e.g. SA or JP"))
    culture.add_argument("--json", action="store_true", help=_("print JSON"))

    today = commands.add_parser(
        "today", help=_("what needs you today: promises, replies, meetings, birthdays")
    )
    today.add_argument("--json", action="store_true", help=_("print JSON"))

    metrics = commands.add_parser(
        "metrics", help=_("retention, CSAT, NPS, referral rate and customer lifetime value")
    )
    metrics.add_argument("--from", dest="first_day", required=True, metavar="YYYY-MM-DD")
    metrics.add_argument("--to", dest="last_day", required=True, metavar="YYYY-MM-DD")
    metrics.add_argument(
        "--segment",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_("only accounts with this industry, size, country or tag, e.g. country=DK"),
    )
    metrics.add_argument(
        "--currency", default="EUR", metavar="CODE", help=_("currency of the money figures")
    )
    metrics.add_argument("--json", action="store_true", help=_("print JSON"))

    briefing = commands.add_parser(
        "briefing", help=_("print a briefing sheet (PDF) for a contact or a meeting")
    )
    about = briefing.add_mutually_exclusive_group(required=True)
    about.add_argument("--contact", metavar="UID", help=_("the contact's uid"))
    about.add_argument(
        "--meeting", metavar="UID", help=_("the meeting's uid: a sheet for each person at it")
    )
    trip_pack = commands.add_parser(
        "trip-pack", help=_("print the itinerary and a briefing per meeting for some days (PDF)")
    )
    trip_pack.add_argument("--from", dest="first_day", required=True, metavar="YYYY-MM-DD")
    trip_pack.add_argument("--to", dest="last_day", required=True, metavar="YYYY-MM-DD")
    for printing in (briefing, trip_pack):
        printing.add_argument(
            "--lang",
            dest="sheet_lang",
            choices=["en", "da", "fi"],
            help=_("language of the sheet's labels (default: the interface's)"),
        )
        printing.add_argument(
            "--leave-out-sensitive",
            action="store_true",
            help=_("leave out notes and interactions marked sensitive"),
        )
        printing.add_argument("-o", "--output", required=True, metavar="FILE.pdf")

    import_orders = commands.add_parser(
        "import-orders", help=_("import orders from an ERP's CSV export")
    )
    import_feedback = commands.add_parser(
        "import-feedback", help=_("import CSAT and NPS answers from a survey tool's CSV export")
    )
    from relationsapp import cli_interop

    cli_interop.add_parsers(commands)
    for importer in (import_orders, import_feedback):
        importer.add_argument("file", metavar="FILE.csv", help=_("the CSV file to import"))
        importer.add_argument(
            "--dry-run", action="store_true", help=_("check the file and report; import nothing")
        )
        importer.add_argument("--json", action="store_true", help=_("print JSON"))
        importer.add_argument(
            "--skip-problems",
            action="store_true",
            help=_("import the good rows even when some lines have problems"),
        )
    return parser


def open_file_database(path_option: str | None, *, write: bool):  # type: ignore[no-untyped-def]
    from relationsapp.core.open_messages import open_error_message
    from relationsapp.storage.database import open_database

    path = AppSettings.load().resolved_database_path(path_option)
    try:
        # Read-only commands take no lock, so they work beside a running app, and
        # never create a file where the user mistyped a path.
        return open_database(path, lock=write, create=write)
    except DatabaseOpenError as error:
        raise CliError(open_error_message(error)) from error


def _demo(args: argparse.Namespace, out: TextIO) -> None:
    from relationsapp.core.sample_loader import load_sample_data, load_synthetic_data
    from relationsapp.core.workspace import is_empty

    if args.count is not None and args.count <= 0:
        raise CliError(_("--count must be a positive number."))
    with open_file_database(args.db, write=True) as database:
        if not args.append and not is_empty(database):
            raise CliError(
                _("%(path)s already holds data; use --append to add the sample anyway.")
                % {"path": database.path}
            )
        if args.count is None:
            accounts, contacts = load_sample_data(database)
        else:
            accounts, contacts = load_synthetic_data(database, args.count)
        print(
            ngettext(
                "Added %(contacts)d contact at %(accounts)d accounts to %(path)s.",
                "Added %(contacts)d contacts at %(accounts)d accounts to %(path)s.",
                contacts,
            )
            % {"contacts": contacts, "accounts": accounts, "path": database.path},
            file=out,
        )


def _contacts(args: argparse.Namespace, out: TextIO) -> None:
    from relationsapp.core.contact_listing import iter_contact_records
    from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch

    with open_file_database(args.db, write=False) as database:
        text = args.query if args.contacts_command == "search" else ""
        ids = IndexedContactSearch(database).contact_ids(ContactQuery(text=text))
        records = iter_contact_records(database, ids)
        if args.json:
            out.write("[")
            for index, record in enumerate(records):
                out.write(",\n " if index else "\n ")
                out.write(json.dumps(asdict(record), ensure_ascii=False))
            out.write("\n]\n" if ids else "]\n")
            return
        for record in records:
            fields = (
                record.display_name,
                record.latin_name,
                record.account,
                record.country,
                record.time_zone,
            )
            out.write("\t".join(fields) + "\n")


def _time(args: argparse.Namespace, out: TextIO) -> None:
    import datetime as dt

    from relationsapp.core.wall_time import (
        UnknownZoneError,
        WallTimeStatus,
        format_offset,
        interpret_wall_time,
    )
    from relationsapp.i18n.formatting import format_date_and_time

    try:
        local = dt.datetime.strptime(args.local.strip(), "%Y-%m-%d %H:%M")
    except ValueError as error:
        raise CliError(
            _("“%(value)s” is not a time of the form YYYY-MM-DD HH:MM.") % {"value": args.local}
        ) from error
    try:
        meaning = interpret_wall_time(args.zone, local)
    except UnknownZoneError as error:
        raise CliError(_("“%(zone)s” is not a time zone.") % {"zone": args.zone}) from error
    offsets = [format_offset(offset) for offset in meaning.offsets]
    if args.json:
        record: dict[str, object] = {
            "zone": meaning.zone,
            "local": local.strftime("%Y-%m-%dT%H:%M"),
            "status": meaning.status.value,
            "offsets": offsets,
        }
        utc = [instant.strftime("%Y-%m-%dT%H:%M:%SZ") for instant in meaning.instants]
        if meaning.status == WallTimeStatus.OK:
            record["utc"] = utc[0]
        elif utc:
            record["utc_candidates"] = utc
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    when = format_date_and_time(local)
    if meaning.status == WallTimeStatus.OK:
        line = _("%(when)s in %(zone)s is %(utc)s UTC (UTC%(offset)s).") % {
            "when": when,
            "zone": meaning.zone,
            "utc": format_date_and_time(meaning.instants[0].replace(tzinfo=None)),
            "offset": offsets[0],
        }
    elif meaning.status == WallTimeStatus.NONEXISTENT:
        line = _(
            "%(when)s does not exist in %(zone)s: the clocks jump forward from UTC%(before)s "
            "to UTC%(after)s that night."
        ) % {"when": when, "zone": meaning.zone, "before": offsets[0], "after": offsets[-1]}
    else:
        line = _(
            "%(when)s happens twice in %(zone)s: the clocks go back that night. Say which: "
            "UTC%(first)s or UTC%(second)s."
        ) % {"when": when, "zone": meaning.zone, "first": offsets[-1], "second": offsets[0]}
    out.write(line + "\n")


def _plan(args: argparse.Namespace, out: TextIO) -> None:
    import datetime as dt

    from relationsapp.core.meeting_participants import Participant
    from relationsapp.core.planner_participants import (
        ParticipantSpecError,
        parse_hours,
        parse_participant,
        participant_from_contact,
    )
    from relationsapp.core.slot_finder import suggest_slots
    from relationsapp.i18n.formatting import format_date_and_time

    try:
        first_day = dt.date.fromisoformat(args.first_day)
    except ValueError as error:
        message = _("“%(value)s” is not a date of the form YYYY-MM-DD.")
        raise CliError(message % {"value": args.first_day}) from error
    if args.days <= 0 or args.duration <= 0:
        raise CliError(_("--days and --duration must be positive numbers."))
    try:
        hours = parse_hours(args.hours)
    except ParticipantSpecError as error:
        message = _("“%(value)s” is not working hours like 09:00-17:00.")
        raise CliError(message % {"value": args.hours}) from error
    participants: list[Participant] = []
    for spec in args.participant:
        try:
            participants.append(parse_participant(spec, hours))
        except ParticipantSpecError as error:
            message = _("“%(value)s” is not LABEL:ZONE[:CC[-SUBDIV]] with a known time zone.")
            raise CliError(message % {"value": spec}) from error
    if args.contact:
        from relationsapp.core.contact_service import ContactService

        with open_file_database(args.db, write=False) as database:
            contacts = ContactService(database)
            for uid in args.contact:
                contact_id = contacts.id_for_uid(uid)
                if contact_id is None:
                    raise CliError(_("No contact has the uid %(uid)s.") % {"uid": uid})
                details = contacts.get(contact_id)
                participant = participant_from_contact(details)
                if participant is None:
                    message = _(
                        "%(name)s has no time zone or country; add one to their card first."
                    )
                    raise CliError(message % {"name": details.display_name})
                participants.append(participant)
    if not participants:
        raise CliError(_("Name at least one --participant or --contact."))
    slots = suggest_slots(
        participants,
        first_day,
        args.days,
        args.duration,
        allow_weekends=args.allow_weekends,
        allow_holidays=args.allow_holidays,
        limit=args.limit,
    )
    if args.json:
        slot_records = [
            {
                "start_utc": slot.start_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end_utc": slot.end_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "score": round(slot.score, 2),
                "participants": [
                    {
                        "label": person.label,
                        "local_start": person.local_start.isoformat(timespec="minutes"),
                        "flags": list(person.flags),
                    }
                    for person in slot.participants
                ],
            }
            for slot in slots
        ]
        out.write(json.dumps({"slots": slot_records}, ensure_ascii=False, indent=1) + "\n")
        return
    if not slots:
        out.write(_("No time suits everyone in that range.") + "\n")
    for slot in slots:
        people = "; ".join(
            _("%(name)s %(when)s")
            % {
                "name": person.label,
                "when": format_date_and_time(person.local_start.replace(tzinfo=None), "medium"),
            }
            + (f" ({', '.join(person.flags)})" if person.flags else "")
            for person in slot.participants
        )
        out.write(f"{slot.score:5.1f}  {people}\n")


def _culture(args: argparse.Namespace, out: TextIO) -> None:
    from relationsapp.core.country_facts import country_facts, facts_as_json
    from relationsapp.core.culture_notes import CultureNoteService, notes_as_json, starter_profile
    from relationsapp.core.zones import now_utc

    code = args.country.strip().upper()
    now = now_utc()
    try:
        facts = country_facts(code, now)
    except ValueError as error:
        raise CliError(_("“%(code)s” is not a country code.") % {"code": args.country}) from error
    if AppSettings.load().resolved_database_path(args.db).exists():
        with open_file_database(args.db, write=False) as database:
            notes = CultureNoteService(database).profile(code)
    else:  # no file yet: the facts and the starter notes still help
        notes = starter_profile(code)
    records = notes_as_json(notes, now.date())
    if args.json:
        document = {**facts_as_json(facts), "notes": records}
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return
    out.write(f"{facts.name} ({facts.country})\n")
    for key, value in facts_as_json(facts).items():
        if key not in ("country", "name"):
            out.write(f"  {key}: {json.dumps(value, ensure_ascii=False)}\n")
    for record in records:
        body = record["text"] or str(record["scale_position"])
        mark = _(" [review]") if record["needs_review"] else ""
        out.write(f"\n{record['title']}{mark}\n  {body}\n")


def _today(args: argparse.Namespace, out: TextIO) -> None:
    from relationsapp.core.services import Services
    from relationsapp.core.today import build_today
    from relationsapp.core.today_json import today_as_json
    from relationsapp.core.today_texts import today_sections
    from relationsapp.core.zones import now_utc, system_zone, to_local
    from relationsapp.i18n.formatting import format_date

    my_zone = AppSettings.load().home_zone or system_zone()
    with open_file_database(args.db, write=False) as database:
        report = build_today(Services(database), now_utc(), my_zone)
    if args.json:
        out.write(json.dumps(today_as_json(report), ensure_ascii=False, indent=1) + "\n")
        return
    day = format_date(to_local(report.now, my_zone).date(), "full")
    out.write(_("%(date)s (times in %(zone)s)") % {"date": day, "zone": my_zone} + "\n")
    for section in today_sections(report):
        out.write("\n" + section.heading + "\n")
        for line in section.lines:
            fields = (line.what, line.who, line.when, line.status)
            out.write("  " + " · ".join(field for field in fields if field) + "\n")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Entry point of the ``relationsapp`` command; returns the exit code."""
    out = out or sys.stdout
    settings = AppSettings.load()
    set_language(settings.language or system_language())
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(arguments)
    if args.lang:
        set_language(args.lang)
    try:
        if args.command is None:
            from relationsapp.ui.app import run_gui

            return run_gui(args.db, args.lang)
        if args.command == "demo":
            _demo(args, out)
        elif args.command == "time":
            _time(args, out)
        elif args.command == "plan":
            _plan(args, out)
        elif args.command == "culture":
            _culture(args, out)
        elif args.command == "today":
            _today(args, out)
        elif args.command in ("briefing", "trip-pack"):
            from relationsapp import cli_reports

            if args.command == "briefing":
                cli_reports.briefing(args, out)
            else:
                cli_reports.trip_pack(args, out)
        elif args.command in ("import", "export"):
            from relationsapp import cli_interop

            if args.command == "import":
                return cli_interop.import_files(args, out)
            cli_interop.export(args, out)
        elif args.command in ("import-orders", "import-feedback", "metrics"):
            from relationsapp import cli_deals

            if args.command == "metrics":
                cli_deals.metrics(args, out)
            elif args.command == "import-orders":
                return cli_deals.import_orders(args, out)
            else:
                return cli_deals.import_feedback(args, out)
        else:
            _contacts(args, out)
    except CliError as error:
        print(_("relationsapp: error: %(message)s") % {"message": error}, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
