{# Alembic lets every bulk insert set identity values. #}
SET IDENTITY_INSERT {{ op.table | table(op.schema) }} ON
{{ statement_end }}
{% for row in op.rows %}
INSERT INTO {{ op.table | table(op.schema) }} ({% for pair in row %}{{ pair[0] | quote }}{{ ", " if not loop.last }}{% endfor %}) VALUES ({% for pair in row %}{{ pair[1] | literal }}{{ ", " if not loop.last }}{% endfor %})
{{ statement_end }}
{% endfor %}
SET IDENTITY_INSERT {{ op.table | table(op.schema) }} OFF
