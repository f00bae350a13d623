{#- SQLite's ALTER TABLE renames a column and nothing else; it has no
    comments. Any other change needs the table rebuilt. -#}
{% if op.nullable is not none %}{{ m.needs_rebuild("changing a column's nullability") }}{% endif %}
{% if op.type is not none %}{{ m.needs_rebuild("changing a column's type") }}{% endif %}
{% if op.server_default.action != "keep" %}{{ m.needs_rebuild("changing a column's default") }}{% endif %}
{% if op.new_name is not none %}
ALTER TABLE {{ op.table | table(op.schema) }} RENAME COLUMN {{ op.column | quote }} TO {{ op.new_name | quote }}
{% endif %}
