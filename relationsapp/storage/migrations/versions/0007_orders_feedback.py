"""Orders and exchange rates, and clients' feedback (CSAT, NPS): the relationship metrics.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
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
TODAY = sa.text("(CURRENT_DATE)")


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), server_default=UID_DEFAULT, nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def _foreign_key(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="SET NULL",
    )


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("ordered_on", sa.Date(), server_default=TODAY, nullable=False),
        sa.Column("amount_minor", sa.Integer(), server_default="0", nullable=False),
        sa.Column("currency", sa.String(length=3), server_default="", nullable=False),
        sa.Column("status", sa.String(length=8), server_default="open", nullable=False),
        sa.Column("product", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        *_record_columns(),
        _foreign_key("orders", "account_id", "accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index("ix_orders_account_date", ["account_id", "ordered_on"])
        batch_op.create_index("ix_orders_status_date", ["status", "ordered_on"])
        batch_op.create_index(batch_op.f("ix_orders_uid"), ["uid"])

    op.create_table(
        "exchange_rates",
        sa.Column("currency", sa.String(length=3), server_default="", nullable=False),
        sa.Column("quote", sa.String(length=3), server_default="", nullable=False),
        sa.Column("rate", sa.Text(), server_default="", nullable=False),
        sa.Column("valid_on", sa.Date(), server_default=TODAY, nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
    )
    with op.batch_alter_table("exchange_rates", schema=None) as batch_op:
        batch_op.create_index("ix_exchange_rates_pair_date", ["currency", "quote", "valid_on"])
        batch_op.create_index(batch_op.f("ix_exchange_rates_uid"), ["uid"])

    op.create_table(
        "feedback",
        sa.Column("kind", sa.String(length=8), server_default="csat", nullable=False),
        sa.Column("score", sa.Integer(), server_default="0", nullable=False),
        sa.Column("answered_on", sa.Date(), server_default=TODAY, nullable=False),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        sa.Column("source", sa.String(length=16), server_default="manual", nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        *_record_columns(),
        _foreign_key("feedback", "contact_id", "contacts"),
        _foreign_key("feedback", "account_id", "accounts"),
        _foreign_key("feedback", "interaction_id", "interactions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_kind_date", ["kind", "answered_on"])
        batch_op.create_index(batch_op.f("ix_feedback_account_id"), ["account_id"])
        batch_op.create_index(batch_op.f("ix_feedback_contact_id"), ["contact_id"])
        batch_op.create_index(batch_op.f("ix_feedback_interaction_id"), ["interaction_id"])
        batch_op.create_index(batch_op.f("ix_feedback_uid"), ["uid"])


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_table("exchange_rates")
    op.drop_table("orders")
