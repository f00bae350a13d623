{#- Alembic on SQL Server: the NULL/NOT NULL statement carries the type (the
    new one, else the existing one); a type change alone keeps the existing
    nullability when it is known. A changed or dropped default first drops
    the existing default constraint, then ADD DEFAULT ... FOR; comments are
    extended properties; the rename comes last. -#}
{% set target = op.table | table(op.schema) %}
{% set ns = namespace(nullable=op.nullable, type=op.type, existing_type=op.existing_type) %}
{% if op.nullable is not none %}
  {% if op.type is not none %}{% set ns.existing_type = op.type %}{% set ns.type = none %}
  {% elif op.existing_type is none %}{{ fail("SQL Server's ALTER COLUMN with NULL or NOT NULL needs the column's type: give `existing_type:` or `type:`") }}
  {% endif %}
{% elif op.existing_nullable is not none and op.type is not none %}
  {% set ns.nullable = op.existing_nullable %}{% set ns.existing_type = op.type %}{% set ns.type = none %}
{% endif %}
{% if op.server_default.action == "remove" or (op.server_default.action == "set" and op.existing_server_default is not none) %}
{{ m.drop_default(op.table, op.schema, op.column) }}
{{ statement_end }}
{% endif %}
{% if ns.nullable is not none %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} {{ m.type(ns.existing_type) }} {{ "NULL" if ns.nullable else "NOT NULL" }}
{{ statement_end }}
{% endif %}
{% if ns.type is not none %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} {{ m.type(ns.type) }}
{{ statement_end }}
{% endif %}
{% if op.comment.action == "set" %}
exec sp_{{ "update" if op.existing_comment is not none else "add" }}extendedproperty 'MS_Description', {{ m.nliteral(op.comment.value) }}, 'schema', {{ m.comment_schema(op.schema) }}, 'table', {{ op.table | quote }}, 'column', {{ op.column | quote }}
{{ statement_end }}
{% elif op.comment.action == "remove" %}
exec sp_dropextendedproperty 'MS_Description', 'schema', {{ m.comment_schema(op.schema) }}, 'table', {{ op.table | quote }}, 'column', {{ op.column | quote }}
{{ statement_end }}
{% endif %}
{% if op.server_default.action == "set" %}
ALTER TABLE {{ target }} ADD DEFAULT {{ m.default(op.server_default.value) }} FOR {{ op.column | quote }}
{{ statement_end }}
{% endif %}
{% if op.new_name is not none %}
EXEC sp_rename {{ (target ~ "." ~ (op.column | quote)) | literal }}, {{ op.new_name | quote }}, 'COLUMN'
{% endif %}
