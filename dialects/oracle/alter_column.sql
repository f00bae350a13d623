{# Alembic's order on Oracle: NULL, DEFAULT, type, comment, then the rename. #}
{% set target = op.table | table(op.schema) %}
{% if op.nullable is not none %}
ALTER TABLE {{ target }} MODIFY {{ op.column | quote }} {{ "NULL" if op.nullable else "NOT NULL" }}
{{ statement_end }}
{% endif %}
{% if op.server_default.action == "set" %}
ALTER TABLE {{ target }} MODIFY {{ op.column | quote }} DEFAULT {{ m.default(op.server_default.value) }}
{{ statement_end }}
{% elif op.server_default.action == "remove" %}
ALTER TABLE {{ target }} MODIFY {{ op.column | quote }} DEFAULT NULL
{{ statement_end }}
{% endif %}
{% if op.type is not none %}
ALTER TABLE {{ target }} MODIFY {{ op.column | quote }} {{ m.type(op.type) }}
{{ statement_end }}
{% endif %}
{% if op.comment.action != "keep" %}
{{ m.column_comment(op.table, op.schema, op.column, op.comment.value if op.comment.action == "set" else "") }}
{{ statement_end }}
{% endif %}
{% if op.new_name is not none %}
ALTER TABLE {{ target }} RENAME COLUMN {{ op.column | quote }} TO {{ op.new_name | quote }}
{% endif %}
