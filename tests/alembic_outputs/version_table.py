# The version-table statements Alembic writes with version_table="My_Versions",
# version_table_schema="vs" (run with the venv's python; output: version_table.txt).
import io, sys
from alembic.migration import MigrationContext
from alembic.operations import Operations
for dialect in ["postgresql", "sqlite", "mysql", "mssql", "oracle"]:
    buf = io.StringIO()
    ctx = MigrationContext.configure(dialect_name=dialect, opts={"as_sql": True, "output_buffer": buf, "literal_binds": True, "version_table": "My_Versions", "version_table_schema": "vs"})
    from alembic.runtime.migration import HeadMaintainer
    ctx.impl.static_output("-- create")
    ctx._version.create(ctx.connection)
    hm = HeadMaintainer(ctx, ())
    hm._insert_version("a1")
    hm._update_version("a1", "a2")
    hm._delete_version("a2")
    print(f"===== {dialect}\n{buf.getvalue()}", end="")
