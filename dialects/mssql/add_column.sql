{# SQL Server has no ADD ... IF NOT EXISTS (Alembic ignores `if_not_exists` here):
   the plain ADD where the schema model knows the column is absent, nothing
   where it knows the column is there. #}
{% if not op.exists %}
{% set c = table.columns[0] %}
ALTER TABLE {{ table.name | table(table.schema) }} ADD {{ m.column(c, table) }}
{{ statement_end }}
{# Alembic adds the column's constraints and index with separate statements. #}
{% for k in table.constraints if m.writes(k, table) %}
ALTER TABLE {{ table.name | table(table.schema) }} ADD {{ m.constraint(k) }}
{{ statement_end }}
{% endfor %}
{% for ix in table.indexes %}
{{ m.create_index(ix, table.name, table.schema) }}
{{ statement_end }}
{% endfor %}
{% if c.comment is not none %}
{{ m.column_comment(table.name, table.schema, c.name, c.comment) }}
{% endif %}
{% endif %}
