ALTER TABLE {{ op.table | table(op.schema) }} DROP COLUMN {{ "IF EXISTS " if op.if_exists }}{{ op.column | quote }}
