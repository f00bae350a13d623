DROP TYPE {{ op.name | table(op.schema) }}
