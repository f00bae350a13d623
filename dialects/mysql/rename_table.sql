{# MySQL keeps the table in its schema only when the new name says so. #}
ALTER TABLE {{ op.old | table(op.schema) }} RENAME TO {{ op.new | table(op.schema) }}
