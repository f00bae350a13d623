{# The derived downgrade of a bulk_insert: one DELETE per row inserted, by the value it gave each primary key column. #}
{% for key in op.keys %}
DELETE FROM {{ op.table | table(op.schema) }} WHERE {% for pair in key %}{{ pair[0] | quote }} = {{ pair[1] | literal }}{{ " AND " if not loop.last }}{% endfor %}
{{ statement_end }}
{% endfor %}
