#!/usr/bin/env python3
"""Writes one synthetic migration history twice: as a retort project and as
the equivalent Alembic project, for the benchmark (benches/bench.py).

    benches/generate.py N OUT [--branch-every K]

creates

    OUT/retort/retort.yaml, OUT/retort/revisions/<id>_<slug>.yaml
    OUT/alembic/alembic.ini, env.py, script.py.mako, versions/<id>_<slug>.py

The history is a chain of "units", one table each, in four revisions:

    1. create_table t_NNNNN (five columns, a server default) + create_index on it
    2. add_column score (Integer)
    3. alter_column score: Integer -> BigInteger, NOT NULL
    4. create_index on score

With --branch-every K, after every K revisions of chain the history forks:
two revisions with the same parent each create a table of their own, and a
merge revision (two parents, no ops) joins them. Every revision's ops touch
only its own unit's table, so any order the graph allows is valid.

Downgrades: the Alembic files spell them out (drop what the upgrade made);
the retort files leave them out, so retort derives them from its schema
model, which is the normal way to write a retort revision.

The output of both tools is the same SQL: for a chain without branches,
`retort upgrade head --dialect postgresql` and `alembic upgrade head --sql`
print the same statements (bench.py --check compares them).
"""

import argparse
import hashlib
import os
import shutil
from pathlib import Path

CREATE_DATE = "2025-01-01 00:00:00"

ALEMBIC_INI = """\
[alembic]
script_location = %(here)s
prepend_sys_path = .
path_separator = os
sqlalchemy.url = postgresql://

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console
qualname =

[logger_sqlalchemy]
level = WARNING
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""

# The offline env.py of /work/shared/alembic-reference/project, trimmed.
ENV_PY = '''\
"""Offline-only env.py: DIALECT selects the dialect (default postgresql)."""
import os
from logging.config import fileConfig

from alembic import context

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)


def run_migrations_offline() -> None:
    dialect = os.environ.get("DIALECT", "postgresql")
    context.configure(
        url=f"{dialect}://",
        target_metadata=None,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    raise SystemExit("this project is offline-mode only; use --sql")
'''

SCRIPT_MAKO = '''\
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''


def revision_id(index: int) -> str:
    """A 12-hex-digit id, as `alembic revision` makes them; deterministic."""
    return hashlib.sha1(f"retort-bench-{index}".encode()).hexdigest()[:12]


class Revision:
    """One revision, with its ops in both languages."""

    def __init__(self, rev, parents, message):
        self.rev = rev
        self.parents = parents
        self.message = message
        self.yaml_ops = []  # YAML lines of `upgrade:` items, indented by 2
        self.py_upgrade = []  # Python statements
        self.py_downgrade = []

    @property
    def slug(self):
        return "_".join(self.message.split())[:40]


def unit_step(rev: Revision, table: str, step: int) -> None:
    """Fills `rev` with step `step` (0..3) of the unit of `table`."""
    if step == 0:
        create_table(rev, table)
    elif step == 1:
        rev.yaml_ops += [
            "  - add_column:",
            f"      table: {table}",
            "      column: {name: score, type: Integer, nullable: true}",
        ]
        rev.py_upgrade.append(
            f'op.add_column("{table}", sa.Column("score", sa.Integer(), nullable=True))'
        )
        rev.py_downgrade.append(f'op.drop_column("{table}", "score")')
    elif step == 2:
        rev.yaml_ops += [
            "  - alter_column:",
            f"      table: {table}",
            "      column: score",
            "      type: BigInteger",
            "      nullable: false",
        ]
        rev.py_upgrade.append(
            f'op.alter_column("{table}", "score", existing_type=sa.Integer(), '
            "type_=sa.BigInteger(), existing_nullable=True, nullable=False)"
        )
        rev.py_downgrade.append(
            f'op.alter_column("{table}", "score", existing_type=sa.BigInteger(), '
            "type_=sa.Integer(), existing_nullable=False, nullable=True)"
        )
    else:
        index = f"ix_{table}_score"
        rev.yaml_ops.append(
            f"  - create_index: {{name: {index}, table: {table}, columns: [score]}}"
        )
        rev.py_upgrade.append(f'op.create_index("{index}", "{table}", ["score"])')
        rev.py_downgrade.append(f'op.drop_index("{index}", table_name="{table}")')


def create_table(rev: Revision, table: str) -> None:
    index = f"ix_{table}_label"
    rev.yaml_ops += [
        "  - create_table:",
        f"      name: {table}",
        "      columns:",
        "        - {name: id, type: Integer, primary_key: true}",
        "        - {name: label, type: String(100), nullable: false}",
        "        - {name: amount, type: \"Numeric(10, 2)\"}",
        "        - {name: active, type: Boolean, nullable: false, server_default: true}",
        "        - {name: created_at, type: DateTime}",
        f"  - create_index: {{name: {index}, table: {table}, columns: [label]}}",
    ]
    rev.py_upgrade += [
        "op.create_table(\n"
        f'        "{table}",\n'
        '        sa.Column("id", sa.Integer(), primary_key=True),\n'
        '        sa.Column("label", sa.String(100), nullable=False),\n'
        '        sa.Column("amount", sa.Numeric(10, 2)),\n'
        '        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),\n'
        '        sa.Column("created_at", sa.DateTime()),\n'
        "    )",
        f'op.create_index("{index}", "{table}", ["label"])',
    ]
    rev.py_downgrade += [
        f'op.drop_index("{index}", table_name="{table}")',
        f'op.drop_table("{table}")',
    ]


STEP_MESSAGES = ["create table {}", "add column score to {}", "widen {} score", "index {} score"]


def history(count: int, branch_every: int):
    """The revisions, parents before children."""
    revisions = []
    head = None
    table_number = 0
    unit_table = None
    unit_step_next = 4  # start a new unit at once
    since_fork = 0

    def new(parents, message):
        rev = Revision(revision_id(len(revisions)), parents, message)
        revisions.append(rev)
        return rev

    while len(revisions) < count:
        if branch_every and since_fork >= branch_every and count - len(revisions) >= 3:
            since_fork = 0
            tips = []
            for _ in range(2):
                table_number += 1
                table = f"t_{table_number:05d}"
                rev = new([head] if head else [], f"create table {table} on a branch")
                create_table(rev, table)
                tips.append(rev.rev)
            head = new(tips, "merge branches").rev
            continue
        if unit_step_next == 4:
            table_number += 1
            unit_table = f"t_{table_number:05d}"
            unit_step_next = 0
        rev = new([head] if head else [], STEP_MESSAGES[unit_step_next].format(unit_table))
        unit_step(rev, unit_table, unit_step_next)
        unit_step_next += 1
        since_fork += 1
        head = rev.rev
    return revisions


def yaml_text(rev: Revision) -> str:
    if not rev.parents:
        down = "null"
    elif len(rev.parents) == 1:
        down = f'"{rev.parents[0]}"'
    else:
        down = "[" + ", ".join(f'"{p}"' for p in rev.parents) + "]"
    lines = [
        # Quoted: an id of digits and one `e` would read as a number.
        f'revision: "{rev.rev}"',
        f"down_revision: {down}",
        f"message: {rev.message}",
        f'create_date: "{CREATE_DATE}"',
    ]
    if rev.yaml_ops:
        lines.append("upgrade:")
        lines += rev.yaml_ops
    else:
        lines += ["upgrade: []", "downgrade: []"]
    return "\n".join(lines) + "\n"


def python_text(rev: Revision) -> str:
    if not rev.parents:
        down = "None"
    elif len(rev.parents) == 1:
        down = repr(rev.parents[0])
    else:
        down = repr(tuple(rev.parents))
    body = lambda statements: "\n".join(f"    {s}" for s in statements) or "    pass"
    return f'''"""{rev.message}

Revision ID: {rev.rev}
Revises: {", ".join(rev.parents)}
Create Date: {CREATE_DATE}

"""
from alembic import op
import sqlalchemy as sa


revision = {rev.rev!r}
down_revision = {down}
branch_labels = None
depends_on = None


def upgrade() -> None:
{body(rev.py_upgrade)}


def downgrade() -> None:
{body(rev.py_downgrade)}
'''


def write(out: Path, count: int, branch_every: int) -> None:
    if out.exists():
        shutil.rmtree(out)
    retort = out / "retort"
    alembic = out / "alembic"
    (retort / "revisions").mkdir(parents=True)
    (alembic / "versions").mkdir(parents=True)
    (retort / "retort.yaml").write_text(
        "targets: [postgresql, sqlite, mysql, mssql, oracle]\n"
    )
    (alembic / "alembic.ini").write_text(ALEMBIC_INI)
    (alembic / "env.py").write_text(ENV_PY)
    (alembic / "script.py.mako").write_text(SCRIPT_MAKO)
    for rev in history(count, branch_every):
        name = f"{rev.rev}_{rev.slug}"
        (retort / "revisions" / f"{name}.yaml").write_text(yaml_text(rev))
        (alembic / "versions" / f"{name}.py").write_text(python_text(rev))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of revisions")
    parser.add_argument("out", type=Path, help="folder to (re)create")
    parser.add_argument(
        "--branch-every",
        type=int,
        default=0,
        metavar="K",
        help="fork into two revisions and merge them after every K chain revisions",
    )
    args = parser.parse_args()
    if args.count < 1:
        parser.error("count must be at least 1")
    write(args.out, args.count, args.branch_every)


if __name__ == "__main__":
    main()
