"""What an imported card brings that has no field of its own: other properties (kept
to be written back), a small photo, and the UID the card had in the program it came
from (a re-import updates the contact instead of adding a second one).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a constant default: SQLite does it in place, without copying the
    # table, and the search triggers on contacts stay as they are. Existing contacts
    # read as having no other fields ('[]'), no photo (NULL) and no outside UID ('').
    op.add_column(
        "contacts",
        sa.Column("other_fields", sa.Text(), server_default="[]", nullable=False),
    )
    op.add_column("contacts", sa.Column("photo", sa.LargeBinary(), nullable=True))
    op.add_column(
        "contacts",
        sa.Column("photo_type", sa.Text(), server_default="", nullable=False),
    )
    op.add_column(
        "contacts",
        sa.Column("external_uid", sa.Text(), server_default="", nullable=False),
    )
    # A re-import looks every card's UID up; without the index each lookup scans.
    op.create_index("ix_contacts_external_uid", "contacts", ["external_uid"], unique=False)
    # Duplicates are found by phone number as well as by e-mail (which has its index).
    op.create_index("ix_contact_phones_number", "contact_phones", ["number"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_contact_phones_number", table_name="contact_phones")
    op.drop_index("ix_contacts_external_uid", table_name="contacts")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("external_uid")
        batch_op.drop_column("photo_type")
        batch_op.drop_column("photo")
        batch_op.drop_column("other_fields")
