{{ m.create_index(op, op.table, op.schema) }}
