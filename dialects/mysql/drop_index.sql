{% if op.table is none %}{{ fail("MySQL's DROP INDEX names the table: give drop_index a `table:`") }}{% endif %}
{#- The engine refuses to drop the index a foreign key uses (error 1553):
    the foreign keys go with it and come back, with an index of their own. -#}
{% if op.refit_foreign_keys %}
ALTER TABLE {{ op.table | table(op.schema) }} {% for fk in op.refit_foreign_keys %}DROP FOREIGN KEY {{ fk.name | quote }}, {% endfor %}DROP INDEX {{ op.name | quote }}
{{ m.refit_foreign_keys(op.refit_foreign_keys, op.table, op.schema) }}
{%- else %}
DROP INDEX {{ "IF EXISTS " if op.if_exists }}{{ op.name | quote }} ON {{ op.table | table(op.schema) }}
{%- endif %}
