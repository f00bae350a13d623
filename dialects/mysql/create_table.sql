{% set ns = namespace(lines=[]) %}
{% for c in table.columns %}{% set ns.lines = ns.lines + [m.column(c, table)] %}{% endfor %}
{% if table.primary_key %}{% set ns.lines = ns.lines + [m.constraint(table.primary_key)] %}{% endif %}
{% for c in table.constraints if m.writes(c, table) %}{% set ns.lines = ns.lines + [m.constraint(c)] %}{% endfor %}
CREATE TABLE {{ "IF NOT EXISTS " if op.if_not_exists }}{{ table.name | table(table.schema) }} (
    {{ ns.lines | join(", \n    ") }}
){% if table.comment is not none %}COMMENT={{ table.comment | literal(comment=true) }}{% endif %}

{{ statement_end }}
{% for ix in table.indexes %}
{{ m.create_index(ix, table.name, table.schema) }}
{{ statement_end }}
{% endfor %}
{# Comments are inline on MySQL. #}
