{# A column with a default has a default constraint that must go first, as
   must its check and foreign key with `mssql_drop_check` and
   `mssql_drop_foreign_key` (Alembic's blocks, which find them by column). #}
{% if not op.absent %}
{% if op.mssql_drop_default or (op.existing is not none and op.existing.server_default is not none) %}
{{ m.drop_column_constraint(op.table, op.schema, op.column, "sys.default_constraints") }}
{{ statement_end }}
{% endif %}
{% if op.mssql_drop_check %}
{{ m.drop_column_constraint(op.table, op.schema, op.column, "sys.check_constraints") }}
{{ statement_end }}
{% endif %}
{% if op.mssql_drop_foreign_key %}
{{ m.drop_column_foreign_key(op.table, op.schema, op.column) }}
{{ statement_end }}
{% endif %}
{% endif %}
ALTER TABLE {{ op.table | table(op.schema) }} DROP COLUMN {{ "IF EXISTS " if op.if_exists }}{{ op.column | quote }}
