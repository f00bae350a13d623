{#- Shared pieces of the PostgreSQL templates: types, columns, constraints.
    Every identifier goes through `quote`/`table`, every value through
    `literal`; {sql: ...} defaults, check conditions and index expressions
    are SQL text and are written as they are. -#}

{% macro type(t) -%}
{% set t = t | resolve(what="the column type") %}
{% if t.kind == "Integer" %}INTEGER
{%- elif t.kind == "SmallInteger" %}SMALLINT
{%- elif t.kind == "BigInteger" %}BIGINT
{%- elif t.kind in ["String", "Unicode"] %}VARCHAR{% if t.length is not none %}({{ t.length }}){% endif %}{{ collate(t) }}
{%- elif t.kind == "Text" %}TEXT{% if t.length is not none %}({{ t.length }}){% endif %}{{ collate(t) }}
{%- elif t.kind == "UnicodeText" %}TEXT
{%- elif t.kind == "Boolean" %}BOOLEAN
{%- elif t.kind == "Float" %}FLOAT{% if t.precision is not none %}({{ t.precision }}){% endif %}
{%- elif t.kind == "Numeric" %}{{ numeric(t) }}
{%- elif t.kind == "Date" %}DATE
{%- elif t.kind == "DateTime" %}TIMESTAMP {{ "WITH" if t.timezone else "WITHOUT" }} TIME ZONE
{%- elif t.kind == "Time" %}TIME {{ "WITH" if t.timezone else "WITHOUT" }} TIME ZONE
{%- elif t.kind == "Interval" %}INTERVAL
{%- elif t.kind == "LargeBinary" %}BYTEA
{%- elif t.kind == "JSON" %}JSON
{%- elif t.kind == "Uuid" %}UUID
{%- elif t.kind == "Enum" %}{% if t.native_enum %}{{ enum_name(t) }}{% else %}VARCHAR({{ enum_length(t) }}){% endif %}
{%- elif t.kind == "Sql" %}{{ t.sql }}
{%- elif t.kind == "Upper" %}{{ upper(t) }}
{%- elif t.kind == "Dialect" %}{{ dialect_type(t) }}
{%- else %}{{ fail("type " ~ t.kind ~ " has no PostgreSQL form") }}
{%- endif %}
{%- endmacro %}

{% macro numeric(t) -%}
NUMERIC{% if t.precision is not none %}({{ t.precision }}{% if t.scale is not none %}, {{ t.scale }}{% endif %}){% endif %}
{%- endmacro %}

{% macro enum_name(t) -%}
{% if t.name is none %}{{ fail("PostgreSQL ENUM type requires a name: Enum(..., name='...')") }}{% endif %}
{{- t.name | quote }}
{%- endmacro %}

{% macro dialect_type(t) -%}
{% if t.dialect != dialect.name %}{{ fail(t.dialect ~ "." ~ t.name ~ " is a " ~ t.dialect ~ " type; give a mapping of dialect to type, e.g. {" ~ t.dialect ~ ": " ~ t.name ~ ", default: ...}") }}{% endif %}
{% if t.name == "ARRAY" %}{{ type(t.args[0].value) }}{% for _ in range(t.options.dimensions.value if "dimensions" in t.options else 1) %}[]{% endfor %}
{%- elif t.name in ["TIMESTAMP", "TIME"] %}{{ t.name }}{% if "precision" in t.options %}({{ t.options.precision.value }}){% endif %} {{ "WITH" if "timezone" in t.options and t.options.timezone.value else "WITHOUT" }} TIME ZONE
{%- elif t.name == "DOUBLE_PRECISION" %}DOUBLE PRECISION
{%- else %}{{ t.name }}{% if t.args %}({% for a in t.args %}{{ type_arg(a) }}{{ ", " if not loop.last }}{% endfor %}){% endif %}
{%- endif %}
{%- endmacro %}

{% macro type_arg(a) -%}
{% if a.kind == "int" %}{{ a.value }}{% elif a.kind == "str" %}{{ a.value | literal }}{% else %}{{ type(a.value) }}{% endif %}
{%- endmacro %}

{#- A server default: a string is a literal, {sql: ...} is written as is. -#}
{% macro default(d) -%}
{% set d = d | resolve(what="the server default") %}
{% if d.kind == "sql" %}{{ d.value }}{% else %}{{ d | literal }}{% endif %}
{%- endmacro %}

{% macro identity(i) -%}
GENERATED {{ "ALWAYS" if i.always else "BY DEFAULT" }} AS IDENTITY
{%- set options = identity_options(i) %}
{%- if options %} ({{ options }}){% endif %}
{%- endmacro %}

{#- SQLAlchemy's order and spelling; `order` and `on_null` are Oracle's. -#}
{% macro identity_options(i) -%}
{% set options = [] %}
{%- if i.increment is not none %}{% set options = options + ["INCREMENT BY " ~ i.increment] %}{% endif %}
{%- if i.start is not none %}{% set options = options + ["START WITH " ~ i.start] %}{% endif %}
{%- if i.minvalue is not none %}{% set options = options + ["MINVALUE " ~ i.minvalue] %}{% endif %}
{%- if i.maxvalue is not none %}{% set options = options + ["MAXVALUE " ~ i.maxvalue] %}{% endif %}
{%- if i.nominvalue %}{% set options = options + ["NO MINVALUE"] %}{% endif %}
{%- if i.nomaxvalue %}{% set options = options + ["NO MAXVALUE"] %}{% endif %}
{%- if i.cache is not none %}{% set options = options + ["CACHE " ~ i.cache] %}{% endif %}
{%- if i.cycle is not none %}{% set options = options + ["CYCLE" if i.cycle else "NO CYCLE"] %}{% endif %}
{{- options | join(" ") }}
{%- endmacro %}

{#- PostgreSQL before 18 stores every generated column: it refuses
    `GENERATED ALWAYS AS (...)` without STORED, and VIRTUAL. -#}
{% macro computed(g, column) -%}
{% if not g.persisted %}{{ fail("PostgreSQL 15 has only stored generated columns (it refuses VIRTUAL and a GENERATED ALWAYS AS without STORED): write `persisted: true` on the computed column `" ~ column ~ "`") }}{% endif %}
GENERATED ALWAYS AS ({{ g.sqltext }}) STORED
{%- endmacro %}

{#- SERIAL for the table's autoincrement column (no DEFAULT then). -#}
{% macro serial(t) -%}
{% set t = t | resolve(what="the column type") %}
{% if t.kind == "BigInteger" %}BIGSERIAL{% elif t.kind == "SmallInteger" %}SMALLSERIAL{% else %}SERIAL{% endif %}
{%- endmacro %}

{% macro column(c, table) -%}
{{ c.name | quote }}
{%- if c.name == table.autoincrement_column and c.identity is none %} {{ serial(c.type) }}
{%- else %} {{ type(c.type) }}{% if c.server_default is not none %} DEFAULT {{ default(c.server_default) }}{% endif %}
{%- endif %}
{%- if c.computed is not none %} {{ computed(c.computed, c.name) }}{% endif %}
{%- if c.identity is not none %} {{ identity(c.identity) }}{% endif %}
{%- if not c.nullable and c.identity is none %} NOT NULL{% elif c.nullable and c.identity is not none %} NULL{% endif %}
{%- endmacro %}

{% macro names(columns) -%}
{% for c in columns %}{{ c | quote }}{{ ", " if not loop.last }}{% endfor %}
{%- endmacro %}

{#- An SQL keyword phrase from the revision (ON DELETE ..., INITIALLY ...):
    only the phrases SQLAlchemy accepts. -#}
{% macro phrase(value, allowed, what) -%}
{% if value | upper not in allowed %}{{ fail(what ~ " must be one of " ~ allowed | join(", ") ~ ", not `" ~ value ~ "`") }}{% endif %}
{{- value }}
{%- endmacro %}

{% macro constraint(c) -%}
{% if c.name is not none %}CONSTRAINT {{ c.name | quote }} {% endif %}
{% if c.kind == "primary_key" %}PRIMARY KEY ({{ names(c.columns) }})
{%- elif c.kind == "unique" %}UNIQUE {{ nulls_distinct(c.postgresql_nulls_not_distinct) }}({{ names(c.columns) }})
{%- elif c.kind == "check" %}CHECK ({{ c.condition }})
{%- elif c.kind == "enum_check" %}CHECK ({{ c.columns[0] | quote }} IN ({% for v in c.values %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %}))
{%- elif c.kind == "foreign_key" %}FOREIGN KEY({{ names(c.columns) }}) REFERENCES {{ c.ref_table | table(c.ref_schema) }} ({{ names(c.ref_columns) }})
{%- if c.match is not none %}{% if c.match | upper == "PARTIAL" %}{{ fail("PostgreSQL has no MATCH PARTIAL (\"not implemented\"): write FULL or SIMPLE") }}{% endif %} MATCH {{ phrase(c.match, ["FULL", "SIMPLE"], "match") }}{% endif %}
{%- if c.ondelete is not none %} ON DELETE {{ phrase(c.ondelete, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "ondelete") }}{% endif %}
{%- if c.onupdate is not none %} ON UPDATE {{ phrase(c.onupdate, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "onupdate") }}{% endif %}
{%- if c.deferrable is not none %} {{ "DEFERRABLE" if c.deferrable else "NOT DEFERRABLE" }}{% endif %}
{%- if c.initially is not none %} INITIALLY {{ phrase(c.initially, ["DEFERRED", "IMMEDIATE"], "initially") }}{% endif %}
{%- endif %}
{%- endmacro %}

{#- Whether a table-level constraint is written on this dialect: an enum's
    CHECK only where the enum is not native; a boolean's never (native). -#}
{% macro writes(c, table) -%}
{% if c.kind == "bool_check" %}{% elif c.kind != "enum_check" %}yes{% else %}{% for col in table.columns if col.name == c.columns[0] %}{% set t = col.type | resolve %}{% if not t.native_enum %}yes{% endif %}{% endfor %}{% endif %}
{%- endmacro %}

{#- PostgreSQL 15's treatment of NULLs in a unique index or constraint, with
    the space that follows it; nothing when the revision does not say. -#}
{% macro nulls_distinct(not_distinct) -%}
{% if not_distinct is not none %}{{ "NULLS NOT DISTINCT " if not_distinct else "NULLS DISTINCT " }}{% endif %}
{%- endmacro %}

{# postgresql_with: ` WITH (fillfactor = 70)`, or nothing. #}
{% macro storage_parameters(parameters) -%}
{% if parameters %} WITH ({% for p in parameters %}{{ p[0] }}{% if p[1] is not none %} = {{ p[1] }}{% endif %}{{ ", " if not loop.last }}{% endfor %}){% endif %}
{%- endmacro %}

{# `ops`: postgresql_ops, an operator class by column name. #}
{% macro index_columns(columns, ops={}) -%}
{% for c in columns %}{% if c is string %}{{ c | quote }}{% if c in ops %} {{ ops[c] }}{% endif %}{% else %}{{ c.sql }}{% endif %}{{ ", " if not loop.last }}{% endfor %}
{%- endmacro %}

{% macro create_index(ix, table_name, schema, concurrently=false) -%}
CREATE {{ "UNIQUE " if ix.unique }}INDEX {{ "CONCURRENTLY " if concurrently }}{{ "IF NOT EXISTS " if ix.if_not_exists }}{{ ix.name | quote }} ON {{ table_name | table(schema) }} {% if ix.postgresql_using is not none %}USING {{ ix.postgresql_using }} {% endif %}({{ index_columns(ix.columns, ix.postgresql_ops) }})
{%- if ix.postgresql_include %} INCLUDE ({{ names(ix.postgresql_include) }}){% endif %}
{%- if ix.postgresql_nulls_not_distinct is not none %} {{ nulls_distinct(ix.postgresql_nulls_not_distinct) | trim }}{% endif %}
{{- storage_parameters(ix.postgresql_with) }}
{%- if ix.where is not none %} WHERE {{ ix.where }}{% endif %}
{%- endmacro %}

{% macro column_comment(table_name, schema, column, comment) -%}
COMMENT ON COLUMN {{ table_name | table(schema) }}.{{ column | quote }} IS {{ comment | literal(comment=true) }}
{%- endmacro %}

{#- SQLAlchemy's uppercase types (and `Double`), written by name as
    SQLAlchemy writes them here; `refused` names those this engine has not. -#}
{% macro upper(t) -%}
{% set n = t.name %}
{% set refused = {"NVARCHAR": "PostgreSQL has no NVARCHAR", "CLOB": "PostgreSQL has no CLOB", "BLOB": "PostgreSQL has no BLOB (BYTEA is LargeBinary)", "DOUBLE": "PostgreSQL has no DOUBLE (Double is DOUBLE PRECISION)", "DATETIME": "PostgreSQL has no DATETIME (TIMESTAMP is)"} %}
{% if n in refused %}{{ fail(n ~ " has no " ~ dialect.name ~ " form: " ~ refused[n] ~ "; give a mapping of dialect to type, e.g. {" ~ dialect.name ~ ": ..., default: " ~ n ~ "}") }}{% endif %}
{% if n in ["TIMESTAMP", "TIME"] %}{{ n }} {{ "WITH" if t.timezone else "WITHOUT" }} TIME ZONE
{%- elif n in ["Double", "DOUBLE_PRECISION"] %}DOUBLE PRECISION
{%- elif n == "TEXT" and t.length is not none %}{{ fail("PostgreSQL's TEXT takes no length: write TEXT or VARCHAR(" ~ t.length ~ ")") }}
{%- else %}{{ sized(t) }}{{ collate(t) }}{% endif %}
{%- endmacro %}

{#- An uppercase type's name with its length, or precision and scale. -#}
{% macro sized(t) -%}
{% set numbers = [t.length, t.precision, t.scale] | reject("none") | list %}
{{- t.name }}{% if numbers %}({{ numbers | join(", ") }}){% endif %}
{%- endmacro %}

{#- A non-native enum's VARCHAR length: `length=`, else the longest value's. -#}
{% macro enum_length(t) -%}
{{ t.length if t.length is not none else t.values | map("length") | max }}
{%- endmacro %}

{#- A character type's collation, quoted where SQLAlchemy's identifier rules quote it. -#}
{% macro collate(t) -%}
{% if t.collation is not none %} COLLATE {{ t.collation | quote }}{% endif %}
{%- endmacro %}
