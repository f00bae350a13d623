ALTER TABLE {{ op.table | table(op.schema) }} ADD CONSTRAINT {{ op.name | quote }} UNIQUE ({{ m.names(op.columns) }})
