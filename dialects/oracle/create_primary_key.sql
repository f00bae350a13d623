ALTER TABLE {{ op.table | table(op.schema) }} ADD CONSTRAINT {{ op.name | quote }} PRIMARY KEY ({% import "macros.sql" as m %}{{ m.names(op.columns) }})
