"""Meetings and who takes part in them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), server_default=UID_DEFAULT, nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("title", sa.Text(), server_default="", nullable=False),
        sa.Column("start_utc", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("duration_minutes", sa.Integer(), server_default="60", nullable=False),
        sa.Column("organiser_zone", sa.Text(), server_default="UTC", nullable=False),
        sa.Column("location", sa.Text(), server_default="", nullable=False),
        sa.Column("agenda", sa.Text(), server_default="", nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index("ix_meetings_live_start", ["deleted_at", "start_utc"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_uid"), ["uid"], unique=False)

    op.create_table(
        "meeting_participants",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.Text(), server_default="", nullable=False),
        sa.Column("zone", sa.Text(), server_default="UTC", nullable=False),
        sa.Column("country", sa.String(length=2), server_default="", nullable=False),
        sa.Column("subdivision", sa.String(length=8), server_default="", nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_meeting_participants_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_participants_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_participants")),
    )
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        for column in ("contact_id", "meeting_id", "uid"):
            batch_op.create_index(
                batch_op.f(f"ix_meeting_participants_{column}"), [column], unique=False
            )


def downgrade() -> None:
    op.drop_table("meeting_participants")
    op.drop_table("meetings")
