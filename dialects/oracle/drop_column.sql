ALTER TABLE {{ op.table | table(op.schema) }} DROP COLUMN {{ op.column | quote }}
