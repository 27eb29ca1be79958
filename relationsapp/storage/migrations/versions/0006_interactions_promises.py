"""Interactions with clients, promises made to them, and "stay in touch every N weeks".

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
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
    # ADD COLUMN with a constant default: done in place, the search triggers stay.
    op.add_column(
        "contacts", sa.Column("touch_weeks", sa.Integer(), server_default="0", nullable=False)
    )
    op.create_table(
        "interactions",
        sa.Column("kind", sa.String(length=16), server_default="note", nullable=False),
        sa.Column("direction", sa.String(length=8), server_default="none", nullable=False),
        sa.Column("channel", sa.String(length=16), server_default="", nullable=False),
        sa.Column("occurred_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("zone", sa.Text(), server_default="", nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), server_default="", nullable=False),
        sa.Column("outcome", sa.Text(), server_default="", nullable=False),
        sa.Column("follow_up", sa.Text(), server_default="", nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_interactions_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interactions_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interactions_account_time", ["account_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_interactions_contact_time", ["contact_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_interactions_live_time", ["deleted_at", "occurred_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interactions_uid"), ["uid"], unique=False)

    op.create_table(
        "interaction_participants",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.Text(), server_default="", nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interaction_participants_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_participants_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction_participants")),
    )
    with op.batch_alter_table("interaction_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_participants_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_participants_interaction_id"),
            ["interaction_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_interaction_participants_uid"), ["uid"], unique=False)

    op.create_table(
        "promises",
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("due_on", sa.Date(), server_default=sa.text("(CURRENT_DATE)"), nullable=False),
        sa.Column("status", sa.String(length=8), server_default="open", nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_promises_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_promises_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_promises_interaction_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promises")),
    )
    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.create_index("ix_promises_status_due", ["status", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_promises_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_promises_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_promises_interaction_id"), ["interaction_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_promises_uid"), ["uid"], unique=False)


def downgrade() -> None:
    op.drop_table("promises")
    op.drop_table("interaction_participants")
    op.drop_table("interactions")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("touch_weeks")
