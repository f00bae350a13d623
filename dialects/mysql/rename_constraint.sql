{# MySQL has no RENAME CONSTRAINT: a unique key is an index, renamed as one;
   a foreign key or check is dropped and added again under its new name; a
   primary key is always named PRIMARY. #}
{% if op.type == "unique" %}
ALTER TABLE {{ op.table | table(op.schema) }} RENAME INDEX {{ op.old | quote }} TO {{ op.new | quote }}
{% elif op.type == "foreignkey" or op.type == "check" %}
ALTER TABLE {{ op.table | table(op.schema) }} DROP {{ "FOREIGN KEY" if op.type == "foreignkey" else "CONSTRAINT" }} {{ op.old | quote }}
{{ statement_end }}
ALTER TABLE {{ op.table | table(op.schema) }} ADD {{ m.constraint(table.constraints[0]) }}
{% elif op.type == "primary" %}
{{ fail("MySQL names every primary key PRIMARY: a primary key cannot be renamed on MySQL") }}
{% else %}
{{ fail("MySQL has no RENAME CONSTRAINT: give rename_constraint a `type:` (unique, foreignkey or check)") }}
{% endif %}
