{# One INSERT per row, with the row's own columns, as Alembic writes them offline. #}
{% from "macros.sql" import row_value %}
{% for row in op.rows %}
INSERT INTO {{ op.table | table(op.schema) }} ({% for pair in row %}{{ pair[0] | quote }}{{ ", " if not loop.last }}{% endfor %}) VALUES ({% for pair in row %}{{ row_value(pair[1], op.column_types[pair[0]] if op.column_types else none) }}{{ ", " if not loop.last }}{% endfor %})
{{ statement_end }}
{% endfor %}
