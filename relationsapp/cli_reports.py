"""``relationsapp briefing`` and ``trip-pack``: print documents from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from relationsapp.cli import CliError, open_file_database
from relationsapp.cli_deals import parse_day
from relationsapp.i18n.translate import _

if TYPE_CHECKING:
    from relationsapp.core.services import Services


def _my_zone() -> str:
    from relationsapp.core.zones import system_zone
    from relationsapp.storage.app_settings import AppSettings

    return AppSettings.load().home_zone or system_zone()


def _write(path: Path, data: bytes, out: TextIO) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        message = _("Could not write %(path)s: %(error)s")
        raise CliError(message % {"path": path, "error": error.strerror or error}) from error
    out.write(_("Saved %(path)s") % {"path": path} + "\n")


def _render(args: argparse.Namespace, make: Callable[[Services], bytes]) -> bytes:
    from relationsapp.core.errors import RecordNotFound
    from relationsapp.core.services import Services

    with open_file_database(args.db, write=False) as database:
        services = Services(database)
        try:
            return make(services)
        except RecordNotFound as error:
            raise CliError(_("That record was deleted while printing.")) from error


def briefing(args: argparse.Namespace, out: TextIO) -> None:
    """Write the briefing of the contact (or meeting) with the uid given to ``args.output``."""
    from relationsapp.core.zones import now_utc
    from relationsapp.reports.briefing_sheet import build_briefing, build_meeting_briefing

    options = {
        "now": now_utc(),
        "my_zone": _my_zone(),
        "language": args.sheet_lang,
        "leave_out_sensitive": args.leave_out_sensitive,
    }

    def make(services: Services) -> bytes:
        if args.meeting is not None:
            meeting_id = services.meetings.id_for_uid(args.meeting)
            if meeting_id is None:
                raise CliError(_("No meeting has the uid %(uid)s.") % {"uid": args.meeting})
            return build_meeting_briefing(services, meeting_id, **options)
        contact_id = services.contacts.id_for_uid(args.contact)
        if contact_id is None:
            raise CliError(_("No contact has the uid %(uid)s.") % {"uid": args.contact})
        return build_briefing(services, contact_id, **options)

    _write(Path(args.output), _render(args, make), out)


def trip_pack(args: argparse.Namespace, out: TextIO) -> None:
    """Write the trip pack of the meetings from ``--from`` to ``--to`` (my calendar days)."""
    from relationsapp.core.zones import now_utc
    from relationsapp.i18n.formatting import format_date
    from relationsapp.reports.trip_pack import build_trip_pack, trip_meetings

    first, last = parse_day(args.first_day), parse_day(args.last_day)
    if last < first:
        raise CliError(_("--to must not be before --from."))
    my_zone = _my_zone()

    def make(services: Services) -> bytes:
        meetings = trip_meetings(services, first, last, my_zone)
        if not meetings:
            message = _("No meetings between %(first)s and %(last)s.")
            raise CliError(message % {"first": format_date(first), "last": format_date(last)})
        return build_trip_pack(
            services,
            [meeting.id for meeting in meetings],
            now=now_utc(),
            my_zone=my_zone,
            language=args.sheet_lang,
            leave_out_sensitive=args.leave_out_sensitive,
        )

    _write(Path(args.output), _render(args, make), out)
