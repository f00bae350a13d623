ALTER TABLE {{ op.table | table(op.schema) }} ADD CONSTRAINT {{ op.name | quote }} PRIMARY KEY ({{ m.names(op.columns) }})
