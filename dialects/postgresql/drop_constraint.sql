ALTER TABLE {{ op.table | table(op.schema) }} DROP CONSTRAINT {{ "IF EXISTS " if op.if_exists }}{{ op.name | quote }}
