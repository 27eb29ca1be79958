"""File formats in and out (vCard, CSV, iCalendar). Parsers here never touch Qt."""
