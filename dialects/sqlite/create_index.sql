{% import "macros.sql" as m %}
{{ m.create_index(op, op.table, op.schema) }}
