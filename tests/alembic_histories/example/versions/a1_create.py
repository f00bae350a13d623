"""create accounts

Revision ID: a1
Revises:
Create Date: 2024-01-02 03:04:05.000006

"""
import datetime
import textwrap
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg

revision = "a1"
down_revision = None
branch_labels = None
depends_on = None

STATUS = ("active", "closed")
PREFIX = "ix_"


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("status", sa.Enum(*STATUS, name="account_status"), nullable=False, server_default="active"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("email", name="uq_accounts_email"),
        comment="who may log in",
    )
    op.create_index(PREFIX + "accounts_created_at", "accounts", ["created_at"])
    op.execute(textwrap.dedent("""
        UPDATE accounts
        SET status = 'active'
    """))
    accounts = sa.table(
        "accounts",
        sa.column("id", sa.Integer),
        sa.column("email", sa.String),
        sa.column("status", sa.String),
        sa.column("created_at", sa.DateTime),
    )
    op.bulk_insert(
        accounts,
        [
            {"email": "root@example.com", "id": 1, "status": "active"},
            {"id": 2, "email": "ops@example.com", "status": "closed", "created_at": datetime.datetime(2024, 1, 2, 3, 4, 5)},
        ],
    )


def downgrade():
    op.drop_index("ix_accounts_created_at", table_name="accounts")
    op.drop_table("accounts")
    sa.Enum(name="account_status").drop(op.get_bind())
