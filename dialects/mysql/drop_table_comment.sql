ALTER TABLE {{ op.table | table(op.schema) }} COMMENT ''
