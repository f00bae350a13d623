{% if op.table is none %}{{ fail("SQL Server's DROP INDEX names the table: give drop_index a `table:`") }}{% endif %}
DROP INDEX {{ "IF EXISTS " if op.if_exists }}{{ op.name | quote }} ON {{ op.table | table(op.schema) }}
