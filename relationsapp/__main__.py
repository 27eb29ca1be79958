"""``python -m relationsapp`` starts the desktop app (same options as the command)."""

import sys

from relationsapp.cli import main

sys.exit(main())
