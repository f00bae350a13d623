# Prints what Alembic writes offline for the ops read on standard input, per dialect:
#   .venv/bin/python tests/alembic_outputs/probe.py < tests/alembic_outputs/X.py > tests/alembic_outputs/X.txt
# (alembic 1.20.1, sqlalchemy 2.1.9). The .txt files are its output, compared in tests/it/probes.rs.
import io, sys, warnings
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
code = sys.stdin.read()
for dialect in sys.argv[1:] or ["postgresql", "sqlite", "mysql", "mssql", "oracle"]:
    buf = io.StringIO()
    ctx = MigrationContext.configure(dialect_name=dialect, opts={"as_sql": True, "output_buffer": buf, "literal_binds": True})
    op = Operations(ctx)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(code, {"op": op, "sa": sa})
    except Exception as e:
        buf.write(f"-- ERROR {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}\n")
    print(f"===== {dialect}\n{buf.getvalue()}", end="")
