ALTER TABLE {{ op.table | table(op.schema) }} ADD CONSTRAINT {{ op.name | quote }} CHECK ({{ op.condition }})
