"""The schema revisions this version of RelationsApp knows, oldest first.

Kept as a plain constant so that opening an up-to-date file never imports Alembic
(which costs ~0.4 s at start-up); a unit test keeps it equal to the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
