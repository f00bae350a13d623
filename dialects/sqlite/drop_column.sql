{# SQLite has no DROP COLUMN IF EXISTS (Alembic writes it; SQLite refuses it):
   nothing where the schema model knows the column is absent. #}
{% if not op.absent %}
ALTER TABLE {{ op.table | table(op.schema) }} DROP COLUMN {{ op.column | quote }}
{% endif %}
