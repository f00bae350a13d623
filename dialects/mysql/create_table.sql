{# Each item written as it comes, after a separator: a list grown with `+`
   nested deeper with every column and made a wide table slow. #}
{% set ns = namespace(sep="    ") %}
{% set next = ", \n    " %}
CREATE TABLE {{ "IF NOT EXISTS " if op.if_not_exists }}{{ table.name | table(table.schema) }} (
{% for c in table.columns %}{{ ns.sep }}{{ m.column(c, table) }}{% set ns.sep = next %}{% endfor %}
{% if table.primary_key %}{{ ns.sep }}{{ m.constraint(table.primary_key) }}{% set ns.sep = next %}{% endif %}
{% for c in table.constraints if m.writes(c, table) %}{{ ns.sep }}{{ m.constraint(c) }}{% set ns.sep = next %}{% endfor %}
{{ "" }}
{# SQLAlchemy's table options: mysql_engine, mysql_charset, mysql_collate,
    then the comment, after the parenthesis, one space apart. #}
{% set options = [] %}
{% if op.mysql_engine is not none %}{% set options = options + ["ENGINE=" ~ op.mysql_engine] %}{% endif %}
{% if op.mysql_charset is not none %}{% set options = options + ["CHARSET=" ~ op.mysql_charset] %}{% endif %}
{% if op.mysql_collate is not none %}{% set options = options + ["COLLATE " ~ op.mysql_collate] %}{% endif %}
{% if table.comment is not none %}{% set options = options + ["COMMENT=" ~ (table.comment | literal(comment=true))] %}{% endif %}
){{ options | join(" ") }}

{{ statement_end }}
{# A table the schema model knows is there: CREATE TABLE IF NOT EXISTS
   changes nothing, and its indexes and comments are not written. #}
{% if not op.exists %}
{% for ix in table.indexes %}
{{ m.create_index(ix, table.name, table.schema) }}
{{ statement_end }}
{% endfor %}
{% endif %}
{# Comments are inline on MySQL. #}
