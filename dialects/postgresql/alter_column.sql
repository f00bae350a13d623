{# Alembic's order on PostgreSQL: TYPE, NULL, DEFAULT, comment, then the rename. #}
{% set target = op.table | table(op.schema) %}
{% if op.type is not none %}
{#- Without `using:`, a change PostgreSQL cannot cast by itself gets a derived
    USING (dialect.yaml's type_change_casts); the column's default, which the
    engine would have to cast the same way, is dropped first and put back. -#}
{% set using = op.using %}
{% set derived = false %}
{% if using is none and op.existing_type is not none %}
{% set conversion = op.existing_type | resolve(what="the column type") | conversion_to(op.type | resolve(what="the column type")) %}
{% if conversion == "direct" %}
{% set using = (op.column | quote) ~ "::" ~ m.type(op.type) %}
{% elif conversion == "via" %}
{% set using = (op.column | quote) ~ "::" ~ dialect.type_change_casts.via ~ "::" ~ m.type(op.type) %}
{% endif %}
{% set derived = using is not none %}
{% endif %}
{% set default_moved = derived and op.existing_server_default is not none %}
{% if default_moved %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} DROP DEFAULT
{{ statement_end }}
{% endif %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} TYPE {{ m.type(op.type) }}{% if using is not none %} USING {{ using }}{% endif %}

{{ statement_end }}
{% if default_moved and op.server_default.action == "keep" %}
ALTER TABLE {{ target }} ALTER COLUMN {{ op.column | quote }} SET DEFAULT {{ m.default(op.existing_server_default) }}
{{ statement_end }}
{% endif %}
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
