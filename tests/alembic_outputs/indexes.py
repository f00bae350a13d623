op.create_index("ix_a", "t", ["a"], schema="s1", sqlite_where=sa.text("a > 0"), postgresql_where=sa.text("a > 0"), mssql_where=sa.text("a > 0"))
op.drop_index("ix_a", table_name="t", schema="s1", if_exists=True)
op.create_index("ix_b", "T", ["Name", sa.text("lower(x)")], unique=True)
op.drop_index("ix_b", table_name="T", postgresql_concurrently=True)
