COMMENT ON TABLE {{ op.table | table(op.schema) }} IS ''
