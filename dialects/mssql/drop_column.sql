{# A column with a default has a default constraint that must go first. #}
{% if op.existing is not none and op.existing.server_default is not none %}
{{ m.drop_default(op.table, op.schema, op.column) }}
{{ statement_end }}
{% endif %}
ALTER TABLE {{ op.table | table(op.schema) }} DROP COLUMN {{ op.column | quote }}
