"""``relationsapp briefing``: print documents from the command line (see relationsapp.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from relationsapp.cli import CliError, open_file_database
from relationsapp.i18n.translate import _


def briefing(args: argparse.Namespace, out: TextIO) -> None:
    """Write the briefing sheet of the contact with uid ``args.contact`` to ``args.output``."""
    from relationsapp.core.errors import RecordNotFound
    from relationsapp.core.services import Services
    from relationsapp.core.zones import now_utc, system_zone
    from relationsapp.reports.briefing_sheet import build_briefing
    from relationsapp.storage.app_settings import AppSettings

    my_zone = AppSettings.load().home_zone or system_zone()
    with open_file_database(args.db, write=False) as database:
        services = Services(database)
        contact_id = services.contacts.id_for_uid(args.contact)
        if contact_id is None:
            raise CliError(_("No contact has the uid %(uid)s.") % {"uid": args.contact})
        try:
            data = build_briefing(
                services, contact_id, now=now_utc(), my_zone=my_zone, language=args.sheet_lang
            )
        except RecordNotFound as error:
            raise CliError(_("No contact has the uid %(uid)s.") % {"uid": args.contact}) from error
    path = Path(args.output)
    try:
        path.write_bytes(data)
    except OSError as error:
        message = _("Could not write %(path)s: %(error)s")
        raise CliError(message % {"path": path, "error": error.strerror or error}) from error
    out.write(_("Saved %(path)s") % {"path": path} + "\n")
