{# CREATE TYPE for each native enum, before the table (SQLAlchemy's before_create);
   the schema model lists in `creates_enums` the types that do not exist yet;
   a type two columns share is created once; postgresql.ENUM(create_type=False)
   is a type made before. #}
{% set enums = namespace(written=[]) %}
{% for c in table.columns %}{% set t = c.type | resolve %}{% if t.kind == "Enum" and t.native_enum and t.name not in enums.written and (t.name in op.creates_enums if op.creates_enums is not none else t.create_type) %}{% set enums.written = enums.written + [t.name] %}
CREATE TYPE {{ m.enum_name(t) }} AS ENUM ({% for v in t.values %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %})
{{ statement_end }}
{% endif %}{% endfor %}
{# Each item written as it comes, after a separator: a list grown with `+`
   nested deeper with every column and made a wide table slow. #}
{% set ns = namespace(sep="    ") %}
{% set next = ", \n    " %}
CREATE TABLE {{ "IF NOT EXISTS " if op.if_not_exists }}{{ table.name | table(table.schema) }} (
{% for c in table.columns %}{{ ns.sep }}{{ m.column(c, table) }}{% set ns.sep = next %}{% endfor %}
{% if table.primary_key %}{{ ns.sep }}{{ m.constraint(table.primary_key) }}{% set ns.sep = next %}{% endif %}
{#- PostgreSQL's CREATE TABLE leaves out a unique constraint on the columns
    of the primary key or of an earlier unique one (parse_utilcmd.c), which
    the model has: such a key is added after the table, as ALTER TABLE
    keeps it (tests/it/engines/unnamed.rs). #}
{#- A foreign key to the table itself whose referenced columns no key of the
    CREATE TABLE has (a unique index: written after it) is added after the
    indexes: PostgreSQL checks the target when the key is created. -#}
{% macro keyed(columns) -%}
{% set wanted = columns | sort %}{% if table.primary_key and (table.primary_key.columns | sort) == wanted %}yes{% else %}{% for k in table.constraints if k.kind == "unique" and (k.columns | sort) == wanted %}yes{% endfor %}{% endif %}
{%- endmacro %}
{% set keys = namespace(seen=([table.primary_key.columns] if table.primary_key else []), later=[], later_foreign=[]) %}
{% for c in table.constraints if m.writes(c, table) %}{% if c.kind == "unique" and c.columns in keys.seen %}{% set keys.later = keys.later + [c] %}{% elif c.kind == "foreign_key" and c.ref_table == table.name and c.ref_schema == table.schema and not keyed(c.ref_columns) %}{% set keys.later_foreign = keys.later_foreign + [c] %}{% else %}{% if c.kind == "unique" %}{% set keys.seen = keys.seen + [c.columns] %}{% endif %}{{ ns.sep }}{{ m.constraint(c) }}{% set ns.sep = next %}{% endif %}{% endfor %}
{{ "" }}
){% if op.postgresql_partition_by is not none %}{{ "\n" }} PARTITION BY {{ op.postgresql_partition_by }}{% endif %}
{{ statement_end }}
{# A table the schema model knows is there: CREATE TABLE IF NOT EXISTS
   changes nothing, and its indexes and comments are not written. #}
{% if not op.exists %}
{% for c in keys.later %}
ALTER TABLE {{ table.name | table(table.schema) }} ADD {{ m.constraint(c) }}
{{ statement_end }}
{% endfor %}
{% for ix in table.indexes %}
{{ m.create_index(ix, table.name, table.schema) }}
{{ statement_end }}
{% endfor %}
{% for c in keys.later_foreign %}
ALTER TABLE {{ table.name | table(table.schema) }} ADD {{ m.constraint(c) }}
{{ statement_end }}
{% endfor %}
{% if table.comment is not none %}
COMMENT ON TABLE {{ table.name | table(table.schema) }} IS {{ table.comment | literal(comment=true) }}
{{ statement_end }}
{% endif %}
{% for c in table.columns if c.comment is not none %}
{{ m.column_comment(table.name, table.schema, c.name, c.comment) }}
{{ statement_end }}
{% endfor %}
{% endif %}
