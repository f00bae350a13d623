ALTER TABLE {{ op.table | table(op.schema) }} RENAME INDEX {{ op.old | quote }} TO {{ op.new | quote }}
