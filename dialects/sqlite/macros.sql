{#- Shared pieces of the SQLite templates: types, columns, constraints.
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
{%- elif t.kind == "Float" %}FLOAT
{%- elif t.kind == "Numeric" %}{{ numeric(t) }}
{%- elif t.kind == "Date" %}DATE
{%- elif t.kind == "DateTime" %}DATETIME
{%- elif t.kind == "Time" %}TIME
{%- elif t.kind == "Interval" %}DATETIME
{%- elif t.kind == "LargeBinary" %}BLOB
{%- elif t.kind == "JSON" %}JSON
{%- elif t.kind == "Uuid" %}CHAR(32)
{%- elif t.kind == "Enum" %}VARCHAR({{ enum_length(t) }})
{%- elif t.kind == "Sql" %}{{ t.sql }}
{%- elif t.kind == "Upper" %}{{ upper(t) }}
{%- elif t.kind == "Dialect" %}{{ dialect_type(t) }}
{%- else %}{{ fail("type " ~ t.kind ~ " has no SQLite form") }}
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

{#- A server default: a string is a literal, {sql: ...} is written as is,
    in parentheses when it is more than one word (SQLAlchemy's SQLite rule). -#}
{% macro default(d) -%}
{% set d = d | resolve(what="the server default") %}
{% if d.kind in ["sql", "number"] and d.value | needs_parentheses %}({{ d.value }})
{%- elif d.kind == "sql" %}{{ d.value }}
{%- else %}{{ d | literal }}{% endif %}
{%- endmacro %}

{#- SQLite has no identity columns: an INTEGER PRIMARY KEY is the rowid. -#}
{% macro column(c, table) -%}
{{ c.name | quote }} {{ type(c.type) }}
{%- if c.server_default is not none %} DEFAULT {{ default(c.server_default) }}{% endif %}
{%- if not c.nullable %} NOT NULL{% endif %}
{%- if c.computed is not none %} GENERATED ALWAYS AS ({{ c.computed.sqltext }}){% if c.computed.persisted is not none %} {{ "STORED" if c.computed.persisted else "VIRTUAL" }}{% endif %}{% endif %}
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
{%- elif c.kind == "bool_check" %}CHECK ({{ c.columns[0] | quote }} IN (0, 1))
{#- SQLite's REFERENCES takes no schema: the referent is in the table's own database. #}
{%- elif c.kind == "foreign_key" %}FOREIGN KEY({{ names(c.columns) }}) REFERENCES {{ c.ref_table | quote }} ({{ names(c.ref_columns) }})
{%- if c.match is not none %} MATCH {{ phrase(c.match, ["FULL", "PARTIAL", "SIMPLE"], "match") }}{% endif %}
{%- if c.ondelete is not none %} ON DELETE {{ phrase(c.ondelete, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "ondelete") }}{% endif %}
{%- if c.onupdate is not none %} ON UPDATE {{ phrase(c.onupdate, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "onupdate") }}{% endif %}
{%- if c.deferrable is not none %} {{ "DEFERRABLE" if c.deferrable else "NOT DEFERRABLE" }}{% endif %}
{%- if c.initially is not none %} INITIALLY {{ phrase(c.initially, ["DEFERRED", "IMMEDIATE"], "initially") }}{% endif %}
{%- endif %}
{%- endmacro %}

{#- Whether a table-level constraint is written: always (no native enums),
    but a foreign key into another schema (another database file), which
    SQLite cannot have, is left out as SQLAlchemy does. -#}
{% macro writes(c, table) -%}
{% if c.kind != "foreign_key" or c.ref_schema == table.schema %}yes{% endif %}
{%- endmacro %}

{% macro index_columns(columns) -%}
{% for c in columns %}{% if c is string %}{{ c | quote }}{% else %}{{ c.sql }}{% endif %}{{ ", " if not loop.last }}{% endfor %}
{%- endmacro %}

{#- SQLite puts the schema on the index name, not on the table. -#}
{% macro create_index(ix, table_name, schema) -%}
CREATE {{ "UNIQUE " if ix.unique }}INDEX {{ "IF NOT EXISTS " if ix.if_not_exists }}{{ ix.name | table(schema) }} ON {{ table_name | quote }} ({{ index_columns(ix.columns) }})
{%- if ix.where is not none %} WHERE {{ ix.where }}{% endif %}
{%- endmacro %}

{#- The error of an op SQLite cannot do with ALTER TABLE. -#}
{% macro needs_rebuild(what) -%}
{{ fail(what ~ " needs a table rebuild on SQLite, which has no ALTER for it; retort does not generate table rebuilds yet") }}
{%- endmacro %}

{#- A bulk_insert value. A DateTime string is written in SQLAlchemy's SQLite
    storage format, `YYYY-MM-DD HH:MM:SS.ffffff`, as Alembic writes a
    datetime; a value with a time zone is written as it is. -#}
{% macro row_value(v, t) -%}
{% set t = t | resolve(what="the column type") if t is not none else none %}
{#- An uppercase DATE or TIMESTAMP is a date as its generic kin is. -#}
{% set kind = none if t is none else ({"DATE": "Date", "TIMESTAMP": "DateTime", "DATETIME": "DateTime"}[t.name] if t.kind == "Upper" else t.kind) %}
{% if kind is none or kind is undefined or v.kind != "string" or kind != "DateTime" %}{{ v | literal }}
{%- else %}
{%- set text = v.value | replace("T", " ") %}
{%- if text | length == 10 %}{% set text = text ~ " 00:00:00" %}{% endif %}
{%- if "+" in text or "Z" in text or "-" in text[10:] %}{{ v | literal }}
{%- else %}
{%- if text | length == 16 %}{% set text = text ~ ":00" %}{% endif %}
{%- set clock = text[:19] %}
{%- set fraction = (text[20:] ~ "000000")[:6] %}
{{- (clock ~ "." ~ fraction) | literal }}
{%- endif %}
{%- endif %}
{%- endmacro %}

{#- SQLAlchemy's uppercase types (and `Double`), written by name as
    SQLAlchemy writes them here; `refused` names those this engine has not. -#}
{% macro upper(t) -%}
{% set n = t.name %}
{% set refused = {} %}
{% if n in refused %}{{ fail(n ~ " has no " ~ dialect.name ~ " form: " ~ refused[n] ~ "; give a mapping of dialect to type, e.g. {" ~ dialect.name ~ ": ..., default: " ~ n ~ "}") }}{% endif %}
{% if n == "Double" %}DOUBLE
{%- elif n == "DOUBLE_PRECISION" %}DOUBLE PRECISION
{%- elif n == "FLOAT" %}FLOAT
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
