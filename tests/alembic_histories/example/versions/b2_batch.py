"""batch and autocommit

Revision ID: b2
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.alter_column("email", existing_type=sa.String(255), existing_nullable=False, nullable=True)
    with op.get_context().autocommit_block():
        op.create_index("ix_accounts_email", "accounts", ["email"], postgresql_concurrently=True)
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE accounts SET email = lower(email)"))
    for name in ["x", "y"]:
        op.add_column("accounts", sa.Column(name, sa.Text()))


def downgrade():
    pass
