{# SQLite cannot rename an index: it is dropped and created again under its
   new name. #}
DROP INDEX {{ op.old | table(op.schema) }}
{{ statement_end }}
{{ m.create_index(table.indexes[0], table.name, table.schema) }}
