DROP TABLE {{ "IF EXISTS " if op.if_exists }}{{ op.name | table(op.schema) }}
