ALTER TABLE {{ op.table | table(op.schema) }} COMMENT {{ op.comment | literal(comment=true) }}
