{# The derived downgrade of a bulk_insert: one DELETE per row inserted, by the value it gave each primary key column, written as bulk_insert wrote it. #}
{% from "macros.sql" import row_value %}
{% for key in op.keys %}
DELETE FROM {{ op.table | table(op.schema) }} WHERE {% for pair in key %}{{ pair[0] | quote }} = {{ row_value(pair[1], op.column_types[pair[0]]) }}{{ " AND " if not loop.last }}{% endfor %}
{{ statement_end }}
{% endfor %}
