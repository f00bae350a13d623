{{ m.table_comment(op.table, op.schema, op.comment) }}
