{# SQLite has no ADD COLUMN IF NOT EXISTS (Alembic writes it; SQLite refuses it):
   the plain ADD where the schema model knows the column is absent, nothing
   where it knows the column is there. #}
{% if not op.exists %}
{% set c = table.columns[0] %}
{# SQLite has no identity columns and refuses an added NOT NULL column
   without a default ("Cannot add a NOT NULL column with default value NULL"). #}
{% if c.identity is not none and not c.nullable and c.server_default is none %}
{{ fail("SQLite cannot add the identity column `" ~ c.name ~ "`: it has no identity columns, and an added NOT NULL column needs a server_default; write `nullable: true` (a plain INTEGER on SQLite), or create the table with the column") }}
{% endif %}
ALTER TABLE {{ table.name | table(table.schema) }} ADD COLUMN {{ m.column(c, table) }}
{{ statement_end }}
{% if table.constraints %}
{{ m.needs_rebuild("adding a column with a " ~ table.constraints[0].kind ~ " constraint") }}
{% endif %}
{% for ix in table.indexes %}
{{ m.create_index(ix, table.name, table.schema) }}
{{ statement_end }}
{% endfor %}
{# SQLite has no comments. #}
{% endif %}
