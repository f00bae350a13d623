{#- Alembic sets IDENTITY_INSERT around every bulk insert, so that rows may
    give identity values; SQL Server refuses it on a table without an identity
    column, so retort sets it only where the schema model knows there is one
    (or does not know). -#}
{% set identity = op.has_identity is none or op.has_identity %}
{% if identity %}
SET IDENTITY_INSERT {{ op.table | table(op.schema) }} ON
{{ statement_end }}
{% endif %}
{% for row in op.rows %}
INSERT INTO {{ op.table | table(op.schema) }} ({% for pair in row %}{{ pair[0] | quote }}{{ ", " if not loop.last }}{% endfor %}) VALUES ({% for pair in row %}{{ pair[1] | literal }}{{ ", " if not loop.last }}{% endfor %})
{{ statement_end }}
{% endfor %}
{% if identity %}
SET IDENTITY_INSERT {{ op.table | table(op.schema) }} OFF
{% endif %}
