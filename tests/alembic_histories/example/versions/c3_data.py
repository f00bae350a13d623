"""needs a person

Revision ID: c3
"""
from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def upgrade():
    conn = op.get_bind()
    for row in conn.execute(sa.text("SELECT id FROM accounts")):
        op.execute("UPDATE accounts SET x = 'a'")
    op.alter_column("accounts", "x", existing_type=sa.Integer())


def downgrade():
    raise NotImplementedError()
