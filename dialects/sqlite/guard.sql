{#- A retort guard (see postgresql/guard.sql for the context). SQLite has no
    procedural code, so the check is a SELECT that fails: when the rows are not
    the expected ones it evaluates json_extract() with the message as a JSON
    path, and SQLite stops with "JSON path error near '<message>'". The script
    stops there when run with `sqlite3 -bail`. -#}
SELECT json_extract('{}', {{ message | literal }} || COALESCE((SELECT group_concat(version_num, ', ') FROM (SELECT version_num FROM {{ table | table(schema) }} ORDER BY version_num)), 'no rows'))
WHERE (SELECT count(*) FROM {{ table | table(schema) }}
{%- if expected %} WHERE version_num IN ({% for v in expected %}{{ v | literal }}{{ ", " if not loop.last }}{% endfor %}){% endif %}) <> {{ expected | length }}
