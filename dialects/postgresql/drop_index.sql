DROP INDEX {{ "CONCURRENTLY " if op.concurrently }}{{ "IF EXISTS " if op.if_exists }}{{ op.name | table(op.schema) }}
