op.create_table("tags", sa.Column("id", sa.Integer(), nullable=False), sa.Column("label", sa.String(30), nullable=False), sa.PrimaryKeyConstraint("id", name="pk_tags"), sa.ForeignKeyConstraint(["id"], ["accounts.id"], name="fk_tags_account", ondelete="CASCADE"))
op.create_table("ids", sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False))
op.create_table("ids2", sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("id"))
