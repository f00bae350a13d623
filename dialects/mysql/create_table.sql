{# Each item written as it comes, after a separator: a list grown with `+`
   nested deeper with every column and made a wide table slow. #}
{% set ns = namespace(sep="    ") %}
{% set next = ", \n    " %}
CREATE TABLE {{ "IF NOT EXISTS " if op.if_not_exists }}{{ table.name | table(table.schema) }} (
{% for c in table.columns %}{{ ns.sep }}{{ m.column(c, table) }}{% set ns.sep = next %}{% endfor %}
{% if table.primary_key %}{{ ns.sep }}{{ m.constraint(table.primary_key) }}{% set ns.sep = next %}{% endif %}
{% for c in table.constraints if m.writes(c, table) %}{{ ns.sep }}{{ m.constraint(c) }}{% set ns.sep = next %}{% endfor %}
{{ "" }}
{# SQLAlchemy's table options, after the parenthesis, one space apart:
   ENGINE, DEFAULT CHARSET, CHARSET, ROW_FORMAT, the comment, and COLLATE
   last when a character set is given (SQLAlchemy puts it after them).
   The dialect serves MySQL and MariaDB: a `mariadb_*` option stands for
   its `mysql_*` twin, and the two must agree. #}
{% macro option(name) -%}
{% set mysql = op["mysql_" ~ name] %}{% set mariadb = op["mariadb_" ~ name] %}
{%- if mysql is not none and mariadb is not none and mysql != mariadb %}{{ fail("mysql_" ~ name ~ " `" ~ mysql ~ "` and mariadb_" ~ name ~ " `" ~ mariadb ~ "` differ: the mysql dialect writes one script for MySQL and MariaDB; give one value, or per-dialect ops") }}{% endif %}
{{- mysql if mysql is not none else (mariadb if mariadb is not none else "") }}
{%- endmacro %}
{% set engine = option("engine") %}
{% set default_charset = option("default_charset") %}
{% set charset = option("charset") %}
{% set row_format = option("row_format") %}
{% set collate = option("collate") %}
{% set options = [] %}
{% if engine %}{% set options = options + ["ENGINE=" ~ engine] %}{% endif %}
{% if default_charset %}{% set options = options + ["DEFAULT CHARSET=" ~ default_charset] %}{% endif %}
{% if charset %}{% set options = options + ["CHARSET=" ~ charset] %}{% endif %}
{% if row_format %}{% set options = options + ["ROW_FORMAT=" ~ row_format] %}{% endif %}
{% if collate and not (charset or default_charset) %}{% set options = options + ["COLLATE " ~ collate] %}{% endif %}
{% if table.comment is not none %}{% set options = options + ["COMMENT=" ~ (table.comment | literal(comment=true))] %}{% endif %}
{% if collate and (charset or default_charset) %}{% set options = options + ["COLLATE " ~ collate] %}{% endif %}
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
