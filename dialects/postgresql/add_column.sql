{% set c = table.columns[0] %}
ALTER TABLE {{ table.name | table(table.schema) }} ADD COLUMN {{ "IF NOT EXISTS " if op.if_not_exists }}{{ m.column(c, table) }}
{{ statement_end }}
{# Alembic adds the column's constraints and index with separate statements;
   a column the schema model knows is there has them already. #}
{% if not op.exists %}
{% for k in table.constraints if m.writes(k, table) %}
ALTER TABLE {{ table.name | table(table.schema) }} ADD {{ m.constraint(k) }}
{{ statement_end }}
{% endfor %}
{% for ix in table.indexes %}
{{ m.create_index(ix, table.name, table.schema) }}
{{ statement_end }}
{% endfor %}
{% endif %}
{% if c.comment is not none and not op.exists %}
{{ m.column_comment(table.name, table.schema, c.name, c.comment) }}
{% endif %}
