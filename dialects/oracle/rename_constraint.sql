ALTER TABLE {{ op.table | table(op.schema) }} RENAME CONSTRAINT {{ op.old | quote }} TO {{ op.new | quote }}
