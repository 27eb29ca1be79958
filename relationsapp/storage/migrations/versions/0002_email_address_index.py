"""Index e-mail addresses case-insensitively, for finding a contact by address.

Survey results and imports match people by e-mail; without the index each lookup
scans every address.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_contact_emails_address_nocase ON contact_emails (address COLLATE NOCASE)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_contact_emails_address_nocase")
