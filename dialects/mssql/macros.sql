{#- Shared pieces of the SQL Server templates: types, columns, constraints.
    Every identifier goes through `quote`/`table`, every value through
    `literal`; {sql: ...} defaults, check conditions and index expressions
    are SQL text and are written as they are. -#}

{#- DATE, TIME and the like are DATETIME: SQLAlchemy assumes a server older
    than 2008 when it has no connection, and Alembic's offline output shows it. -#}
{% macro type(t) -%}
{% set t = t | resolve(what="the column type") %}
{% if t.kind == "Integer" %}INTEGER
{%- elif t.kind == "SmallInteger" %}SMALLINT
{%- elif t.kind == "BigInteger" %}BIGINT
{%- elif t.kind == "String" %}VARCHAR({{ t.length if t.length is not none else "max" }}){{ collate(t) }}
{%- elif t.kind == "Unicode" %}NVARCHAR({{ t.length if t.length is not none else "max" }}){{ collate(t) }}
{%- elif t.kind == "Text" %}TEXT{% if t.length is not none %}({{ t.length }}){% endif %}{{ collate(t) }}
{%- elif t.kind == "UnicodeText" %}NTEXT
{%- elif t.kind == "Boolean" %}BIT
{%- elif t.kind == "Float" %}FLOAT{% if t.precision is not none %}({{ t.precision }}){% endif %}
{%- elif t.kind == "Numeric" %}{{ numeric(t) }}
{%- elif t.kind == "Date" %}DATETIME
{%- elif t.kind == "DateTime" %}{{ "DATETIMEOFFSET" if t.timezone else "DATETIME" }}
{%- elif t.kind == "Time" %}DATETIME
{%- elif t.kind == "Interval" %}DATETIME
{%- elif t.kind == "LargeBinary" %}IMAGE
{%- elif t.kind == "JSON" %}NVARCHAR(max)
{%- elif t.kind == "Uuid" %}UNIQUEIDENTIFIER
{%- elif t.kind == "Enum" %}VARCHAR({{ enum_length(t) }})
{%- elif t.kind == "Sql" %}{{ t.sql }}
{%- elif t.kind == "Upper" %}{{ upper(t) }}
{%- elif t.kind == "Dialect" %}{{ dialect_type(t) }}
{%- else %}{{ fail("type " ~ t.kind ~ " has no SQL Server form") }}
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
IDENTITY{% if i.start is not none or i.increment is not none %}({{ i.start if i.start is not none else 1 }},{{ i.increment if i.increment is not none else 1 }}){% endif %}
{%- endmacro %}

{#- SQL Server: NULL or NOT NULL always, then IDENTITY or DEFAULT. A
    computed column has no type and no NULL, only NOT NULL (SQLAlchemy). -#}
{% macro column(c, table) -%}
{% set auto = c.name == table.autoincrement_column or c.autoincrement == true %}
{{ c.name | quote }} {% if c.computed is not none %}AS ({{ c.computed.sqltext }}){{ " PERSISTED" if c.computed.persisted }}{% else %}{{ type(c.type) }}{% endif %}
{%- if not c.nullable or c.primary_key or c.autoincrement == true or c.identity is not none %} NOT NULL{% elif c.computed is none %} NULL{% endif %}
{%- if c.identity is not none %} {{ identity(c.identity) }}
{%- elif auto %} IDENTITY
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
{%- elif c.kind == "foreign_key" %}FOREIGN KEY({{ names(c.columns) }}) REFERENCES {{ c.ref_table | table(c.ref_schema) }} ({{ names(c.ref_columns) }})
{%- if c.match is not none %}{{ fail("SQL Server has no MATCH on a foreign key: leave `match` out for SQL Server") }}{% endif %}
{%- if c.ondelete is not none %} ON DELETE {{ phrase(c.ondelete, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "ondelete") }}{% endif %}
{%- if c.onupdate is not none %} ON UPDATE {{ phrase(c.onupdate, ["RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"], "onupdate") }}{% endif %}
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

{#- SQL Server has no CREATE INDEX IF NOT EXISTS: Alembic leaves it out.
    `where` makes a filtered index. `mssql_clustered` says CLUSTERED or
    NONCLUSTERED, only when the revision says. -#}
{% macro create_index(ix, table_name, schema) -%}
CREATE {{ "UNIQUE " if ix.unique }}{% if ix.mssql_clustered is not none %}{{ "CLUSTERED " if ix.mssql_clustered else "NONCLUSTERED " }}{% endif %}INDEX {{ ix.name | quote }} ON {{ table_name | table(schema) }} ({{ index_columns(ix.columns) }})
{%- if ix.mssql_include %} INCLUDE ({{ names(ix.mssql_include) }}){% endif %}
{%- if ix.where is not none %} WHERE {{ ix.where }}{% endif %}
{%- endmacro %}

{#- sp_addextendedproperty needs a schema: the op's, else the dialect's default. -#}
{% macro comment_schema(schema) -%}
{{ (schema if schema is not none else dialect.default_schema) | quote }}
{%- endmacro %}

{#- A comment, as sp_addextendedproperty takes it: a constant N'...'. -#}
{% macro nliteral(text) -%}
N{{ text | literal(constant=true, comment=true) }}
{%- endmacro %}

{#- A column comment as SQLAlchemy writes it in CREATE TABLE (`execute`). -#}
{% macro column_comment(table_name, schema, column, comment) -%}
execute sp_addextendedproperty 'MS_Description', {{ nliteral(comment) }}, 'schema', {{ comment_schema(schema) }}, 'table', {{ table_name | quote }}, 'column', {{ column | quote }}
{%- endmacro %}

{% macro table_comment(table_name, schema, comment) -%}
execute sp_addextendedproperty 'MS_Description', {{ nliteral(comment) }}, 'schema', {{ comment_schema(schema) }}, 'table', {{ table_name | quote }}
{%- endmacro %}

{#- The T-SQL block Alembic writes to drop a column's unnamed default constraint. -#}
{% macro drop_default(table_name, schema, column) -%}
{{ drop_column_constraint(table_name, schema, column, "sys.default_constraints") }}
{%- endmacro %}

{#- Alembic's drop of a column's constraint found in `catalog`
    (sys.default_constraints, sys.check_constraints) by the column, whatever
    its name. -#}
{% macro drop_column_constraint(table_name, schema, column, catalog) -%}
declare @const_name varchar(256)
select @const_name = QUOTENAME([name]) from {{ catalog }}
where parent_object_id = object_id({{ (table_name | table(schema)) | literal }})
and col_name(parent_object_id, parent_column_id) = {{ column | literal }}
exec('alter table {{ table_name | table(schema) }} drop constraint ' + @const_name)
{%- endmacro %}

{#- Alembic's drop of the foreign key on a column, whatever its name. -#}
{% macro drop_column_foreign_key(table_name, schema, column) -%}
declare @const_name varchar(256)
select @const_name = QUOTENAME([name]) from
sys.foreign_keys fk join sys.foreign_key_columns fkc
on fk.object_id=fkc.constraint_object_id
where fkc.parent_object_id = object_id({{ (table_name | table(schema)) | literal }})
and col_name(fkc.parent_object_id, fkc.parent_column_id) = {{ column | literal }}
exec('alter table {{ table_name | table(schema) }} drop constraint ' + @const_name)
{%- endmacro %}

{#- SQLAlchemy's uppercase types (and `Double`), written by name as
    SQLAlchemy writes them here; `refused` names those this engine has not. -#}
{% macro upper(t) -%}
{% set n = t.name %}
{% set refused = {"UUID": "SQL Server has no UUID (Uuid is UNIQUEIDENTIFIER)", "BOOLEAN": "SQL Server has no BOOLEAN (Boolean is BIT)", "DOUBLE": "SQL Server has no DOUBLE (Double is DOUBLE PRECISION)", "BLOB": "SQL Server has no BLOB (LargeBinary is IMAGE)", "CLOB": "SQL Server has no CLOB"} %}
{% if n in refused %}{{ fail(n ~ " has no " ~ dialect.name ~ " form: " ~ refused[n] ~ "; give a mapping of dialect to type, e.g. {" ~ dialect.name ~ ": ..., default: " ~ n ~ "}") }}{% endif %}
{% if n in ["VARCHAR", "NVARCHAR"] and t.length is none %}{{ n }}(max){{ collate(t) }}
{%- elif n in ["Double", "DOUBLE_PRECISION"] %}DOUBLE PRECISION
{%- elif n == "JSON" %}NVARCHAR(max)
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

{#- A character type's collation, unquoted as SQLAlchemy writes it on SQL Server. -#}
{% macro collate(t) -%}
{% if t.collation is not none %} COLLATE {{ t.collation }}{% endif %}
{%- endmacro %}
