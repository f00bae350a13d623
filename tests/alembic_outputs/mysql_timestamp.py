from sqlalchemy.dialects import mysql
op.add_column("t", sa.Column("a", mysql.TIMESTAMP(), nullable=True))
op.add_column("t", sa.Column("b", mysql.TIMESTAMP(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")))
op.add_column("t", sa.Column("c", mysql.TINYINT(1)))
