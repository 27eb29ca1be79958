"""Team notes on countries' business cultures (the Culture panel).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# A random UUIDv4 in SQL, for rows written without the app (the app writes UUIDv7).
UID_DEFAULT = sa.text(
    "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || "
    "'-' || lower(hex(randomblob(6))))"
)
NOW = sa.text("(CURRENT_TIMESTAMP)")


def upgrade() -> None:
    op.create_table(
        "culture_notes",
        sa.Column("country", sa.String(length=2), server_default="", nullable=False),
        sa.Column("topic", sa.String(length=24), server_default="", nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("scale_position", sa.Integer(), nullable=True),
        sa.Column("author", sa.Text(), server_default="", nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), server_default=UID_DEFAULT, nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_culture_notes")),
    )
    with op.batch_alter_table("culture_notes", schema=None) as batch_op:
        batch_op.create_index("ix_culture_notes_country_topic", ["country", "topic"], unique=False)
        batch_op.create_index(batch_op.f("ix_culture_notes_uid"), ["uid"], unique=False)


def downgrade() -> None:
    op.drop_table("culture_notes")
