{% set c = table.columns[0] %}
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
