{#- Shared pieces of the Oracle templates: types, columns, constraints.
    Every identifier goes through `quote`/`table`, every value through
    `literal`; {sql: ...} defaults, check conditions and index expressions
    are SQL text and are written as they are. -#}

{% macro type(t) -%}
{% set t = t | resolve(what="the column type") %}
{% if t.kind == "Integer" %}INTEGER
{%- elif t.kind == "SmallInteger" %}SMALLINT
{%- elif t.kind == "BigInteger" %}NUMBER(19)
{%- elif t.kind in ["String", "Unicode"] %}VARCHAR2{% if t.length is not none %}({{ t.length }} CHAR){% endif %}
{%- elif t.kind in ["Text", "UnicodeText"] %}CLOB
{%- elif t.kind == "Boolean" %}BOOLEAN
{%- elif t.kind == "Float" %}{% if t.precision is not none %}{{ fail("Oracle FLOAT types use 'binary precision', which does not convert cleanly from decimal 'precision'; give an Oracle type, e.g. {oracle: {sql: FLOAT(126)}, default: Float(" ~ t.precision ~ ")}") }}{% endif %}FLOAT
{%- elif t.kind == "Numeric" %}{{ numeric(t) }}
{%- elif t.kind in ["Date", "DateTime"] %}DATE
{%- elif t.kind == "Time" %}TIME
{%- elif t.kind == "Interval" %}INTERVAL DAY TO SECOND
{%- elif t.kind == "LargeBinary" %}BLOB
{%- elif t.kind == "JSON" %}JSON
{%- elif t.kind == "Uuid" %}CHAR(32)
{%- elif t.kind == "Enum" %}VARCHAR({{ enum_length(t) }} CHAR)
{%- elif t.kind == "Sql" %}{{ t.sql }}
{%- elif t.kind == "Upper" %}{{ upper(t) }}
{%- elif t.kind == "Dialect" %}{{ dialect_type(t) }}
{%- else %}{{ fail("type " ~ t.kind ~ " has no Oracle form") }}
{%- endif %}
{%- endmacro %}

{% macro numeric(t) -%}
NUMERIC{% if t.precision is not none %}({{ t.precision }}{% if t.scale is not none %}, {{ t.scale }}{% endif %}){% endif %}
{%- endmacro %}

{% macro dialect_type(t) -%}
{% if t.dialect != dialect.name %}{{ fail(t.dialect ~ "." ~ t.name ~ " is a " ~ t.dialect ~ " type; give a mapping of dialect to type, e.g. {" ~ t.dialect ~ ": " ~ t.name ~ ", default: ...}") }}{% endif %}
{{ t.name }}{% if t.args %}({% for a in t.args %}{{ type_arg(a) }}{{ ", " if not loop.last }}{% endfor %}){% endif %}
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
GENERATED {{ "ALWAYS" if i.always else "BY DEFAULT" }}{{ " ON NULL" if i.on_null }} AS IDENTITY
{%- set options = identity_options(i) %}
{%- if options %} ({{ options }}){% endif %}
{%- endmacro %}

{#- SQLAlchemy's order, in Oracle's spelling (NOMINVALUE, NOCYCLE, ...). -#}
{% macro identity_options(i) -%}
{% set options = [] %}
{%- if i.increment is not none %}{% set options = options + ["INCREMENT BY " ~ i.increment] %}{% endif %}
{%- if i.start is not none %}{% set options = options + ["START WITH " ~ i.start] %}{% endif %}
{%- if i.minvalue is not none %}{% set options = options + ["MINVALUE " ~ i.minvalue] %}{% endif %}
{%- if i.maxvalue is not none %}{% set options = options + ["MAXVALUE " ~ i.maxvalue] %}{% endif %}
{%- if i.nominvalue %}{% set options = options + ["NOMINVALUE"] %}{% endif %}
{%- if i.nomaxvalue %}{% set options = options + ["NOMAXVALUE"] %}{% endif %}
{%- if i.cache is not none %}{% set options = options + ["CACHE " ~ i.cache] %}{% endif %}
{%- if i.cycle is not none %}{% set options = options + ["CYCLE" if i.cycle else "NOCYCLE"] %}{% endif %}
{%- if i.order is not none %}{% set options = options + ["ORDER" if i.order else "NOORDER"] %}{% endif %}
{{- options | join(" ") }}
{%- endmacro %}

{#- Oracle's generated columns are virtual: it refuses STORED. -#}
{% macro computed(g, column) -%}
{% if g.persisted %}{{ fail("Oracle has only virtual generated columns (SQLAlchemy: \"computed columns do not support 'stored' persistence\"): write `persisted: false` (or leave it out) on the computed column `" ~ column ~ "`, or give the column per-dialect ops") }}{% endif %}
GENERATED ALWAYS AS ({{ g.sqltext }}){{ " VIRTUAL" if g.persisted is not none }}
{%- endmacro %}

{#- Oracle: DEFAULT, identity, NOT NULL (none with an identity). The
    autoincrement column gets no identity unless asked for. -#}
{% macro column(c, table) -%}
{{ c.name | quote }} {{ type(c.type) }}
{%- if c.server_default is not none %} DEFAULT {{ default(c.server_default) }}{% endif %}
{%- if c.computed is not none %} {{ computed(c.computed, c.name) }}{% endif %}
{%- if c.identity is not none %} {{ identity(c.identity) }}{% endif %}
{%- if not c.nullable and c.identity is none %} NOT NULL{% endif %}
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
{%- elif c.kind == "unique" %}UNIQUE ({{ names(c.columns) }})
{%- elif c.kind == "check" %}CHECK ({{ c.condition }})
{%- elif c.kind == "enum_check" %}CHECK ({{ c.columns[0] | quote }} IN ({% for v in c.values %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %}))
{%- elif c.kind == "foreign_key" %}FOREIGN KEY({{ names(c.columns) }}) REFERENCES {{ c.ref_table | table(c.ref_schema) }} ({{ names(c.ref_columns) }})
{%- if c.match is not none %}{{ fail("Oracle has no MATCH on a foreign key: leave `match` out for Oracle") }}{% endif %}
{%- if c.ondelete is not none %} ON DELETE {{ phrase(c.ondelete, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "ondelete") }}{% endif %}
{#- Oracle has no ON UPDATE: SQLAlchemy leaves it out (with a warning). -#}
{%- if c.deferrable is not none %} {{ "DEFERRABLE" if c.deferrable else "NOT DEFERRABLE" }}{% endif %}
{%- if c.initially is not none %} INITIALLY {{ phrase(c.initially, ["DEFERRED", "IMMEDIATE"], "initially") }}{% endif %}
{%- endif %}
{%- endmacro %}

{#- Whether a table-level constraint is written: always (no native enums),
    but a boolean's CHECK (SQLAlchemy takes the boolean as native here). -#}
{% macro writes(c, table) -%}
{% if c.kind != "bool_check" %}yes{% endif %}
{%- endmacro %}

{% macro index_columns(columns) -%}
{% for c in columns %}{% if c is string %}{{ c | quote }}{% else %}{{ c.sql }}{% endif %}{{ ", " if not loop.last }}{% endfor %}
{%- endmacro %}

{#- Oracle has no CREATE INDEX IF NOT EXISTS: Alembic leaves it out. -#}
{% macro create_index(ix, table_name, schema) -%}
{% if ix.where is not none %}{{ fail("Oracle has no partial indexes (`where:`); give this index per-dialect ops") }}{% endif %}
CREATE {{ "UNIQUE " if ix.unique }}INDEX {{ ix.name | table(schema) }} ON {{ table_name | table(schema) }} ({{ index_columns(ix.columns) }})
{%- endmacro %}

{% macro column_comment(table_name, schema, column, comment) -%}
COMMENT ON COLUMN {{ table_name | table(schema) }}.{{ column | quote }} IS {{ comment | literal(constant=true, comment=true) }}
{%- endmacro %}

{#- A bulk_insert value. A Date or DateTime string goes through TO_DATE (with
    fractional seconds TO_TIMESTAMP), as SQLAlchemy writes a date: a bare
    string would be read with the session's NLS date format. -#}
{% macro row_value(v, t) -%}
{% set t = t | resolve(what="the column type") if t is not none else none %}
{#- An uppercase DATE or TIMESTAMP is a date as its generic kin is. -#}
{% set kind = none if t is none else ({"DATE": "Date", "TIMESTAMP": "DateTime", "DATETIME": "DateTime"}[t.name] if t.kind == "Upper" else t.kind) %}
{% if kind is none or kind is undefined or v.kind != "string" or kind not in ["Date", "DateTime"] %}{{ v | literal }}
{%- elif kind == "Date" %}TO_DATE({{ v | literal }}, 'YYYY-MM-DD')
{%- else %}
{%- set text = v.value | replace("T", " ") %}
{%- if text | length == 10 %}{% set text = text ~ " 00:00:00" %}{% endif %}
{%- if "+" in text or "Z" in text or "-" in text[10:] %}{{ fail("Oracle: the DateTime value '" ~ v.value ~ "' has a time zone, which an Oracle DATE cannot hold; write it in the database's time zone without an offset") }}{% endif %}
{%- if "." in text %}TO_TIMESTAMP({{ text | literal }}, 'YYYY-MM-DD HH24:MI:SS.FF')
{%- else %}TO_DATE({{ text | literal }}, 'YYYY-MM-DD HH24:MI:SS')
{%- endif %}
{%- endif %}
{%- endmacro %}

{#- SQLAlchemy's uppercase types (and `Double`), written by name as
    SQLAlchemy writes them here; `refused` names those this engine has not. -#}
{% macro upper(t) -%}
{% set n = t.name %}
{% set refused = {"UUID": "Oracle has no UUID (Uuid is CHAR(32))", "TEXT": "Oracle has no TEXT (Text is CLOB)", "DOUBLE": "Oracle has no DOUBLE (Double is DOUBLE PRECISION)", "DATETIME": "Oracle has no DATETIME (DateTime is DATE)", "TIME": "Oracle has no TIME"} %}
{% if n in refused %}{{ fail(n ~ " has no " ~ dialect.name ~ " form: " ~ refused[n] ~ "; give a mapping of dialect to type, e.g. {" ~ dialect.name ~ ": ..., default: " ~ n ~ "}") }}{% endif %}
{% if n == "VARCHAR" %}VARCHAR{% if t.length is not none %}({{ t.length }} CHAR){% endif %}
{%- elif n == "NVARCHAR" %}NVARCHAR2{% if t.length is not none %}({{ t.length }}){% endif %}
{%- elif n == "TIMESTAMP" and t.timezone %}TIMESTAMP WITH TIME ZONE
{%- elif n in ["Double", "DOUBLE_PRECISION"] %}DOUBLE PRECISION
{%- elif n == "FLOAT" and t.precision is not none %}{{ fail("Oracle FLOAT types use 'binary precision', which does not convert cleanly from decimal 'precision'; give an Oracle type") }}
{#- SQLAlchemy writes a collation on Oracle only after CHAR. #}
{%- elif n == "CHAR" %}{{ sized(t) }}{% if t.collation is not none %} COLLATE {{ t.collation | quote }}{% endif %}
{%- else %}{{ sized(t) }}{% endif %}
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
