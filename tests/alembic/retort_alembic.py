"""Makes an Alembic project out of a retort YAML project.

The differential tests (tests/it/alembic_differential.rs) compare what
`alembic ... --sql` prints with what `retort` prints for the same revisions;
the interchange tests run Alembic online on a database that retort scripts
migrated. Both need "the equivalent Alembic revisions" of a YAML project, and
this module writes them:

    python retort_alembic.py build YAML_PROJECT OUT_DIR
    python retort_alembic.py batch OUT_DIR < requests.json   # many --sql runs at once

OUT_DIR gets alembic.ini, env.py, a copy of this module, retort_settings.json
and versions/<rev>.py: one revision file per YAML revision with the same
revision / down_revision / branch_labels / depends_on, whose upgrade() and
downgrade() hold the YAML ops as Python data and replay them through the
`op.*` functions of the same name (`run_ops` below). Open a generated file
to see exactly what Alembic was given.

env.py runs offline (`--sql`) with the dialect of the DIALECT environment
variable, as the reference corpus does, or online against the SQLAlchemy URL
in RETORT_ALEMBIC_URL. retort.yaml's transaction_per_migration, version_table
and version_table_schema are passed to context.configure();
TXN_PER_MIGRATION=1 forces transaction_per_migration.

How YAML becomes Alembic (SPEC.md section 2 on the YAML side):
* types: the type text is evaluated in SQLAlchemy's namespace (`String(255)`,
  `Enum('a', 'b', name='x')`, `postgresql.JSONB`, `mysql.TINYINT(1)`);
  `{sql: TEXT}` is a user-defined type printing TEXT; a mapping of dialect to
  type picks the entry of the running dialect, else `default`.
* server_default: a string stays a string (a SQL string literal), a number
  becomes sa.text("N"), true/false sa.true()/sa.false(), {sql: X} sa.text(X);
  a mapping of dialect to default picks the running dialect's entry, else
  `default`, else none; in alter_column an absent key is "no change", null
  drops the default.
* columns: sa.Column with ForeignKey(name, ondelete, ...), Identity (order and
  on_null as oracle_order and oracle_on_null), Computed, unique,
  index, comment; table constraints: PrimaryKeyConstraint, UniqueConstraint,
  ForeignKeyConstraint, CheckConstraint.
* create_table `indexes:` become sa.Index objects of the table, so Alembic
  emits them after CREATE TABLE and before the comments, as one create_table
  call does. Alembic iterates them as a Python set; the harness makes that
  order deterministic: `index: true` columns in column order, then `indexes:`
  in the order written (the only change made to Alembic's behaviour).
* execute: the text for the running dialect, else `default:`; no text for the
  dialect emits nothing.
* create_enum / drop_enum: sa.Enum(...).create/drop(op.get_bind()), which
  Alembic renders as CREATE TYPE / DROP TYPE on PostgreSQL and nothing elsewhere.
* create_index / drop_index with `concurrently: true` run inside
  `op.get_context().autocommit_block()` on PostgreSQL, as retort frames them
  (COMMIT before, BEGIN after); the derived drop_index keeps `concurrently`.
* drop_column passes mssql_drop_default=True when the project gives that
  column a server_default anywhere (the schema model knows it; this is the
  harness's approximation).

Limits (a test that needs more writes its case differently):
* bulk_insert column types come from the values: str -> String, bool ->
  Boolean, int -> Integer, a number with a point or exponent -> Numeric with
  the Decimal of its text (as an Alembic user writes an exact value),
  all-null -> String; except that a column the project declares Date or
  DateTime (create_table / add_column) gets that type and its strings become
  date / datetime objects, so Oracle's TO_DATE forms are exercised.
* `downgrade:` omitted or `auto` is inverted here only for create_table (plus
  DROP TYPE of its named enums), add_column, create_index, rename_table, the
  create_* constraint ops, create_table_comment, create_enum and execute with
  `reverse:`; anything else raises when that downgrade runs.
* YAML is read with YAML 1.2 core scalars (as retort's serde_yaml does):
  yes/no/on/off and dates stay strings.
"""

import json
import os
import pprint
from decimal import Decimal
import re
import shutil
import sys

import yaml

# ---------------------------------------------------------------------------
# Reading YAML as retort does (YAML 1.2 core schema)


class YamlInt(int):
    """An int that remembers how it was written (`0001` as a revision id)."""

    text: str


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit scalars only."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        value = YamlInt(int(text[2:], 8))
    elif text.startswith("0x"):
        value = YamlInt(int(text[2:], 16))
    else:
        value = YamlInt(int(text))
    value.text = text
    return value


def _construct_float(loader, node):
    from decimal import Decimal

    text = loader.construct_scalar(node)
    if text.lstrip("+-").lower() in (".inf", ".nan"):
        return float(text.replace(".", ""))
    return Decimal(text)


def _construct_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _plain(value):
    """The loaded YAML as plain Python data (YamlInt -> int), for repr()."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, YamlInt):
        return int(value)
    return value


def _ident(value):
    """A revision id or label as written (`0001` stays `0001`)."""
    if isinstance(value, YamlInt):
        return value.text
    return str(value)


def _ident_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [_ident(v) for v in value]
    return [_ident(value)]


# ---------------------------------------------------------------------------
# Building the Alembic project

ALEMBIC_INI = """\
[alembic]
script_location = %(here)s
prepend_sys_path = %(here)s
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
"""

ENV_PY = '''\
"""env.py of a project built by retort_alembic.py.

Offline (--sql): DIALECT selects the dialect (default postgresql), as in the
reference corpus. Online: RETORT_ALEMBIC_URL is the database's SQLAlchemy URL.
TXN_PER_MIGRATION=1 forces transaction_per_migration.
"""
import json
import os
from logging.config import fileConfig

from alembic import context
import sqlalchemy as sa

import retort_alembic

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
retort_alembic.patch_alembic()

with open(os.path.join(os.path.dirname(__file__), "retort_settings.json")) as f:
    SETTINGS = json.load(f)


def configure_kwargs():
    kw = {
        "target_metadata": None,
        "version_table": SETTINGS["version_table"],
        "version_table_schema": SETTINGS["version_table_schema"],
        "transaction_per_migration": SETTINGS["transaction_per_migration"],
    }
    if os.environ.get("TXN_PER_MIGRATION") == "1":
        kw["transaction_per_migration"] = True
    return kw


def run_migrations_offline():
    dialect = os.environ.get("DIALECT", "postgresql")
    context.configure(
        url=f"{dialect}://",
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **configure_kwargs(),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    url = os.environ["RETORT_ALEMBIC_URL"]
    # The drivers the test setup installs (SQLAlchemy 2.1 defaults to psycopg 3).
    scheme, rest = url.split("://", 1)
    driver = {"postgresql": "postgresql+psycopg2", "mysql": "mysql+pymysql", "mariadb": "mysql+pymysql"}
    url = driver.get(scheme, scheme) + "://" + rest
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, **configure_kwargs())
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

REVISION_PY = '''\
"""{message}

Revision ID: {revision}
Revises: {revises}
Generated by retort_alembic.py from {source}
"""
from decimal import Decimal

from retort_alembic import run_ops

revision = {revision!r}
down_revision = {down_revision!r}
branch_labels = {branch_labels!r}
depends_on = {depends_on!r}

UPGRADE = {upgrade}

DOWNGRADE = {downgrade}


def upgrade() -> None:
    run_ops(UPGRADE)


def downgrade() -> None:
    run_ops(DOWNGRADE)
'''


def _one_or_tuple(values):
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return tuple(values)


def load_settings(project):
    path = os.path.join(project, "retort.yaml")
    raw = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            raw = yaml.load(f, Loader=Yaml12Loader) or {}
    return {
        "revisions": raw.get("revisions", "revisions"),
        "version_table": raw.get("version_table", "alembic_version"),
        "version_table_schema": raw.get("version_table_schema"),
        "transaction_per_migration": bool(raw.get("transaction_per_migration", False)),
    }


def revision_files(folder):
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                yield os.path.join(root, name)


def columns_with_defaults(documents):
    """(table, column) pairs the project gives a server_default anywhere."""
    found = set()
    for doc in documents:
        for section in ("upgrade", "downgrade"):
            ops = doc.get(section)
            if not isinstance(ops, list):
                continue
            for item in ops:
                for name, body in item.items():
                    if name == "create_table":
                        for col in body.get("columns", []):
                            if col.get("server_default") is not None:
                                found.add((body["name"], col["name"]))
                    elif name == "add_column":
                        if body["column"].get("server_default") is not None:
                            found.add((body["table"], body["column"]["name"]))
                    elif name == "alter_column":
                        if body.get("server_default") is not None:
                            found.add((body["table"], body.get("new_name") or body["column"]))
    return sorted(found)


def column_types(documents):
    """{table: {column: type}} of every column create_table / add_column declares."""
    found = {}
    for doc in documents:
        for item in doc.get("upgrade") or []:
            for name, body in item.items():
                if name == "create_table":
                    for col in body.get("columns", []):
                        found.setdefault(body["name"], {})[col["name"]] = col["type"]
                elif name == "add_column":
                    found.setdefault(body["table"], {})[body["column"]["name"]] = body["column"]["type"]
    return found


def build(project, out):
    settings = load_settings(project)
    versions = os.path.join(out, "versions")
    os.makedirs(versions, exist_ok=True)
    documents = []
    for path in revision_files(os.path.join(project, settings["revisions"])):
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=Yaml12Loader)
        doc["__source__"] = os.path.relpath(path, project)
        documents.append(doc)
    for doc in documents:
        write_revision(doc, versions)
    settings["columns_with_defaults"] = columns_with_defaults(documents)
    settings["column_types"] = column_types(documents)
    with open(os.path.join(out, "retort_settings.json"), "w", encoding="utf-8") as f:
        json.dump(settings, f, indent=2)
    with open(os.path.join(out, "alembic.ini"), "w", encoding="utf-8") as f:
        f.write(ALEMBIC_INI)
    with open(os.path.join(out, "env.py"), "w", encoding="utf-8") as f:
        f.write(ENV_PY)
    shutil.copyfile(__file__, os.path.join(out, "retort_alembic.py"))


def write_revision(doc, versions):
    revision = _ident(doc["revision"])
    down = _ident_list(doc.get("down_revision"))
    upgrade = _plain(doc.get("upgrade") or [])
    downgrade = doc.get("downgrade", "auto")
    if downgrade is None or downgrade == "auto":
        downgrade = invert_ops(upgrade)
    else:
        downgrade = _plain(downgrade)
    text = REVISION_PY.format(
        message=str(doc.get("message", "")).replace('"""', "'''"),
        revision=revision,
        revises=", ".join(down),
        source=doc["__source__"],
        down_revision=_one_or_tuple(down),
        branch_labels=_one_or_tuple(_ident_list(doc.get("branch_labels"))),
        depends_on=_one_or_tuple(_ident_list(doc.get("depends_on"))),
        upgrade=pprint.pformat(upgrade, width=100, sort_dicts=False),
        downgrade=pprint.pformat(downgrade, width=100, sort_dicts=False),
    )
    with open(os.path.join(versions, f"{revision}.py"), "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------------------
# Automatic downgrades (the simple cases)

CONSTRAINT_KIND = {
    "create_primary_key": "primary",
    "create_unique_constraint": "unique",
    "create_foreign_key": "foreignkey",
    "create_check_constraint": "check",
}


def invert_ops(ops):
    """The inverse op list, or a string saying why there is none."""
    inverse = []
    for item in reversed(ops):
        item = {k: v for k, v in item.items() if k != "review"}
        ((name, body),) = item.items()
        inverted = invert_op(name, body)
        if isinstance(inverted, str):
            return inverted
        inverse.extend(inverted)
    return inverse


def _schema(body):
    return {"schema": body["schema"]} if body.get("schema") else {}


def invert_op(name, body):
    if name == "create_table":
        ops = [{"drop_table": {"name": body["name"], **_schema(body)}}]
        for col in body.get("columns", []):
            enum = _named_enum(col["type"])
            if enum is not None:
                ops.append({"drop_enum": {"name": enum.name, "values": list(enum.enums)}})
        return ops
    if name == "add_column":
        return [{"drop_column": {"table": body["table"], "column": body["column"]["name"], **_schema(body)}}]
    if name == "create_index":
        concurrently = {"concurrently": True} if body.get("concurrently") else {}
        return [{"drop_index": {"name": body["name"], "table": body["table"], **concurrently, **_schema(body)}}]
    if name == "rename_table":
        return [{"rename_table": {"old": body["new"], "new": body["old"], **_schema(body)}}]
    if name in CONSTRAINT_KIND:
        table = body.get("table") or body.get("source_table")
        return [{"drop_constraint": {"name": body["name"], "table": table, "type": CONSTRAINT_KIND[name], **_schema(body)}}]
    if name == "create_table_comment":
        if body.get("existing_comment") is not None:
            return [{"create_table_comment": {**body, "comment": body["existing_comment"], "existing_comment": body["comment"]}}]
        return [{"drop_table_comment": {"table": body["table"], "existing_comment": body["comment"], **_schema(body)}}]
    if name == "create_enum":
        return [{"drop_enum": dict(body)}]
    if name == "execute" and isinstance(body, dict) and "reverse" in body:
        return [{"execute": {"sql": body["reverse"], "reverse": body.get("sql")}}]
    return f"the harness cannot derive the downgrade of `{name}`; write `downgrade:` in the revision"


def _named_enum(type_text):
    if not isinstance(type_text, str) or not type_text.startswith("Enum("):
        return None
    enum = eval(type_text, _type_namespace())
    return enum if enum.name else None


# ---------------------------------------------------------------------------
# Running ops through Alembic (imported by the generated revision files)


def _type_namespace():
    import sqlalchemy as sa
    from sqlalchemy.dialects import mssql, mysql, oracle, postgresql, sqlite

    namespace = {"__builtins__": {}, "True": True, "False": False, "None": None}
    namespace.update({k: v for k, v in vars(sa).items() if not k.startswith("_")})
    namespace.update(postgresql=postgresql, mysql=mysql, mssql=mssql, oracle=oracle, sqlite=sqlite, sa=sa)
    return namespace


def _settings():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "retort_settings.json")) as f:
        return json.load(f)


def run_ops(ops):
    """Replays YAML ops through alembic.op."""
    if isinstance(ops, str):
        raise NotImplementedError(ops)
    from alembic import op

    runner = OpRunner(op, op.get_context().dialect.name)
    for item in ops:
        item = {k: v for k, v in item.items() if k != "review"}
        ((name, body),) = item.items()
        body = _alembic_aliases(body)
        if _outside_transaction(name, body, runner.dialect):
            with op.get_context().autocommit_block():
                getattr(runner, name)(body)
        else:
            getattr(runner, name)(body)


# Alembic's keywords retort takes for its own keys.
_ALIASES = {"postgresql_where": "where", "postgresql_concurrently": "concurrently"}


def _alembic_aliases(body):
    if not isinstance(body, dict):
        return body
    return {_ALIASES.get(k, k): v for k, v in body.items()}


def _outside_transaction(name, body, dialect):
    """An op retort runs outside the transaction (`outside_transaction` in
    dialects/postgresql/dialect.yaml): what an Alembic user writes as
    `with op.get_context().autocommit_block():`."""
    concurrent = name in ("create_index", "drop_index") and bool(body.get("concurrently"))
    return concurrent and dialect == "postgresql"


class OpRunner:
    """One method per YAML op, calling the `op.*` function of the same name."""

    def __init__(self, op, dialect):
        import sqlalchemy as sa

        self.op = op
        self.sa = sa
        self.dialect = dialect

    # -- values ------------------------------------------------------------

    def type_(self, spec):
        sa = self.sa
        if isinstance(spec, dict):
            if "sql" in spec:
                return raw_type(spec["sql"])
            chosen = spec.get(self.dialect, spec.get("default"))
            if chosen is None:
                raise ValueError(f"no type for dialect {self.dialect} in {spec!r}")
            return self.type_(chosen)
        value = eval(spec, _type_namespace())
        return value() if isinstance(value, type) and issubclass(value, sa.types.TypeEngine) else value

    def server_default(self, value):
        sa = self.sa
        if value is None:
            return None
        if isinstance(value, dict) and "sql" not in value:
            # A default per dialect; no entry for this dialect means no default.
            return self.server_default(value.get(self.dialect, value.get("default")))
        if isinstance(value, bool):
            return sa.true() if value else sa.false()
        if isinstance(value, Decimal):
            # retort writes a float default as Python's repr writes it.
            return sa.text(repr(float(value)))
        if isinstance(value, (int, float)):
            return sa.text(repr(value) if isinstance(value, float) else str(value))
        if isinstance(value, dict):
            return sa.text(value["sql"])
        return str(value)

    def patch(self, body, key, convert=lambda v: v):
        """Alembic's alter_column convention: False = no change, None = remove."""
        if key not in body:
            return False
        value = body[key]
        return None if value is None else convert(value)

    @staticmethod
    def target(schema, table, column):
        return ".".join(p for p in (schema, table, column) if p)

    def column(self, c):
        sa = self.sa
        args = [c["name"], self.type_(c["type"])]
        fk = c.get("foreign_key")
        if fk:
            args.append(
                sa.ForeignKey(
                    self.target(fk.get("schema"), fk["table"], fk["column"]),
                    name=fk.get("name"),
                    ondelete=fk.get("ondelete"),
                    onupdate=fk.get("onupdate"),
                    deferrable=fk.get("deferrable"),
                    initially=fk.get("initially"),
                    match=fk.get("match"),
                )
            )
        identity = c.get("identity")
        if identity is not None:
            oracle = {f"oracle_{key}": identity[key] for key in ("order", "on_null") if identity.get(key) is not None}
            args.append(
                sa.Identity(
                    always=bool(identity.get("always", False)),
                    start=identity.get("start"),
                    increment=identity.get("increment"),
                    minvalue=identity.get("minvalue"),
                    maxvalue=identity.get("maxvalue"),
                    # SQLAlchemy writes NO MINVALUE for any value but None.
                    nominvalue=identity.get("nominvalue") or None,
                    nomaxvalue=identity.get("nomaxvalue") or None,
                    cache=identity.get("cache"),
                    cycle=identity.get("cycle"),
                    **oracle,
                )
            )
        computed = c.get("computed")
        if computed is not None:
            args.append(sa.Computed(computed["sqltext"], persisted=computed.get("persisted")))
        kw = {"primary_key": bool(c.get("primary_key", False))}
        if c.get("nullable") is not None:
            kw["nullable"] = c["nullable"]
        if c.get("server_default") is not None:
            kw["server_default"] = self.server_default(c["server_default"])
        if c.get("autoincrement") is not None:
            kw["autoincrement"] = c["autoincrement"]
        if c.get("unique"):
            kw["unique"] = True
        if c.get("index"):
            kw["index"] = True
        if c.get("comment") is not None:
            kw["comment"] = c["comment"]
        return sa.Column(*args, **kw)

    def table_constraint(self, item):
        sa = self.sa
        ((kind, body),) = item.items()
        if kind == "primary_key":
            return sa.PrimaryKeyConstraint(*body["columns"], name=body.get("name"))
        if kind == "unique":
            return sa.UniqueConstraint(*body["columns"], name=body.get("name"), **self.index_options(body, self.UNIQUE_OPTIONS))
        if kind == "check":
            return sa.CheckConstraint(body["condition"], name=body.get("name"))
        if kind == "foreign_key":
            return sa.ForeignKeyConstraint(
                body["columns"],
                [self.target(body.get("ref_schema"), body["ref_table"], c) for c in body["ref_columns"]],
                name=body.get("name"),
                ondelete=body.get("ondelete"),
                onupdate=body.get("onupdate"),
                deferrable=body.get("deferrable"),
                initially=body.get("initially"),
                match=body.get("match"),
            )
        raise ValueError(f"unknown table constraint {kind}")

    def index_columns(self, columns):
        return [self.sa.text(c["sql"]) if isinstance(c, dict) else c for c in columns]

    # Dialect index options keyed as Alembic's keywords: passed on as they are.
    INDEX_OPTIONS = (
        "postgresql_using",
        "postgresql_include",
        "mssql_include",
        "postgresql_nulls_not_distinct",
        "mysql_using",
        "mssql_clustered",
        "postgresql_ops",
        "mysql_length",
        "mysql_prefix",
    )
    UNIQUE_OPTIONS = ("postgresql_nulls_not_distinct",)

    def index_options(self, body, keys=INDEX_OPTIONS):
        options = {key: body[key] for key in keys if body.get(key) is not None}
        if body.get("postgresql_with"):
            options["postgresql_with"] = body["postgresql_with"]
        return options

    def where_kwargs(self, body):
        where = body.get("where")
        if where is None:
            return {}
        return {"postgresql_where": self.sa.text(where), "sqlite_where": self.sa.text(where)}

    # -- ops ---------------------------------------------------------------

    TABLE_OPTIONS = tuple(
        f"{dialect}_{option}"
        for dialect in ("mysql", "mariadb")
        for option in ("engine", "default_charset", "charset", "row_format", "collate")
    ) + ("postgresql_partition_by",)

    def create_table(self, body):
        sa = self.sa
        args = [self.column(c) for c in body["columns"]]
        args += [self.table_constraint(c) for c in body.get("constraints", [])]
        for position, ix in enumerate(body.get("indexes", [])):
            ix = _alembic_aliases(ix)
            index = sa.Index(ix["name"], *self.index_columns(ix["columns"]), unique=bool(ix.get("unique")), **self.where_kwargs(ix), **self.index_options(ix))
            index.info["retort_position"] = position
            index.info["retort_if_not_exists"] = bool(ix.get("if_not_exists"))
            args.append(index)
        kw = {}
        if body.get("schema"):
            kw["schema"] = body["schema"]
        if body.get("comment") is not None:
            kw["comment"] = body["comment"]
        if body.get("if_not_exists"):
            kw["if_not_exists"] = True
        # In the order retort writes them (SQLAlchemy writes the keywords'
        # order, COLLATE after the character sets).
        for key in self.TABLE_OPTIONS:
            if body.get(key) is not None:
                kw[key] = body[key]
        if body.get("info") is not None:
            kw["info"] = body["info"]
        self.op.create_table(body["name"], *args, **kw)

    def drop_table(self, body):
        if isinstance(body, str):
            body = {"name": body}
        kw = {}
        if body.get("if_exists"):
            kw["if_exists"] = True
        self.op.drop_table(body["name"], schema=body.get("schema"), **kw)

    def rename_table(self, body):
        self.op.rename_table(body["old"], body["new"], schema=body.get("schema"))

    def add_column(self, body):
        kw = {"if_not_exists": True} if body.get("if_not_exists") else {}
        self.op.add_column(body["table"], self.column(body["column"]), schema=body.get("schema"), **kw)

    # Keyed as Alembic's keywords: passed on as they are.
    DROP_COLUMN_OPTIONS = ("if_exists", "mssql_drop_default", "mssql_drop_check", "mssql_drop_foreign_key")

    def drop_column(self, body):
        kw = {key: True for key in self.DROP_COLUMN_OPTIONS if body.get(key)}
        if [body["table"], body["column"]] in _settings()["columns_with_defaults"]:
            kw["mssql_drop_default"] = True
        self.op.drop_column(body["table"], body["column"], schema=body.get("schema"), **kw)

    def alter_column(self, body):
        kw = {
            "server_default": self.patch(body, "server_default", self.server_default),
            "comment": self.patch(body, "comment"),
            "existing_server_default": self.patch(body, "existing_server_default", self.server_default),
        }
        if body.get("nullable") is not None:
            kw["nullable"] = body["nullable"]
        if body.get("type") is not None:
            kw["type_"] = self.type_(body["type"])
        if body.get("new_name") is not None:
            kw["new_column_name"] = body["new_name"]
        if body.get("using") is not None:
            kw["postgresql_using"] = body["using"]
        if body.get("existing_type") is not None:
            kw["existing_type"] = self.type_(body["existing_type"])
        if body.get("existing_nullable") is not None:
            kw["existing_nullable"] = body["existing_nullable"]
        if body.get("existing_comment") is not None:
            kw["existing_comment"] = body["existing_comment"]
        if body.get("autoincrement") is not None:
            kw["autoincrement"] = body["autoincrement"]
        if body.get("existing_autoincrement") is not None:
            kw["existing_autoincrement"] = body["existing_autoincrement"]
        if kw["existing_server_default"] is False:
            del kw["existing_server_default"]
        self.op.alter_column(body["table"], body["column"], schema=body.get("schema"), **kw)

    def create_index(self, body):
        kw = self.where_kwargs(body)
        if body.get("concurrently"):
            kw["postgresql_concurrently"] = True
        if body.get("if_not_exists"):
            kw["if_not_exists"] = True
        kw.update(self.index_options(body))
        self.op.create_index(
            body["name"],
            body["table"],
            self.index_columns(body["columns"]),
            unique=bool(body.get("unique")),
            schema=body.get("schema"),
            **kw,
        )

    def drop_index(self, body):
        kw = {}
        if body.get("concurrently"):
            kw["postgresql_concurrently"] = True
        if body.get("if_exists"):
            kw["if_exists"] = True
        self.op.drop_index(body["name"], table_name=body.get("table"), schema=body.get("schema"), **kw)

    def create_primary_key(self, body):
        self.op.create_primary_key(body.get("name"), body["table"], body["columns"], schema=body.get("schema"))

    def create_unique_constraint(self, body):
        self.op.create_unique_constraint(
            body.get("name"), body["table"], body["columns"], schema=body.get("schema"), **self.index_options(body, self.UNIQUE_OPTIONS)
        )

    def create_foreign_key(self, body):
        self.op.create_foreign_key(
            body.get("name"),
            body["source_table"],
            body["referent_table"],
            body["local_cols"],
            body["remote_cols"],
            onupdate=body.get("onupdate"),
            ondelete=body.get("ondelete"),
            deferrable=body.get("deferrable"),
            initially=body.get("initially"),
            match=body.get("match"),
            source_schema=body.get("schema") or body.get("source_schema"),
            referent_schema=body.get("referent_schema"),
            **self.not_valid(body),
        )

    def create_check_constraint(self, body):
        self.op.create_check_constraint(
            body.get("name"), body["table"], body["condition"], schema=body.get("schema"), **self.not_valid(body)
        )

    @staticmethod
    def not_valid(body):
        return {"postgresql_not_valid": True} if body.get("not_valid") else {}

    def drop_constraint(self, body):
        kw = {"if_exists": True} if body.get("if_exists") else {}
        self.op.drop_constraint(body["name"], body["table"], type_=body.get("type"), schema=body.get("schema"), **kw)

    # Alembic has no op to rename an index or a constraint: histories write
    # the engine's SQL in op.execute, which retort's ops replace.
    def rename_index(self, body):
        raise NotImplementedError("Alembic has no op to rename an index")

    def rename_constraint(self, body):
        raise NotImplementedError("Alembic has no op to rename a constraint")

    def create_table_comment(self, body):
        self.op.create_table_comment(
            body["table"], body["comment"], existing_comment=body.get("existing_comment"), schema=body.get("schema")
        )

    def drop_table_comment(self, body):
        self.op.drop_table_comment(body["table"], existing_comment=body.get("existing_comment"), schema=body.get("schema"))

    def create_enum(self, body):
        enum = self.sa.Enum(*body["values"], name=body["name"], schema=body.get("schema"))
        enum.create(self.op.get_bind(), checkfirst=False)

    def drop_enum(self, body):
        enum = self.sa.Enum(*(body.get("values") or []), name=body["name"], schema=body.get("schema"))
        enum.drop(self.op.get_bind(), checkfirst=False)

    def sql_text(self, spec):
        if spec is None or isinstance(spec, str):
            return spec
        if "sql" in spec:
            return self.sql_text(spec["sql"])
        return spec.get(self.dialect, spec.get("default"))

    def execute(self, body):
        sql = self.sql_text(body)
        if sql is not None:
            self.op.execute(sql)

    def bulk_insert(self, body):
        sa = self.sa
        names = []
        for row in body["rows"]:
            names += [k for k in row if k not in names]
        declared = _settings()["column_types"].get(body["table"], {})
        types = {name: self.value_type(body["rows"], name, declared.get(name)) for name in names}
        columns = [sa.column(name, types[name]) for name in names]
        table = sa.table(body["table"], *columns, schema=body.get("schema"))
        rows = [{k: self.value(v, types[k]) for k, v in row.items()} for row in body["rows"]]
        # One INSERT per row online too: rows may name different columns.
        self.op.bulk_insert(table, rows, multiinsert=False)

    def value(self, value, type_):
        import datetime

        if not isinstance(value, str):
            return value
        if isinstance(type_, self.sa.DateTime):
            return datetime.datetime.fromisoformat(value)
        if isinstance(type_, self.sa.Date):
            return datetime.date.fromisoformat(value)
        return value

    def value_type(self, rows, name, declared):
        from decimal import Decimal

        sa = self.sa
        if declared is not None:
            type_ = self.type_(declared)
            if isinstance(type_, (sa.Date, sa.DateTime)):
                return type_
        for row in rows:
            value = row.get(name)
            if isinstance(value, bool):
                return sa.Boolean()
            if isinstance(value, int):
                return sa.Integer()
            if isinstance(value, Decimal):
                return sa.Numeric()
            if value is not None:
                return sa.String()
        return sa.String()


_RAW_TYPES = {}


def raw_type(sql):
    """A type that renders as `sql` verbatim ({sql: ...} in YAML)."""
    if sql not in _RAW_TYPES:
        import sqlalchemy as sa

        class RawType(sa.types.UserDefinedType):
            cache_ok = True

            def get_col_spec(self, **kw):
                return sql

        _RAW_TYPES[sql] = RawType
    return _RAW_TYPES[sql]()


# ---------------------------------------------------------------------------
# The one change to Alembic: a deterministic order for create_table's indexes


def patch_alembic():
    """DefaultImpl.create_table of Alembic 1.20.1, with its indexes sorted.

    Alembic iterates `table.indexes`, a set, so two indexes of one table come
    out in an order that changes from run to run. Everything else is as there.
    """
    from alembic.ddl import impl
    from sqlalchemy import schema

    def create_table(self, table, **kw):
        table.dispatch.before_create(table, self.connection, checkfirst=False, _ddl_runner=self)
        self._exec(schema.CreateTable(table, **kw))
        table.dispatch.after_create(table, self.connection, checkfirst=False, _ddl_runner=self)
        for index in sorted(table.indexes, key=lambda ix: _index_key(table, ix)):
            if_not_exists = index.info.get("retort_if_not_exists", False)
            self._exec(schema.CreateIndex(index, if_not_exists=if_not_exists))

        with_comment = self.dialect.supports_comments and not self.dialect.inline_comments
        comment = table.comment
        if comment is not None and with_comment:
            self.create_table_comment(table)

        for column in table.columns:
            comment = column.comment
            if comment is not None and with_comment:
                self.create_column_comment(column)

    impl.DefaultImpl.create_table = create_table


def _index_key(table, index):
    """`index: true` columns first, in column order; then `indexes:` as written."""
    if "retort_position" in index.info:
        return (1, index.info["retort_position"])
    names = [c.name for c in table.columns]
    first = next(iter(index.columns), None)
    return (0, names.index(first.name) if first is not None and first.name in names else 0)


# ---------------------------------------------------------------------------
# Many offline runs in one process (Python's start-up is most of a run's time)


def run_batch(project_dir, requests):
    """Runs `alembic ARGS --sql` for each request {"dialect", "args", "env"}
    in this process; returns [{"stdout", "stderr", "code"}] in order."""
    import contextlib
    import io
    import logging
    import traceback

    from alembic.config import CommandLine

    os.chdir(project_dir)
    ini = os.path.join(project_dir, "alembic.ini")
    results = []
    for request in requests:
        saved = dict(os.environ)
        os.environ["DIALECT"] = request["dialect"]
        os.environ.pop("TXN_PER_MIGRATION", None)
        os.environ.update(request.get("env", {}))
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            # fileConfig in env.py binds its handler to the stderr of the moment.
            logging.getLogger().handlers.clear()
            try:
                CommandLine(prog="alembic").main(["-c", ini, *request["args"], "--sql"])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # a Python error inside Alembic: rc 1, as the CLI
                traceback.print_exc()
                code = 1
        os.environ.clear()
        os.environ.update(saved)
        results.append({"stdout": out.getvalue(), "stderr": err.getvalue(), "code": code})
    return results


def main(argv):
    if len(argv) == 4 and argv[1] == "build":
        build(argv[2], argv[3])
        return 0
    if len(argv) == 3 and argv[1] == "batch":
        requests = json.load(sys.stdin)
        json.dump(run_batch(os.path.abspath(argv[2]), requests), sys.stdout)
        return 0
    sys.stderr.write(
        "usage: retort_alembic.py build YAML_PROJECT OUT_DIR\n"
        "       retort_alembic.py batch ALEMBIC_PROJECT < requests.json\n"
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
