{#- A table rebuild, as Alembic's batch mode "move and copy" writes it: the
    new definition under a temporary name, the rows copied (CAST where a
    column's type changes kind), the old table dropped, the new one renamed,
    its indexes created again. `table` is the new definition. -#}
{% with op = op.create %}{% include "create_table.sql" %}{% endwith %}
{{ statement_end }}
{% set source = op.table | table(op.schema) %}
INSERT INTO {{ op.temp_table | table(op.schema) }} ({% for c in op.copy %}{{ c.name | quote }}{{ ", " if not loop.last }}{% endfor %}) SELECT {% for c in op.copy %}{% if c.cast is not none %}CAST({{ source }}.{{ c.source | quote }} AS {{ m.type(c.cast) }}) AS {{ c.source | quote }}{% else %}{{ source }}.{{ c.source | quote }}{% endif %}{{ ", " if not loop.last }}{% endfor %}{{ " " }}
FROM {{ source }}
{{ statement_end }}
DROP TABLE {{ source }}
{{ statement_end }}
ALTER TABLE {{ op.temp_table | table(op.schema) }} RENAME TO {{ op.table | quote }}
{{ statement_end }}
{% for ix in op.indexes %}
{{ m.create_index(ix, ix.table, ix.schema) }}
{{ statement_end }}
{% endfor %}
