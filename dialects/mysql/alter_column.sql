{#- MySQL rewrites the whole column: CHANGE (a rename, or a DATETIME column,
    as Alembic does) or MODIFY, with the existing type, nullability, default
    and comment where the op does not change them; AUTO_INCREMENT as
    `autoincrement` says, else as the column was. A default alone is
    ALTER COLUMN ... SET/DROP DEFAULT. -#}
{% set type = op.type if op.type is not none else op.existing_type %}
{% set resolved = type | resolve(what="the column type") if type is not none else none %}
{% set datetime_default = resolved is not none and resolved.kind == "DateTime" and op.server_default.action != "remove" %}
{% set rewrite = op.nullable is not none or op.type is not none or op.comment.action != "keep" or op.autoincrement is not none %}
{% set auto_increment = op.autoincrement if op.autoincrement is not none else op.existing_autoincrement %}
{% if op.new_name is not none or datetime_default or rewrite %}
{% if type is none %}{{ fail("All MySQL CHANGE/MODIFY COLUMN operations require the existing type: give `existing_type:`") }}{% endif %}
{% set nullable = op.nullable if op.nullable is not none else (op.existing_nullable if op.existing_nullable is not none else true) %}
{% set default = op.server_default.value if op.server_default.action == "set" else (none if op.server_default.action == "remove" else op.existing_server_default) %}
{% set comment = op.comment.value if op.comment.action == "set" else (none if op.comment.action == "remove" else op.existing_comment) %}
ALTER TABLE {{ op.table | table(op.schema) }} {% if op.new_name is not none or datetime_default %}CHANGE {{ op.column | quote }} {{ (op.new_name if op.new_name is not none else op.column) | quote }}{% else %}MODIFY {{ op.column | quote }}{% endif %} {{ m.type(type) }} {{ "NULL" if nullable else "NOT NULL" }}
{%- if auto_increment %} AUTO_INCREMENT{% endif %}
{%- if default is not none %} DEFAULT {{ m.plain_default(default) }}{% endif %}
{%- if comment %} COMMENT {{ comment | literal(comment=true) }}{% endif %}

{% elif op.server_default.action == "set" %}
ALTER TABLE {{ op.table | table(op.schema) }} ALTER COLUMN {{ op.column | quote }} SET DEFAULT {{ m.plain_default(op.server_default.value) }}
{% elif op.server_default.action == "remove" %}
ALTER TABLE {{ op.table | table(op.schema) }} ALTER COLUMN {{ op.column | quote }} DROP DEFAULT
{% endif %}
