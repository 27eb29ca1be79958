"""Private notes: a contact's notes and an interaction's summary/outcome can be marked
sensitive, so printed briefings can leave them out.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a constant default: SQLite does it in place, without copying the
    # table, and the search triggers on contacts stay as they are. Every existing note
    # reads as not sensitive (0), as it was printed until now.
    op.add_column(
        "contacts",
        sa.Column("notes_sensitive", sa.Boolean(), server_default="0", nullable=False),
    )
    op.add_column(
        "interactions",
        sa.Column("sensitive", sa.Boolean(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_column("sensitive")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("notes_sensitive")
