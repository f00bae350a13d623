{# One INSERT per row, with the row's own columns, as Alembic writes them offline. #}
{% for row in op.rows %}
INSERT INTO {{ op.table | table(op.schema) }} ({% for pair in row %}{{ pair[0] | quote }}{{ ", " if not loop.last }}{% endfor %}) VALUES ({% for pair in row %}{{ pair[1] | literal }}{{ ", " if not loop.last }}{% endfor %})
{{ statement_end }}
{% endfor %}
