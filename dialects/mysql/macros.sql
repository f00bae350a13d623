{#- Shared pieces of the MySQL templates: types, columns, constraints.
    Every identifier goes through `quote`/`table`, every value through
    `literal`; {sql: ...} defaults, check conditions and index expressions
    are SQL text and are written as they are. -#}

{% macro type(t) -%}
{% set t = t | resolve(what="the column type") %}
{% if t.kind == "Integer" %}INTEGER
{%- elif t.kind == "SmallInteger" %}SMALLINT
{%- elif t.kind == "BigInteger" %}BIGINT
{%- elif t.kind in ["String", "Unicode"] %}{% if t.length is none %}{{ fail("VARCHAR requires a length on dialect mysql: write String(n)") }}{% endif %}VARCHAR({{ t.length }}){{ collate(t) }}
{%- elif t.kind == "Text" %}TEXT{% if t.length is not none %}({{ t.length }}){% endif %}{{ collate(t) }}
{%- elif t.kind == "UnicodeText" %}TEXT
{%- elif t.kind == "Boolean" %}BOOL
{%- elif t.kind == "Float" %}FLOAT{% if t.precision is not none %}({{ t.precision }}){% endif %}
{%- elif t.kind == "Numeric" %}{{ numeric(t) }}
{%- elif t.kind == "Date" %}DATE
{%- elif t.kind == "DateTime" %}DATETIME
{%- elif t.kind == "Time" %}TIME
{%- elif t.kind == "Interval" %}DATETIME
{%- elif t.kind == "LargeBinary" %}BLOB{% if t.length is not none %}({{ t.length }}){% endif %}
{%- elif t.kind == "JSON" %}JSON
{%- elif t.kind == "Uuid" %}CHAR(32)
{%- elif t.kind == "Enum" %}{% if t.native_enum %}ENUM({% for v in t.values %}{{ v | literal }}{{ "," if not loop.last }}{% endfor %}){% else %}VARCHAR({{ enum_length(t) }}){% endif %}
{%- elif t.kind == "Sql" %}{{ t.sql }}
{%- elif t.kind == "Upper" %}{{ upper(t) }}
{%- elif t.kind == "Dialect" %}{{ dialect_type(t) }}
{%- else %}{{ fail("type " ~ t.kind ~ " has no MySQL form") }}
{%- endif %}
{%- endmacro %}

{% macro numeric(t) -%}
NUMERIC{% if t.precision is not none %}({{ t.precision }}{% if t.scale is not none %}, {{ t.scale }}{% endif %}){% endif %}
{%- endmacro %}

{% macro dialect_type(t) -%}
{% if t.dialect != dialect.name %}{{ fail(t.dialect ~ "." ~ t.name ~ " is a " ~ t.dialect ~ " type; give a mapping of dialect to type, e.g. {" ~ t.dialect ~ ": " ~ t.name ~ ", default: ...}") }}{% endif %}
{{ t.name }}{% if t.args %}({% for a in t.args %}{{ type_arg(a) }}{{ ", " if not loop.last }}{% endfor %}){% endif %}
{#- SQLAlchemy's order: UNSIGNED ZEROFILL; CHARACTER SET, COLLATE. #}
{%- for flag in ["unsigned", "zerofill"] if flag in t.options and t.options[flag].value %} {{ flag | upper }}{% endfor %}
{%- if "charset" in t.options %} CHARACTER SET {{ t.options.charset.value }}{% endif %}
{%- if "collation" in t.options %} COLLATE {{ t.options.collation.value }}{% endif %}
{%- endmacro %}

{% macro type_arg(a) -%}
{% if a.kind == "int" %}{{ a.value }}{% elif a.kind == "str" %}{{ a.value | literal }}{% else %}{{ type(a.value) }}{% endif %}
{%- endmacro %}

{#- A server default: a string is a literal, {sql: ...} is written as is,
    in parentheses when it is more than one word (MySQL 8 expression
    defaults, as SQLAlchemy writes them). -#}
{% macro default(d) -%}
{% set d = d | resolve(what="the server default") %}
{% if d.kind in ["sql", "number"] and d.value | needs_parentheses and "ON UPDATE" not in d.value | upper %}({{ d.value }})
{%- elif d.kind in ["sql", "number"] %}{{ d.value }}
{%- else %}{{ d | literal }}{% endif %}
{%- endmacro %}

{#- A default as Alembic's ALTER statements write it: no parentheses. -#}
{% macro plain_default(d) -%}
{% set d = d | resolve(what="the server default") %}
{% if d.kind in ["sql", "number"] %}{{ d.value }}{% else %}{{ d | literal }}{% endif %}
{%- endmacro %}

{#- MySQL: NOT NULL before COMMENT, then AUTO_INCREMENT or DEFAULT. -#}
{#- `added`: the column is added to an existing table (add_column). MySQL
    refuses AUTO_INCREMENT on a column that is not a key, and the key comes
    in a later statement: as Alembic, an identity column that is not the
    primary key gets none (review note identity-not-generated). -#}
{% macro column(c, table, added=false) -%}
{% set t = c.type | resolve(what="the column type") %}
{{ c.name | quote }} {{ type(c.type) }}
{%- if c.computed is not none %} GENERATED ALWAYS AS ({{ c.computed.sqltext }}){% if c.computed.persisted is not none %} {{ "STORED" if c.computed.persisted else "VIRTUAL" }}{% endif %}{% endif %}
{%- if not c.nullable %} NOT NULL
{#- A TIMESTAMP column is NOT NULL unless it says NULL (explicit_defaults_for_timestamp off). #}
{%- elif t.kind in ["Dialect", "Upper"] and t.name == "TIMESTAMP" %} NULL{% endif %}
{%- if c.comment is not none %} COMMENT {{ c.comment | literal(comment=true) }}{% endif %}
{%- if (c.name == table.autoincrement_column or (c.identity is not none and not added)) and c.server_default is none %} AUTO_INCREMENT
{%- elif c.server_default is not none %} DEFAULT {{ default(c.server_default) }}{% endif %}
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
{%- elif c.kind == "foreign_key" %}FOREIGN KEY({{ names(c.columns) }}) REFERENCES {{ c.ref_table | table(c.ref_schema) }} ({{ names(c.ref_columns) }})
{%- if c.match is not none %}{{ fail("MySQL ignores MATCH on a foreign key and with it the ON DELETE and ON UPDATE actions (SQLAlchemy refuses it too): leave `match` out for MySQL") }}{% endif %}
{%- if c.ondelete is not none %} ON DELETE {{ phrase(c.ondelete, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "ondelete") }}{% endif %}
{%- if c.onupdate is not none %} ON UPDATE {{ phrase(c.onupdate, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "onupdate") }}{% endif %}
{#- SQLAlchemy writes them, and the engine refuses them (a syntax error). #}
{%- if c.deferrable is not none or c.initially is not none %}{{ fail("MySQL and MariaDB have no DEFERRABLE or INITIALLY on a foreign key (a syntax error). Fix: leave `deferrable` and `initially` out for MySQL") }}{% endif %}
{%- endif %}
{%- endmacro %}

{#- Whether a table-level constraint is written on this dialect: an enum's
    CHECK only where the enum is not native. -#}
{% macro writes(c, table) -%}
{% if c.kind != "enum_check" %}yes{% else %}{% for col in table.columns if col.name == c.columns[0] %}{% set t = col.type | resolve %}{% if not t.native_enum %}yes{% endif %}{% endfor %}{% endif %}
{%- endmacro %}

{# `length`: mysql_length, one prefix length for every column or a
   length by column name. #}
{% macro index_columns(columns, length=none) -%}
{% for c in columns %}{% if c is string %}{{ c | quote }}{% if length is number %}({{ length }}){% elif length is not none and c in length %}({{ length[c] }}){% endif %}{% else %}{{ c.sql }}{% endif %}{{ ", " if not loop.last }}{% endfor %}
{%- endmacro %}

{% macro create_index(ix, table_name, schema) -%}
{% if ix.where is not none %}{{ fail("MySQL has no partial indexes (`where:`); give this index per-dialect ops") }}{% endif %}
CREATE {{ "UNIQUE " if ix.unique }}{{ ix.mysql_prefix ~ " " if ix.mysql_prefix is not none }}INDEX {{ "IF NOT EXISTS " if ix.if_not_exists }}{{ ix.name | quote }} ON {{ table_name | table(schema) }} ({{ index_columns(ix.columns, ix.mysql_length) }})
{%- if ix.mysql_using is not none %} USING {{ ix.mysql_using | quote }}{% endif %}
{%- endmacro %}

{#- SQLAlchemy's uppercase types (and `Double`), written by name as
    SQLAlchemy writes them here; `refused` names those this engine has not. -#}
{% macro upper(t) -%}
{% set n = t.name %}
{% set refused = {"CLOB": "MySQL and MariaDB have no CLOB (TEXT is)"} %}
{% if n in refused %}{{ fail(n ~ " has no " ~ dialect.name ~ " form: " ~ refused[n] ~ "; give a mapping of dialect to type, e.g. {" ~ dialect.name ~ ": ..., default: " ~ n ~ "}") }}{% endif %}
{% if n in ["VARCHAR", "NVARCHAR"] and t.length is none %}{{ fail(n ~ " requires a length on dialect mysql: write " ~ n ~ "(n)") }}{% endif %}
{%- if n == "NVARCHAR" %}NATIONAL VARCHAR({{ t.length }}){{ collate(t) }}
{%- elif n == "BOOLEAN" %}BOOL
{%- elif n == "Double" %}DOUBLE
{%- elif n == "DOUBLE_PRECISION" %}DOUBLE PRECISION
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

{#- A character type's collation, unquoted as SQLAlchemy writes it on MySQL. -#}
{% macro collate(t) -%}
{% if t.collation is not none %} COLLATE {{ t.collation }}{% endif %}
{%- endmacro %}

{#- The foreign keys dropped with the index or key they used, added again:
    the engine makes each an index named after it. -#}
{% macro refit_foreign_keys(fks, table_name, schema) -%}
{% for fk in fks %}{{ statement_end }}
ALTER TABLE {{ table_name | table(schema) }} ADD {{ constraint({"kind": "foreign_key", "name": fk.name, "columns": fk.columns, "ref_table": fk.ref_table, "ref_schema": fk.ref_schema, "ref_columns": fk.ref_columns, "ondelete": fk.ondelete, "onupdate": fk.onupdate, "deferrable": fk.deferrable, "initially": fk.initially, "match": fk.match}) }}
{%- endfor %}
{%- endmacro %}
