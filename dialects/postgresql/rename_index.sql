ALTER INDEX {{ op.old | table(op.schema) }} RENAME TO {{ op.new | quote }}
