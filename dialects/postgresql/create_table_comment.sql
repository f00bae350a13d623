COMMENT ON TABLE {{ op.table | table(op.schema) }} IS {{ op.comment | literal(comment=true) }}
