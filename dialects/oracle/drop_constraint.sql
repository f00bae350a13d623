{% if op.name is none %}{{ fail("Oracle gives a constraint created without a name a name no revision can know: name the constraint where it is created to drop it") }}{% endif -%}
ALTER TABLE {{ op.table | table(op.schema) }} DROP CONSTRAINT {{ "IF EXISTS " if op.if_exists }}{{ op.name | quote }}
