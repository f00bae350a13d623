ALTER TABLE {{ op.table | table(op.schema) }} DROP CONSTRAINT {{ op.name | quote }}
