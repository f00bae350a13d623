{# Alembic's order on PostgreSQL: TYPE, NULL, DEFAULT, comment, then the rename. #}
{% set target = op.table | table(op.schema) %}
{% if op.type is not none %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} TYPE {{ m.type(op.type) }}{% if op.using is not none %} USING {{ op.using }}{% endif %}

{{ statement_end }}
{% elif op.using is not none %}
{{ fail("`using` needs a new `type`") }}
{% endif %}
{% if op.nullable is not none %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} {{ "DROP" if op.nullable else "SET" }} NOT NULL
{{ statement_end }}
{% endif %}
{% if op.server_default.action == "set" %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} SET DEFAULT {{ m.default(op.server_default.value) }}
{{ statement_end }}
{% elif op.server_default.action == "remove" %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} DROP DEFAULT
{{ statement_end }}
{% endif %}
{% if op.comment.action == "set" %}
{{ m.column_comment(op.table, op.schema, op.column, op.comment.value) }}
{{ statement_end }}
{% elif op.comment.action == "remove" %}
COMMENT ON COLUMN {{ target }}.{{ op.column | quote }} IS NULL
{{ statement_end }}
{% endif %}
{% if op.new_name is not none %}
ALTER TABLE {{ target }} RENAME {{ op.column | quote }} TO {{ op.new_name | quote }}
{% endif %}
